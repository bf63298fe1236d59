/* The four passes of domain_link over an accepted object: place the
 * sections, copy them (place.h), record the symbols, apply the
 * relocations. Everything comes as values (the object, its symbol table,
 * the plan, the tables) so that nothing a pass writes can change it; each
 * pass checks at run time every bound its writes rely on. */
#ifndef SPINEL_PASSES_H
#define SPINEL_PASSES_H

#include <stdint.h>
#include "domain/domain.h"
#include "domain/layout.h"
#include "domain/link.h"

/* What the four passes filled, or why they stopped. */
struct link_counts {
    int err;
    uint32_t nexports, nimports, npatches;
};

/* The plan the tables were cut for fits the object: its counts are the
 * object's and its sizes are ones the passes can work with. */
/*@ terminates \true;
    assigns \nothing;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 <==> PLAN_SIZED(p) && p.nsections == shnum && p.nsymbols == nsym &&
                              p.nexports < 0xFFFFFFFFu;
*/
int domain_plan_fits(struct domain_plan p, uint32_t shnum, uint32_t nsym);

/* The four passes over the object (o, t: accepted, as values). */
/*@ requires ElfSymtabFits(o, t) && o.shoff == Le64(o.bytes + 40) && TABLES_VALID(tb, p) && PLAN_SIZED(p);
    requires p.nsections == o.shnum && p.nsymbols == t.count;
    requires \valid(image + (0 .. p.image_size - 1)) && 0 < base && base + p.image_size <= 0xFFFFFFFFFFFFFFFF;
    requires \valid(f);
    requires \separated(TABLE_RANGES_V(tb, p), image + (0 .. p.image_size - 1), o.bytes + (0 .. o.len - 1), f);
    terminates \true;
    assigns *f, image[0 .. p.image_size - 1], tb.section_addr[0 .. p.nsections - 1], tb.syms[0 .. p.nsymbols - 1],
            tb.unsorted[0 .. p.nexports - 1], tb.imports[0 .. p.nimports - 1], tb.patches[0 .. p.npatches - 1],
            tb.names[0 .. p.names_size];
    ensures \result.err == f->code;
    ensures \result.err == DOMAIN_OK ==> \result.nexports <= p.nexports && \result.nimports <= p.nimports &&
      \result.npatches <= p.npatches && ImportsNamed(tb.imports, \result.nimports, p.names_size) &&
      ImportsUnbound(tb.imports, \result.nimports) &&
      PATCHES_IN(tb.patches, \result.npatches, \result.nimports, p.image_size);
    ensures \result.err == DOMAIN_OK ==> \forall integer i; 0 <= i < o.shnum ==>
      SectionIn(p.rx_size, p.r_size, p.rw_size, base, tb.section_addr[i], \at(ObjShSize(o.bytes, i), Pre),
                \at(LayoutGroupOf(ObjShFlags(o.bytes, i)), Pre), i);
*/
struct link_counts domain_link_passes(struct elf_object o, struct elf_symtab t, struct domain_plan p,
                                      struct domain_tables tb, uint8_t *image, uint64_t base, struct domain_fault *f);

#endif
