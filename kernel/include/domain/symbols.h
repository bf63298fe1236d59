/* What each symbol of an object is to its domain: local, an export or an
 * import, and the symbols a domain refuses. */
#ifndef SPINEL_SYMBOLS_H
#define SPINEL_SYMBOLS_H

#include <stdint.h>
#include "domain/elf.h"
#include "domain/layout.h"

enum symbol_role { ROLE_LOCAL, ROLE_EXPORT, ROLE_IMPORT };

#include "domain/symbols.acsl"

/* 1 when section i of o is loaded into the image. */
/*@ requires ElfObjectOk(o) && \separated(o, o->bytes + (0 .. o->len - 1));
    terminates \true;
    assigns \nothing;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 <==> SECTION_LOADED(o, i);
*/
int section_loaded(const struct elf_object *o, uint32_t i);

/* 1 for _GLOBAL_OFFSET_TABLE_, undefined: the linker defines it. */
/*@ requires ElfObjectOk(o) && SymbolNamed(o, s);
    terminates \true;
    assigns \nothing;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 <==> s->shndx == SHN_UNDEF && GotName(o->bytes + s->name, s->name_len);
*/
int symbol_is_got(const struct elf_object *o, const struct elf_symbol *s);

/* The role of symbol s of o, or a refusal (enum domain_err): bindings
 * other than local/global/weak, TLS, IFUNC, COMMON, and exports defined in
 * a section that is not loaded. Checked in that order; a local or unnamed
 * symbol is refused only for TLS. */
/*@ requires ElfObjectOk(o) && SymbolNamed(o, s) && \valid(role);
    requires \separated(role, s, o, o->bytes + (0 .. o->len - 1));
    terminates \true;
    assigns *role;
    ensures \result == DOMAIN_OK ==> *role == ROLE_LOCAL || *role == ROLE_EXPORT || *role == ROLE_IMPORT;
    ensures \result == DOMAIN_OK || \result == DOMAIN_ERR_BINDING || \result == DOMAIN_ERR_TLS ||
            \result == DOMAIN_ERR_IFUNC || \result == DOMAIN_ERR_COMMON || \result == DOMAIN_ERR_SYMBOL_SECTION;
    behavior local:
      assumes !SymbolVisible(s);
      ensures *role == ROLE_LOCAL && \result == (s->type == STT_TLS ? DOMAIN_ERR_TLS : DOMAIN_OK);
    behavior binding:
      assumes SymbolVisible(s) && s->bind != STB_GLOBAL && s->bind != STB_WEAK;
      ensures \result == DOMAIN_ERR_BINDING;
    behavior tls:
      assumes SymbolVisible(s) && (s->bind == STB_GLOBAL || s->bind == STB_WEAK) && s->type == STT_TLS;
      ensures \result == DOMAIN_ERR_TLS;
    behavior ifunc:
      assumes SymbolVisible(s) && (s->bind == STB_GLOBAL || s->bind == STB_WEAK) && s->type == STT_GNU_IFUNC;
      ensures \result == DOMAIN_ERR_IFUNC;
    behavior common:
      assumes SymbolVisible(s) && (s->bind == STB_GLOBAL || s->bind == STB_WEAK) &&
              s->type != STT_TLS && s->type != STT_GNU_IFUNC && s->shndx == SHN_COMMON;
      ensures \result == DOMAIN_ERR_COMMON;
    behavior undefined:
      assumes SymbolVisible(s) && (s->bind == STB_GLOBAL || s->bind == STB_WEAK) &&
              s->type != STT_TLS && s->type != STT_GNU_IFUNC && s->shndx == SHN_UNDEF;
      ensures \result == DOMAIN_OK;
      ensures GotName(o->bytes + s->name, s->name_len) ? *role == ROLE_LOCAL : *role == ROLE_IMPORT;
    behavior defined:
      assumes SymbolVisible(s) && (s->bind == STB_GLOBAL || s->bind == STB_WEAK) &&
              s->type != STT_TLS && s->type != STT_GNU_IFUNC && s->shndx != SHN_COMMON &&
              s->shndx != SHN_UNDEF;
      ensures s->shndx == SHN_ABS || SECTION_LOADED(o, s->shndx) ?
        \result == DOMAIN_OK && *role == ROLE_EXPORT : \result == DOMAIN_ERR_SYMBOL_SECTION;
    complete behaviors;
    disjoint behaviors;
*/
int symbol_role(const struct elf_object *o, const struct elf_symbol *s, enum symbol_role *role);

#endif
