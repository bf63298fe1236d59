/* A domain's export table: names hashed into buckets, each bucket a run of
 * the entries array, so lookup compares only the names of one bucket. */
#ifndef SPINEL_EXPORTS_H
#define SPINEL_EXPORTS_H

#include <stdint.h>
#include "domain/names.h"

/* One exported name and the address it stands for. The name is bytes
 * name .. name + len of the table's names, with a NUL after it. */
struct domain_export {
    uint32_t name; /* 32-bit offsets: see struct domain_import's bound */
    uint32_t len;
    uint32_t hash; /* name_hash of the name */
    uint64_t addr;
};

/* Entries in bucket b are entries[start[b] .. start[b + 1]), b = hash % nbuckets. */
struct export_table {
    const uint8_t *names; /* names[0 .. names_size], a NUL last */
    uint64_t names_size;
    struct domain_export *entries;
    uint32_t count;
    uint32_t nbuckets;
    uint32_t *start;     /* nbuckets + 1 entries */
};

#include "domain/exports.acsl"

/* Sorts the count exports in[] into t's buckets (t->entries, t->start,
 * t->nbuckets given, the arrays separate from in), then checks the result
 * with export_table_check. 1 if t is now a table of in's entries. */
/*@ requires \valid_read(in + (0 .. count - 1)) && \valid(t);
    requires 0 < t->nbuckets < 0xFFFFFFFFu;
    requires \valid(t->entries + (0 .. count - 1)) && \valid(t->start + (0 .. t->nbuckets));
    requires \separated(t, t->entries + (0 .. count - 1), t->start + (0 .. t->nbuckets), in + (0 .. count - 1));
    requires \separated(t->entries + (0 .. count - 1), t->start + (0 .. t->nbuckets));
    terminates \true;
    assigns t->count, t->entries[0 .. count - 1], t->start[0 .. t->nbuckets];
    ensures t->count == count;
    ensures \result == 1 ==> ExportTableOk(t);
    ensures \result == 0 || \result == 1;
*/
int export_table_build(struct export_table *t, const struct domain_export *in, uint32_t count);

/* 1 exactly when every entry lies in its own bucket's run and the runs
 * are in order inside entries[0 .. count): what lookup relies on. */
/*@ requires ExportTableShape(t);
    terminates \true;
    assigns \nothing;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 <==> ExportTableOk(t);
*/
int export_table_check(const struct export_table *t);

/* The index of the export named name[0 .. len) with that hash, or -1 if
 * the table has none. */
/*@ requires ExportTableOk(t) && \valid_read(name + (0 .. len - 1));
    requires ExportNamesReadable(t);
    terminates \true;
    assigns \nothing;
    behavior found:
      assumes \exists integer k; 0 <= k < t->count && ExportIs(t, k, hash, name, len);
      ensures 0 <= \result < t->count && ExportIs(t, \result, hash, name, len);
    behavior absent:
      assumes \forall integer k; 0 <= k < t->count ==> !ExportIs(t, k, hash, name, len);
      ensures \result == -1;
    complete behaviors;
    disjoint behaviors;
*/
int64_t export_lookup(const struct export_table *t, const uint8_t *name, uint32_t len, uint32_t hash);

/* 1 exactly when every entry's name lies inside the table's names. */
/*@ requires ExportTableShape(t) && \valid_read(t->names + (0 .. t->names_size));
    terminates \true;
    assigns \nothing;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 <==> ExportNamesReadable(t);
*/
int export_names_inside(const struct export_table *t);

/* 1 when the table holds each of in[0 .. count), whose names are read in
 * names (a source table's names, each name followed by its NUL): each found by lookup, at the
 * same address. With the count equal, the table is then exactly in's
 * entries, and a name given twice with two addresses is caught. */
/*@ requires ExportTableOk(t) && ExportNamesReadable(t) && \valid_read(in + (0 .. count - 1));
    requires \forall integer i; 0 <= i < count ==> \valid_read(names + (in[i].name .. in[i].name + in[i].len));
    terminates \true;
    assigns \nothing;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 ==> \forall integer i; 0 <= i < count ==>
      ExportAt(t, in[i].hash, (uint8_t *)names + in[i].name, in[i].len, in[i].addr);
*/
int export_table_covers(const struct export_table *t, const struct domain_export *in, uint32_t count,
                        const uint8_t *names);

#endif
