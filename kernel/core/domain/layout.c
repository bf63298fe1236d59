/* Section placement in a domain's image: see layout.h. */
#include "domain/domain.h"
#include "domain/layout.h"

/* Flags tested by division, not masks: the model (LayoutGroupOf) then
 * reads like the code and the provers need no bit-vector reasoning. */
enum layout_group layout_group_of(const struct elf_section *sh)
{
    if (sh->flags % 4 < 2)
        return GROUP_NONE;
    if ((sh->flags / 4) % 2 == 1)
        return GROUP_RX;
    if (sh->flags % 2 == 1)
        return GROUP_RW;
    return GROUP_R;
}

int layout_reserve(struct layout *l, enum layout_group g, uint64_t n, uint64_t align, uint64_t *offset)
{
    uint64_t rem = l->used[g] % align;
    uint64_t at = rem ? l->used[g] + (align - rem) : l->used[g];
    if (at > LAYOUT_GROUP_MAX || n > LAYOUT_GROUP_MAX - at)
        return DOMAIN_ERR_TOO_BIG;
    *offset = at;
    l->used[g] = at + n;
    return DOMAIN_OK;
}

int layout_place(struct layout *l, const struct elf_section *sh, uint64_t *offset)
{
    enum layout_group g = layout_group_of(sh);
    if (sh->flags % 2 == 1 && (sh->flags / 4) % 2 == 1)
        return DOMAIN_ERR_WX;
    if ((sh->flags / SHF_TLS) % 2 == 1)
        return DOMAIN_ERR_TLS;
    if (sh->align > DOMAIN_PAGE)
        return DOMAIN_ERR_SECTION_ALIGN;
    return layout_reserve(l, g, sh->size, sh->align > 1 ? sh->align : 1, offset);
}

uint64_t layout_pages(const struct layout *l, enum layout_group g)
{
    return (l->used[g] + DOMAIN_PAGE - 1) / DOMAIN_PAGE * DOMAIN_PAGE;
}

int reloc_uses_got(uint32_t t)
{
    return t == R_X86_64_GOTPCREL || t == R_X86_64_GOTPCRELX || t == R_X86_64_REX_GOTPCRELX;
}
