/* Multiboot2 boot information (GRUB): total_size, reserved, then 8-byte
 * aligned tags {type, size, ...} up to an end tag (type 0). */
#ifndef SPINEL_MB2_H
#define SPINEL_MB2_H

#include "boot/bootinfo.h"

#define MB2_TAG_END 0
#define MB2_TAG_CMDLINE 1
#define MB2_TAG_MODULE 3
#define MB2_TAG_MMAP 6
#define MB2_MMAP_ENTRY_MIN 24

/* Fills bi from info[0 .. len) (len covers at least total_size bytes).
 * Reads nothing outside info[0 .. len), whatever the bytes say. */
/*@ requires BootInfoValid(bi);
    requires BootBytes(info, len, bi);
    terminates \true;
    assigns bi->nregions, bi->regions[0 .. BOOT_REGIONS_MAX - 1], bi->nmodules,
            bi->modules[0 .. BOOT_MODULES_MAX - 1], bi->modules_skipped,
            bi->warned[0 .. BOOT_ERR_COUNT - 1], bi->cmdline[0 .. BOOT_CMDLINE_MAX - 1];
    ensures BootInfoValid(bi);
    behavior short:
      assumes len < 16;
      assigns \nothing;
      ensures \result == BOOT_ERR_TRUNCATED;
    behavior bad_total:
      assumes len >= 16 && (Le32(info) < 16 || Le32(info) > len);
      assigns \nothing;
      ensures \result == BOOT_ERR_TRUNCATED;
    behavior tags:
      assumes len >= 16 && 16 <= Le32(info) <= len;
      ensures \result == BOOT_OK || \result == BOOT_ERR_NO_MMAP || \result == BOOT_ERR_BAD_TAG ||
              \result == BOOT_ERR_BAD_MMAP || \result == BOOT_ERR_TOO_MANY_REGIONS;
      ensures \result == BOOT_OK ==> bi->nregions >= \old(bi->nregions);
    complete behaviors;
    disjoint behaviors;
*/
int mb2_parse(const uint8_t *info, uint64_t len, struct boot_info *bi);

#endif
