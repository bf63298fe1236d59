/* The value an x86-64 relocation writes, from the symbol's address S, the
 * addend A and the address P of the patched field, checked against the
 * field's width: a value that does not fit is refused, never truncated.
 * PLT32 binds straight to the symbol (domains have no PLT); the GOT types
 * take as S the address of the symbol's slot in the domain's GOT. */
#ifndef SPINEL_RELOC_H
#define SPINEL_RELOC_H

#include <stdint.h>
#include "domain/elf.h"
#include "domain/reloc.acsl"

/*@ requires \valid(out);
    terminates \true;
    assigns *out;
    behavior abs64:
      assumes type == R_X86_64_64;
      ensures \result == ELF_OK && *out == Wrap64(s + a);
    behavior pc_rel:
      assumes type == R_X86_64_PC32 || type == R_X86_64_PLT32 || type == R_X86_64_GOTPCREL ||
              type == R_X86_64_GOTPCRELX || type == R_X86_64_REX_GOTPCRELX;
      ensures FitsSigned32(Wrap64(s + a - p)) ?
        \result == ELF_OK && *out == Wrap64(s + a - p) % 4294967296 :
        \result == ELF_ERR_RELOC_RANGE;
    behavior abs32:
      assumes type == R_X86_64_32;
      ensures FitsUnsigned32(Wrap64(s + a)) ?
        \result == ELF_OK && *out == Wrap64(s + a) :
        \result == ELF_ERR_RELOC_RANGE;
    behavior abs32s:
      assumes type == R_X86_64_32S;
      ensures FitsSigned32(Wrap64(s + a)) ?
        \result == ELF_OK && *out == Wrap64(s + a) % 4294967296 :
        \result == ELF_ERR_RELOC_RANGE;
    behavior unsupported:
      assumes type != R_X86_64_64 && type != R_X86_64_PC32 && type != R_X86_64_PLT32 &&
              type != R_X86_64_GOTPCREL && type != R_X86_64_GOTPCRELX && type != R_X86_64_REX_GOTPCRELX &&
              type != R_X86_64_32 && type != R_X86_64_32S;
      ensures \result == ELF_ERR_RELOC_TYPE;
    complete behaviors;
    disjoint behaviors;
*/
int reloc_value(uint32_t type, uint64_t s, int64_t a, uint64_t p, uint64_t *out);

/* value's low width bytes at image[offset ..], little-endian: how a
 * relocation's value is stored in the patched field. */
/*@ requires \valid(image + (offset .. offset + width - 1)) && (width == 4 || width == 8);
    requires offset + width <= 0xFFFFFFFFFFFFFFFF;
    terminates \true;
    assigns image[offset .. offset + width - 1];
*/
void reloc_write(uint8_t *image, uint64_t offset, uint32_t width, uint64_t value);

#endif
