/* domain_plan: an object checked from end to end (header, sections,
 * symbols, every relocation) and measured, before any memory is given to
 * it. domain_create runs it first for its precise refusals; the caller
 * uses it to size the image and the metadata. */
#ifndef SPINEL_PLAN_H
#define SPINEL_PLAN_H

#include <stdint.h>
#include "domain/domain.h"
#include "domain/link.h"

#include "domain/plan.acsl"

/* Reads and checks bytes[0 .. len) and lays it out: on success *plan says
 * how many bytes of pages (rx, r, rw groups, page multiples) and of
 * metadata the object needs; on a refusal *fault names the first fault
 * found, in the order header, sections, symbol table, symbols,
 * relocations. Nothing is written but *plan and *fault. */
/*@ requires ElfBytes(bytes, len) && \valid(plan) && \valid(fault);
    requires \separated(plan, fault, bytes + (0 .. len - 1));
    terminates \true;
    assigns *plan, *fault;
    ensures fault->code == \result;
    ensures known: DomainErrKnown(\result);
    ensures header: ElfHeaderError(bytes, len) != ELF_OK ==>
      \result == ElfHeaderError(bytes, len) && fault->where == AT_OBJECT;
    ensures culprit: \result != DOMAIN_OK && fault->where == AT_SECTION ==>
      fault->index < Le16(bytes + 60) &&
      (\result == DOMAIN_ERR_REL ==> ObjShType(bytes, fault->index) == SHT_REL) &&
      (\result == ELF_ERR_SECTION_PAST_END ==> !ObjShInside(bytes, len, fault->index));
    ensures sections: \result == DOMAIN_OK ==> plan->nsections == Le16(bytes + 60) &&
      \forall integer i; 0 <= i < plan->nsections ==> PLAN_SECTION_OK(bytes, len, i);
    ensures sized: \result == DOMAIN_OK ==> PLAN_SIZED(*plan) && plan->nexports < 0xFFFFFFFFu &&
      plan->rx_size % DOMAIN_PAGE == 0 && plan->r_size % DOMAIN_PAGE == 0 && plan->rw_size % DOMAIN_PAGE == 0;
    ensures got: \result == DOMAIN_OK ==>
      plan->got_offset % 8 == 0 && plan->got_offset + 8 * plan->ngot <= plan->r_size;
    ensures symbols: \result == DOMAIN_OK ==>
      plan->nexports + plan->nimports <= plan->nsymbols && ELF_SYM_SIZE * plan->nsymbols <= len;
    ensures meta: \result == DOMAIN_OK ==> plan->meta_size ==
      PlanMetaSize(plan->nsections, plan->nsymbols, plan->nexports, plan->nimports, plan->npatches, plan->names_size);
*/
int domain_plan(const uint8_t *bytes, uint64_t len, struct domain_plan *plan, struct domain_fault *fault);

#endif
