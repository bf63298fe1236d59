/* The export table of an aggregate domain: the union of two tables,
 * refusing a name both hold. The arrays are the caller's (domain_combine
 * carves them from the aggregate's metadata). */
#ifndef SPINEL_UNION_H
#define SPINEL_UNION_H

#include <stdint.h>
#include "domain/domain.h"

/* out becomes the union of a and b: out->count == a->count + b->count and
 * every export of either is in out, at its address. names (a's names, a
 * NUL, b's names, a NUL) and scratch (the sort's input) are the caller's;
 * out->entries, out->start and out->nbuckets are set before the call.
 * DOMAIN_ERR_DUPLICATE, with *dup the index in b, when a name is in both
 * (64 bits: a type apart from the tables', so that WP frames the write);
 * DOMAIN_ERR_TABLE if the new table fails its checks (the layout check,
 * or an export of a or b not found in it: never, if the code is right, but
 * checking at run time is what lets the proof skip the sort). The exports
 * are those a and b held at the call (\old): the assigns clause leaves
 * both tables alone. */
/*@ requires ExportTableOk(a) && ExportNamesReadable(a) && ExportTableOk(b) && ExportNamesReadable(b);
    requires \object_pointer(a->entries) && \object_pointer(b->entries) && \object_pointer(scratch);
    requires \valid(out) && \valid(dup) && out->nbuckets == (a->count + b->count > 0 ? a->count + b->count : 1);
    requires a->names_size + b->names_size + 2 <= 0xFFFFFFFFu && a->count + b->count <= 0xFFFFFFFEu;
    requires \valid(scratch + (0 .. a->count + b->count - 1)) &&
             \valid(out->entries + (0 .. a->count + b->count - 1)) && \valid(out->start + (0 .. out->nbuckets)) &&
             \valid(names + (0 .. a->names_size + b->names_size + 1));
    requires \separated(out, dup, scratch + (0 .. a->count + b->count - 1),
                        out->entries + (0 .. a->count + b->count - 1), out->start + (0 .. out->nbuckets),
                        names + (0 .. a->names_size + b->names_size + 1));
    requires \separated(out, dup, scratch + (0 .. a->count + b->count - 1),
                        out->entries + (0 .. a->count + b->count - 1), out->start + (0 .. out->nbuckets),
                        names + (0 .. a->names_size + b->names_size + 1),
                        a, a->entries + (0 .. a->count - 1), a->start + (0 .. a->nbuckets),
                        a->names + (0 .. a->names_size));
    requires \separated(out, dup, scratch + (0 .. a->count + b->count - 1),
                        out->entries + (0 .. a->count + b->count - 1), out->start + (0 .. out->nbuckets),
                        names + (0 .. a->names_size + b->names_size + 1),
                        b, b->entries + (0 .. b->count - 1), b->start + (0 .. b->nbuckets),
                        b->names + (0 .. b->names_size));
    terminates \true;
    assigns *dup, out->names, out->names_size, out->count, scratch[0 .. a->count + b->count - 1],
            out->entries[0 .. a->count + b->count - 1], out->start[0 .. out->nbuckets],
            names[0 .. a->names_size + b->names_size + 1];
    behavior duplicate:
      assumes \exists integer k; 0 <= k < b->count &&
        ExportsName(a, b->entries[k].hash, (uint8_t *)b->names + b->entries[k].name, b->entries[k].len);
      ensures \result == DOMAIN_ERR_DUPLICATE && *dup < b->count &&
        ExportsName(a, b->entries[*dup].hash, (uint8_t *)b->names + b->entries[*dup].name, b->entries[*dup].len);
    behavior apart:
      assumes \forall integer k; 0 <= k < b->count ==>
        !ExportsName(a, b->entries[k].hash, (uint8_t *)b->names + b->entries[k].name, b->entries[k].len);
      ensures \result == DOMAIN_OK || \result == DOMAIN_ERR_TABLE;
      ensures \result == DOMAIN_OK ==> ExportTableOk(out) && ExportNamesReadable(out) &&
        out->count == \old(a->count) + \old(b->count) &&
        (\forall integer k; 0 <= k < \old(a->count) ==>
           ExportAt(out, \old(a->entries[k].hash), (uint8_t *)\old(a->names) + \old(a->entries[k].name),
                    \old(a->entries[k].len), \old(a->entries[k].addr))) &&
        (\forall integer k; 0 <= k < \old(b->count) ==>
           ExportAt(out, \old(b->entries[k].hash), (uint8_t *)\old(b->names) + \old(b->entries[k].name),
                    \old(b->entries[k].len), \old(b->entries[k].addr)));
    complete behaviors;
    disjoint behaviors;
*/
int exports_union(const struct export_table *a, const struct export_table *b, struct domain_export *scratch,
                  uint8_t *names, struct export_table *out, uint64_t *dup);

#endif
