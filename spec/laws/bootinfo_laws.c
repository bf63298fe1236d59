/* Laws of the boot-information model, proved from the contracts in
 * bootinfo.h alone. Not linked anywhere. */
#include "boot/bootinfo.h"

/* A region added to an empty boot_info is the one region there, as given. */
/*@ requires \valid(bi);
    requires len > 0 && base + len <= 18446744073709551615;
    terminates \true;
    assigns *bi;
    ensures \result == BOOT_OK && bi->nregions == 1;
    ensures bi->regions[0].base == base && bi->regions[0].len == len;
    ensures bi->regions[0].type == BOOT_MEM_USABLE;
*/
int law_first_region(struct boot_info *bi, uint64_t base, uint64_t len)
{
    boot_info_init(bi, BOOT_PVH);
    return boot_add_region(bi, base, len, BOOT_MEM_USABLE);
}

/* A region that wraps around the address space is never recorded. */
/*@ requires BootInfoValid(bi);
    requires len > 0 && base + len > 18446744073709551615;
    terminates \true;
    assigns bi->nregions, bi->regions[0 .. BOOT_REGIONS_MAX - 1];
    ensures \result == BOOT_ERR_BAD_MMAP && bi->nregions == \old(bi->nregions);
*/
int law_wrapping_region_refused(struct boot_info *bi, uint64_t base, uint64_t len)
{
    return boot_add_region(bi, base, len, BOOT_MEM_USABLE);
}

/* A short string within reach is copied with its NUL. */
/*@ requires \valid(dst + (0 .. BOOT_CMDLINE_MAX - 1)) && \valid_read(src + (0 .. 2));
    requires \separated(dst + (0 .. BOOT_CMDLINE_MAX - 1), src + (0 .. 2));
    requires src[0] == 'o' && src[1] == 'k' && src[2] == 0;
    terminates \true;
    assigns dst[0 .. BOOT_CMDLINE_MAX - 1];
    ensures \result == BOOT_OK && dst[0] == 'o' && dst[1] == 'k' && dst[2] == 0;
*/
int law_short_string_copied(uint8_t *dst, const uint8_t *src)
{
    //@ assert BootStrLen(src, 0, 3) == 2;
    return boot_copy_string(dst, src, 3);
}
