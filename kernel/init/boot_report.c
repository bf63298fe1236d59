/* Boot-information errors and warnings, in words; boot modules by their line. */
#include "console.h"
#include "kernel.h"
#include "lib/kstring.h"

const char *boot_err_text(int err)
{
    switch (err) {
    case BOOT_OK: return "ok";
    case BOOT_ERR_TRUNCATED: return "a structure runs past its bounds";
    case BOOT_ERR_BAD_MAGIC: return "bad magic number (unknown boot protocol)";
    case BOOT_ERR_NO_MMAP: return "no memory map";
    case BOOT_ERR_BAD_MMAP: return "malformed memory map";
    case BOOT_ERR_TOO_MANY_REGIONS: return "memory map has more regions than supported";
    case BOOT_ERR_BAD_TAG: return "malformed multiboot2 tag";
    case BOOT_ERR_CMDLINE_TOO_LONG: return "command line too long: ignored";
    case BOOT_ERR_TOO_MANY_MODULES: return "too many boot modules: extra ones skipped";
    case BOOT_ERR_BAD_MODULE: return "malformed boot module: skipped";
    default: return "unknown error";
    }
}

void boot_report_warnings(const struct boot_info *bi)
{
    for (int e = 0; e < BOOT_ERR_COUNT; e++)
        if (bi->warned[e])
            kprintf("boot: warning: %s\n", boot_err_text(e));
}

/* Command-line options are space-separated words. */
int cmdline_has_word(const char *cmdline, const char *word)
{
    const char *p = cmdline;
    while (*p) {
        while (*p == ' ')
            p++;
        const char *w = word;
        while (*w && *p == *w) {
            p++;
            w++;
        }
        if (!*w && (*p == ' ' || *p == '\0'))
            return 1;
        while (*p && *p != ' ')
            p++;
    }
    return 0;
}

const struct boot_module *boot_module_named(const char *prefix, const char *name)
{
    uint64_t p = kstrnlen(prefix, 32), n = kstrnlen(name, 32);
    for (uint32_t i = 0; i < kernel.boot.nmodules; i++) {
        const uint8_t *line = kernel.boot.modules[i].cmdline;
        if (kmemcmp(line, (const uint8_t *)prefix, p) == 0 && kmemcmp(line + p, (const uint8_t *)name, n + 1) == 0)
            return &kernel.boot.modules[i];
    }
    return 0;
}
