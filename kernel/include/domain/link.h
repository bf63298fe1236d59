/* domain_link: domain_create's body. domain_create (create.c, trusted)
 * checks the plan, cuts the caller's metadata bytes into the typed tables
 * below and calls it; everything else happens here, where every bound the
 * writes rely on is checked again, so the proof needs no link between the
 * plan and this pass. Proved, with its passes (passes.h). */
#ifndef SPINEL_LINK_H
#define SPINEL_LINK_H

#include <stdint.h>
#include "domain/domain.h"
#include "domain/layout.h"

/* Each group of an image stays below LINK_GROUP_MAX bytes, so an offset
 * in the image (three groups) fits 32 bits. */
#define LINK_GROUP_MAX 0x40000000u

/* Per ELF symbol while linking: its address, or the import it names. */
struct link_symbol {
    uint64_t addr;
    uint32_t import; /* index + 1, 0 when not an import */
    uint32_t pad;
};

/* domain_link's tables, each as long as the plan says. */
struct domain_tables {
    uint64_t *section_addr;          /* nsections */
    struct link_symbol *syms;        /* nsymbols */
    struct domain_export *unsorted;  /* nexports: the exports before sorting */
    struct domain_export *entries;   /* nexports */
    uint32_t *start;                 /* max(nexports, 1) + 1 */
    struct domain_import *imports;   /* nimports */
    struct domain_patch *patches;    /* npatches */
    uint8_t *names;                  /* names_size + 1 */
};

#include "domain/symbols.h"
#include "domain/link.acsl"

/* Every table's bytes (the tables as a value), for \separated. */
#define TABLE_RANGES_V(tb, p) \
    (tb).section_addr + (0 .. (p).nsections - 1), (tb).syms + (0 .. (p).nsymbols - 1), \
    (tb).unsorted + (0 .. (p).nexports - 1), (tb).entries + (0 .. (p).nexports - 1), \
    (tb).start + (0 .. ((p).nexports == 0 ? 1 : (p).nexports)), (tb).imports + (0 .. (p).nimports - 1), \
    (tb).patches + (0 .. (p).npatches - 1), (tb).names + (0 .. (p).names_size)

/* The tables (a value) as long as the plan says. */
#define TABLES_VALID(tb, p) \
    (\valid((tb).section_addr + (0 .. (p).nsections - 1)) && \valid((tb).syms + (0 .. (p).nsymbols - 1)) && \
     \valid((tb).unsorted + (0 .. (p).nexports - 1)) && \valid((tb).entries + (0 .. (p).nexports - 1)) && \
     \valid((tb).start + (0 .. ((p).nexports == 0 ? 1 : (p).nexports))) && \
     \valid((tb).imports + (0 .. (p).nimports - 1)) && \valid((tb).patches + (0 .. (p).npatches - 1)) && \
     \valid((tb).names + (0 .. (p).names_size)))

/* Places the object bytes[0 .. len) in image[0 .. plan->image_size)
 * (whose address is image_addr), applies every relocation that does not
 * name an import, and records the exports, imports and waiting
 * relocations in the tables; d describes the result. On success every
 * loaded section lies inside the pages of its group (SectionIn), every
 * waiting relocation patches bytes inside the image, every import is
 * named inside the names and unbound, and the export table is valid:
 * the domain is ready for domain_resolve (TargetReady). */
/*@ requires ElfBytes(bytes, len) && \valid_read(p) && \valid_read(tb) && TABLES_VALID(*tb, *p);
    requires \valid(d) && \valid(f);
    requires \valid(image + (0 .. p->image_size - 1)) && 0 < image_addr &&
             image_addr + p->image_size <= 0xFFFFFFFFFFFFFFFF;
    requires \object_pointer(image) && \object_pointer(tb->imports) && \object_pointer(tb->patches) &&
             \object_pointer(tb->names);
    requires \separated(TABLE_RANGES_V(*tb, *p), image + (0 .. p->image_size - 1), bytes + (0 .. len - 1), d, f);
    requires name == \null || DomainNameReadable(name);
    requires name == \null || \separated(d, f, name + (0 .. DOMAIN_NAME_MAX - 2));
    terminates \true;
    assigns *d, *f, image[0 .. p->image_size - 1], tb->section_addr[0 .. p->nsections - 1],
            tb->syms[0 .. p->nsymbols - 1], tb->unsorted[0 .. p->nexports - 1],
            tb->entries[0 .. p->nexports - 1], tb->start[0 .. (p->nexports == 0 ? 1 : p->nexports)],
            tb->imports[0 .. p->nimports - 1], tb->patches[0 .. p->npatches - 1], tb->names[0 .. p->names_size];
    ensures f->code == \result;
    ensures ready: \result == DOMAIN_OK ==>
      TargetReady(d) && ExportTableOk(&d->exports) && ExportNamesReadable(&d->exports) &&
      d->kind == DOMAIN_OBJECT && d->unresolved == d->nimports && ImportsUnbound(d->imports, d->nimports);
    ensures where: \result == DOMAIN_OK ==>
      d->image == image && d->image_addr == image_addr && d->section_addr == \old(tb->section_addr) &&
      d->plan.image_size == \old(p->image_size) && d->plan.nsections == \old(p->nsections) &&
      d->plan.rx_size == \old(p->rx_size) && d->plan.r_size == \old(p->r_size) && d->plan.rw_size == \old(p->rw_size);
    ensures sections_inside: \result == DOMAIN_OK ==> \forall integer i; 0 <= i < \old(p->nsections) ==>
      SectionIn(\old(p->rx_size), \old(p->r_size), \old(p->rw_size), image_addr, \old(tb->section_addr)[i],
                \at(ObjShSize(bytes, i), Pre), \at(LayoutGroupOf(ObjShFlags(bytes, i)), Pre), i);
*/
int domain_link(const uint8_t *bytes, uint64_t len, const struct domain_plan *p, const struct domain_tables *tb,
                uint8_t *image, uint64_t image_addr, const char *name, struct domain *d,
                struct domain_fault *f);

#endif
