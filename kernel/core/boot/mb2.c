/* Multiboot2 boot-information parser over untrusted bytes. */
#include "boot/mb2.h"

/*@ requires BootInfoValid(bi) && size >= 8 && BootBytes(tag, size, bi);
    terminates \true;
    assigns bi->nmodules, bi->modules[0 .. BOOT_MODULES_MAX - 1], bi->modules_skipped,
            bi->warned[0 .. BOOT_ERR_COUNT - 1];
    ensures BootInfoValid(bi);
    ensures \result == BOOT_OK || \result == BOOT_ERR_BAD_TAG;
*/
static int mb2_module(const uint8_t *tag, uint32_t size, struct boot_info *bi)
{
    if (size < 16)
        return BOOT_ERR_BAD_TAG;
    uint32_t start = le32(tag + 8), end = le32(tag + 12);
    if (end < start) {
        boot_warn(bi, BOOT_ERR_BAD_MODULE);
        return BOOT_OK;
    }
    boot_add_module(bi, start, end - start, tag + 16, size - 16);
    return BOOT_OK;
}

/*@ requires BootInfoValid(bi) && size >= 8 && BootBytes(tag, size, bi);
    terminates \true;
    assigns bi->nregions, bi->regions[0 .. BOOT_REGIONS_MAX - 1];
    ensures BootInfoValid(bi);
    ensures \result == BOOT_OK || \result == BOOT_ERR_BAD_MMAP || \result == BOOT_ERR_TOO_MANY_REGIONS;
    ensures \result == BOOT_OK ==> bi->nregions >= \old(bi->nregions);
*/
static int mb2_mmap(const uint8_t *tag, uint32_t size, struct boot_info *bi)
{
    if (size < 16)
        return BOOT_ERR_BAD_MMAP;
    uint32_t esize = le32(tag + 8);
    if (esize < MB2_MMAP_ENTRY_MIN || esize % 8 != 0 || (size - 16) % esize != 0)
        return BOOT_ERR_BAD_MMAP;
    /*@ loop invariant 16 <= off <= size;
        loop invariant BootInfoValid(bi);
        loop invariant bi->nregions >= \at(bi->nregions, Pre);
        loop assigns off, bi->nregions, bi->regions[0 .. BOOT_REGIONS_MAX - 1];
        loop variant size - off; */
    for (uint32_t off = 16; size - off >= esize; off += esize) {
        int err = boot_add_region(bi, le64(tag + off), le64(tag + off + 8), le32(tag + off + 16));
        if (err != BOOT_OK)
            return err;
    }
    return BOOT_OK;
}

/*@ requires BootInfoValid(bi) && size >= 8 && BootBytes(tag, size, bi);
    terminates \true;
    assigns bi->nregions, bi->regions[0 .. BOOT_REGIONS_MAX - 1], bi->nmodules,
            bi->modules[0 .. BOOT_MODULES_MAX - 1], bi->modules_skipped,
            bi->warned[0 .. BOOT_ERR_COUNT - 1], bi->cmdline[0 .. BOOT_CMDLINE_MAX - 1];
    ensures BootInfoValid(bi);
    ensures \result == BOOT_OK || \result == BOOT_ERR_BAD_TAG ||
            \result == BOOT_ERR_BAD_MMAP || \result == BOOT_ERR_TOO_MANY_REGIONS;
    ensures \result == BOOT_OK ==> bi->nregions >= \old(bi->nregions);
*/
static int mb2_tag(const uint8_t *tag, uint32_t type, uint32_t size, struct boot_info *bi)
{
    switch (type) {
    case MB2_TAG_CMDLINE:
        boot_set_cmdline(bi, tag + 8, size - 8); /* a bad one is dropped with a warning */
        return BOOT_OK;
    case MB2_TAG_MODULE: return mb2_module(tag, size, bi);
    case MB2_TAG_MMAP: return mb2_mmap(tag, size, bi);
    default: return BOOT_OK;
    }
}

int mb2_parse(const uint8_t *info, uint64_t len, struct boot_info *bi)
{
    if (len < 16)
        return BOOT_ERR_TRUNCATED;
    uint32_t total = le32(info);
    if (total < 16 || total > len)
        return BOOT_ERR_TRUNCATED;
    int have_mmap = 0;
    /*@ loop invariant 8 <= off <= (uint64_t)total + 7;
        loop invariant BootInfoValid(bi);
        loop invariant bi->nregions >= \at(bi->nregions, Pre);
        loop assigns off, have_mmap, bi->nregions, bi->regions[0 .. BOOT_REGIONS_MAX - 1], bi->nmodules,
            bi->modules[0 .. BOOT_MODULES_MAX - 1], bi->modules_skipped,
            bi->warned[0 .. BOOT_ERR_COUNT - 1], bi->cmdline[0 .. BOOT_CMDLINE_MAX - 1];
        loop variant (uint64_t)total + 8 - off; */
    for (uint64_t off = 8; off + 8 <= total;) {
        uint32_t type = le32(info + off), size = le32(info + off + 4);
        if (size < 8 || size > total - off)
            return BOOT_ERR_BAD_TAG;
        if (type == MB2_TAG_END)
            return have_mmap ? BOOT_OK : BOOT_ERR_NO_MMAP;
        int err = mb2_tag(info + off, type, size, bi);
        if (err != BOOT_OK)
            return err;
        have_mmap |= type == MB2_TAG_MMAP;
        off += size + 7;
        off -= off % 8; /* tags start on 8-byte boundaries */
    }
    return BOOT_ERR_BAD_TAG; /* no end tag */
}
