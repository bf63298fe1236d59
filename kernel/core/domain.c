/* domain_link: an object placed, relocated and described (link.h). Four
 * passes over the object: place the sections (addresses only), copy
 * them, record the symbols, apply the relocations. Each pass checks at
 * run time every bound its writes rely on. */
#include "domain.h"
#include "kstring.h"
#include "layout.h"
#include "link.h"
#include "names.h"
#include "reloc.h"
#include "symbols.h"

void domain_set_name(struct domain *d, const char *name)
{
    uint32_t n = 0;
    /*@ loop invariant 0 <= n < DOMAIN_NAME_MAX;
        loop invariant name != \null ==> \forall integer k; 0 <= k < n ==> d->name[k] == name[k] && name[k] != 0;
        loop invariant name != \null && !\valid_read(name + (0 .. DOMAIN_NAME_MAX - 2)) ==>
          \exists integer m; n <= m < DOMAIN_NAME_MAX - 1 && \valid_read(name + (0 .. m)) && name[m] == 0;
        loop assigns n, d->name[0 .. DOMAIN_NAME_MAX - 2];
        loop variant DOMAIN_NAME_MAX - n;
    */
    for (; name && n + 1 < DOMAIN_NAME_MAX && name[n]; n++)
        d->name[n] = name[n];
    d->name[n] = 0;
}

/*@ requires 0 <= g <= 3 && rx <= LINK_GROUP_MAX && r <= LINK_GROUP_MAX;
    terminates \true;
    assigns \nothing;
    ensures \result == GroupStartOf(rx, r, g);
*/
static uint64_t group_start(uint64_t rx, uint64_t r, enum layout_group g)
{
    return g == GROUP_RX ? 0 : g == GROUP_R ? rx : rx + r;
}

/*@ requires 0 <= g <= 3;
    terminates \true;
    assigns \nothing;
    ensures \result == GroupSizeOf(rx, r, rw, g);
*/
static uint64_t group_size(uint64_t rx, uint64_t r, uint64_t rw, enum layout_group g)
{
    return g == GROUP_RX ? rx : g == GROUP_R ? r : rw;
}

/* Where section i goes, by the layout's rule (layout.h): *at is 0 for a
 * section that is not loaded, otherwise its address inside its group.
 * The sizes come as values and the section as ObjSh* of the bytes, so
 * that nothing the passes write can change them. */
/*@ requires ElfObjectOk(o) && i < o->shnum && o->shoff == Le64(o->bytes + 40);
    requires rx <= LINK_GROUP_MAX && r <= LINK_GROUP_MAX && rw <= LINK_GROUP_MAX;
    requires \valid(l) && LayoutOk(l) && \valid(at);
    requires 0 < base && base + rx + r + rw <= 0xFFFFFFFFFFFFFFFF;
    requires \separated(at, l, o, o->bytes + (0 .. o->len - 1));
    requires \separated(l, o, o->bytes + (0 .. o->len - 1));
    terminates \true;
    assigns *at, l->used[0 .. 3];
    ensures LayoutOk(l);
    ensures \result == DOMAIN_OK ==>
      SectionIn(rx, r, rw, base, *at, ObjShSize(o->bytes, i), LayoutGroupOf(ObjShFlags(o->bytes, i)), i);
*/
static int place_section(const struct elf_object *o, uint32_t i, struct layout *l, uint64_t rx, uint64_t r,
                         uint64_t rw, uint64_t base, uint64_t *at)
{
    struct elf_section sh;
    uint64_t offset, a = 0;
    int err = ELF_OK;
    enum layout_group g = GROUP_NONE;
    if (i != 0 && (err = elf_section(o, i, &sh)) == ELF_OK) {
        //@ assert read: sh.size == ObjShSize(o->bytes, i) && sh.flags == ObjShFlags(o->bytes, i);
        g = layout_group_of(&sh);
    }
    //@ assert grouped: err == ELF_OK && i != 0 ==> g == LayoutGroupOf(ObjShFlags(o->bytes, i));
    if (g != GROUP_NONE && (err = layout_place(l, &sh, &offset)) == DOMAIN_OK) {
        uint64_t size = group_size(rx, r, rw, g);
        if (offset > size || sh.size > size - offset)
            err = DOMAIN_ERR_MEMORY;
        else
            a = base + group_start(rx, r, g) + offset;
    }
    *at = a;
    return err;
}

/* Pass 1: every section's address (addr[i], 0 when not loaded), laid
 * out in l (empty: the layout is a parameter so that its writes are
 * apart from addr's by hypothesis). */
/*@ requires ElfObjectOk(o) && o->shoff == Le64(o->bytes + 40) && \valid_read(p) && PLAN_SIZED(p);
    requires \valid(addr + (0 .. o->shnum - 1)) && \valid(f) && \valid(l) && LayoutOk(l);
    requires 0 < base && base + p->image_size <= 0xFFFFFFFFFFFFFFFF;
    requires \separated(addr + (0 .. o->shnum - 1), l, f, o, p, o->bytes + (0 .. o->len - 1));
    terminates \true;
    assigns addr[0 .. o->shnum - 1], l->used[0 .. 3], *f;
    ensures \result == DOMAIN_OK ==> \forall integer i; 0 <= i < o->shnum ==>
      SectionIn(\old(p->rx_size), \old(p->r_size), \old(p->rw_size), base, addr[i], ObjShSize(o->bytes, i),
                LayoutGroupOf(ObjShFlags(o->bytes, i)), i);
*/
static int place_sections(const struct elf_object *o, const struct domain_plan *p, uint64_t base, uint64_t *addr,
                          struct layout *l, struct domain_fault *f)
{
    const uint64_t rx = p->rx_size, r = p->r_size, rw = p->rw_size;
    const uint32_t shnum = o->shnum;
    /*@ loop invariant 0 <= i <= shnum && LayoutOk(l);
        loop invariant \forall integer k; 0 <= k < i ==>
          SectionIn(rx, r, rw, base, addr[k], ObjShSize(o->bytes, k), LayoutGroupOf(ObjShFlags(o->bytes, k)), k);
        loop assigns i, l->used[0 .. 3], addr[0 .. shnum - 1];
        loop variant shnum - i;
    */
    for (uint32_t i = 0; i < shnum; i++) {
        int err = place_section(o, i, l, rx, r, rw, base, &addr[i]);
        //@ assert kept: \forall integer k; 0 <= k < i ==> addr[k] == \at(addr[k], LoopCurrent);
        if (err != DOMAIN_OK)
            return domain_fail(f, err, AT_SECTION, i, 0);
    }
    return domain_fail(f, DOMAIN_OK, AT_OBJECT, 0, 0);
}

/* Section i's bytes at address a of the image (zeros for NOBITS). */
/*@ requires ElfObjectOk(o) && i < o->shnum && \valid(image + (0 .. size - 1));
    requires \separated(image + (0 .. size - 1), o, o->bytes + (0 .. o->len - 1));
    terminates \true;
    assigns image[0 .. size - 1];
*/
static int load_section(const struct elf_object *o, uint32_t i, uint64_t a, uint8_t *image, uint64_t base,
                        uint64_t size)
{
    struct elf_section sh;
    int err = elf_section(o, i, &sh);
    if (err != ELF_OK)
        return err;
    if (a < base || a - base > size || sh.size > size - (a - base))
        return DOMAIN_ERR_MEMORY;
    if (sh.size == 0)
        return DOMAIN_OK;
    if (sh.type == SHT_NOBITS)
        kmemset(image + (a - base), 0, sh.size);
    else
        kmemcpy(image + (a - base), o->bytes + sh.offset, sh.size);
    return DOMAIN_OK;
}

/* Pass 2: every placed section's bytes copied into the image. */
/*@ requires ElfObjectOk(o) && \valid_read(addr + (0 .. o->shnum - 1)) && \valid(image + (0 .. size - 1));
    requires \valid(f);
    requires \separated(image + (0 .. size - 1), addr + (0 .. o->shnum - 1), f, o, o->bytes + (0 .. o->len - 1));
    requires \separated(f, addr + (0 .. o->shnum - 1), o, o->bytes + (0 .. o->len - 1));
    terminates \true;
    assigns image[0 .. size - 1], *f;
*/
static int load_sections(const struct elf_object *o, const uint64_t *addr, uint8_t *image, uint64_t base,
                         uint64_t size, struct domain_fault *f)
{
    /*@ loop invariant 0 <= i <= o->shnum;
        loop assigns i, image[0 .. size - 1];
        loop variant o->shnum - i;
    */
    for (uint32_t i = 0; i < o->shnum; i++) {
        int err = addr[i] ? load_section(o, i, addr[i], image, base, size) : DOMAIN_OK;
        if (err != DOMAIN_OK)
            return domain_fail(f, err, AT_SECTION, i, 0);
    }
    return domain_fail(f, DOMAIN_OK, AT_OBJECT, 0, 0);
}

/* The address symbol s stands for: its absolute value, the GOT, a place
 * in its (loaded) section, or 0. */
/*@ requires \valid_read(s) && \valid_read(addr + (0 .. nsec - 1)) && \valid(out);
    requires \separated(out, s, addr + (0 .. nsec - 1));
    terminates \true;
    assigns *out;
    ensures \result == DOMAIN_OK || \result == DOMAIN_ERR_SYMBOL_VALUE;
*/
static int symbol_address(const struct elf_symbol *s, int is_got, const uint64_t *addr, uint32_t nsec,
                          uint64_t got, uint64_t *out)
{
    uint64_t base = s->shndx < nsec ? addr[s->shndx] : 0;
    *out = 0;
    if (s->shndx == SHN_ABS)
        *out = s->value;
    else if (is_got)
        *out = got;
    else if (base) {
        if (s->value > UINT64_MAX - base)
            return DOMAIN_ERR_SYMBOL_VALUE;
        *out = base + s->value;
    }
    return DOMAIN_OK;
}

/* names[at .. at + len): src's bytes, then a NUL. */
/*@ requires \valid(names + (at .. at + len)) && \valid_read(src + (0 .. len - 1));
    requires \separated(names + (at .. at + len), src + (0 .. len - 1)) && at + len <= 0xFFFFFFFF;
    terminates \true;
    assigns names[at .. at + len];
    ensures names[at + len] == 0;
*/
static void copy_name(uint8_t *names, uint32_t at, const uint8_t *src, uint32_t len)
{
    kmemcpy(names + at, src, len);
    names[at + len] = 0;
}

/*@ requires \valid(e) && \valid(names + (at .. at + len)) && \valid_read(src + (0 .. len - 1));
    requires \separated(e, names + (at .. at + len), src + (0 .. len - 1));
    requires \separated(names + (at .. at + len), src + (0 .. len - 1));
    requires at + len <= 0xFFFFFFFF;
    terminates \true;
    assigns *e, names[at .. at + len];
    ensures e->name == at && e->len == len && e->addr == a;
*/
static void record_export(struct domain_export *e, uint8_t *names, uint32_t at, const uint8_t *src, uint32_t len,
                          uint64_t a)
{
    copy_name(names, at, src, len);
    e->name = at;
    e->len = len;
    e->hash = name_hash(names + at, len);
    e->addr = a;
}

/*@ requires \valid(m) && \valid(names + (at .. at + len)) && \valid_read(src + (0 .. len - 1));
    requires \separated(m, names + (at .. at + len), src + (0 .. len - 1));
    requires \separated(names + (at .. at + len), src + (0 .. len - 1));
    requires at + len <= 0xFFFFFFFF;
    terminates \true;
    assigns *m, names[at .. at + len];
    ensures m->name == at && m->len == len && m->bound == 0 && m->addr == 0 && m->offer == -1;
    ensures m->hash == NameHash(names + at, len);
*/
static void record_import(struct domain_import *m, uint8_t *names, uint32_t at, const uint8_t *src, uint32_t len)
{
    copy_name(names, at, src, len);
    m->name = at;
    m->len = len;
    m->hash = name_hash(names + at, len);
    m->addr = 0;
    m->offer = -1;
    m->bound = 0;
}

/*@ requires \valid(ls);
    terminates \true;
    assigns *ls;
    ensures ls->addr == a && ls->import == import;
*/
static void set_link(struct link_symbol *ls, uint64_t a, uint32_t import)
{
    ls->addr = a;
    ls->import = import;
    ls->pad = 0;
}

/* What record_symbols fills: the symbols' link entries, the exports
 * (unsorted) and imports, with their names. */
struct symbol_tables {
    struct link_symbol *syms;
    struct domain_export *unsorted;
    struct domain_import *imports;
    uint8_t *names;
    uint32_t max_exports, max_imports;
    uint64_t names_size;
};

/*@ predicate SymbolTablesOk{L}(struct symbol_tables *st, integer nsym, uint8_t *bytes, integer len) =
      \valid_read(st) && st->names_size < 0xFFFFFFFF &&
      \valid(st->syms + (0 .. nsym - 1)) && \valid(st->unsorted + (0 .. st->max_exports - 1)) &&
      \valid(st->imports + (0 .. st->max_imports - 1)) && \valid(st->names + (0 .. st->names_size)) &&
      \separated(st->syms + (0 .. nsym - 1), st->unsorted + (0 .. st->max_exports - 1),
                 st->imports + (0 .. st->max_imports - 1), st->names + (0 .. st->names_size),
                 bytes + (0 .. len - 1), st);
*/

/* Pass 3: every symbol's address and role; exports and imports recorded
 * with their names. */
/*@ requires ElfSymtabOk(o, t) && SymbolTablesOk(st, t->count, o->bytes, o->len);
    requires \valid_read(addr + (0 .. nsec - 1)) && \valid(f) && \valid(nexports) && \valid(nimports);
    requires \separated(addr + (0 .. nsec - 1), f, nexports, nimports, o, t,
                        st->syms + (0 .. t->count - 1), st->unsorted + (0 .. st->max_exports - 1),
                        st->imports + (0 .. st->max_imports - 1), st->names + (0 .. st->names_size));
    requires \separated(f, nexports, nimports, o, t, st, o->bytes + (0 .. o->len - 1));
    terminates \true;
    assigns *f, *nexports, *nimports, st->syms[0 .. t->count - 1], st->unsorted[0 .. st->max_exports - 1],
            st->imports[0 .. st->max_imports - 1], st->names[0 .. st->names_size];
    ensures \result == DOMAIN_OK ==> *nexports <= st->max_exports && *nimports <= st->max_imports &&
      ImportsNamed(st->imports, *nimports, st->names_size) && ImportsUnbound(st->imports, *nimports) &&
      (\forall integer k; 0 <= k < t->count ==> st->syms[k].import <= *nimports);
*/
static int record_symbols(const struct elf_object *o, const struct elf_symtab *t, const uint64_t *addr,
                          uint32_t nsec, uint64_t got, const struct symbol_tables *st, uint32_t *nexports,
                          uint32_t *nimports, struct domain_fault *f)
{
    uint32_t ne = 0, ni = 0;
    uint64_t used = 0;
    /*@ loop invariant 0 <= i <= t->count && ne <= st->max_exports && ni <= st->max_imports;
        loop invariant used <= st->names_size + 1;
        loop invariant ImportsNamed(st->imports, ni, st->names_size) && ImportsUnbound(st->imports, ni);
        loop invariant \forall integer k; 0 <= k < i ==> st->syms[k].import <= ni;
        loop assigns i, ne, ni, used, st->syms[0 .. t->count - 1], st->unsorted[0 .. st->max_exports - 1],
                     st->imports[0 .. st->max_imports - 1], st->names[0 .. st->names_size];
        loop variant t->count - i;
    */
    for (uint32_t i = 0; i < t->count; i++) {
        struct elf_symbol s;
        enum symbol_role role = ROLE_LOCAL;
        uint64_t a = 0;
        int err = elf_symbol(o, t, i, &s);
        if (err == ELF_OK)
            err = symbol_role(o, &s, &role);
        if (err == ELF_OK)
            err = symbol_address(&s, symbol_is_got(o, &s), addr, nsec, got, &a);
        if (err == ELF_OK && role != ROLE_LOCAL && (used > st->names_size || s.name_len > st->names_size - used))
            err = DOMAIN_ERR_MEMORY;
        if (err == ELF_OK && ((role == ROLE_EXPORT && ne == st->max_exports) ||
                              (role == ROLE_IMPORT && ni == st->max_imports)))
            err = DOMAIN_ERR_MEMORY;
        if (err != ELF_OK)
            return domain_fail(f, err, AT_SYMBOL, i, 0);
        set_link(&st->syms[i], a, role == ROLE_IMPORT ? ni + 1 : 0);
        if (role == ROLE_EXPORT)
            record_export(&st->unsorted[ne++], st->names, (uint32_t)used, o->bytes + s.name, s.name_len, a);
        else if (role == ROLE_IMPORT)
            record_import(&st->imports[ni++], st->names, (uint32_t)used, o->bytes + s.name, s.name_len);
        if (role != ROLE_LOCAL)
            used += s.name_len + 1ull;
    }
    *nexports = ne;
    *nimports = ni;
    return domain_fail(f, DOMAIN_OK, AT_OBJECT, 0, 0);
}

/*@ requires \valid(p);
    terminates \true;
    assigns *p;
    ensures p->offset == offset && p->addend == addend && p->import == import && p->type == type && p->done == 0;
*/
static void set_patch(struct domain_patch *p, uint32_t offset, int64_t addend, uint32_t import, uint32_t type,
                      uint32_t relsec, uint32_t entry)
{
    p->offset = offset;
    p->addend = addend;
    p->import = import;
    p->type = type;
    p->relsec = relsec;
    p->entry = entry;
    p->done = 0;
}

/* Where pass 4 writes: the image, its GOT (offsets got .. got_end), the
 * waiting relocations. */
struct patch_tables {
    const struct link_symbol *syms;
    uint32_t nsymbols, nimports;
    uint8_t *image;
    uint64_t base, size, got_end;
    struct domain_patch *patches;
    uint32_t max_patches;
};

/*@ predicate PatchTablesOk{L}(struct patch_tables *pt) =
      \valid_read(pt) && \valid_read(pt->syms + (0 .. pt->nsymbols - 1)) &&
      \valid(pt->image + (0 .. pt->size - 1)) && \valid(pt->patches + (0 .. pt->max_patches - 1)) &&
      0 < pt->base && pt->base + pt->size <= 0xFFFFFFFFFFFFFFFF && pt->size <= 3 * LINK_GROUP_MAX &&
      pt->got_end <= pt->size &&
      (\forall integer k; 0 <= k < pt->nsymbols ==> pt->syms[k].import <= pt->nimports) &&
      \separated(pt->syms + (0 .. pt->nsymbols - 1), pt->image + (0 .. pt->size - 1),
                 pt->patches + (0 .. pt->max_patches - 1), pt);
*/

/* A relocation of one waiting for an import: the next patch. */
/*@ requires PatchTablesOk(pt) && \valid(np) && *np <= pt->max_patches;
    requires PATCHES_IN(pt->patches, *np, pt->nimports, pt->size);
    requires 0 < import <= pt->nimports && offset + (type == R_X86_64_64 ? 8 : 4) <= pt->size;
    requires type == R_X86_64_64 || type == R_X86_64_PC32 || type == R_X86_64_PLT32 ||
             type == R_X86_64_32 || type == R_X86_64_32S;
    requires \separated(np, pt, pt->patches + (0 .. pt->max_patches - 1), pt->syms + (0 .. pt->nsymbols - 1));
    terminates \true;
    assigns *np, pt->patches[*np];
    ensures \result == DOMAIN_OK || \result == DOMAIN_ERR_MEMORY;
    ensures *np <= pt->max_patches && PATCHES_IN(pt->patches, *np, pt->nimports, pt->size);
*/
static int wait_for_import(const struct patch_tables *pt, uint32_t *np, uint64_t offset, int64_t addend,
                           uint32_t import, uint32_t type, uint32_t i, uint32_t j)
{
    if (*np == pt->max_patches)
        return DOMAIN_ERR_MEMORY;
    set_patch(&pt->patches[*np], (uint32_t)offset, addend, import - 1, type, i, j);
    *np += 1;
    return DOMAIN_OK;
}

/* Relocation r, patching a section at address target: applied now, or
 * left waiting for its import. A GOT relocation takes the next slot. */
/*@ requires PatchTablesOk(pt) && \valid_read(r) && r->sym < pt->nsymbols;
    requires r->width == ElfRelocWidth(r->type) && (r->width == 4 || r->width == 8);
    requires \valid(np) && *np <= pt->max_patches && PATCHES_IN(pt->patches, *np, pt->nimports, pt->size);
    requires \valid(got) && *got <= pt->got_end;
    requires \separated(np, got, r, pt, pt->patches + (0 .. pt->max_patches - 1), pt->syms + (0 .. pt->nsymbols - 1),
                        pt->image + (0 .. pt->size - 1));
    terminates \true;
    assigns *np, *got, pt->patches[0 .. pt->max_patches - 1], pt->image[0 .. pt->size - 1];
    ensures *np <= pt->max_patches && PATCHES_IN(pt->patches, *np, pt->nimports, pt->size);
    ensures *got <= pt->got_end;
*/
static int relocate(const struct patch_tables *pt, const struct elf_rela *r, uint64_t target, uint32_t *np,
                    uint64_t *got, uint32_t i, uint32_t j)
{
    const struct link_symbol *ls = &pt->syms[r->sym];
    if (target < pt->base || target - pt->base > pt->size || r->offset > pt->size - (target - pt->base) ||
        r->width > pt->size - (target - pt->base) - r->offset)
        return ELF_ERR_RELOC_OFFSET;
    uint64_t at = target - pt->base + r->offset, s = ls->addr, value;
    if (reloc_uses_got(r->type)) {
        if (*got > pt->got_end || 8 > pt->got_end - *got)
            return DOMAIN_ERR_MEMORY;
        uint64_t slot = *got;
        int err = ls->import ? wait_for_import(pt, np, slot, 0, ls->import, R_X86_64_64, i, j) : DOMAIN_OK;
        if (err != DOMAIN_OK)
            return err;
        if (!ls->import)
            reloc_write(pt->image, slot, 8, ls->addr);
        *got = slot + 8;
        s = pt->base + slot;
    } else if (ls->import)
        return wait_for_import(pt, np, at, r->addend, ls->import, r->type, i, j);
    int err = reloc_value(r->type, s, r->addend, pt->base + at, &value);
    if (err != ELF_OK)
        return err;
    reloc_write(pt->image, at, r->width, value);
    return DOMAIN_OK;
}

/* The relocations of section i, if it is a RELA section whose target
 * is loaded (addr says where). */
/*@ requires ElfSymtabOk(o, t) && i < o->shnum && t->count == pt->nsymbols && PatchTablesOk(pt);
    requires \valid_read(addr + (0 .. o->shnum - 1)) && \valid(f);
    requires \valid(np) && *np <= pt->max_patches && PATCHES_IN(pt->patches, *np, pt->nimports, pt->size);
    requires \valid(got) && *got <= pt->got_end;
    requires \separated(np, got, f, o, t, pt, addr + (0 .. o->shnum - 1), pt->patches + (0 .. pt->max_patches - 1),
                        pt->syms + (0 .. pt->nsymbols - 1), pt->image + (0 .. pt->size - 1),
                        o->bytes + (0 .. o->len - 1));
    terminates \true;
    assigns *np, *got, *f, pt->patches[0 .. pt->max_patches - 1], pt->image[0 .. pt->size - 1];
    ensures *np <= pt->max_patches && PATCHES_IN(pt->patches, *np, pt->nimports, pt->size);
    ensures *got <= pt->got_end;
*/
static int relocate_section(const struct elf_object *o, const struct elf_symtab *t, uint32_t i, const uint64_t *addr,
                            const struct patch_tables *pt, uint32_t *np, uint64_t *got, struct domain_fault *f)
{
    struct elf_section sh;
    struct elf_relsec rs;
    int err = elf_section(o, i, &sh);
    if (err != ELF_OK)
        return domain_fail(f, err, AT_SECTION, i, 0);
    if (sh.type != SHT_RELA)
        return DOMAIN_OK;
    if ((err = elf_relsec(o, t, i, &rs)) != ELF_OK)
        return domain_fail(f, err, AT_RELOCATION, i, 0);
    uint64_t target = addr[rs.target];
    /*@ loop invariant 0 <= j <= rs.count;
        loop invariant *np <= pt->max_patches && PATCHES_IN(pt->patches, *np, pt->nimports, pt->size);
        loop invariant *got <= pt->got_end;
        loop assigns j, *np, *got, pt->patches[0 .. pt->max_patches - 1], pt->image[0 .. pt->size - 1];
        loop variant rs.count - j;
    */
    for (uint32_t j = 0; target && j < rs.count; j++) {
        struct elf_rela r;
        if ((err = elf_rela(o, t, &rs, j, &r)) == ELF_OK)
            err = relocate(pt, &r, target, np, got, i, j);
        if (err != DOMAIN_OK)
            return domain_fail(f, err, AT_RELOCATION, i, j);
    }
    return DOMAIN_OK;
}

/* Pass 4: every relocation of every loaded section. */
/*@ requires ElfSymtabOk(o, t) && t->count == pt->nsymbols && PatchTablesOk(pt);
    requires \valid_read(addr + (0 .. o->shnum - 1)) && \valid(f) && \valid(npatches) && got <= pt->got_end;
    requires \separated(npatches, f, o, t, pt, addr + (0 .. o->shnum - 1), pt->patches + (0 .. pt->max_patches - 1),
                        pt->syms + (0 .. pt->nsymbols - 1), pt->image + (0 .. pt->size - 1),
                        o->bytes + (0 .. o->len - 1));
    terminates \true;
    assigns *npatches, *f, pt->patches[0 .. pt->max_patches - 1], pt->image[0 .. pt->size - 1];
    ensures \result == DOMAIN_OK ==> *npatches <= pt->max_patches &&
      PATCHES_IN(pt->patches, *npatches, pt->nimports, pt->size);
*/
static int apply_relocations(const struct elf_object *o, const struct elf_symtab *t, const uint64_t *addr,
                             const struct patch_tables *pt, uint64_t got, uint32_t *npatches, struct domain_fault *f)
{
    uint32_t np = 0;
    /*@ loop invariant 1 <= i <= o->shnum || (i == 1 && o->shnum == 1);
        loop invariant np <= pt->max_patches && PATCHES_IN(pt->patches, np, pt->nimports, pt->size);
        loop invariant got <= pt->got_end;
        loop assigns i, np, got, *f, pt->patches[0 .. pt->max_patches - 1], pt->image[0 .. pt->size - 1];
        loop variant o->shnum - i;
    */
    for (uint32_t i = 1; i < o->shnum; i++) {
        int err = relocate_section(o, t, i, addr, pt, &np, &got, f);
        if (err != DOMAIN_OK)
            return err;
    }
    *npatches = np;
    return domain_fail(f, DOMAIN_OK, AT_OBJECT, 0, 0);
}

/* The plan the tables were cut for fits the object: its counts are the
 * object's and its sizes are ones the passes can work with. */
/*@ requires \valid_read(p);
    terminates \true;
    assigns \nothing;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 <==> PLAN_SIZED(p) && p->nsections == shnum && p->nsymbols == nsym &&
                              p->nexports < 0xFFFFFFFFu;
*/
static int plan_fits(const struct domain_plan *p, uint32_t shnum, uint32_t nsym)
{
    return p->rx_size <= LINK_GROUP_MAX && p->r_size <= LINK_GROUP_MAX && p->rw_size <= LINK_GROUP_MAX &&
           p->rx_size + p->r_size + p->rw_size == p->image_size && p->got_offset <= p->r_size &&
           p->names_size < 0xFFFFFFFFu && p->nsections == shnum && p->nsymbols == nsym &&
           p->nexports < 0xFFFFFFFFu;
}

/* The four passes; *nexports, *nimports, *npatches say how much of each
 * table they filled. */
/*@ requires ElfSymtabOk(o, t) && TablesValid(tb, p) && PLAN_SIZED(p) && o->shoff == Le64(o->bytes + 40);
    requires p->nsections == o->shnum && p->nsymbols == t->count;
    requires \valid(image + (0 .. p->image_size - 1)) && 0 < base && base + p->image_size <= 0xFFFFFFFFFFFFFFFF;
    requires \valid(f) && \valid(nexports) && \valid(nimports) && \valid(npatches);
    requires \separated(TABLE_RANGES(tb, p), image + (0 .. p->image_size - 1), o->bytes + (0 .. o->len - 1),
                        f, p, tb, o, t, nexports, nimports, npatches);
    requires \separated(nexports, nimports, npatches, o, t, f, p, tb, o->bytes + (0 .. o->len - 1));
    terminates \true;
    assigns *f, *nexports, *nimports, *npatches, image[0 .. p->image_size - 1],
            tb->section_addr[0 .. p->nsections - 1], tb->syms[0 .. p->nsymbols - 1],
            tb->unsorted[0 .. p->nexports - 1], tb->imports[0 .. p->nimports - 1],
            tb->patches[0 .. p->npatches - 1], tb->names[0 .. p->names_size];
    ensures \result == DOMAIN_OK ==> *nexports <= p->nexports && *nimports <= p->nimports &&
      *npatches <= p->npatches && ImportsNamed(tb->imports, *nimports, p->names_size) &&
      ImportsUnbound(tb->imports, *nimports) && PATCHES_IN(tb->patches, *npatches, *nimports, p->image_size);
    ensures \result == DOMAIN_OK ==> \forall integer i; 0 <= i < o->shnum ==>
      SectionIn(\old(p->rx_size), \old(p->r_size), \old(p->rw_size), base, tb->section_addr[i],
                \at(ObjShSize(o->bytes, i), Pre), \at(LayoutGroupOf(ObjShFlags(o->bytes, i)), Pre), i);
*/
static int link_passes(const struct elf_object *o, const struct elf_symtab *t, const struct domain_plan *p,
                       const struct domain_tables *tb, uint8_t *image, uint64_t base, uint32_t *nexports,
                       uint32_t *nimports, uint32_t *npatches, struct domain_fault *f)
{
    struct layout l = { { 0, 0, 0, 0 } };
    int err = place_sections(o, p, base, tb->section_addr, &l, f);
    if (err != DOMAIN_OK)
        return err;
    /*@ assert placed: \forall integer i; 0 <= i < o->shnum ==>
          SectionIn(\at(p->rx_size, Pre), \at(p->r_size, Pre), \at(p->rw_size, Pre), base, tb->section_addr[i],
                    \at(ObjShSize(o->bytes, i), Pre), \at(LayoutGroupOf(ObjShFlags(o->bytes, i)), Pre), i); */
    if ((err = load_sections(o, tb->section_addr, image, base, p->image_size, f)) != DOMAIN_OK)
        return err;
    const struct symbol_tables st = { tb->syms, tb->unsorted, tb->imports, tb->names,
                                      p->nexports, p->nimports, p->names_size };
    uint64_t got = p->rx_size + p->got_offset;
    err = record_symbols(o, t, tb->section_addr, p->nsections, base + got, &st, nexports, nimports, f);
    if (err != DOMAIN_OK)
        return err;
    const struct patch_tables pt = { tb->syms, t->count, *nimports, image, base, p->image_size,
                                     p->rx_size + p->r_size, tb->patches, p->npatches };
    return apply_relocations(o, t, tb->section_addr, &pt, got, npatches, f);
}

/* d as the tables and the image describe it, with no export, import or
 * patch yet. */
/*@ requires \valid(d) && \valid_read(p) && \valid_read(tb) && \separated(d, p, tb);
    terminates \true;
    assigns d->kind, d->image, d->image_addr, d->plan, d->section_addr, d->exports, d->imports, d->patches,
            d->nimports, d->npatches, d->unresolved, d->parts[0 .. 1];
    ensures d->kind == DOMAIN_OBJECT && d->image == image && d->image_addr == base && d->section_addr == tb->section_addr;
    ensures d->plan.image_size == p->image_size && d->plan.nsections == p->nsections && d->plan.rx_size == p->rx_size &&
            d->plan.r_size == p->r_size && d->plan.rw_size == p->rw_size;
    ensures d->exports.names == tb->names && d->exports.names_size == p->names_size &&
            d->exports.entries == tb->entries && d->exports.start == tb->start && d->exports.nbuckets == nbuckets &&
            d->exports.count == 0;
    ensures d->imports == tb->imports && d->patches == tb->patches && d->nimports == nimports &&
            d->npatches == npatches && d->unresolved == nimports;
*/
static void describe(struct domain *d, const struct domain_plan *p, const struct domain_tables *tb, uint8_t *image,
                     uint64_t base, uint32_t nbuckets, uint32_t nimports, uint32_t npatches)
{
    d->kind = DOMAIN_OBJECT;
    d->image = image;
    d->image_addr = base;
    d->plan = *p;
    d->section_addr = tb->section_addr;
    d->exports.names = tb->names;
    d->exports.names_size = p->names_size;
    d->exports.entries = tb->entries;
    d->exports.count = 0;
    d->exports.nbuckets = nbuckets;
    d->exports.start = tb->start;
    d->imports = tb->imports;
    d->nimports = nimports;
    d->unresolved = nimports;
    d->patches = tb->patches;
    d->npatches = npatches;
    d->parts[0] = 0;
    d->parts[1] = 0;
}

int domain_link(const uint8_t *bytes, uint64_t len, const struct domain_plan *p, const struct domain_tables *tb,
                uint8_t *image, uint64_t image_addr, const char *name, struct domain *d, struct domain_fault *f)
{
    struct elf_object o;
    struct elf_symtab t;
    uint32_t nexports = 0, nimports = 0, npatches = 0;
    int err = elf_open(bytes, len, &o);
    if (err == ELF_OK)
        err = elf_symtab(&o, &t);
    if (err != ELF_OK)
        return domain_fail(f, err, AT_OBJECT, 0, 0);
    if (!plan_fits(p, o.shnum, t.count))
        return domain_fail(f, DOMAIN_ERR_MEMORY, AT_OBJECT, 0, 0);
    err = link_passes(&o, &t, p, tb, image, image_addr, &nexports, &nimports, &npatches, f);
    if (err != DOMAIN_OK)
        return err;
    tb->names[p->names_size] = 0;
    describe(d, p, tb, image, image_addr, nexports ? nexports : 1, nimports, npatches);
    domain_set_name(d, name);
    if (!export_table_build(&d->exports, tb->unsorted, nexports) || !export_names_inside(&d->exports))
        return domain_fail(f, DOMAIN_ERR_TABLE, AT_OBJECT, 0, 0);
    return domain_fail(f, DOMAIN_OK, AT_OBJECT, 0, 0);
}
