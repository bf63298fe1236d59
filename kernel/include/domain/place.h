/* The first two passes of domain_link: where each section of an object
 * goes in the image (inside the pages of its group), then its bytes. */
#ifndef SPINEL_PLACE_H
#define SPINEL_PLACE_H

#include <stdint.h>
#include "domain/domain.h"
#include "domain/layout.h"
#include "domain/link.h"

/* Pass 1: every section's address (addr[i], 0 when not loaded), laid
 * out in l (empty: the layout is a parameter so that its writes are
 * apart from addr's by hypothesis). The object and the plan come as
 * values: nothing the passes write can change them. */
/*@ requires ElfObjectFits(o) && o.shoff == Le64(o.bytes + 40) && PLAN_SIZED(p);
    requires \valid(addr + (0 .. o.shnum - 1)) && \valid(f) && \valid(l) && LayoutOk(l);
    requires 0 < base && base + p.image_size <= 0xFFFFFFFFFFFFFFFF;
    requires \separated(addr + (0 .. o.shnum - 1), l, f, o.bytes + (0 .. o.len - 1));
    requires \separated(addr + (0 .. o.shnum - 1), l->used + (0 .. 3));
    terminates \true;
    assigns addr[0 .. o.shnum - 1], l->used[0 .. 3], *f;
    ensures f->code == \result;
    ensures \result == DOMAIN_OK ==> \forall integer i; 0 <= i < o.shnum ==>
      SectionIn(p.rx_size, p.r_size, p.rw_size, base, addr[i], ObjShSize(o.bytes, i),
                LayoutGroupOf(ObjShFlags(o.bytes, i)), i);
*/
int domain_place_sections(struct elf_object o, struct domain_plan p, uint64_t base, uint64_t *addr,
                          struct layout *l, struct domain_fault *f);

/* Pass 2: every placed section's bytes copied into the image. */
/*@ requires ElfObjectFits(o) && \valid_read(addr + (0 .. o.shnum - 1)) && \valid(image + (0 .. size - 1));
    requires \valid(f);
    requires \separated(image + (0 .. size - 1), addr + (0 .. o.shnum - 1), f, o.bytes + (0 .. o.len - 1));
    requires \separated(f, addr + (0 .. o.shnum - 1), o.bytes + (0 .. o.len - 1));
    terminates \true;
    assigns image[0 .. size - 1], *f;
    ensures f->code == \result;
*/
int domain_load_sections(struct elf_object o, const uint64_t *addr, uint8_t *image, uint64_t base,
                         uint64_t size, struct domain_fault *f);

#endif
