/* Reads the boot loader's structures out of physical memory, through the
 * boot identity map of the first 4 GiB, and hands them to the proved
 * parsers as bounded byte buffers. The only trust here is that an address
 * below EARLY_IDENTITY_LIMIT can be read. */
#include "arch_init.h"
#include "boot_abi.h"
#include "boot/bootinfo.h"
#include "boot/mb2.h"
#include "boot/pvh.h"

/* Larger multiboot2 information than this is refused as absurd. */
#define MB2_INFO_MAX (1u << 20)

static const uint8_t *early_phys(uint64_t paddr, uint64_t len)
{
    if (paddr == 0 || len > EARLY_IDENTITY_LIMIT || paddr > EARLY_IDENTITY_LIMIT - len)
        return 0;
    return (const uint8_t *)(uintptr_t)paddr;
}

/* A string at paddr may be read up to the command-line limit. */
static uint64_t string_avail(uint64_t paddr)
{
    if (paddr == 0 || paddr >= EARLY_IDENTITY_LIMIT)
        return 0;
    uint64_t left = EARLY_IDENTITY_LIMIT - paddr;
    return left < BOOT_CMDLINE_MAX ? left : BOOT_CMDLINE_MAX;
}

static int read_multiboot2(uint32_t info_paddr, uint32_t magic, struct boot_info *bi)
{
    if (magic != MULTIBOOT2_MAGIC)
        return BOOT_ERR_BAD_MAGIC;
    const uint8_t *head = early_phys(info_paddr, 8);
    if (!head)
        return BOOT_ERR_TRUNCATED;
    uint32_t total = le32(head);
    if (total > MB2_INFO_MAX)
        return BOOT_ERR_TRUNCATED;
    const uint8_t *info = early_phys(info_paddr, total);
    return info ? mb2_parse(info, total, bi) : BOOT_ERR_TRUNCATED;
}

static void read_pvh_modules(const struct pvh_start *st, struct boot_info *bi)
{
    for (uint32_t i = 0; i < st->nr_modules; i++) {
        struct pvh_module mod;
        const uint8_t *entry = early_phys(st->modlist_paddr + (uint64_t)i * PVH_MODULE_SIZE, PVH_MODULE_SIZE);
        if (!entry || pvh_parse_module(entry, PVH_MODULE_SIZE, &mod) != BOOT_OK) {
            boot_warn(bi, BOOT_ERR_BAD_MODULE);
            continue;
        }
        boot_add_module(bi, mod.paddr, mod.size, early_phys(mod.cmdline_paddr, 1) ? (const uint8_t *)(uintptr_t)mod.cmdline_paddr : 0,
                        string_avail(mod.cmdline_paddr));
    }
}

static int read_pvh(uint32_t start_paddr, struct boot_info *bi)
{
    struct pvh_start st;
    const uint8_t *si = early_phys(start_paddr, PVH_START_SIZE);
    int err = si ? pvh_parse_start(si, PVH_START_SIZE, &st) : BOOT_ERR_TRUNCATED;
    if (err != BOOT_OK)
        return err;
    uint64_t table_len = (uint64_t)st.memmap_entries * PVH_MEMMAP_ENTRY_SIZE;
    const uint8_t *table = early_phys(st.memmap_paddr, table_len);
    err = table ? pvh_parse_memmap(table, table_len, st.memmap_entries, bi) : BOOT_ERR_NO_MMAP;
    if (err != BOOT_OK)
        return err;
    if (st.cmdline_paddr)
        boot_set_cmdline(bi, (const uint8_t *)(uintptr_t)st.cmdline_paddr, string_avail(st.cmdline_paddr));
    read_pvh_modules(&st, bi);
    return BOOT_OK;
}

int arch_read_boot_info(uint32_t protocol, uint32_t info_paddr, uint32_t magic, struct boot_info *bi)
{
    boot_info_init(bi, protocol);
    switch (protocol) {
    case BOOT_MULTIBOOT2: return read_multiboot2(info_paddr, magic, bi);
    case BOOT_PVH: return read_pvh(info_paddr, bi);
    default: return BOOT_ERR_BAD_MAGIC;
    }
}
