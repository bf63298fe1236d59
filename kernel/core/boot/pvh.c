/* PVH start-info parser over untrusted bytes. */
#include "boot/pvh.h"

int pvh_parse_start(const uint8_t *si, uint64_t len, struct pvh_start *out)
{
    if (len < 8)
        return BOOT_ERR_TRUNCATED;
    if (le32(si) != PVH_START_MAGIC)
        return BOOT_ERR_BAD_MAGIC;
    if (le32(si + 4) == 0)
        return BOOT_ERR_NO_MMAP; /* version 0 carries no memory map */
    if (len < PVH_START_SIZE)
        return BOOT_ERR_TRUNCATED;
    out->version = le32(si + 4);
    out->nr_modules = le32(si + 12);
    out->modlist_paddr = le64(si + 16);
    out->cmdline_paddr = le64(si + 24);
    out->memmap_paddr = le64(si + 40);
    out->memmap_entries = le32(si + 48);
    return BOOT_OK;
}

int pvh_parse_memmap(const uint8_t *table, uint64_t len, uint32_t entries, struct boot_info *bi)
{
    if (entries == 0)
        return BOOT_ERR_NO_MMAP;
    if ((uint64_t)entries * PVH_MEMMAP_ENTRY_SIZE > len)
        return BOOT_ERR_TRUNCATED;
    /*@ loop invariant 0 <= i <= entries;
        loop invariant BootInfoValid(bi);
        loop invariant bi->nregions >= \at(bi->nregions, Pre);
        loop assigns i, bi->nregions, bi->regions[0 .. BOOT_REGIONS_MAX - 1];
        loop variant entries - i; */
    for (uint32_t i = 0; i < entries; i++) {
        const uint8_t *e = table + (uint64_t)i * PVH_MEMMAP_ENTRY_SIZE;
        int err = boot_add_region(bi, le64(e), le64(e + 8), le32(e + 16));
        if (err != BOOT_OK)
            return err;
    }
    return BOOT_OK;
}

int pvh_parse_module(const uint8_t *entry, uint64_t len, struct pvh_module *out)
{
    if (len < PVH_MODULE_SIZE)
        return BOOT_ERR_TRUNCATED;
    out->paddr = le64(entry);
    out->size = le64(entry + 8);
    out->cmdline_paddr = le64(entry + 16);
    return BOOT_OK;
}
