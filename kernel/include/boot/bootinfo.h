/* What the kernel learns from its boot loader, whichever protocol it used:
 * the memory map, the command line and the boot modules. The parsers read
 * the loader's structures as untrusted bytes and copy what they accept. */
#ifndef SPINEL_BOOTINFO_H
#define SPINEL_BOOTINFO_H

#include <stdint.h>
#include "lib/bytes.h"

#define BOOT_REGIONS_MAX 64
#define BOOT_MODULES_MAX 16
#define BOOT_CMDLINE_MAX 256 /* bytes, including the terminating NUL */

enum boot_protocol { BOOT_PVH = 1, BOOT_MULTIBOOT2 = 2 };

/* Memory types, numbered as in E820, multiboot2 and PVH alike. */
enum boot_mem_type {
    BOOT_MEM_USABLE = 1,
    BOOT_MEM_RESERVED = 2,
    BOOT_MEM_ACPI = 3,
    BOOT_MEM_NVS = 4,
    BOOT_MEM_BAD = 5
};

enum boot_err {
    BOOT_OK = 0,
    BOOT_ERR_TRUNCATED = 1,       /* a structure runs past the bytes given */
    BOOT_ERR_BAD_MAGIC = 2,       /* not the structure the protocol promises */
    BOOT_ERR_NO_MMAP = 3,         /* no memory map at all */
    BOOT_ERR_BAD_MMAP = 4,        /* entry size, entry count or an entry is malformed */
    BOOT_ERR_TOO_MANY_REGIONS = 5,/* more regions than BOOT_REGIONS_MAX */
    BOOT_ERR_BAD_TAG = 6,         /* a multiboot2 tag with an impossible size */
    BOOT_ERR_CMDLINE_TOO_LONG = 7,/* warning: the command line was dropped */
    BOOT_ERR_TOO_MANY_MODULES = 8,/* warning: modules past BOOT_MODULES_MAX skipped */
    BOOT_ERR_BAD_MODULE = 9,      /* warning: a module with end < start was skipped */
    BOOT_ERR_COUNT
};

struct boot_region {
    uint64_t base;
    uint64_t len;  /* > 0 and base + len does not overflow */
    uint32_t type; /* enum boot_mem_type; unknown types become RESERVED */
};

struct boot_module {
    uint64_t base; /* physical address of the first byte */
    uint64_t len;
    uint8_t cmdline[BOOT_CMDLINE_MAX]; /* NUL-terminated */
};

struct boot_info {
    uint32_t protocol;          /* enum boot_protocol */
    uint32_t nregions;
    struct boot_region regions[BOOT_REGIONS_MAX];
    uint32_t nmodules;
    uint32_t modules_skipped;   /* modules dropped because the list was full */
    struct boot_module modules[BOOT_MODULES_MAX];
    uint8_t cmdline[BOOT_CMDLINE_MAX]; /* NUL-terminated; empty if dropped */
    uint8_t warned[BOOT_ERR_COUNT];    /* warned[e]: warning e happened */
};

#include "boot/bootinfo.acsl"


/* An empty boot_info: no regions, no modules, empty command line. */
/*@ requires \valid(bi);
    terminates \true;
    assigns *bi;
    ensures BootInfoValid(bi);
    ensures bi->protocol == protocol && bi->nregions == 0 && bi->nmodules == 0;
    ensures bi->modules_skipped == 0 && bi->cmdline[0] == 0;
    ensures \forall integer e; 0 <= e < BOOT_ERR_COUNT ==> bi->warned[e] == 0;
*/
void boot_info_init(struct boot_info *bi, uint32_t protocol);

/* Records a warning: something was skipped, booting goes on. */
/*@ requires BootInfoValid(bi) && 0 <= err < BOOT_ERR_COUNT;
    terminates \true;
    assigns bi->warned[err];
    ensures BootInfoValid(bi);
    ensures bi->warned[err] == 1;
*/
void boot_warn(struct boot_info *bi, int err);

/* Appends a memory region. Zero-length regions are ignored; unknown types
 * are recorded as reserved. */
/*@ requires BootInfoValid(bi);
    terminates \true;
    assigns bi->nregions, bi->regions[0 .. BOOT_REGIONS_MAX - 1];
    ensures BootInfoValid(bi);
    ensures grows: \result == BOOT_OK ==> bi->nregions >= \old(bi->nregions);
    ensures \result != BOOT_OK ==> bi->nregions == \old(bi->nregions);
    behavior empty:
      assumes len == 0;
      assigns \nothing;
      ensures \result == BOOT_OK;
    behavior overflow:
      assumes len > 0 && base + len > 18446744073709551615;
      assigns \nothing;
      ensures \result == BOOT_ERR_BAD_MMAP;
    behavior full:
      assumes len > 0 && base + len <= 18446744073709551615;
      assumes bi->nregions == BOOT_REGIONS_MAX;
      assigns \nothing;
      ensures \result == BOOT_ERR_TOO_MANY_REGIONS;
    behavior added:
      assumes len > 0 && base + len <= 18446744073709551615;
      assumes bi->nregions < BOOT_REGIONS_MAX;
      assigns bi->nregions, bi->regions[\old(bi->nregions)];
      ensures \result == BOOT_OK;
      ensures bi->nregions == \old(bi->nregions) + 1;
      ensures bi->regions[\old(bi->nregions)].base == base;
      ensures bi->regions[\old(bi->nregions)].len == len;
      ensures BOOT_MEM_USABLE <= type <= BOOT_MEM_BAD ==> bi->regions[\old(bi->nregions)].type == type;
      ensures !(BOOT_MEM_USABLE <= type <= BOOT_MEM_BAD) ==>
        bi->regions[\old(bi->nregions)].type == BOOT_MEM_RESERVED;
    complete behaviors;
    disjoint behaviors;
*/
int boot_add_region(struct boot_info *bi, uint64_t base, uint64_t len, uint32_t type);

/* Copies the NUL-terminated string found in src[0 .. avail) into dst
 * (BOOT_CMDLINE_MAX bytes). With no NUL in reach, dst becomes "" and the
 * result says why: too long for dst, or cut off by the end of src. */
/*@ requires \valid(dst + (0 .. BOOT_CMDLINE_MAX - 1));
    requires avail == 0 || \valid_read(src + (0 .. \min(avail, BOOT_CMDLINE_MAX) - 1));
    requires \separated(dst + (0 .. BOOT_CMDLINE_MAX - 1), src + (0 .. \min(avail, BOOT_CMDLINE_MAX) - 1));
    terminates \true;
    assigns dst[0 .. BOOT_CMDLINE_MAX - 1];
    ensures BootStringOk(dst);
    behavior fits:
      assumes BootStrLen(src, 0, \min(avail, BOOT_CMDLINE_MAX)) != \min(avail, BOOT_CMDLINE_MAX);
      ensures \result == BOOT_OK;
      ensures \forall integer i; 0 <= i <= \old(BootStrLen(src, 0, \min(avail, BOOT_CMDLINE_MAX))) ==>
        dst[i] == \old(src[i]);
    behavior too_long:
      assumes BootStrLen(src, 0, \min(avail, BOOT_CMDLINE_MAX)) == \min(avail, BOOT_CMDLINE_MAX);
      assumes avail >= BOOT_CMDLINE_MAX;
      ensures \result == BOOT_ERR_CMDLINE_TOO_LONG && dst[0] == 0;
    behavior cut_off:
      assumes BootStrLen(src, 0, \min(avail, BOOT_CMDLINE_MAX)) == \min(avail, BOOT_CMDLINE_MAX);
      assumes avail < BOOT_CMDLINE_MAX;
      ensures \result == BOOT_ERR_TRUNCATED && dst[0] == 0;
    complete behaviors;
    disjoint behaviors;
*/
int boot_copy_string(uint8_t *dst, const uint8_t *src, uint64_t avail);

/* The kernel command line; a bad one is dropped with a warning. */
/*@ requires BootInfoValid(bi);
    requires avail == 0 || BootBytes(src, \min(avail, BOOT_CMDLINE_MAX), bi);
    terminates \true;
    assigns bi->cmdline[0 .. BOOT_CMDLINE_MAX - 1], bi->warned[0 .. BOOT_ERR_COUNT - 1];
    ensures BootInfoValid(bi);
    ensures \result == BOOT_OK || \result == BOOT_ERR_CMDLINE_TOO_LONG || \result == BOOT_ERR_TRUNCATED;
*/
int boot_set_cmdline(struct boot_info *bi, const uint8_t *src, uint64_t avail);

/* Appends a boot module [base, base+len) with its command line. When the
 * list is full the module is counted in modules_skipped and a warning set. */
/*@ requires BootInfoValid(bi);
    requires avail == 0 || BootBytes(cmdline, \min(avail, BOOT_CMDLINE_MAX), bi);
    terminates \true;
    assigns bi->nmodules, bi->modules[0 .. BOOT_MODULES_MAX - 1], bi->modules_skipped, bi->warned[0 .. BOOT_ERR_COUNT - 1];
    ensures BootInfoValid(bi);
    behavior full:
      assumes bi->nmodules == BOOT_MODULES_MAX;
      ensures \result == BOOT_ERR_TOO_MANY_MODULES;
      ensures bi->nmodules == \old(bi->nmodules);
      ensures bi->modules_skipped == \old(bi->modules_skipped) + 1 || bi->modules_skipped == 0xffffffff;
    behavior added:
      assumes bi->nmodules < BOOT_MODULES_MAX;
      ensures \result == BOOT_OK;
      ensures bi->nmodules == \old(bi->nmodules) + 1;
      ensures bi->modules[\old(bi->nmodules)].base == base && bi->modules[\old(bi->nmodules)].len == len;
    complete behaviors;
    disjoint behaviors;
*/
int boot_add_module(struct boot_info *bi, uint64_t base, uint64_t len, const uint8_t *cmdline, uint64_t avail);

#endif
