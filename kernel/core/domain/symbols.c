/* Symbol roles: see symbols.h. */
#include "domain/domain.h"
#include "domain/names.h"
#include "domain/layout.h"
#include "domain/symbols.h"

int section_loaded(const struct elf_object *o, uint32_t i)
{
    struct elf_section sh;
    if (i == SHN_UNDEF || i >= o->shnum || elf_section(o, i, &sh) != ELF_OK)
        return 0;
    return layout_group_of(&sh) != GROUP_NONE;
}

/* gcc names the GOT in PIC code; like ld, the linker defines it (as the
 * domain's GOT), so it is no import. */
static const uint8_t got_name[22] = "_GLOBAL_OFFSET_TABLE_";

int symbol_is_got(const struct elf_object *o, const struct elf_symbol *s)
{
    return s->shndx == SHN_UNDEF && name_equal(o->bytes + s->name, s->name_len, got_name, 21);
}

int symbol_role(const struct elf_object *o, const struct elf_symbol *s, enum symbol_role *role)
{
    *role = ROLE_LOCAL;
    if (s->bind == STB_LOCAL || s->name_len == 0)
        return s->type == STT_TLS ? DOMAIN_ERR_TLS : DOMAIN_OK;
    if (s->bind != STB_GLOBAL && s->bind != STB_WEAK)
        return DOMAIN_ERR_BINDING;
    if (s->type == STT_TLS)
        return DOMAIN_ERR_TLS;
    if (s->type == STT_GNU_IFUNC)
        return DOMAIN_ERR_IFUNC;
    if (s->shndx == SHN_COMMON)
        return DOMAIN_ERR_COMMON;
    if (s->shndx == SHN_UNDEF) {
        *role = symbol_is_got(o, s) ? ROLE_LOCAL : ROLE_IMPORT;
        return DOMAIN_OK;
    }
    if (s->shndx != SHN_ABS && !section_loaded(o, s->shndx))
        return DOMAIN_ERR_SYMBOL_SECTION;
    *role = ROLE_EXPORT;
    return DOMAIN_OK;
}
