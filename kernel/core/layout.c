/* Section placement in a domain's image: see layout.h. */
#include "domain.h"
#include "layout.h"

enum layout_group layout_group_of(const struct elf_section *sh)
{
    if (!(sh->flags & SHF_ALLOC))
        return GROUP_NONE;
    if (sh->flags & SHF_EXECINSTR)
        return GROUP_RX;
    if (sh->flags & SHF_WRITE)
        return GROUP_RW;
    return GROUP_R;
}

int layout_reserve(struct layout *l, enum layout_group g, uint64_t n, uint64_t align, uint64_t *offset)
{
    uint64_t at = (l->used[g] + align - 1) & ~(align - 1);
    if (at > LAYOUT_GROUP_MAX || n > LAYOUT_GROUP_MAX - at)
        return DOMAIN_ERR_TOO_BIG;
    *offset = at;
    l->used[g] = at + n;
    return DOMAIN_OK;
}

int layout_place(struct layout *l, const struct elf_section *sh, uint64_t *offset)
{
    enum layout_group g = layout_group_of(sh);
    if ((sh->flags & SHF_WRITE) && (sh->flags & SHF_EXECINSTR))
        return DOMAIN_ERR_WX;
    if (sh->flags & SHF_TLS)
        return DOMAIN_ERR_TLS;
    if (sh->align > DOMAIN_PAGE)
        return DOMAIN_ERR_SECTION_ALIGN;
    return layout_reserve(l, g, sh->size, sh->align > 1 ? sh->align : 1, offset);
}

uint64_t layout_pages(const struct layout *l, enum layout_group g)
{
    return (l->used[g] + DOMAIN_PAGE - 1) & ~(uint64_t)(DOMAIN_PAGE - 1);
}

int reloc_uses_got(uint32_t t)
{
    return t == R_X86_64_GOTPCREL || t == R_X86_64_GOTPCRELX || t == R_X86_64_REX_GOTPCRELX;
}
