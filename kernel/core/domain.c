/* domain_create: an object placed, relocated and described. */
#include "domain.h"
#include "kstring.h"
#include "layout.h"
#include "reloc.h"
#include "symbols.h"

/* Per ELF symbol while linking: its address, or the import it names. */
struct link_symbol {
    uint64_t addr;
    uint32_t import; /* index + 1, 0 when not an import */
    uint32_t pad;
};

/* Where create is in the object, the image and the tables. */
struct linker {
    struct elf_object o;
    struct elf_symtab t;
    struct domain *d;
    struct domain_fault *f;
    struct link_symbol *syms;
    struct domain_export *unsorted;
    uint8_t *names;
    uint64_t names_used;
    uint64_t got_next; /* address of the next free GOT slot */
};

static uint8_t *carve(uint8_t **meta, uint64_t bytes)
{
    uint8_t *at = *meta;
    *meta += (bytes + 7) & ~7ull;
    return at;
}

static void carve_tables(struct linker *k, const struct domain_plan *p, uint8_t *meta)
{
    struct domain *d = k->d;
    uint32_t nb = p->nexports ? p->nexports : 1;
    d->section_addr = (uint64_t *)carve(&meta, 8ull * p->nsections);
    k->syms = (struct link_symbol *)carve(&meta, sizeof(struct link_symbol) * p->nsymbols);
    k->unsorted = (struct domain_export *)carve(&meta, sizeof(struct domain_export) * p->nexports);
    d->exports.entries = (struct domain_export *)carve(&meta, sizeof(struct domain_export) * p->nexports);
    d->exports.start = (uint32_t *)carve(&meta, 4ull * (nb + 1));
    d->exports.nbuckets = nb;
    d->imports = (struct domain_import *)carve(&meta, sizeof(struct domain_import) * p->nimports);
    d->patches = (struct domain_patch *)carve(&meta, sizeof(struct domain_patch) * p->npatches);
    k->names = carve(&meta, p->names_size + 1);
    d->exports.names = k->names;
    d->exports.names_size = p->names_size;
}

static uint64_t group_base(const struct domain *d, enum layout_group g)
{
    const struct domain_plan *p = &d->plan;
    return (uint64_t)d->image + (g == GROUP_RX ? 0 : g == GROUP_R ? p->rx_size : p->rx_size + p->r_size);
}

/* Same placement as domain_plan's; bytes copied, NOBITS zeroed. */
static void place_sections(struct linker *k)
{
    struct layout l = { { 0, 0, 0, 0 } };
    for (uint32_t i = 0; i < k->o.shnum; i++) {
        struct elf_section sh;
        uint64_t offset;
        enum layout_group g;
        k->d->section_addr[i] = 0;
        elf_section(&k->o, i, &sh);
        if (i == 0 || (g = layout_group_of(&sh)) == GROUP_NONE)
            continue;
        layout_place(&l, &sh, &offset);
        uint8_t *at = (uint8_t *)(group_base(k->d, g) + offset);
        k->d->section_addr[i] = (uint64_t)at;
        if (sh.type == SHT_NOBITS)
            kmemset(at, 0, sh.size);
        else
            kmemcpy(at, k->o.bytes + sh.offset, sh.size);
    }
}

static uint32_t copy_name(struct linker *k, const struct elf_symbol *s)
{
    uint32_t at = (uint32_t)k->names_used;
    kmemcpy(k->names + at, k->o.bytes + s->name, s->name_len);
    k->names[at + s->name_len] = 0;
    k->names_used += s->name_len + 1u;
    return at;
}

static void record_symbols(struct linker *k)
{
    struct domain *d = k->d;
    uint32_t nexports = 0;
    for (uint32_t i = 0; i < k->t.count; i++) {
        struct elf_symbol s;
        enum symbol_role role;
        elf_symbol(&k->o, &k->t, i, &s);
        symbol_role(&k->o, &s, &role);
        struct link_symbol *ls = &k->syms[i];
        ls->import = 0;
        ls->addr = s.shndx == SHN_ABS ? s.value :
                   symbol_is_got(&k->o, &s) ? k->got_next :
                   s.shndx < k->o.shnum && d->section_addr[s.shndx] ? d->section_addr[s.shndx] + s.value : 0;
        if (role == ROLE_EXPORT) {
            struct domain_export *e = &k->unsorted[nexports++];
            e->len = s.name_len;
            e->name = copy_name(k, &s);
            e->hash = name_hash(k->names + e->name, e->len);
            e->addr = ls->addr;
        } else if (role == ROLE_IMPORT) {
            struct domain_import *m = &d->imports[d->nimports];
            m->len = s.name_len;
            m->name = copy_name(k, &s);
            m->hash = name_hash(k->names + m->name, m->len);
            m->addr = 0;
            m->offer = -1;
            m->bound = 0;
            ls->import = ++d->nimports;
        }
    }
}

static void write_field(uint64_t place, uint32_t width, uint64_t value)
{
    uint8_t *p = (uint8_t *)place;
    for (uint32_t b = 0; b < width; b++)
        p[b] = (uint8_t)(value >> (8 * b));
}

static uint32_t width_of(uint32_t type) { return type == R_X86_64_64 ? 8 : 4; }

/* A GOT relocation uses a fresh slot holding the symbol's address; for an
 * import, the slot waits as an R_X86_64_64 patch. */
static uint64_t got_slot(struct linker *k, const struct link_symbol *ls, uint32_t i, uint32_t j)
{
    uint64_t slot = k->got_next;
    k->got_next += 8;
    if (ls->import)
        k->d->patches[k->d->npatches++] = (struct domain_patch){
            .offset = (uint32_t)(slot - k->d->image_addr), .addend = 0, .import = ls->import - 1, .type = R_X86_64_64,
            .relsec = i, .entry = j, .done = 0 };
    else
        write_field(slot, 8, ls->addr);
    return slot;
}

static int apply_relocation(struct linker *k, uint32_t i, uint32_t j, uint64_t target, const struct elf_rela *r)
{
    const struct link_symbol *ls = &k->syms[r->sym];
    uint64_t place = target + r->offset, s = ls->addr, value;
    if (reloc_uses_got(r->type))
        s = got_slot(k, ls, i, j);
    else if (ls->import) {
        k->d->patches[k->d->npatches++] = (struct domain_patch){
            .offset = (uint32_t)(place - k->d->image_addr), .addend = r->addend, .import = ls->import - 1, .type = r->type,
            .relsec = i, .entry = j, .done = 0 };
        return DOMAIN_OK;
    }
    int err = reloc_value(r->type, s, r->addend, place, &value);
    if (err != ELF_OK)
        return domain_fail(k->f, err, AT_RELOCATION, i, j);
    write_field(place, width_of(r->type), value);
    return DOMAIN_OK;
}

static int apply_relocations(struct linker *k)
{
    for (uint32_t i = 1; i < k->o.shnum; i++) {
        struct elf_section sh;
        struct elf_relsec rs;
        elf_section(&k->o, i, &sh);
        if (sh.type != SHT_RELA)
            continue;
        elf_relsec(&k->o, &k->t, i, &rs);
        uint64_t target = k->d->section_addr[rs.target];
        for (uint32_t j = 0; target && j < rs.count; j++) {
            struct elf_rela r;
            elf_rela(&k->o, &k->t, &rs, j, &r);
            int err = apply_relocation(k, i, j, target, &r);
            if (err != DOMAIN_OK)
                return err;
        }
    }
    return DOMAIN_OK;
}

static int same_plan(const struct domain_plan *a, const struct domain_plan *b)
{
    return a->image_size == b->image_size && a->meta_size == b->meta_size && a->rx_size == b->rx_size &&
           a->r_size == b->r_size && a->npatches == b->npatches && a->nimports == b->nimports &&
           a->nexports == b->nexports && a->nsymbols == b->nsymbols && a->nsections == b->nsections;
}

int domain_create(const uint8_t *bytes, uint64_t len, const struct domain_plan *plan, uint8_t *image,
                  uint8_t *meta, const char *name, struct domain *d, struct domain_fault *f)
{
    struct linker k = { .d = d, .f = f };
    int err = domain_plan(bytes, len, &d->plan, f);
    if (err != DOMAIN_OK)
        return err;
    if (!same_plan(&d->plan, plan))
        return domain_fail(f, DOMAIN_ERR_MEMORY, AT_OBJECT, 0, 0);
    elf_open(bytes, len, &k.o);
    elf_symtab(&k.o, &k.t);
    domain_set_name(d, name);
    d->kind = DOMAIN_OBJECT;
    d->image = image;
    d->image_addr = (uint64_t)image;
    d->nimports = d->npatches = 0;
    d->parts[0] = d->parts[1] = 0;
    carve_tables(&k, plan, meta);
    place_sections(&k);
    k.got_next = group_base(d, GROUP_R) + plan->got_offset;
    record_symbols(&k);
    if ((err = apply_relocations(&k)) != DOMAIN_OK)
        return err;
    d->unresolved = d->nimports;
    if (!export_table_build(&d->exports, k.unsorted, plan->nexports))
        return domain_fail(f, DOMAIN_ERR_TABLE, AT_OBJECT, 0, 0);
    return domain_fail(f, DOMAIN_OK, AT_OBJECT, 0, 0);
}
