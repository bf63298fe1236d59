/* Export tables: bucket sort by hash, a checker for the bucket layout, and
 * lookup. The sort guards its own arithmetic and then runs the checker, so
 * lookup's proof rests on the checked layout, not on the sort's. */
#include "domain/exports.h"

/* start[b + 1] counts bucket b, so that the running sums below make
 * start[b] the first entry of bucket b. */
/*@ requires \valid_read(in + (0 .. count - 1)) && \valid(t);
    requires 0 < t->nbuckets < 0xFFFFFFFFu && \valid(t->start + (0 .. t->nbuckets));
    requires \separated(t, t->start + (0 .. t->nbuckets), in + (0 .. count - 1));
    terminates \true;
    assigns t->start[0 .. t->nbuckets];
*/
static void count_buckets(struct export_table *t, const struct domain_export *in, uint32_t count)
{
    uint32_t nb = t->nbuckets;
    /*@ loop invariant 0 <= b <= nb + 1 && \forall integer x; 0 <= x < b ==> t->start[x] == 0;
        loop assigns b, t->start[0 .. nb];
        loop variant nb + 1 - b;
    */
    for (uint32_t b = 0; b <= nb; b++)
        t->start[b] = 0;
    /*@ loop invariant 0 <= i <= count && \forall integer x; 0 <= x <= nb ==> t->start[x] <= i;
        loop assigns i, t->start[0 .. nb];
        loop variant count - i;
    */
    for (uint32_t i = 0; i < count; i++)
        t->start[in[i].hash % nb + 1]++;
}

/* Running sums; 0 if they would pass count (they cannot, from the counts,
 * but the check is cheaper than that proof). */
/*@ requires \valid(t) && 0 < t->nbuckets < 0xFFFFFFFFu && \valid(t->start + (0 .. t->nbuckets));
    requires \separated(t, t->start + (0 .. t->nbuckets));
    terminates \true;
    assigns t->start[1 .. t->nbuckets];
*/
static int sum_buckets(struct export_table *t, uint32_t count)
{
    uint32_t nb = t->nbuckets;
    if (t->start[0] > count)
        return 0;
    /*@ loop invariant 0 <= b <= nb && t->start[b] <= count;
        loop assigns b, t->start[1 .. nb];
        loop variant nb - b;
    */
    for (uint32_t b = 0; b < nb; b++) {
        if (t->start[b + 1] > count - t->start[b])
            return 0;
        t->start[b + 1] += t->start[b];
    }
    return 1;
}

/* Each entry goes to its bucket's cursor start[b], which then moves on; at
 * the end start[b] is where bucket b + 1 begins, so the cursors shift up. */
/*@ requires \valid_read(in + (0 .. count - 1)) && \valid(t);
    requires 0 < t->nbuckets < 0xFFFFFFFFu;
    requires \valid(t->entries + (0 .. count - 1)) && \valid(t->start + (0 .. t->nbuckets));
    requires \separated(t, t->entries + (0 .. count - 1), t->start + (0 .. t->nbuckets), in + (0 .. count - 1));
    requires \separated(t->entries + (0 .. count - 1), t->start + (0 .. t->nbuckets));
    terminates \true;
    assigns t->entries[0 .. count - 1], t->start[0 .. t->nbuckets];
*/
static int place_entries(struct export_table *t, const struct domain_export *in, uint32_t count)
{
    uint32_t nb = t->nbuckets;
    /*@ loop invariant 0 <= i <= count;
        loop assigns i, t->entries[0 .. count - 1], t->start[0 .. nb];
        loop variant count - i;
    */
    for (uint32_t i = 0; i < count; i++) {
        uint32_t b = in[i].hash % nb;
        if (t->start[b] >= count)
            return 0;
        t->entries[t->start[b]] = in[i];
        t->start[b]++;
    }
    /*@ loop invariant 0 <= b <= nb;
        loop assigns b, t->start[1 .. nb];
        loop variant b;
    */
    for (uint32_t b = nb; b > 0; b--)
        t->start[b] = t->start[b - 1];
    t->start[0] = 0;
    return 1;
}

int export_table_build(struct export_table *t, const struct domain_export *in, uint32_t count)
{
    t->count = count;
    count_buckets(t, in, count);
    if (!sum_buckets(t, count) || !place_entries(t, in, count))
        return 0;
    return export_table_check(t);
}

/*@ requires ExportTableShape(t);
    terminates \true;
    assigns \nothing;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 <==>
      (\forall integer k; 0 <= k < t->count ==>
         t->start[t->entries[k].hash % t->nbuckets] <= k < t->start[t->entries[k].hash % t->nbuckets + 1]);
*/
static int entries_in_buckets(const struct export_table *t)
{
    uint32_t nb = t->nbuckets;
    /*@ loop invariant 0 <= k <= t->count;
        loop invariant \forall integer m; 0 <= m < k ==>
          t->start[t->entries[m].hash % nb] <= m < t->start[t->entries[m].hash % nb + 1];
        loop assigns k;
        loop variant t->count - k;
    */
    for (uint32_t k = 0; k < t->count; k++) {
        uint32_t b = t->entries[k].hash % nb;
        if (k < t->start[b] || k >= t->start[b + 1])
            return 0;
    }
    return 1;
}

int export_table_check(const struct export_table *t)
{
    uint32_t nb = t->nbuckets;
    if (t->start[0] != 0 || t->start[nb] != t->count)
        return 0;
    /*@ loop invariant 0 <= b <= nb;
        loop invariant \forall integer x; 0 <= x < b ==> t->start[x] <= t->start[x + 1] <= t->count;
        loop assigns b;
        loop variant nb - b;
    */
    for (uint32_t b = 0; b < nb; b++)
        if (t->start[b] > t->start[b + 1] || t->start[b + 1] > t->count)
            return 0;
    return entries_in_buckets(t);
}

int export_names_inside(const struct export_table *t)
{
    /*@ loop invariant 0 <= k <= t->count;
        loop invariant \forall integer m; 0 <= m < k ==> t->entries[m].name + t->entries[m].len <= t->names_size;
        loop assigns k;
        loop variant t->count - k;
    */
    for (uint32_t k = 0; k < t->count; k++)
        if (t->entries[k].len > t->names_size || t->entries[k].name > t->names_size - t->entries[k].len)
            return 0;
    return 1;
}

int export_table_covers(const struct export_table *t, const struct domain_export *in, uint32_t count,
                        const uint8_t *names)
{
    /*@ loop invariant 0 <= i <= count;
        loop invariant \forall integer x; 0 <= x < i ==>
          ExportAt(t, in[x].hash, (uint8_t *)names + in[x].name, in[x].len, in[x].addr);
        loop assigns i;
        loop variant count - i;
    */
    for (uint32_t i = 0; i < count; i++) {
        int64_t k = export_lookup(t, names + in[i].name, in[i].len, in[i].hash);
        if (k < 0 || t->entries[k].addr != in[i].addr)
            return 0;
    }
    return 1;
}

int64_t export_lookup(const struct export_table *t, const uint8_t *name, uint32_t len, uint32_t hash)
{
    uint32_t b = hash % t->nbuckets;
    uint32_t end = t->start[b + 1];
    /*@ loop invariant t->start[b] <= k <= end;
        loop invariant \forall integer m; t->start[b] <= m < k ==> !ExportIs(t, m, hash, name, len);
        loop assigns k;
        loop variant end - k;
    */
    for (uint32_t k = t->start[b]; k < end; k++) {
        const struct domain_export *e = &t->entries[k];
        if (e->hash == hash && name_equal(t->names + e->name, e->len, name, len)) {
            //@ assert ExportIs(t, k, hash, name, len);
            return k;
        }
    }
    return -1;
}
