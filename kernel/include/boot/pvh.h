/* PVH boot (QEMU -kernel): struct hvm_start_info and the tables it points
 * to. The arch code maps each piece and hands it over as bytes. */
#ifndef SPINEL_PVH_H
#define SPINEL_PVH_H

#include "boot/bootinfo.h"

#define PVH_START_MAGIC 0x336ec578u
#define PVH_START_SIZE 56        /* version 1: has the memory map fields */
#define PVH_MODULE_SIZE 32       /* struct hvm_modlist_entry */
#define PVH_MEMMAP_ENTRY_SIZE 24 /* struct hvm_memmap_table_entry */

struct pvh_start {
    uint32_t version;
    uint32_t nr_modules;
    uint64_t modlist_paddr;
    uint64_t cmdline_paddr;
    uint64_t memmap_paddr;
    uint32_t memmap_entries;
};

struct pvh_module {
    uint64_t paddr;
    uint64_t size;
    uint64_t cmdline_paddr;
};

/*@ requires \valid_read(si + (0 .. len - 1)) && \valid(out);
    requires \separated(si + (0 .. len - 1), out);
    terminates \true;
    assigns *out;
    behavior short:
      assumes len < 8;
      assigns \nothing;
      ensures \result == BOOT_ERR_TRUNCATED;
    behavior bad_magic:
      assumes len >= 8 && Le32(si) != PVH_START_MAGIC;
      assigns \nothing;
      ensures \result == BOOT_ERR_BAD_MAGIC;
    behavior no_memmap:
      assumes len >= 8 && Le32(si) == PVH_START_MAGIC && Le32(si + 4) == 0;
      assigns \nothing;
      ensures \result == BOOT_ERR_NO_MMAP;
    behavior truncated:
      assumes len >= 8 && Le32(si) == PVH_START_MAGIC && Le32(si + 4) != 0 && len < PVH_START_SIZE;
      assigns \nothing;
      ensures \result == BOOT_ERR_TRUNCATED;
    behavior ok:
      assumes len >= PVH_START_SIZE && Le32(si) == PVH_START_MAGIC && Le32(si + 4) != 0;
      ensures \result == BOOT_OK;
      ensures out->version == Le32(si + 4) && out->nr_modules == Le32(si + 12);
      ensures out->modlist_paddr == Le64(si + 16) && out->cmdline_paddr == Le64(si + 24);
      ensures out->memmap_paddr == Le64(si + 40) && out->memmap_entries == Le32(si + 48);
    complete behaviors;
    disjoint behaviors;
*/
int pvh_parse_start(const uint8_t *si, uint64_t len, struct pvh_start *out);

/* The memory map: entries records of 24 bytes in table[0 .. len). */
/*@ requires BootInfoValid(bi) && BootBytes(table, len, bi);
    terminates \true;
    assigns bi->nregions, bi->regions[0 .. BOOT_REGIONS_MAX - 1];
    ensures BootInfoValid(bi);
    behavior empty:
      assumes entries == 0;
      assigns \nothing;
      ensures \result == BOOT_ERR_NO_MMAP;
    behavior truncated:
      assumes entries > 0 && entries * PVH_MEMMAP_ENTRY_SIZE > len;
      assigns \nothing;
      ensures \result == BOOT_ERR_TRUNCATED;
    behavior entries:
      assumes entries > 0 && entries * PVH_MEMMAP_ENTRY_SIZE <= len;
      ensures \result == BOOT_OK || \result == BOOT_ERR_BAD_MMAP || \result == BOOT_ERR_TOO_MANY_REGIONS;
      ensures \result == BOOT_OK ==> bi->nregions >= \old(bi->nregions);
    complete behaviors;
    disjoint behaviors;
*/
int pvh_parse_memmap(const uint8_t *table, uint64_t len, uint32_t entries, struct boot_info *bi);

/* One module list entry. */
/*@ requires \valid_read(entry + (0 .. len - 1)) && \valid(out);
    requires \separated(entry + (0 .. len - 1), out);
    terminates \true;
    assigns *out;
    behavior short:
      assumes len < PVH_MODULE_SIZE;
      assigns \nothing;
      ensures \result == BOOT_ERR_TRUNCATED;
    behavior ok:
      assumes len >= PVH_MODULE_SIZE;
      ensures \result == BOOT_OK;
      ensures out->paddr == Le64(entry) && out->size == Le64(entry + 8);
      ensures out->cmdline_paddr == Le64(entry + 16);
    complete behaviors;
    disjoint behaviors;
*/
int pvh_parse_module(const uint8_t *entry, uint64_t len, struct pvh_module *out);

#endif
