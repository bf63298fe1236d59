/* What each symbol of an object is to its domain: local, an export or an
 * import, and the symbols a domain refuses. */
#ifndef SPINEL_SYMBOLS_H
#define SPINEL_SYMBOLS_H

#include <stdint.h>
#include "elf.h"

enum symbol_role { ROLE_LOCAL, ROLE_EXPORT, ROLE_IMPORT };

/* The role of symbol s of o, or a refusal (enum domain_err): bindings
 * other than local/global/weak, TLS, IFUNC, COMMON, and exports defined in
 * a section that is not loaded. */
int symbol_role(const struct elf_object *o, const struct elf_symbol *s, enum symbol_role *role);

/* 1 for _GLOBAL_OFFSET_TABLE_, undefined: the linker defines it. */
int symbol_is_got(const struct elf_object *o, const struct elf_symbol *s);

/* 1 when section i of o is loaded into the image. */
int section_loaded(const struct elf_object *o, uint32_t i);

#endif
