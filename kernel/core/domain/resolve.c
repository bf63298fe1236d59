/* domain_resolve: imports bound to another domain's exports, and the
 * relocations that waited for them patched. All or nothing: the source's
 * offers are looked up and every value they give is range-checked before
 * anything is bound or written. The helpers work on the arrays, so that
 * their loops carry small invariants. */
#include "domain/domain.h"
#include "domain/reloc.h"

/* Offers each unbound import the address t exports under its name. */
/*@ requires ExportTableOk(t) && ExportNamesReadable(t);
    requires \valid(im + (0 .. n - 1)) && \valid_read(names + (0 .. names_size)) && ImportsNamed(im, n, names_size);
    requires \separated(im + (0 .. n - 1), t) && \separated(im + (0 .. n - 1), t->entries + (0 .. t->count - 1)) &&
             \separated(im + (0 .. n - 1), t->start + (0 .. t->nbuckets)) &&
             \separated(im + (0 .. n - 1), t->names + (0 .. t->names_size)) &&
             \separated(im + (0 .. n - 1), names + (0 .. names_size));
    terminates \true;
    assigns im[0 .. n - 1].offer;
    ensures OffersIn(im, n, t->count);
    ensures \forall integer j; 0 <= j < n ==>
      (im[j].offer >= 0 <==> (im[j].bound == 0 && ExportsName(t, im[j].hash, names + im[j].name, im[j].len))) &&
      (im[j].offer >= 0 ==> ExportIs(t, im[j].offer, im[j].hash, names + im[j].name, im[j].len));
*/
static void offer_imports(const struct export_table *t, struct domain_import *im, uint32_t n, const uint8_t *names,
                          uint64_t names_size)
{
    (void)names_size; /* read by the contract only */
    /*@ loop invariant 0 <= j <= n;
        loop invariant \forall integer m; 0 <= m < j ==> -1 <= im[m].offer < t->count;
        loop invariant \forall integer m; 0 <= m < j ==>
          (im[m].offer >= 0 <==> (im[m].bound == 0 && ExportsName(t, im[m].hash, names + im[m].name, im[m].len))) &&
          (im[m].offer >= 0 ==> ExportIs(t, im[m].offer, im[m].hash, names + im[m].name, im[m].len));
        loop assigns j, im[0 .. n - 1].offer;
        loop variant n - j;
    */
    for (uint32_t j = 0; j < n; j++)
        im[j].offer = im[j].bound ? -1 : export_lookup(t, names + im[j].name, im[j].len, im[j].hash);
}

/* The first waiting patch whose import is bound or offered and whose
 * value does not fit, or np when they all fit. */
/*@ requires \valid_read(p + (0 .. np - 1)) && \valid_read(im + (0 .. n - 1)) && PATCHES_IN(p, np, n, size);
    requires \valid_read(t) && \valid_read(t->entries + (0 .. t->count - 1)) && OffersIn(im, n, t->count);
    requires base + size <= 0xFFFFFFFFFFFFFFFF;
    terminates \true;
    assigns \nothing;
    ensures \result <= np;
    ensures \result == np ==> \forall integer i; 0 <= i < np ==> WAITING_FITS(p, i, im, t, base);
*/
static uint32_t first_misfit(const struct domain_patch *p, uint32_t np, const struct domain_import *im, uint32_t n,
                             const struct export_table *t, uint64_t base, uint64_t size)
{
    (void)n, (void)size; /* read by the contract only */
    /*@ loop invariant 0 <= i <= np;
        loop invariant \forall integer x; 0 <= x < i ==> WAITING_FITS(p, x, im, t, base);
        loop assigns i;
        loop variant np - i;
    */
    for (uint32_t i = 0; i < np; i++) {
        const struct domain_import *m = &im[p[i].import];
        uint64_t value;
        if (p[i].done || (!m->bound && m->offer < 0))
            continue;
        uint64_t s = m->bound ? m->addr : t->entries[m->offer].addr;
        if (reloc_value(p[i].type, s, p[i].addend, base + p[i].offset, &value) != ELF_OK)
            return i;
    }
    return np;
}

/* Binds every offered import to its offer. */
/*@ requires \valid(im + (0 .. n - 1)) && \valid_read(t) && \valid_read(t->entries + (0 .. t->count - 1));
    requires OffersIn(im, n, t->count) && \separated(im + (0 .. n - 1), t, t->entries + (0 .. t->count - 1));
    terminates \true;
    assigns im[0 .. n - 1].addr, im[0 .. n - 1].bound;
    ensures \forall integer k; 0 <= k < t->count ==> t->entries[k].addr == \old(t->entries[k].addr);
    ensures \forall integer j; 0 <= j < n ==>
      (im[j].offer >= 0 ==> im[j].bound == 1 && im[j].addr == t->entries[im[j].offer].addr) &&
      (im[j].offer < 0 ==> im[j].bound == \old(im[j].bound) && im[j].addr == \old(im[j].addr));
*/
static void bind_offered(struct domain_import *im, uint32_t n, const struct export_table *t)
{
    /*@ loop invariant 0 <= j <= n;
        loop invariant \forall integer k; 0 <= k < t->count ==> t->entries[k].addr == \at(t->entries[k].addr, Pre);
        loop invariant \forall integer m; 0 <= m < j ==>
          (im[m].offer >= 0 ==> im[m].bound == 1 && im[m].addr == t->entries[im[m].offer].addr) &&
          (im[m].offer < 0 ==> im[m].bound == \at(im[m].bound, Pre) && im[m].addr == \at(im[m].addr, Pre));
        loop invariant \forall integer m; j <= m < n ==>
          im[m].bound == \at(im[m].bound, Pre) && im[m].addr == \at(im[m].addr, Pre);
        loop assigns j, im[0 .. n - 1].addr, im[0 .. n - 1].bound;
        loop variant n - j;
    */
    for (uint32_t j = 0; j < n; j++) {
        if (im[j].offer >= 0) {
            im[j].addr = t->entries[im[j].offer].addr;
            im[j].bound = 1;
        }
    }
}

/* Patches every waiting relocation whose import is bound and whose value
 * fits (first_misfit made sure they all do). */
/*@ requires \valid(p + (0 .. np - 1)) && \valid_read(im + (0 .. n - 1)) && PATCHES_IN(p, np, n, size);
    requires \valid(image + (0 .. size - 1)) && base + size <= 0xFFFFFFFFFFFFFFFF;
    requires \separated(p + (0 .. np - 1), im + (0 .. n - 1), image + (0 .. size - 1));
    terminates \true;
    assigns image[0 .. size - 1], p[0 .. np - 1].done;
    ensures \forall integer i; 0 <= i < np ==>
      (\old(p[i].done) == 0 && im[p[i].import].bound != 0 && PatchFits(p, i, base, im[p[i].import].addr) ==>
         p[i].done == 1) &&
      (\old(p[i].done) != 0 ==> p[i].done == \old(p[i].done));
*/
static void apply_patches(struct domain_patch *p, uint32_t np, const struct domain_import *im, uint32_t n,
                          uint8_t *image, uint64_t base, uint64_t size)
{
    (void)n, (void)size; /* read by the contract only */
    /*@ loop invariant 0 <= i <= np;
        loop invariant \forall integer x; 0 <= x < i ==>
          (\at(p[x].done, Pre) == 0 && im[p[x].import].bound != 0 && PatchFits(p, x, base, im[p[x].import].addr) ==>
             p[x].done == 1) &&
          (\at(p[x].done, Pre) != 0 ==> p[x].done == \at(p[x].done, Pre));
        loop invariant \forall integer x; i <= x < np ==> p[x].done == \at(p[x].done, Pre);
        loop assigns i, image[0 .. size - 1], p[0 .. np - 1].done;
        loop variant np - i;
    */
    for (uint32_t i = 0; i < np; i++) {
        const struct domain_import *m = &im[p[i].import];
        uint64_t value;
        if (p[i].done || !m->bound)
            continue;
        if (reloc_value(p[i].type, m->addr, p[i].addend, base + p[i].offset, &value) != ELF_OK)
            continue;
        reloc_write(image, p[i].offset, p[i].type == R_X86_64_64 ? 8 : 4, value);
        p[i].done = 1;
    }
}

/*@ requires \valid_read(im + (0 .. n - 1));
    terminates \true;
    assigns \nothing;
    ensures \result <= n;
*/
static uint32_t count_unbound(const struct domain_import *im, uint32_t n)
{
    uint32_t count = 0;
    /*@ loop invariant 0 <= j <= n && count <= j;
        loop assigns j, count;
        loop variant n - j;
    */
    for (uint32_t j = 0; j < n; j++)
        count += im[j].bound == 0;
    return count;
}

/*@ requires \valid(f) && \valid_read(pt) && \valid_read(name) && \separated(f, pt);
    terminates \true;
    assigns *f;
    ensures f->code == ELF_ERR_RELOC_RANGE && f->where == AT_RELOCATION;
*/
static void misfit_fault(struct domain_fault *f, const struct domain_patch *pt, const uint8_t *name)
{
    f->code = ELF_ERR_RELOC_RANGE;
    f->where = AT_RELOCATION;
    f->index = pt->relsec;
    f->entry = pt->entry;
    f->name = name;
}

/* The count and the fault are written last, and every table is read once
 * into a local, so that WP carries few facts across the helpers' calls. */
int domain_resolve(const struct domain *source, struct domain *target, struct domain_fault *f)
{
    const struct export_table *t = &source->exports;
    struct domain_import *im = target->imports;
    struct domain_patch *p = target->patches;
    uint8_t *image = target->image;
    const uint8_t *names = target->exports.names;
    uint64_t names_size = target->exports.names_size, base = target->image_addr, size = target->plan.image_size;
    uint32_t n = target->nimports, np = target->npatches;
    if (target->kind != DOMAIN_OBJECT) {
        f->code = DOMAIN_ERR_NOT_OBJECT;
        f->where = AT_OBJECT;
        return DOMAIN_ERR_NOT_OBJECT;
    }
    offer_imports(t, im, n, names, names_size);
    /*@ assert offered: \forall integer j; 0 <= j < n ==>
          (im[j].offer >= 0 <==> (\at(target->imports[j].bound, Pre) == 0 && \at(Exported(source, target, j), Pre))) &&
          (im[j].offer >= 0 ==> \let k = im[j].offer; 0 <= k < t->count &&
             \at(ExportIs(&source->exports, k, target->imports[j].hash,
                          (uint8_t *)target->exports.names + target->imports[j].name, target->imports[j].len), Pre));
    */
    uint32_t bad = first_misfit(p, np, im, n, t, base, size);
    if (bad < np) {
        //@ assert \forall integer x; 0 <= x < size ==> image[x] == \at(target->image[x], Pre);
        misfit_fault(f, &p[bad], names + im[p[bad].import].name);
        return ELF_ERR_RELOC_RANGE;
    }
    //@ assert all_fit: \forall integer i; 0 <= i < np ==> WAITING_FITS(p, i, im, t, base);
    /*@ assert offers_unbound: \forall integer j; 0 <= j < n ==> im[j].offer >= 0 ==> im[j].bound == 0; */
    bind_offered(im, n, t);
    /*@ assert bound_exported: \forall integer j; 0 <= j < n ==>
          \at(target->imports[j].bound, Pre) == 0 && \at(Exported(source, target, j), Pre) ==>
            im[j].bound == 1 && \let a = im[j].addr; \at(ExportedAt(source, target, j, a), Pre);
    */
    /*@ assert waiting_fit: \forall integer i; 0 <= i < np ==>
          p[i].done == 0 && im[p[i].import].bound != 0 ==> PatchFits(p, i, base, im[p[i].import].addr);
    */
    apply_patches(p, np, im, n, image, base, size);
    target->unresolved = count_unbound(im, n);
    f->code = DOMAIN_OK;
    return DOMAIN_OK;
}

int domain_lookup(const struct domain *d, const uint8_t *name, uint32_t len, uint64_t *addr)
{
    int64_t k = export_lookup(&d->exports, name, len, name_hash(name, len));
    if (k < 0)
        return DOMAIN_ERR_NO_SYMBOL;
    *addr = d->exports.entries[k].addr;
    return DOMAIN_OK;
}
