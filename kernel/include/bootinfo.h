/* What the kernel learns from its boot loader, whichever protocol it used:
 * the memory map, the command line and the boot modules. The parsers read
 * the loader's structures as untrusted bytes and copy what they accept. */
#ifndef SPINEL_BOOTINFO_H
#define SPINEL_BOOTINFO_H

#include <stdint.h>

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
    BOOT_ERR_BAD_MODULE = 9       /* warning: a module with end < start was skipped */
};

struct boot_region {
    uint64_t base;
    uint64_t len;  /* > 0 and base + len does not overflow */
    uint32_t type; /* enum boot_mem_type; unknown types become RESERVED */
};

struct boot_module {
    uint64_t base; /* physical address of the first byte */
    uint64_t len;
    char cmdline[BOOT_CMDLINE_MAX]; /* NUL-terminated */
};

struct boot_info {
    uint32_t protocol;          /* enum boot_protocol */
    uint32_t nregions;
    struct boot_region regions[BOOT_REGIONS_MAX];
    uint32_t nmodules;
    uint32_t modules_skipped;   /* modules given but not kept */
    struct boot_module modules[BOOT_MODULES_MAX];
    char cmdline[BOOT_CMDLINE_MAX]; /* NUL-terminated; empty if dropped */
    uint32_t warnings;          /* bit (1 << e) set for each warning boot_err e */
};

#endif
