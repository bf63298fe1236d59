/* domain_plan: the whole object checked and measured before any memory is
 * given to it. */
#include "domain.h"
#include "layout.h"
#include "link.h"
#include "symbols.h"

/* Loaded bytes come in file order without overlap, as compilers write
 * them: a linear check that no byte is loaded twice. */
static int overlaps(const struct elf_section *sh, uint64_t *file_end)
{
    if (sh->type == SHT_NOBITS || sh->size == 0)
        return 0;
    if (sh->offset < *file_end)
        return 1;
    *file_end = sh->offset + sh->size;
    return 0;
}

static int plan_sections(const struct elf_object *o, struct layout *l, struct domain_fault *f)
{
    uint64_t file_end = 0;
    for (uint32_t i = 0; i < o->shnum; i++) {
        struct elf_section sh;
        uint64_t offset;
        int err = elf_section(o, i, &sh);
        if (err == ELF_OK && sh.type == SHT_REL)
            err = DOMAIN_ERR_REL;
        if (err == ELF_OK && i > 0 && layout_group_of(&sh) != GROUP_NONE) {
            err = layout_place(l, &sh, &offset);
            if (err == DOMAIN_OK && overlaps(&sh, &file_end))
                err = DOMAIN_ERR_OVERLAP;
        }
        if (err != ELF_OK)
            return domain_fail(f, err, AT_SECTION, i, 0);
    }
    return DOMAIN_OK;
}

static int plan_symbols(const struct elf_object *o, const struct elf_symtab *t, struct domain_plan *p,
                        struct domain_fault *f)
{
    for (uint32_t i = 0; i < t->count; i++) {
        struct elf_symbol s;
        enum symbol_role role;
        int err = elf_symbol(o, t, i, &s);
        if (err == ELF_OK)
            err = symbol_role(o, &s, &role);
        if (err != ELF_OK)
            return domain_fail(f, err, AT_SYMBOL, i, 0);
        if (role == ROLE_EXPORT)
            p->nexports++;
        if (role == ROLE_IMPORT)
            p->nimports++;
        if (role != ROLE_LOCAL)
            p->names_size += s.name_len + 1u;
    }
    return DOMAIN_OK;
}

/* Relocations that patch a loaded section: each one naming an import
 * waits as a patch; each GOT one gets a slot. */
static int plan_relocations(const struct elf_object *o, const struct elf_symtab *t, struct domain_plan *p,
                            struct domain_fault *f)
{
    for (uint32_t i = 1; i < o->shnum; i++) {
        struct elf_section sh;
        struct elf_relsec rs;
        elf_section(o, i, &sh);
        if (sh.type != SHT_RELA)
            continue;
        int err = elf_relsec(o, t, i, &rs);
        if (err != ELF_OK)
            return domain_fail(f, err, AT_RELOCATION, i, 0);
        int loaded = section_loaded(o, rs.target);
        for (uint32_t j = 0; j < rs.count; j++) {
            struct elf_rela r;
            struct elf_symbol s;
            enum symbol_role role;
            if ((err = elf_rela(o, t, &rs, j, &r)) != ELF_OK)
                return domain_fail(f, err, AT_RELOCATION, i, j);
            if (!loaded)
                continue;
            elf_symbol(o, t, r.sym, &s);
            symbol_role(o, &s, &role);
            if (role != ROLE_IMPORT && s.shndx != SHN_ABS && s.shndx != SHN_UNDEF && !section_loaded(o, s.shndx))
                return domain_fail(f, DOMAIN_ERR_SYMBOL_SECTION, AT_RELOCATION, i, j);
            p->npatches += role == ROLE_IMPORT;
            p->ngot += reloc_uses_got(r.type);
        }
    }
    return DOMAIN_OK;
}

static uint64_t align8(uint64_t n) { return (n + 7) & ~7ull; }

/* The tables domain_create carves from meta, in this order. */
static void plan_meta(struct domain_plan *p)
{
    uint64_t nb = p->nexports ? p->nexports : 1;
    p->meta_size = 8ull * p->nsections + sizeof(struct link_symbol) * p->nsymbols +
                   2ull * sizeof(struct domain_export) * p->nexports + align8(4 * (nb + 1)) +
                   sizeof(struct domain_import) * p->nimports + sizeof(struct domain_patch) * p->npatches +
                   align8(p->names_size + 1);
}

int domain_plan(const uint8_t *bytes, uint64_t len, struct domain_plan *p, struct domain_fault *f)
{
    struct elf_object o;
    struct elf_symtab t;
    struct layout l = { { 0, 0, 0, 0 } };
    *p = (struct domain_plan){ 0 };
    int err = elf_open(bytes, len, &o);
    if (err != ELF_OK)
        return domain_fail(f, err, AT_OBJECT, 0, 0);
    if ((err = plan_sections(&o, &l, f)) != DOMAIN_OK)
        return err;
    if ((err = elf_symtab(&o, &t)) != ELF_OK)
        return domain_fail(f, err, AT_OBJECT, 0, 0);
    p->nsections = o.shnum;
    p->nsymbols = t.count;
    if ((err = plan_symbols(&o, &t, p, f)) != DOMAIN_OK || (err = plan_relocations(&o, &t, p, f)) != DOMAIN_OK)
        return err;
    if (layout_reserve(&l, GROUP_R, 8ull * p->ngot, 8, &p->got_offset) != DOMAIN_OK)
        return domain_fail(f, DOMAIN_ERR_TOO_BIG, AT_OBJECT, 0, 0);
    p->rx_size = layout_pages(&l, GROUP_RX);
    p->r_size = layout_pages(&l, GROUP_R);
    p->rw_size = layout_pages(&l, GROUP_RW);
    p->image_size = p->rx_size + p->r_size + p->rw_size;
    if (p->names_size >= 0xFFFFFFFFu)
        return domain_fail(f, DOMAIN_ERR_TOO_BIG, AT_OBJECT, 0, 0);
    plan_meta(p);
    return domain_fail(f, DOMAIN_OK, AT_OBJECT, 0, 0);
}
