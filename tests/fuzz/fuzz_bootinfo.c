/* libFuzzer harness for the boot-information parsers: the first byte picks
 * the parser, the rest is the loader's bytes. Any input must leave
 * boot_info well formed (BootInfoValid); ASan/UBSan catch any overread. */
#include <stdlib.h>
#include <string.h>
#include "boot/mb2.h"
#include "boot/pvh.h"

static void check_valid(const struct boot_info *bi)
{
    if (bi->nregions > BOOT_REGIONS_MAX || bi->nmodules > BOOT_MODULES_MAX)
        abort();
    for (uint32_t i = 0; i < bi->nregions; i++) {
        const struct boot_region *r = &bi->regions[i];
        if (r->len == 0 || r->base + r->len < r->base || r->type < BOOT_MEM_USABLE || r->type > BOOT_MEM_BAD)
            abort();
    }
    for (uint32_t i = 0; i < bi->nmodules; i++)
        if (bi->modules[i].cmdline[BOOT_CMDLINE_MAX - 1] != 0)
            abort();
    if (bi->cmdline[BOOT_CMDLINE_MAX - 1] != 0)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct boot_info bi;
    if (size < 1)
        return 0;
    uint8_t which = data[0];
    /* An exact-size copy, so that ASan sees a read one byte past the end. */
    size_t n = size - 1;
    uint8_t *bytes = malloc(n ? n : 1);
    memcpy(bytes, data + 1, n);
    boot_info_init(&bi, which % 2 ? BOOT_PVH : BOOT_MULTIBOOT2);
    if (which % 4 == 0) {
        int r = mb2_parse(bytes, n, &bi);
        if (r < BOOT_OK || r >= BOOT_ERR_COUNT)
            abort();
    } else if (which % 4 == 1) {
        struct pvh_start st;
        pvh_parse_start(bytes, n, &st);
    } else if (which % 4 == 2) {
        pvh_parse_memmap(bytes, n, n >= 4 ? le32(bytes) : 0, &bi);
    } else {
        struct pvh_module mod;
        pvh_parse_module(bytes, n, &mod);
        boot_set_cmdline(&bi, bytes, n);
        boot_add_module(&bi, 0, n, bytes, n);
    }
    check_valid(&bi);
    free(bytes);
    return 0;
}
