/* domain_link: an object placed, relocated and described (link.h): the
 * object opened, the four passes (passes.h), then the domain filled in
 * and its export table built. */
#include "domain/domain.h"
#include "domain/link.h"
#include "domain/passes.h"

/* d as the tables and the image describe it, with no export yet. */
/*@ requires \valid(d);
    terminates \true;
    assigns d->kind, d->image, d->image_addr, d->plan, d->section_addr, d->exports, d->imports, d->patches,
            d->nimports, d->npatches, d->unresolved, d->parts[0 .. 1];
    ensures d->kind == DOMAIN_OBJECT && d->image == image && d->image_addr == base && d->section_addr == tb.section_addr;
    ensures d->plan.image_size == p.image_size && d->plan.nsections == p.nsections && d->plan.rx_size == p.rx_size &&
            d->plan.r_size == p.r_size && d->plan.rw_size == p.rw_size;
    ensures d->exports.names == tb.names && d->exports.names_size == p.names_size &&
            d->exports.entries == tb.entries && d->exports.start == tb.start && d->exports.nbuckets == nbuckets &&
            d->exports.count == 0;
    ensures d->imports == tb.imports && d->patches == tb.patches && d->nimports == c.nimports &&
            d->npatches == c.npatches && d->unresolved == c.nimports;
*/
static void describe(struct domain *d, struct domain_plan p, struct domain_tables tb, uint8_t *image, uint64_t base,
                     uint32_t nbuckets, struct link_counts c)
{
    d->kind = DOMAIN_OBJECT;
    d->image = image;
    d->image_addr = base;
    d->section_addr = tb.section_addr;
    d->exports.names = tb.names;
    d->exports.names_size = p.names_size;
    d->exports.entries = tb.entries;
    d->exports.count = 0;
    d->exports.nbuckets = nbuckets;
    d->exports.start = tb.start;
    d->imports = tb.imports;
    d->nimports = c.nimports;
    d->unresolved = c.nimports;
    d->patches = tb.patches;
    d->npatches = c.npatches;
    d->parts[0] = 0;
    d->parts[1] = 0;
    d->plan = p;
}

/* export_table_build on d's table, and what it leaves alone: d's
 * imports and waiting relocations (a frame stated on its own, as in
 * relocate_all). */
/*@ requires \valid(d) && \valid_read(in + (0 .. count - 1)) && 0 < d->exports.nbuckets < 0xFFFFFFFFu;
    requires \valid(d->exports.entries + (0 .. count - 1)) && \valid(d->exports.start + (0 .. d->exports.nbuckets));
    requires \separated(d, d->exports.entries + (0 .. count - 1), d->exports.start + (0 .. d->exports.nbuckets),
                        in + (0 .. count - 1));
    requires \separated(d->exports.entries + (0 .. count - 1), d->exports.start + (0 .. d->exports.nbuckets));
    requires \valid_read(d->imports + (0 .. d->nimports - 1)) && \valid_read(d->patches + (0 .. d->npatches - 1));
    requires ImportsNamed(d->imports, d->nimports, d->exports.names_size) && ImportsUnbound(d->imports, d->nimports);
    requires PATCHES_IN(d->patches, d->npatches, d->nimports, d->plan.image_size);
    requires \separated(d->imports + (0 .. d->nimports - 1), d->patches + (0 .. d->npatches - 1),
                        d->exports.entries + (0 .. count - 1), d->exports.start + (0 .. d->exports.nbuckets));
    requires \separated(d, d->imports + (0 .. d->nimports - 1), d->patches + (0 .. d->npatches - 1));
    terminates \true;
    assigns d->exports.count, d->exports.entries[0 .. count - 1], d->exports.start[0 .. d->exports.nbuckets];
    ensures d->exports.count == count && (\result == 0 || \result == 1);
    ensures \result == 1 ==> ExportTableOk(&d->exports);
    ensures ImportsNamed(\old(d->imports), \old(d->nimports), \old(d->exports.names_size)) &&
            ImportsUnbound(\old(d->imports), \old(d->nimports));
    ensures PATCHES_IN(\old(d->patches), \old(d->npatches), \old(d->nimports), \old(d->plan.image_size));
    ensures d->nimports == \old(d->nimports) && d->npatches == \old(d->npatches) &&
            d->exports.names_size == \old(d->exports.names_size) && d->plan.image_size == \old(d->plan.image_size);
    ensures d->exports.nbuckets == \old(d->exports.nbuckets) && d->image_addr == \old(d->image_addr) &&
            d->unresolved == \old(d->unresolved) && d->kind == \old(d->kind);
    ensures d->plan.nsections == \old(d->plan.nsections) && d->plan.rx_size == \old(d->plan.rx_size) &&
            d->plan.r_size == \old(d->plan.r_size) && d->plan.rw_size == \old(d->plan.rw_size);
*/
static int build_exports(struct domain *d, const struct domain_export *in, uint32_t count)
{
    return export_table_build(&d->exports, in, count);
}

/* TargetReady from its parts: a lemma written as a function, so that its
 * goal is small. */
/*@ requires \valid(d) && \object_pointer(d->imports) && \object_pointer(d->patches) &&
             \object_pointer(d->image) && \object_pointer(d->exports.names);
    requires ImportsNamed(d->imports, d->nimports, d->exports.names_size);
    requires PATCHES_IN(d->patches, d->npatches, d->nimports, d->plan.image_size);
    requires \valid(d->imports + (0 .. d->nimports - 1)) && \valid(d->patches + (0 .. d->npatches - 1)) &&
             \valid(d->image + (0 .. d->plan.image_size - 1)) &&
             \valid_read(d->exports.names + (0 .. d->exports.names_size)) &&
             d->image_addr + d->plan.image_size <= 0xFFFFFFFFFFFFFFFF;
    requires \separated(d->imports + (0 .. d->nimports - 1), d->patches + (0 .. d->npatches - 1),
                        d->image + (0 .. d->plan.image_size - 1), d->exports.names + (0 .. d->exports.names_size), d);
    terminates \true;
    assigns \nothing;
    ensures TargetReady(d);
*/
static void target_ready(const struct domain *d)
{
    (void)d; /* a lemma: the contract is all */
}

/* The passes done (f reports DOMAIN_OK): d describes the result, its
 * export table is built and checked. */
/*@ requires \valid(d) && \valid(f) && f->code == DOMAIN_OK && TABLES_VALID(tb, p) && PLAN_SIZED(p) && p.nexports < 0xFFFFFFFFu;
    requires \object_pointer(image) && \object_pointer(tb.imports) && \object_pointer(tb.patches) &&
             \object_pointer(tb.names);
    requires \valid(image + (0 .. p.image_size - 1)) && 0 < base && base + p.image_size <= 0xFFFFFFFFFFFFFFFF;
    requires c.nexports <= p.nexports && c.nimports <= p.nimports && c.npatches <= p.npatches;
    requires ImportsNamed(tb.imports, c.nimports, p.names_size) && ImportsUnbound(tb.imports, c.nimports);
    requires PATCHES_IN(tb.patches, c.npatches, c.nimports, p.image_size);
    requires \separated(TABLE_RANGES_V(tb, p), image + (0 .. p.image_size - 1), d, f);
    requires name == \null || DomainNameReadable(name);
    requires name == \null || \separated(d, f, name + (0 .. DOMAIN_NAME_MAX - 2));
    terminates \true;
    assigns *d, *f, tb.names[p.names_size], tb.entries[0 .. p.nexports - 1],
            tb.start[0 .. (p.nexports == 0 ? 1 : p.nexports)];
    ensures f->code == \result && (\result == DOMAIN_OK || \result == DOMAIN_ERR_TABLE);
    ensures \result == DOMAIN_OK ==>
      TargetReady(d) && ExportTableOk(&d->exports) && ExportNamesReadable(&d->exports) &&
      d->kind == DOMAIN_OBJECT && d->unresolved == d->nimports && ImportsUnbound(d->imports, d->nimports);
    ensures \result == DOMAIN_OK ==>
      d->image == image && d->image_addr == base && d->section_addr == tb.section_addr &&
      d->plan.image_size == p.image_size && d->plan.nsections == p.nsections &&
      d->plan.rx_size == p.rx_size && d->plan.r_size == p.r_size && d->plan.rw_size == p.rw_size;
*/
static int finish(struct domain *d, struct domain_plan p, struct domain_tables tb, uint8_t *image, uint64_t base,
                  struct link_counts c, const char *name, struct domain_fault *f)
{
    tb.names[p.names_size] = 0;
    describe(d, p, tb, image, base, c.nexports ? c.nexports : 1, c);
    domain_set_name(d, name);
    //@ assert described_ptrs: d->imports == tb.imports && d->patches == tb.patches && d->image == image;
    //@ assert described_names: d->exports.names == tb.names && d->exports.names_size == p.names_size;
    //@ assert described_counts: d->nimports == c.nimports && d->npatches == c.npatches;
    //@ assert described_image: d->plan.image_size == p.image_size && d->image_addr == base;
    //@ assert imports_named: ImportsNamed(d->imports, d->nimports, d->exports.names_size);
    //@ assert imports_unbound: ImportsUnbound(d->imports, d->nimports);
    //@ assert waiting: PATCHES_IN(d->patches, d->npatches, d->nimports, d->plan.image_size);
    if (!build_exports(d, tb.unsorted, c.nexports))
        return domain_fail(f, DOMAIN_ERR_TABLE, AT_OBJECT, 0, 0);
    //@ assert v_named: ImportsNamed(tb.imports, c.nimports, p.names_size) && ImportsUnbound(tb.imports, c.nimports);
    //@ assert v_waiting: PATCHES_IN(tb.patches, c.npatches, c.nimports, p.image_size);
    /*@ assert v_fields: d->imports == tb.imports && d->nimports == c.nimports && d->patches == tb.patches &&
          d->npatches == c.npatches && d->image == image && d->plan.image_size == p.image_size &&
          d->exports.names == tb.names && d->exports.names_size == p.names_size && d->image_addr == base &&
          d->exports.count == c.nexports && d->exports.entries == tb.entries && d->exports.start == tb.start &&
          d->exports.nbuckets == (c.nexports ? c.nexports : 1); */
    if (!export_names_inside(&d->exports))
        return domain_fail(f, DOMAIN_ERR_TABLE, AT_OBJECT, 0, 0);
    /*@ assert parts: \valid(tb.imports + (0 .. c.nimports - 1)) && \valid(tb.patches + (0 .. c.npatches - 1)) &&
          \valid_read(tb.names + (0 .. p.names_size)) && base + p.image_size <= 0xFFFFFFFFFFFFFFFF; */
    /*@ assert apart: \separated(tb.imports + (0 .. c.nimports - 1), tb.patches + (0 .. c.npatches - 1),
          image + (0 .. p.image_size - 1), tb.names + (0 .. p.names_size), d); */
    target_ready(d);
    return DOMAIN_OK; /* f says so already: the last pass reported DOMAIN_OK */
}

/* finish, and the section addresses it leaves alone (a frame stated on
 * its own, as in relocate_all). */
/*@ requires \valid(d) && \valid(f) && f->code == DOMAIN_OK && TABLES_VALID(tb, p) && PLAN_SIZED(p) && p.nexports < 0xFFFFFFFFu;
    requires \object_pointer(image) && \object_pointer(tb.imports) && \object_pointer(tb.patches) &&
             \object_pointer(tb.names);
    requires \valid(image + (0 .. p.image_size - 1)) && 0 < base && base + p.image_size <= 0xFFFFFFFFFFFFFFFF;
    requires c.nexports <= p.nexports && c.nimports <= p.nimports && c.npatches <= p.npatches;
    requires ImportsNamed(tb.imports, c.nimports, p.names_size) && ImportsUnbound(tb.imports, c.nimports);
    requires PATCHES_IN(tb.patches, c.npatches, c.nimports, p.image_size);
    requires \separated(TABLE_RANGES_V(tb, p), image + (0 .. p.image_size - 1), d, f);
    requires name == \null || DomainNameReadable(name);
    requires name == \null || \separated(d, f, name + (0 .. DOMAIN_NAME_MAX - 2));
    terminates \true;
    assigns *d, *f, tb.names[p.names_size], tb.entries[0 .. p.nexports - 1],
            tb.start[0 .. (p.nexports == 0 ? 1 : p.nexports)];
    ensures f->code == \result && (\result == DOMAIN_OK || \result == DOMAIN_ERR_TABLE);
    ensures \result == DOMAIN_OK ==>
      TargetReady(d) && ExportTableOk(&d->exports) && ExportNamesReadable(&d->exports) &&
      d->kind == DOMAIN_OBJECT && d->unresolved == d->nimports && ImportsUnbound(d->imports, d->nimports);
    ensures \result == DOMAIN_OK ==>
      d->image == image && d->image_addr == base && d->section_addr == tb.section_addr &&
      d->plan.image_size == p.image_size && d->plan.nsections == p.nsections &&
      d->plan.rx_size == p.rx_size && d->plan.r_size == p.r_size && d->plan.rw_size == p.rw_size;
    ensures placed_kept: \forall integer i; 0 <= i < p.nsections ==> tb.section_addr[i] == \old(tb.section_addr[i]);
*/
static int finish_kept(struct domain *d, struct domain_plan p, struct domain_tables tb, uint8_t *image,
                       uint64_t base, struct link_counts c, const char *name, struct domain_fault *f)
{
    return finish(d, p, tb, image, base, c, name, f);
}

/* domain_link once the object is open: everything on values. */
/*@ requires ElfSymtabFits(o, t) && o.shoff == Le64(o.bytes + 40) && TABLES_VALID(tb, p);
    requires \object_pointer(image) && \object_pointer(tb.imports) && \object_pointer(tb.patches) &&
             \object_pointer(tb.names);
    requires \valid(image + (0 .. p.image_size - 1)) && 0 < base && base + p.image_size <= 0xFFFFFFFFFFFFFFFF;
    requires \valid(d) && \valid(f);
    requires \separated(TABLE_RANGES_V(tb, p), image + (0 .. p.image_size - 1), o.bytes + (0 .. o.len - 1), d, f);
    requires name == \null || DomainNameReadable(name);
    requires name == \null || \separated(d, f, name + (0 .. DOMAIN_NAME_MAX - 2));
    terminates \true;
    assigns *d, *f, image[0 .. p.image_size - 1], tb.section_addr[0 .. p.nsections - 1], tb.syms[0 .. p.nsymbols - 1],
            tb.unsorted[0 .. p.nexports - 1], tb.entries[0 .. p.nexports - 1],
            tb.start[0 .. (p.nexports == 0 ? 1 : p.nexports)], tb.imports[0 .. p.nimports - 1],
            tb.patches[0 .. p.npatches - 1], tb.names[0 .. p.names_size];
    ensures f->code == \result;
    ensures \result == DOMAIN_OK ==>
      TargetReady(d) && ExportTableOk(&d->exports) && ExportNamesReadable(&d->exports) &&
      d->kind == DOMAIN_OBJECT && d->unresolved == d->nimports && ImportsUnbound(d->imports, d->nimports);
    ensures \result == DOMAIN_OK ==>
      d->image == image && d->image_addr == base && d->section_addr == tb.section_addr &&
      d->plan.image_size == p.image_size && d->plan.nsections == p.nsections &&
      d->plan.rx_size == p.rx_size && d->plan.r_size == p.r_size && d->plan.rw_size == p.rw_size;
    ensures \result == DOMAIN_OK ==> \forall integer i; 0 <= i < p.nsections ==>
      SectionIn(p.rx_size, p.r_size, p.rw_size, base, tb.section_addr[i], \at(ObjShSize(o.bytes, i), Pre),
                \at(LayoutGroupOf(ObjShFlags(o.bytes, i)), Pre), i);
*/
static int link_opened(struct elf_object o, struct elf_symtab t, struct domain_plan p, struct domain_tables tb,
                       uint8_t *image, uint64_t base, const char *name, struct domain *d, struct domain_fault *f)
{
    if (!domain_plan_fits(p, o.shnum, t.count))
        return domain_fail(f, DOMAIN_ERR_MEMORY, AT_OBJECT, 0, 0);
    const struct link_counts c = domain_link_passes(o, t, p, tb, image, base, f);
    if (c.err != DOMAIN_OK)
        return c.err;
    /*@ assert placed: \forall integer i; 0 <= i < p.nsections ==>
          SectionIn(p.rx_size, p.r_size, p.rw_size, base, tb.section_addr[i], \at(ObjShSize(o.bytes, i), Pre),
                    \at(LayoutGroupOf(ObjShFlags(o.bytes, i)), Pre), i); */
    return finish_kept(d, p, tb, image, base, c, name, f);
}

/* The object opened: its header and symbol table checked, as values. */
struct opened {
    int err;
    struct elf_object o;
    struct elf_symtab t;
};

/*@ requires ElfBytes(bytes, len);
    terminates \true;
    assigns \nothing;
    ensures \result.err == ELF_OK ==> ElfSymtabFits(\result.o, \result.t) && \result.o.bytes == bytes &&
      \result.o.len == len && \result.o.shoff == Le64(bytes + 40);
*/
static struct opened open_object(const uint8_t *bytes, uint64_t len)
{
    struct opened r;
    r.err = elf_open(bytes, len, &r.o);
    if (r.err == ELF_OK)
        r.err = elf_symtab(&r.o, &r.t);
    return r;
}

int domain_link(const uint8_t *bytes, uint64_t len, const struct domain_plan *p, const struct domain_tables *tb,
                uint8_t *image, uint64_t image_addr, const char *name, struct domain *d, struct domain_fault *f)
{
    /* Values only: see passes.h. */
    const struct domain_plan pl = *p;
    const struct domain_tables tt = *tb;
    const struct opened ob = open_object(bytes, len);
    if (ob.err != ELF_OK)
        return domain_fail(f, ob.err, AT_OBJECT, 0, 0);
    return link_opened(ob.o, ob.t, pl, tt, image, image_addr, name, d, f);
}
