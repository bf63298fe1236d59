/* exports_union: see union.h. The new table is checked at run time
 * (export_table_build's layout check, then every source export looked up
 * in it by export_table_covers) so that the proof needs no reasoning about
 * the bucket sort or the copied names. Each step is a helper
 * whose postcondition is all the next one needs: a single function doing
 * them all gave the provers too large a context to frame its writes. */
#include "domain/union.h"
#include "lib/kstring.h"

/* b's index of a name a also exports, or b->count. */
/*@ requires ExportTableOk(a) && ExportNamesReadable(a) && ExportTableOk(b) && ExportNamesReadable(b);
    terminates \true;
    assigns \nothing;
    ensures \result <= b->count;
    ensures \result < b->count ==>
      ExportsName(a, b->entries[\result].hash, (uint8_t *)b->names + b->entries[\result].name, b->entries[\result].len);
    ensures \result == b->count ==> \forall integer k; 0 <= k < b->count ==>
      !ExportsName(a, b->entries[k].hash, (uint8_t *)b->names + b->entries[k].name, b->entries[k].len);
*/
static uint32_t first_shared(const struct export_table *a, const struct export_table *b)
{
    /*@ loop invariant 0 <= k <= b->count;
        loop invariant \forall integer x; 0 <= x < k ==>
          !ExportsName(a, b->entries[x].hash, (uint8_t *)b->names + b->entries[x].name, b->entries[x].len);
        loop assigns k;
        loop variant b->count - k;
    */
    for (uint32_t k = 0; k < b->count; k++) {
        const struct domain_export *e = &b->entries[k];
        if (export_lookup(a, b->names + e->name, e->len, e->hash) >= 0)
            return k;
    }
    return b->count;
}

/* *d = *s with its name moved by shift: one entry per call keeps the
 * append loop's goals small. */
/*@ requires \valid(d) && \valid_read(s) && \separated(d, s) && s->name + shift <= 0xFFFFFFFFu;
    terminates \true;
    assigns *d;
    ensures d->hash == \old(s->hash) && d->len == \old(s->len) && d->addr == \old(s->addr) &&
      d->name == \old(s->name) + shift;
    ensures s->hash == \old(s->hash) && s->len == \old(s->len) && s->addr == \old(s->addr) &&
      s->name == \old(s->name);
*/
static void set_entry(struct domain_export *d, const struct domain_export *s, uint32_t shift)
{
    d->hash = s->hash;
    d->len = s->len;
    d->addr = s->addr;
    d->name = s->name + shift;
}

/* dst[at + k] = src[k] with its name moved by shift, for each k < n. An
 * index, not dst + at: WP then keeps one base pointer for the array. */
/*@ requires \valid(dst + (at .. at + n - 1)) && \valid_read(src + (0 .. n - 1));
    requires at + n <= 0xFFFFFFFFu;
    requires \forall integer k; 0 <= k < n ==> src[k].name + shift <= 0xFFFFFFFFu;
    requires \separated(dst + (at .. at + n - 1), src + (0 .. n - 1));
    terminates \true;
    assigns dst[at .. at + n - 1];
    ensures \forall integer k; 0 <= k < n ==>
      dst[at + k].hash == \old(src[k].hash) && dst[at + k].len == \old(src[k].len) &&
      dst[at + k].addr == \old(src[k].addr) && dst[at + k].name == \old(src[k].name) + shift;
    ensures \forall integer k; 0 <= k < n ==>
      src[k].hash == \old(src[k].hash) && src[k].len == \old(src[k].len) &&
      src[k].addr == \old(src[k].addr) && src[k].name == \old(src[k].name);
*/
static void append_entries(struct domain_export *dst, uint32_t at, const struct domain_export *src, uint32_t n,
                           uint32_t shift)
{
    /*@ loop invariant 0 <= k <= n;
        loop invariant \forall integer x; 0 <= x < k ==> dst[at + x].hash == \at(src[x].hash, Pre);
        loop invariant \forall integer x; 0 <= x < k ==> dst[at + x].len == \at(src[x].len, Pre);
        loop invariant \forall integer x; 0 <= x < k ==> dst[at + x].addr == \at(src[x].addr, Pre);
        loop invariant \forall integer x; 0 <= x < k ==> dst[at + x].name == \at(src[x].name, Pre) + shift;
        loop invariant \forall integer x; 0 <= x < n ==> src[x].hash == \at(src[x].hash, Pre);
        loop invariant \forall integer x; 0 <= x < n ==> src[x].len == \at(src[x].len, Pre);
        loop invariant \forall integer x; 0 <= x < n ==> src[x].addr == \at(src[x].addr, Pre);
        loop invariant \forall integer x; 0 <= x < n ==> src[x].name == \at(src[x].name, Pre);
        loop assigns k, dst[at .. at + n - 1];
        loop variant n - k;
    */
    for (uint32_t k = 0; k < n; k++)
        set_entry(&dst[at + k], &src[k], shift);
}

/* The union's entries: a's as they are, then b's with their names moved
 * by shift, past a's names and their NUL. */
/*@ requires \valid(dst + (0 .. na + nb - 1)) && \valid_read(ea + (0 .. na - 1)) && \valid_read(eb + (0 .. nb - 1));
    requires na + nb <= 0xFFFFFFFFu;
    requires \forall integer k; 0 <= k < nb ==> eb[k].name + shift <= 0xFFFFFFFFu;
    requires \separated(dst + (0 .. na + nb - 1), ea + (0 .. na - 1));
    requires \separated(dst + (0 .. na + nb - 1), eb + (0 .. nb - 1));
    terminates \true;
    assigns dst[0 .. na + nb - 1];
    ensures \forall integer k; 0 <= k < na ==>
      dst[k].hash == \old(ea[k].hash) && dst[k].len == \old(ea[k].len) &&
      dst[k].addr == \old(ea[k].addr) && dst[k].name == \old(ea[k].name);
    ensures \forall integer k; 0 <= k < nb ==>
      dst[na + k].hash == \old(eb[k].hash) && dst[na + k].len == \old(eb[k].len) &&
      dst[na + k].addr == \old(eb[k].addr) && dst[na + k].name == \old(eb[k].name) + shift;
    ensures \forall integer k; 0 <= k < na ==>
      ea[k].hash == \old(ea[k].hash) && ea[k].len == \old(ea[k].len) &&
      ea[k].addr == \old(ea[k].addr) && ea[k].name == \old(ea[k].name);
    ensures \forall integer k; 0 <= k < nb ==>
      eb[k].hash == \old(eb[k].hash) && eb[k].len == \old(eb[k].len) &&
      eb[k].addr == \old(eb[k].addr) && eb[k].name == \old(eb[k].name);
*/
static void union_entries(struct domain_export *dst, const struct domain_export *ea, uint32_t na,
                          const struct domain_export *eb, uint32_t nb, uint32_t shift)
{
    append_entries(dst, 0, ea, na, 0);
    /*@ assert eb_same: \forall integer k; 0 <= k < nb ==>
          eb[k].hash == \at(eb[k].hash, Pre) && eb[k].len == \at(eb[k].len, Pre) &&
          eb[k].addr == \at(eb[k].addr, Pre) && eb[k].name == \at(eb[k].name, Pre); */
    append_entries(dst, na, eb, nb, shift);
}

/* Gives t the names and sorts in[0 .. count) into t: 1 when t is then a
 * table whose names all lie inside names. Says that in is unchanged, so
 * that the caller need not frame it. */
/*@ requires \valid(t) && \valid_read(in + (0 .. count - 1));
    requires t->nbuckets == (count > 0 ? count : 1) && count <= 0xFFFFFFFEu;
    requires \valid(t->entries + (0 .. count - 1)) && \valid(t->start + (0 .. t->nbuckets));
    requires \valid_read(names + (0 .. size));
    requires \separated(t, t->entries + (0 .. count - 1), t->start + (0 .. t->nbuckets), in + (0 .. count - 1));
    requires \separated(t->entries + (0 .. count - 1), t->start + (0 .. t->nbuckets));
    terminates \true;
    assigns t->names, t->names_size, t->count, t->entries[0 .. count - 1], t->start[0 .. t->nbuckets];
    ensures t->names == names && t->names_size == size && t->count == count;
    ensures \forall integer i; 0 <= i < count ==>
      in[i].hash == \old(in[i].hash) && in[i].len == \old(in[i].len) &&
      in[i].addr == \old(in[i].addr) && in[i].name == \old(in[i].name);
    ensures \result == 0 || \result == 1;
    ensures \result == 1 ==> ExportTableOk(t) && ExportNamesReadable(t);
*/
static int union_table(struct export_table *t, const struct domain_export *in, uint32_t count, const uint8_t *names,
                       uint64_t size)
{
    t->names = names;
    t->names_size = size;
    return export_table_build(t, in, count) && export_names_inside(t);
}

/* Builds t from in[0 .. count) and looks up in it every entry of the two
 * sources (ea with names an, eb with names bn): 1 when all are there. */
/*@ requires \valid(t) && \valid_read(in + (0 .. count - 1));
    requires t->nbuckets == (count > 0 ? count : 1) && count <= 0xFFFFFFFEu;
    requires \valid(t->entries + (0 .. count - 1)) && \valid(t->start + (0 .. t->nbuckets));
    requires \valid_read(names + (0 .. size));
    requires \separated(t, t->entries + (0 .. count - 1), t->start + (0 .. t->nbuckets), in + (0 .. count - 1));
    requires \separated(t->entries + (0 .. count - 1), t->start + (0 .. t->nbuckets));
    requires \valid_read(ea + (0 .. na - 1)) && \valid_read(eb + (0 .. nb - 1));
    requires \forall integer k; 0 <= k < na ==> \valid_read(an + (ea[k].name .. ea[k].name + ea[k].len));
    requires \forall integer k; 0 <= k < nb ==> \valid_read(bn + (eb[k].name .. eb[k].name + eb[k].len));
    requires \separated(t, t->entries + (0 .. count - 1), t->start + (0 .. t->nbuckets), ea + (0 .. na - 1));
    requires \separated(t, t->entries + (0 .. count - 1), t->start + (0 .. t->nbuckets), eb + (0 .. nb - 1));
    terminates \true;
    assigns t->names, t->names_size, t->count, t->entries[0 .. count - 1], t->start[0 .. t->nbuckets];
    ensures t->count == count;
    ensures \forall integer i; 0 <= i < count ==>
      in[i].hash == \old(in[i].hash) && in[i].len == \old(in[i].len) &&
      in[i].addr == \old(in[i].addr) && in[i].name == \old(in[i].name);
    ensures \result == 0 || \result == 1;
    ensures \result == 1 ==> ExportTableOk(t) && ExportNamesReadable(t);
    ensures \result == 1 ==> \forall integer k; 0 <= k < na ==>
      ExportAt(t, \old(ea[k].hash), (uint8_t *)an + \old(ea[k].name), \old(ea[k].len), \old(ea[k].addr));
    ensures \result == 1 ==> \forall integer k; 0 <= k < nb ==>
      ExportAt(t, \old(eb[k].hash), (uint8_t *)bn + \old(eb[k].name), \old(eb[k].len), \old(eb[k].addr));
*/
static int union_checked(struct export_table *t, const struct domain_export *in, uint32_t count, const uint8_t *names,
                         uint64_t size, const struct domain_export *ea, uint32_t na, const uint8_t *an,
                         const struct domain_export *eb, uint32_t nb, const uint8_t *bn)
{
    if (!union_table(t, in, count, names, size))
        return 0;
    //@ assert ea_hash: \forall integer k; 0 <= k < na ==> ea[k].hash == \at(ea[k].hash, Pre);
    //@ assert ea_len: \forall integer k; 0 <= k < na ==> ea[k].len == \at(ea[k].len, Pre);
    //@ assert ea_addr: \forall integer k; 0 <= k < na ==> ea[k].addr == \at(ea[k].addr, Pre);
    //@ assert ea_name: \forall integer k; 0 <= k < na ==> ea[k].name == \at(ea[k].name, Pre);
    //@ assert eb_hash: \forall integer k; 0 <= k < nb ==> eb[k].hash == \at(eb[k].hash, Pre);
    //@ assert eb_len: \forall integer k; 0 <= k < nb ==> eb[k].len == \at(eb[k].len, Pre);
    //@ assert eb_addr: \forall integer k; 0 <= k < nb ==> eb[k].addr == \at(eb[k].addr, Pre);
    //@ assert eb_name: \forall integer k; 0 <= k < nb ==> eb[k].name == \at(eb[k].name, Pre);
    return export_table_covers(t, ea, na, an) && export_table_covers(t, eb, nb, bn);
}

/* The union of two tables known to share no name, given as arrays: entries
 * ea[0 .. na) with names an[0 .. sa], eb[0 .. nb) with names bn[0 .. sb].
 * Each source entry is then looked up in the new table (by its name in its
 * own table): the proof needs no reasoning about the copies. */
/*@ requires \valid_read(ea + (0 .. na - 1)) && \valid_read(eb + (0 .. nb - 1));
    requires \valid_read(an + (0 .. sa)) && \valid_read(bn + (0 .. sb));
    requires na + nb <= 0xFFFFFFFEu && sa + sb + 2 <= 0xFFFFFFFFu;
    requires \forall integer k; 0 <= k < na ==> ea[k].name + ea[k].len <= sa;
    requires \forall integer k; 0 <= k < nb ==> eb[k].name + eb[k].len <= sb;
    requires \valid(out) && out->nbuckets == (na + nb > 0 ? na + nb : 1);
    requires \valid(scratch + (0 .. na + nb - 1)) && \valid(names + (0 .. sa + sb + 1)) &&
             \valid(out->entries + (0 .. na + nb - 1)) && \valid(out->start + (0 .. out->nbuckets));
    requires \separated(names + (0 .. sa + sb + 1), an + (0 .. sa));
    requires \separated(names + (0 .. sa + sb + 1), bn + (0 .. sb));
    requires \separated(scratch + (0 .. na + nb - 1), ea + (0 .. na - 1));
    requires \separated(scratch + (0 .. na + nb - 1), eb + (0 .. nb - 1));
    requires \separated(out, out->entries + (0 .. na + nb - 1), out->start + (0 .. out->nbuckets),
                        scratch + (0 .. na + nb - 1));
    requires \separated(out, out->entries + (0 .. na + nb - 1), out->start + (0 .. out->nbuckets), ea + (0 .. na - 1));
    requires \separated(out, out->entries + (0 .. na + nb - 1), out->start + (0 .. out->nbuckets), eb + (0 .. nb - 1));
    terminates \true;
    assigns names[0 .. sa + sb + 1], scratch[0 .. na + nb - 1], out->names, out->names_size, out->count,
            out->entries[0 .. na + nb - 1], out->start[0 .. out->nbuckets];
    ensures \result == 0 || \result == 1;
    ensures \result == 1 ==> ExportTableOk(out) && ExportNamesReadable(out) && out->count == na + nb;
    ensures \result == 1 ==> \forall integer k; 0 <= k < na ==>
      ExportAt(out, \old(ea[k].hash), (uint8_t *)an + \old(ea[k].name), \old(ea[k].len), \old(ea[k].addr));
    ensures \result == 1 ==> \forall integer k; 0 <= k < nb ==>
      ExportAt(out, \old(eb[k].hash), (uint8_t *)bn + \old(eb[k].name), \old(eb[k].len), \old(eb[k].addr));
*/
static int union_into(const struct domain_export *ea, uint32_t na, const uint8_t *an, uint64_t sa,
                      const struct domain_export *eb, uint32_t nb, const uint8_t *bn, uint64_t sb,
                      struct domain_export *scratch, uint8_t *names, struct export_table *out)
{
    kmemcpy(names, an, sa + 1);
    kmemcpy(names + sa + 1, bn, sb + 1);
    union_entries(scratch, ea, na, eb, nb, (uint32_t)sa + 1);
    return union_checked(out, scratch, na + nb, names, sa + sb + 1, ea, na, an, eb, nb, bn);
}

int exports_union(const struct export_table *a, const struct export_table *b, struct domain_export *scratch,
                  uint8_t *names, struct export_table *out, uint64_t *dup)
{
    uint32_t shared = first_shared(a, b);
    if (shared < b->count) {
        *dup = shared;
        return DOMAIN_ERR_DUPLICATE;
    }
    if (!union_into(a->entries, a->count, a->names, a->names_size, b->entries, b->count, b->names, b->names_size,
                    scratch, names, out))
        return DOMAIN_ERR_TABLE;
    return DOMAIN_OK;
}
