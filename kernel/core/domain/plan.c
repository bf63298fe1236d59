/* domain_plan: the whole object checked and measured before any memory is
 * given to it (plan.h). Each pass takes the object and its symbol table as
 * values and returns its counts by value, so that nothing a pass writes
 * can change what the next one reads (proofs/README, the linker passes'
 * lessons). */
#include "domain/domain.h"
#include "domain/layout.h"
#include "domain/link.h"
#include "domain/plan.h"
#include "domain/symbols.h"

/* How far the sections are: where the loaded bytes so far end in the
 * file, or the refusal of section index. */
struct section_scan {
    int err;
    uint32_t index;
    uint64_t file_end;
};

/* What the symbols add up to, or the refusal of symbol index. */
struct symbol_counts {
    int err;
    uint32_t index;
    uint32_t nexports, nimports;
    uint64_t names_size;
};

/* What the relocations add up to, or the refusal of relocation entry of
 * relocation section index. */
struct reloc_counts {
    int err;
    uint32_t index, entry;
    uint32_t npatches, ngot;
};

/* Loaded bytes come in file order without overlap, as compilers write
 * them: a linear check that no byte is loaded twice. */
/*@ requires \valid_read(sh);
    terminates \true;
    assigns \nothing;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 <==> sh->type != SHT_NOBITS && sh->size != 0 && sh->offset < file_end;
*/
static int overlaps(const struct elf_section *sh, uint64_t file_end)
{
    return sh->type != SHT_NOBITS && sh->size != 0 && sh->offset < file_end;
}

/*@ requires \valid_read(sh) && (sh->type != SHT_NOBITS ==> sh->offset + sh->size <= 0xFFFFFFFFFFFFFFFF);
    terminates \true;
    assigns \nothing;
    ensures \result == (sh->type == SHT_NOBITS || sh->size == 0 ? file_end : sh->offset + sh->size);
*/
static uint64_t loaded_end(const struct elf_section *sh, uint64_t file_end)
{
    return sh->type == SHT_NOBITS || sh->size == 0 ? file_end : sh->offset + sh->size;
}

/* Section i checked and, when loaded, laid out in l. */
/*@ requires ElfObjectFits(o) && o.shoff == Le64(o.bytes + 40) && i < o.shnum;
    requires \valid(l) && LayoutOk(l) && \separated(l, o.bytes + (0 .. o.len - 1));
    terminates \true;
    assigns l->used[0 .. 3];
    ensures LayoutOk(l) && \result.index == i;
    ensures \result.err == DOMAIN_OK ==> PLAN_SECTION_OK(o.bytes, o.len, i);
    ensures \result.err == DOMAIN_ERR_REL ==> ObjShType(o.bytes, i) == SHT_REL;
    ensures \result.err == ELF_ERR_SECTION_PAST_END ==> !ObjShInside(o.bytes, o.len, i);
    ensures DomainErrKnown(\result.err);
*/
static struct section_scan plan_section(struct elf_object o, uint32_t i, struct layout *l, uint64_t file_end)
{
    struct section_scan s = { ELF_OK, i, file_end };
    struct elf_section sh;
    uint64_t offset;
    s.err = elf_section(&o, i, &sh);
    //@ assert past_end: s.err == ELF_ERR_SECTION_PAST_END ==> !ElfShInside(&o, i);
    //@ assert past_end_bytes: s.err == ELF_ERR_SECTION_PAST_END ==> !ObjShInside(o.bytes, o.len, i);
    if (s.err != ELF_OK)
        return s;
    //@ assert accepted: ElfShInside(&o, i) && ElfAlignOk(ElfShAlign(&o, i));
    //@ assert inside_bytes: ObjShInside(o.bytes, o.len, i);
    //@ assert same_align: ObjShAlign(o.bytes, i) == ElfShAlign(&o, i);
    //@ assert align_bytes: ElfAlignOk(ObjShAlign(o.bytes, i));
    //@ assert read: sh.type == ObjShType(o.bytes, i);
    if (sh.type == SHT_REL)
        s.err = DOMAIN_ERR_REL;
    else if (i > 0 && layout_group_of(&sh) != GROUP_NONE) {
        s.err = layout_place(l, &sh, &offset);
        if (s.err == DOMAIN_OK && overlaps(&sh, file_end))
            s.err = DOMAIN_ERR_OVERLAP;
        if (s.err == DOMAIN_OK)
            s.file_end = loaded_end(&sh, file_end);
    }
    return s;
}

/* Pass 1: every section checked, the loaded ones laid out in l. */
/*@ requires ElfObjectFits(o) && o.shoff == Le64(o.bytes + 40);
    requires \valid(l) && LayoutOk(l) && \separated(l, o.bytes + (0 .. o.len - 1));
    terminates \true;
    assigns l->used[0 .. 3];
    ensures LayoutOk(l);
    ensures \result.err == DOMAIN_OK ==> \forall integer i; 0 <= i < o.shnum ==> PLAN_SECTION_OK(o.bytes, o.len, i);
    ensures \result.err != DOMAIN_OK ==> \result.index < o.shnum &&
      (\result.err == DOMAIN_ERR_REL ==> ObjShType(o.bytes, \result.index) == SHT_REL) &&
      (\result.err == ELF_ERR_SECTION_PAST_END ==> !ObjShInside(o.bytes, o.len, \result.index));
    ensures DomainErrKnown(\result.err);
*/
static struct section_scan plan_sections(struct elf_object o, struct layout *l)
{
    struct section_scan s = { ELF_OK, 0, 0 };
    /*@ loop invariant 0 <= i <= o.shnum && s.err == DOMAIN_OK && LayoutOk(l);
        loop invariant \forall integer k; 0 <= k < i ==> PLAN_SECTION_OK(o.bytes, o.len, k);
        loop assigns i, s, l->used[0 .. 3];
        loop variant o.shnum - i;
    */
    for (uint32_t i = 0; i < o.shnum; i++) {
        s = plan_section(o, i, l, s.file_end);
        if (s.err != DOMAIN_OK)
            return s;
    }
    return s;
}

/* What a plan's symbol counts promise (c a value). */
#define SYMBOLS_COUNTED(c, n) ((c).nexports + (c).nimports <= (n) && (c).names_size < 0xFFFFFFFFu)

/* Symbol i judged and counted: an export or import adds its name and a
 * NUL to the names. */
/*@ requires ElfSymtabFits(o, t) && i < t.count && SYMBOLS_COUNTED(c, i);
    terminates \true;
    assigns \nothing;
    ensures \result.index == i && DomainErrKnown(\result.err);
    ensures \result.err == DOMAIN_OK ==> SYMBOLS_COUNTED(\result, i + 1);
*/
static struct symbol_counts plan_symbol(struct elf_object o, struct elf_symtab t, uint32_t i, struct symbol_counts c)
{
    struct elf_symbol s;
    enum symbol_role role = ROLE_LOCAL;
    c.index = i;
    //@ assert ok: ElfSymtabOk(&o, &t);
    c.err = elf_symbol(&o, &t, i, &s);
    if (c.err == ELF_OK)
        c.err = symbol_role(&o, &s, &role);
    if (c.err != DOMAIN_OK || role == ROLE_LOCAL)
        return c;
    if ((uint64_t)s.name_len + 1 >= 0xFFFFFFFFu - c.names_size) {
        c.err = DOMAIN_ERR_TOO_BIG;
        return c;
    }
    c.names_size += s.name_len + 1ull;
    if (role == ROLE_EXPORT)
        c.nexports++;
    else
        c.nimports++;
    return c;
}

/* Pass 2: every symbol judged and counted. */
/*@ requires ElfSymtabFits(o, t);
    terminates \true;
    assigns \nothing;
    ensures DomainErrKnown(\result.err);
    ensures \result.err == DOMAIN_OK ==> SYMBOLS_COUNTED(\result, t.count);
    ensures \result.err != DOMAIN_OK ==> \result.index < t.count;
*/
static struct symbol_counts plan_symbols(struct elf_object o, struct elf_symtab t)
{
    struct symbol_counts c = { DOMAIN_OK, 0, 0, 0, 0 };
    /*@ loop invariant 0 <= i <= t.count && c.err == DOMAIN_OK && SYMBOLS_COUNTED(c, i);
        loop assigns i, c;
        loop variant t.count - i;
    */
    for (uint32_t i = 0; i < t.count; i++) {
        c = plan_symbol(o, t, i, c);
        if (c.err != DOMAIN_OK)
            return c;
    }
    return c;
}

/* Relocation j of rs: a section it patches that is loaded needs its
 * symbol in a loaded section, or an import (then it waits as a patch);
 * a GOT one also takes a slot. */
/*@ requires ElfRelsecFits(o, t, rs) && j < rs.count && (loaded == 0 || loaded == 1);
    terminates \true;
    assigns \nothing;
    ensures \result.index == c.index && \result.entry == j && DomainErrKnown(\result.err);
*/
static struct reloc_counts plan_relocation(struct elf_object o, struct elf_symtab t, struct elf_relsec rs, uint32_t j,
                                           int loaded, struct reloc_counts c)
{
    struct elf_rela r;
    struct elf_symbol s;
    enum symbol_role role = ROLE_LOCAL;
    c.entry = j;
    //@ assert ok: ElfRelsecOk(&o, &t, &rs);
    c.err = elf_rela(&o, &t, &rs, j, &r);
    if (c.err != ELF_OK || !loaded)
        return c;
    c.err = elf_symbol(&o, &t, r.sym, &s); /* checked by pass 2 already */
    if (c.err == ELF_OK)
        c.err = symbol_role(&o, &s, &role);
    if (c.err != DOMAIN_OK)
        return c;
    if (role != ROLE_IMPORT && s.shndx != SHN_ABS && s.shndx != SHN_UNDEF && !section_loaded(&o, s.shndx))
        c.err = DOMAIN_ERR_SYMBOL_SECTION;
    else if (c.npatches == UINT32_MAX || c.ngot == UINT32_MAX)
        c.err = DOMAIN_ERR_TOO_BIG;
    else {
        c.npatches += role == ROLE_IMPORT;
        c.ngot += (uint32_t)reloc_uses_got(r.type);
    }
    return c;
}

/* Section i, when it is a relocation section: every entry checked. */
/*@ requires ElfSymtabFits(o, t) && i < o.shnum;
    terminates \true;
    assigns \nothing;
    ensures \result.index == i && DomainErrKnown(\result.err);
*/
static struct reloc_counts plan_relsec(struct elf_object o, struct elf_symtab t, uint32_t i, struct reloc_counts c)
{
    struct elf_section sh;
    struct elf_relsec rs;
    c.index = i;
    c.entry = 0;
    //@ assert ok: ElfSymtabOk(&o, &t);
    c.err = elf_section(&o, i, &sh); /* checked by pass 1 already */
    if (c.err != ELF_OK || sh.type != SHT_RELA)
        return c;
    c.err = elf_relsec(&o, &t, i, &rs);
    if (c.err != ELF_OK)
        return c;
    const int loaded = section_loaded(&o, rs.target);
    /*@ loop invariant 0 <= j <= rs.count && c.index == i && c.err == DOMAIN_OK;
        loop assigns j, c;
        loop variant rs.count - j;
    */
    for (uint32_t j = 0; j < rs.count; j++) {
        c = plan_relocation(o, t, rs, j, loaded, c);
        if (c.err != DOMAIN_OK)
            return c;
    }
    return c;
}

/* Pass 3: every relocation of every relocation section. */
/*@ requires ElfSymtabFits(o, t);
    terminates \true;
    assigns \nothing;
    ensures DomainErrKnown(\result.err) && (\result.err != DOMAIN_OK ==> \result.index < o.shnum);
*/
static struct reloc_counts plan_relocations(struct elf_object o, struct elf_symtab t)
{
    struct reloc_counts c = { DOMAIN_OK, 0, 0, 0, 0 };
    /*@ loop invariant 1 <= i <= o.shnum && c.err == DOMAIN_OK;
        loop assigns i, c;
        loop variant o.shnum - i;
    */
    for (uint32_t i = 1; i < o.shnum; i++) {
        c = plan_relsec(o, t, i, c);
        if (c.err != DOMAIN_OK)
            return c;
    }
    return c;
}

/* The sizes of a checked object: its groups in l with the GOT added to
 * the r group, and the tables create.c carves (PlanMetaSize). */
/*@ requires \valid(p) && \valid(l) && LayoutOk(l) && \separated(p, l);
    requires SYMBOLS_COUNTED(sc, nsymbols);
    terminates \true;
    assigns *p, l->used[GROUP_R];
    ensures \result == DOMAIN_OK || \result == DOMAIN_ERR_TOO_BIG;
    ensures \result == DOMAIN_OK ==> PLAN_SIZED(*p) && p->nexports < 0xFFFFFFFFu &&
      p->rx_size % DOMAIN_PAGE == 0 && p->r_size % DOMAIN_PAGE == 0 && p->rw_size % DOMAIN_PAGE == 0;
    ensures \result == DOMAIN_OK ==> p->got_offset % 8 == 0 && p->got_offset + 8 * p->ngot <= p->r_size;
    ensures \result == DOMAIN_OK ==> p->nsections == nsections && p->nsymbols == nsymbols &&
      p->nexports + p->nimports <= p->nsymbols;
    ensures \result == DOMAIN_OK ==> p->meta_size ==
      PlanMetaSize(p->nsections, p->nsymbols, p->nexports, p->nimports, p->npatches, p->names_size);
*/
static int plan_sizes(struct domain_plan *p, struct layout *l, uint32_t nsections, uint32_t nsymbols,
                      struct symbol_counts sc, struct reloc_counts rc)
{
    uint64_t got_offset;
    if (sc.nexports == UINT32_MAX || layout_reserve(l, GROUP_R, 8ull * rc.ngot, 8, &got_offset) != DOMAIN_OK)
        return DOMAIN_ERR_TOO_BIG;
    const uint64_t rx = layout_pages(l, GROUP_RX), r = layout_pages(l, GROUP_R), rw = layout_pages(l, GROUP_RW);
    const uint64_t buckets = sc.nexports ? sc.nexports : 1;
    //@ assert pages: rx <= LINK_GROUP_MAX && r <= LINK_GROUP_MAX && rw <= LINK_GROUP_MAX;
    p->rx_size = rx;
    p->r_size = r;
    p->rw_size = rw;
    p->got_offset = got_offset;
    p->image_size = rx + r + rw;
    p->nsections = nsections;
    p->nsymbols = nsymbols;
    p->nexports = sc.nexports;
    p->nimports = sc.nimports;
    p->names_size = sc.names_size;
    p->npatches = rc.npatches;
    p->ngot = rc.ngot;
    p->meta_size = 8ull * nsections + sizeof(struct link_symbol) * nsymbols +
                   2ull * sizeof(struct domain_export) * sc.nexports + (4 * (buckets + 1) + 7) / 8 * 8 +
                   sizeof(struct domain_import) * sc.nimports + sizeof(struct domain_patch) * rc.npatches +
                   (sc.names_size + 1 + 7) / 8 * 8;
    return DOMAIN_OK;
}

/* The object's header, opened as a value. */
struct opened_header {
    int err;
    struct elf_object o;
};

/*@ requires ElfBytes(bytes, len);
    terminates \true;
    assigns \nothing;
    ensures \result.err == ElfHeaderError(bytes, len);
    ensures \result.err == ELF_OK ==> ElfObjectFits(\result.o) && \result.o.bytes == bytes && \result.o.len == len &&
      \result.o.shoff == Le64(bytes + 40) && \result.o.shnum == Le16(bytes + 60);
*/
static struct opened_header open_header(const uint8_t *bytes, uint64_t len)
{
    struct opened_header h;
    h.err = elf_open(bytes, len, &h.o);
    return h;
}

/* The object's symbol table, as a value. */
struct found_symtab {
    int err;
    struct elf_symtab t;
};

/*@ requires ElfObjectFits(o);
    terminates \true;
    assigns \nothing;
    ensures \result.err == ELF_OK ==> ElfSymtabFits(o, \result.t);
    ensures \result.err == ELF_OK || \result.err == ELF_ERR_NO_SYMTAB || \result.err == ELF_ERR_SYMTAB_SHAPE ||
            \result.err == ELF_ERR_STRTAB || \result.err == ELF_ERR_SECTION_PAST_END || \result.err == ELF_ERR_ALIGN;
*/
static struct found_symtab find_symtab(struct elf_object o)
{
    struct found_symtab s;
    s.err = elf_symtab(&o, &s.t);
    return s;
}

/* What the checks found: the object's counts, or the first refusal and
 * where it lies. */
struct verdict {
    int err;
    enum domain_where where;
    uint32_t index, entry;
    uint32_t nsections, nsymbols;
    struct symbol_counts sc;
    struct reloc_counts rc;
};

/*@ requires \valid(v);
    terminates \true;
    assigns *v;
    ensures v->err == err && v->where == where && v->index == index && v->entry == entry;
*/
static void refuse(struct verdict *v, int err, enum domain_where where, uint32_t index, uint32_t entry)
{
    v->err = err;
    v->where = where;
    v->index = index;
    v->entry = entry;
}

/* The three passes over bytes[0 .. len), in order, sections laid out in l. */
/*@ requires ElfBytes(bytes, len) && \valid(l) && LayoutOk(l) && \separated(l, bytes + (0 .. len - 1));
    terminates \true;
    assigns l->used[0 .. 3];
    ensures LayoutOk(l) && DomainErrKnown(\result.err);
    ensures \result.err == DOMAIN_OK ==> \result.nsections == Le16(bytes + 60) && \result.where == AT_OBJECT &&
      (\forall integer i; 0 <= i < \result.nsections ==> PLAN_SECTION_OK(bytes, len, i)) &&
      SYMBOLS_COUNTED(\result.sc, \result.nsymbols) && ELF_SYM_SIZE * \result.nsymbols <= len;
    ensures ElfHeaderError(bytes, len) != ELF_OK ==> \result.err == ElfHeaderError(bytes, len) && \result.where == AT_OBJECT;
    ensures \result.err != DOMAIN_OK && \result.where == AT_SECTION ==> \result.index < Le16(bytes + 60) &&
      (\result.err == DOMAIN_ERR_REL ==> ObjShType(bytes, \result.index) == SHT_REL) &&
      (\result.err == ELF_ERR_SECTION_PAST_END ==> !ObjShInside(bytes, len, \result.index));
*/
static struct verdict check_object(const uint8_t *bytes, uint64_t len, struct layout *l)
{
    struct verdict v = { DOMAIN_OK, AT_OBJECT, 0, 0, 0, 0, { 0 }, { 0 } };
    const struct opened_header h = open_header(bytes, len);
    if (h.err != ELF_OK) {
        refuse(&v, h.err, AT_OBJECT, 0, 0);
        return v;
    }
    const struct section_scan ss = plan_sections(h.o, l);
    if (ss.err != DOMAIN_OK) {
        refuse(&v, ss.err, AT_SECTION, ss.index, 0);
        return v;
    }
    const struct found_symtab st = find_symtab(h.o);
    if (st.err != ELF_OK) {
        refuse(&v, st.err, AT_OBJECT, 0, 0);
        return v;
    }
    v.nsections = h.o.shnum;
    v.nsymbols = st.t.count;
    v.sc = plan_symbols(h.o, st.t);
    if (v.sc.err != DOMAIN_OK) {
        refuse(&v, v.sc.err, AT_SYMBOL, v.sc.index, 0);
        return v;
    }
    v.rc = plan_relocations(h.o, st.t);
    if (v.rc.err != DOMAIN_OK)
        refuse(&v, v.rc.err, AT_RELOCATION, v.rc.index, v.rc.entry);
    return v;
}

int domain_plan(const uint8_t *bytes, uint64_t len, struct domain_plan *p, struct domain_fault *f)
{
    struct layout l = { { 0, 0, 0, 0 } };
    *p = (struct domain_plan){ 0 };
    const struct verdict v = check_object(bytes, len, &l);
    if (v.err != DOMAIN_OK)
        return domain_fail(f, v.err, v.where, v.index, v.entry);
    if (plan_sizes(p, &l, v.nsections, v.nsymbols, v.sc, v.rc) != DOMAIN_OK)
        return domain_fail(f, DOMAIN_ERR_TOO_BIG, AT_OBJECT, 0, 0);
    return domain_fail(f, DOMAIN_OK, AT_OBJECT, 0, 0);
}
