/* Relocation values: modular 64-bit arithmetic written without unsigned
 * wrap-around (which -wp-rte counts as an error), then a range check. */
#include "domain/reloc.h"

/*@ terminates \true;
    assigns \nothing;
    ensures \result == Wrap64(x + y);
*/
static uint64_t add_mod(uint64_t x, uint64_t y)
{
    if (x > UINT64_MAX - y)
        return x - (UINT64_MAX - y) - 1;
    return x + y;
}

/*@ terminates \true;
    assigns \nothing;
    ensures \result == Wrap64(x - y);
*/
static uint64_t sub_mod(uint64_t x, uint64_t y)
{
    if (x >= y)
        return x - y;
    return UINT64_MAX - (y - x) + 1;
}

/*@ terminates \true;
    assigns \nothing;
    ensures \result == Wrap64(a);
*/
static uint64_t wrap_signed(int64_t a)
{
    if (a >= 0)
        return (uint64_t)a;
    return UINT64_MAX - (uint64_t)(-(a + 1));
}

/*@ terminates \true;
    assigns \nothing;
    ensures \result != 0 <==> FitsSigned32(v);
*/
static int fits_signed32(uint64_t v)
{
    return v < 0x80000000u || v >= UINT64_MAX - 0x7fffffffu;
}

int reloc_value(uint32_t type, uint64_t s, int64_t a, uint64_t p, uint64_t *out)
{
    uint64_t sa = add_mod(s, wrap_signed(a));
    *out = 0;
    switch (type) {
    case R_X86_64_64:
        *out = sa;
        return ELF_OK;
    case R_X86_64_PC32:
    case R_X86_64_PLT32:
    case R_X86_64_GOTPCREL:
    case R_X86_64_GOTPCRELX:
    case R_X86_64_REX_GOTPCRELX: {
        uint64_t v = sub_mod(sa, p);
        if (!fits_signed32(v))
            return ELF_ERR_RELOC_RANGE;
        *out = v % 0x100000000u;
        return ELF_OK;
    }
    case R_X86_64_32:
        if (sa >= 0x100000000u)
            return ELF_ERR_RELOC_RANGE;
        *out = sa;
        return ELF_OK;
    case R_X86_64_32S:
        if (!fits_signed32(sa))
            return ELF_ERR_RELOC_RANGE;
        *out = sa % 0x100000000u;
        return ELF_OK;
    default:
        return ELF_ERR_RELOC_TYPE;
    }
}

void reloc_write(uint8_t *image, uint64_t offset, uint32_t width, uint64_t value)
{
    /*@ loop invariant 0 <= b <= width;
        loop assigns b, image[offset .. offset + width - 1];
        loop variant width - b;
    */
    for (uint32_t b = 0; b < width; b++)
        image[offset + b] = (uint8_t)((value >> (8 * b)) % 256);
}
