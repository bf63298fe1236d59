/* Shared steps of the boot-information parsers: the checked appends that
 * keep struct boot_info well formed (BootInfoValid). */
#include "boot/bootinfo.h"

/*@ requires n >= 0 && \valid(s + (0 .. n - 1));
    terminates \true;
    assigns s[0 .. n - 1];
    ensures \forall integer i; 0 <= i < n ==> s[i] == 0;
*/
static void clear_bytes(uint8_t *s, int n)
{
    /*@ loop invariant 0 <= i <= n;
        loop invariant \forall integer j; 0 <= j < i ==> s[j] == 0;
        loop assigns i, s[0 .. n - 1];
        loop variant n - i; */
    for (int i = 0; i < n; i++)
        s[i] = 0;
}

void boot_info_init(struct boot_info *bi, uint32_t protocol)
{
    bi->protocol = protocol;
    bi->nregions = 0;
    bi->nmodules = 0;
    bi->modules_skipped = 0;
    clear_bytes(bi->warned, BOOT_ERR_COUNT);
    clear_bytes(bi->cmdline, BOOT_CMDLINE_MAX);
}

void boot_warn(struct boot_info *bi, int err) { bi->warned[err] = 1; }

int boot_add_region(struct boot_info *bi, uint64_t base, uint64_t len, uint32_t type)
{
    if (len == 0)
        return BOOT_OK;
    if (len > UINT64_MAX - base)
        return BOOT_ERR_BAD_MMAP;
    if (bi->nregions == BOOT_REGIONS_MAX)
        return BOOT_ERR_TOO_MANY_REGIONS;
    struct boot_region *r = &bi->regions[bi->nregions];
    r->base = base;
    r->len = len;
    r->type = type >= BOOT_MEM_USABLE && type <= BOOT_MEM_BAD ? type : BOOT_MEM_RESERVED;
    bi->nregions++;
    return BOOT_OK;
}

/* Where the first NUL of src[0 .. n) is, or n. */
/*@ requires \valid_read(src + (0 .. n - 1));
    requires 0 <= n <= BOOT_CMDLINE_MAX;
    terminates \true;
    assigns \nothing;
    ensures \result == BootStrLen(src, 0, n);
    ensures 0 <= \result <= n;
    ensures \result < n ==> src[\result] == 0;
*/
static uint64_t string_length(const uint8_t *src, uint64_t n)
{
    /*@ loop invariant 0 <= i <= n;
        loop invariant BootStrLen(src, 0, n) == BootStrLen(src, i, n);
        loop assigns i;
        loop variant n - i; */
    for (uint64_t i = 0; i < n; i++)
        if (src[i] == 0)
            return i;
    return n;
}

int boot_copy_string(uint8_t *dst, const uint8_t *src, uint64_t avail)
{
    uint64_t reach = avail < BOOT_CMDLINE_MAX ? avail : BOOT_CMDLINE_MAX;
    uint64_t len = reach == 0 ? 0 : string_length(src, reach);
    if (len == reach) {
        dst[0] = 0;
        dst[BOOT_CMDLINE_MAX - 1] = 0;
        return avail >= BOOT_CMDLINE_MAX ? BOOT_ERR_CMDLINE_TOO_LONG : BOOT_ERR_TRUNCATED;
    }
    /*@ loop invariant 0 <= i <= len + 1;
        loop invariant \forall integer j; 0 <= j < i ==> dst[j] == src[j];
        loop assigns i, dst[0 .. BOOT_CMDLINE_MAX - 1];
        loop variant len + 1 - i; */
    for (uint64_t i = 0; i <= len; i++)
        dst[i] = src[i];
    dst[BOOT_CMDLINE_MAX - 1] = 0;
    return BOOT_OK;
}

int boot_set_cmdline(struct boot_info *bi, const uint8_t *src, uint64_t avail)
{
    int err = boot_copy_string(bi->cmdline, src, avail);
    if (err != BOOT_OK)
        boot_warn(bi, err);
    return err;
}

int boot_add_module(struct boot_info *bi, uint64_t base, uint64_t len, const uint8_t *cmdline, uint64_t avail)
{
    if (bi->nmodules == BOOT_MODULES_MAX) {
        if (bi->modules_skipped < UINT32_MAX)
            bi->modules_skipped++;
        boot_warn(bi, BOOT_ERR_TOO_MANY_MODULES);
        return BOOT_ERR_TOO_MANY_MODULES;
    }
    struct boot_module *m = &bi->modules[bi->nmodules];
    m->base = base;
    m->len = len;
    if (boot_copy_string(m->cmdline, cmdline, avail) != BOOT_OK)
        m->cmdline[0] = 0; /* a module keeps its place without its arguments */
    bi->nmodules++;
    return BOOT_OK;
}
