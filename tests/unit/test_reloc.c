/* Relocation values against hand-computed cases: each type, both ends of
 * every range, modular wrap, and an unsupported type. */
#include "check.h"
#include "domain/reloc.h"

static int value(uint32_t type, uint64_t s, int64_t a, uint64_t p, uint64_t want)
{
    uint64_t out = 12345;
    return reloc_value(type, s, a, p, &out) == ELF_OK && out == want;
}

static int refused(uint32_t type, uint64_t s, int64_t a, uint64_t p, int err)
{
    uint64_t out;
    return reloc_value(type, s, a, p, &out) == err;
}

int main(void)
{
    const uint64_t k = 0xffffffff80100000ull; /* a kernel-half address */
    CHECK("PC32 forward", value(R_X86_64_PC32, k + 100, -4, k, 96));
    CHECK("PC32 backward is the two's complement", value(R_X86_64_PC32, k - 100, -4, k, 0xffffff98u));
    CHECK("PLT32 binds straight to the symbol", value(R_X86_64_PLT32, k + 8, -4, k, 4));
    CHECK("PC32 at +2^31-1 fits", value(R_X86_64_PC32, k + 0x7fffffffu + 4, -4, k, 0x7fffffffu));
    CHECK("PC32 at +2^31 refused", refused(R_X86_64_PC32, k + 0x80000000u + 4, -4, k, ELF_ERR_RELOC_RANGE));
    CHECK("PC32 at -2^31 fits", value(R_X86_64_PC32, k - 0x80000000u + 4, -4, k, 0x80000000u));
    CHECK("PC32 at -2^31-1 refused", refused(R_X86_64_PC32, k - 0x80000000u + 3, -4, k, ELF_ERR_RELOC_RANGE));
    CHECK("PC32 from 1 GiB to the kernel half refused", refused(R_X86_64_PC32, k, 0, 0x40000000u, ELF_ERR_RELOC_RANGE));
    CHECK("PC32 from page 1 to the top 2 GiB wraps, as the processor does", value(R_X86_64_PC32, k, 0, 0x1000, 0x800ff000u));
    CHECK("GOTPCRELX to a near GOT slot", value(R_X86_64_REX_GOTPCRELX, k + 0x40, -4, k + 0x10, 0x2c));
    CHECK("64 wraps like the processor", value(R_X86_64_64, UINT64_MAX, 2, 0, 1));
    CHECK("64 with a negative addend", value(R_X86_64_64, k, -16, 0, k - 16));
    CHECK("32 at 2^32-1 fits", value(R_X86_64_32, 0xfffffff0u, 15, 0, 0xffffffffu));
    CHECK("32 at 2^32 refused", refused(R_X86_64_32, 0xfffffff0u, 16, 0, ELF_ERR_RELOC_RANGE));
    CHECK("32 of a kernel-half address refused", refused(R_X86_64_32, k, 0, 0, ELF_ERR_RELOC_RANGE));
    CHECK("32S of a kernel-half address fits", value(R_X86_64_32S, 0xffffffff80000000ull, 0, 0, 0x80000000u));
    CHECK("32S just below the top 2 GiB refused",
          refused(R_X86_64_32S, 0xffffffff7fffffffull, 0, 0, ELF_ERR_RELOC_RANGE));
    CHECK("32S at 2^31-1 fits", value(R_X86_64_32S, 0x7fffffffu, 0, 0, 0x7fffffffu));
    CHECK("32S at 2^31 refused", refused(R_X86_64_32S, 0x80000000u, 0, 0, ELF_ERR_RELOC_RANGE));
    CHECK("addend INT64_MIN", value(R_X86_64_64, 0, INT64_MIN, 0, 0x8000000000000000ull));
    CHECK("GOTPC32 (26) unsupported", refused(26, k, 0, k, ELF_ERR_RELOC_TYPE));
    CHECK_EXIT();
}
