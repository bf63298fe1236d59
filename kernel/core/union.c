/* exports_union: see union.h. The new table is checked twice at run time
 * (export_table_build's layout check, export_table_covers) so that the
 * proof needs no reasoning about the bucket sort. */
#include "union.h"

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

/* dst[k] = src[k] with its name moved by shift, for each k < n. */
/*@ requires \valid(dst + (0 .. n - 1)) && \valid_read(src + (0 .. n - 1));
    requires \forall integer k; 0 <= k < n ==> src[k].name + shift <= 0xFFFFFFFFu;
    requires \separated(dst + (0 .. n - 1), src + (0 .. n - 1));
    terminates \true;
    assigns dst[0 .. n - 1];
    ensures \forall integer k; 0 <= k < n ==>
      dst[k].hash == \old(src[k].hash) && dst[k].len == \old(src[k].len) &&
      dst[k].addr == \old(src[k].addr) && dst[k].name == \old(src[k].name) + shift;
*/
static void append_entries(struct domain_export *dst, const struct domain_export *src, uint32_t n, uint32_t shift)
{
    /*@ loop invariant 0 <= k <= n;
        loop invariant \forall integer x; 0 <= x < k ==>
          dst[x].hash == \at(src[x].hash, Pre) && dst[x].len == \at(src[x].len, Pre) &&
          dst[x].addr == \at(src[x].addr, Pre) && dst[x].name == \at(src[x].name, Pre) + shift;
        loop invariant \forall integer x; 0 <= x < n ==>
          src[x].hash == \at(src[x].hash, Pre) && src[x].len == \at(src[x].len, Pre) &&
          src[x].addr == \at(src[x].addr, Pre) && src[x].name == \at(src[x].name, Pre);
        loop assigns k, dst[0 .. n - 1];
        loop variant n - k;
    */
    for (uint32_t k = 0; k < n; k++) {
        dst[k].hash = src[k].hash;
        dst[k].len = src[k].len;
        dst[k].addr = src[k].addr;
        dst[k].name = src[k].name + shift;
    }
}

/* dst[0 .. n) = src[0 .. n). */
/*@ requires \valid(dst + (0 .. n - 1)) && \valid_read(src + (0 .. n - 1));
    requires \separated(dst + (0 .. n - 1), src + (0 .. n - 1));
    terminates \true;
    assigns dst[0 .. n - 1];
    ensures \forall integer x; 0 <= x < n ==> dst[x] == src[x];
*/
static void copy_names(uint8_t *dst, const uint8_t *src, uint64_t n)
{
    /*@ loop invariant 0 <= x <= n && \forall integer y; 0 <= y < x ==> dst[y] == src[y];
        loop assigns x, dst[0 .. n - 1];
        loop variant n - x;
    */
    for (uint64_t x = 0; x < n; x++)
        dst[x] = src[x];
}

int exports_union(const struct export_table *a, const struct export_table *b, struct domain_export *scratch,
                  uint8_t *names, struct export_table *out, uint64_t *dup)
{
    uint32_t na = a->count, nb = b->count, count = na + nb;
    uint64_t sa = a->names_size, sb = b->names_size;
    uint32_t shift = (uint32_t)sa + 1;
    //@ assert shift == sa + 1 && count == a->count + b->count;
    uint32_t shared = first_shared(a, b);
    if (shared < nb) {
        *dup = shared;
        return DOMAIN_ERR_DUPLICATE;
    }
    copy_names(names, a->names, sa + 1);
    copy_names(names + shift, b->names, sb + 1);
    /*@ assert names_of_a: \forall integer k, y; 0 <= k < na && 0 <= y < a->entries[k].len ==>
          names[a->entries[k].name + y] == a->names[a->entries[k].name + y]; */
    /*@ assert names_of_b: \forall integer k, y; 0 <= k < nb && 0 <= y < b->entries[k].len ==>
          names[shift + b->entries[k].name + y] == b->names[b->entries[k].name + y]; */
    append_entries(scratch, a->entries, na, 0);
    //@ assert a_inside: \forall integer i; 0 <= i < na ==> scratch[i].name + scratch[i].len <= sa;
    //@ assert b_names: \forall integer k; 0 <= k < nb ==> b->entries[k].name + b->entries[k].len <= sb;
    append_entries(scratch + na, b->entries, nb, shift);
    //@ assert b_inside: \forall integer i; 0 <= i < nb ==> scratch[na + i].name + scratch[na + i].len <= sa + sb + 1;
    //@ assert a_kept: \forall integer i; 0 <= i < na ==> scratch[i].name + scratch[i].len <= sa;
    /*@ assert names_inside: \forall integer i; 0 <= i < count ==> scratch[i].name + scratch[i].len <= sa + sb + 1; */
    out->names = names;
    out->names_size = sa + sb + 1;
    if (!export_table_build(out, scratch, count) || !export_names_inside(out) ||
        !export_table_covers(out, scratch, count))
        return DOMAIN_ERR_TABLE;
    return DOMAIN_OK;
}
