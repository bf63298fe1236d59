/* Virtual address ranges: first fit over the gaps of one context. See
 * mem/virt.h; model in spec/mem/virt.acsl. */
#include "mem/virt.h"

void virt_init(struct virt_table *vt)
{
    /*@ loop invariant 0 <= i <= VIRT_RANGES;
        loop invariant \forall integer j; 0 <= j < i ==> vt->range[j].live == 0;
        loop assigns i, vt->range[0 .. VIRT_RANGES - 1];
        loop variant VIRT_RANGES - i; */
    for (uint32_t i = 0; i < VIRT_RANGES; i++)
        vt->range[i].live = 0;
}

/* Whether [b, e) meets no live range of ctx. */
/*@ requires VirtValid(vt);
    terminates \true;
    assigns \nothing;
    ensures \result == 1 <==> VirtClear(vt, ctx, b, e);
    ensures \result == 0 || \result == 1;
*/
static int clear_of_ranges(const struct virt_table *vt, uint32_t ctx, uint64_t b, uint64_t e)
{
    /*@ loop invariant 0 <= i <= VIRT_RANGES;
        loop invariant \forall integer j; 0 <= j < i ==> VirtEntryClear(vt, j, ctx, b, e);
        loop assigns i;
        loop variant VIRT_RANGES - i; */
    for (uint32_t i = 0; i < VIRT_RANGES; i++) {
        const struct virt_range *r = &vt->range[i];
        if (r->live == 1 && r->ctx == ctx && !(r->end <= b || e <= r->base)) {
            //@ assert !VirtEntryClear(vt, i, ctx, b, e);
            return 0;
        }
    }
    return 1;
}

/* Whether a range of span bytes fits at b in ctx. */
/*@ requires VirtValid(vt);
    requires 0 < span <= VIRT_SIZE_MAX + VIRT_PAGE;
    terminates \true;
    assigns \nothing;
    ensures \result == 1 <==> VirtFitsAt(vt, ctx, b, span);
    ensures \result == 0 || \result == 1;
*/
static int fits_at(const struct virt_table *vt, uint32_t ctx, uint64_t b, uint64_t span)
{
    if (b < VIRT_BASE || b % VIRT_PAGE != 0 || b > VIRT_TOP - span)
        return 0;
    return clear_of_ranges(vt, ctx, b, b + span);
}

/* The first place a range of span bytes fits in ctx, or 0 if none
 * (VIRT_BASE is above 0). Results come back as values: a store through
 * an output pointer would make every predicate over the table need a
 * proof that the store missed it. */
/*@ requires VirtValid(vt);
    requires 0 < span <= VIRT_SIZE_MAX + VIRT_PAGE;
    terminates \true;
    assigns \nothing;
    ensures found: \result != 0 ==> VirtFitsAt(vt, ctx, \result, span);
    ensures none: \result == 0 <==> !VirtSomeFit(vt, ctx, span);
*/
static uint64_t first_fit(const struct virt_table *vt, uint32_t ctx, uint64_t span)
{
    if (fits_at(vt, ctx, VIRT_BASE, span))
        return VIRT_BASE;
    /*@ loop invariant 0 <= k <= VIRT_RANGES;
        loop invariant \forall integer j; 0 <= j < k && vt->range[j].live == 1 && vt->range[j].ctx == ctx ==>
          !VirtFitsAt(vt, ctx, vt->range[j].end, span);
        loop assigns k;
        loop variant VIRT_RANGES - k; */
    for (uint32_t k = 0; k < VIRT_RANGES; k++) {
        const struct virt_range *r = &vt->range[k];
        if (r->live == 1 && r->ctx == ctx && fits_at(vt, ctx, r->end, span)) {
            //@ assert witness: VirtSomeFit(vt, ctx, span);
            return r->end;
        }
    }
    return 0;
}

/* A dead entry's index, or VIRT_RANGES if none. */
/*@ requires VirtValid(vt);
    terminates \true;
    assigns \nothing;
    ensures found: \result < VIRT_RANGES ==> vt->range[\result].live == 0;
    ensures none: \result >= VIRT_RANGES <==> !VirtHasFree(vt);
*/
static uint32_t free_entry(const struct virt_table *vt)
{
    /*@ loop invariant 0 <= i <= VIRT_RANGES;
        loop invariant \forall integer j; 0 <= j < i ==> vt->range[j].live != 0;
        loop assigns i;
        loop variant VIRT_RANGES - i; */
    for (uint32_t i = 0; i < VIRT_RANGES; i++) {
        if (vt->range[i].live == 0)
            return i;
    }
    return VIRT_RANGES;
}

/* Entry i becomes the range [base, base + span) of ctx, pages usable. */
/*@ requires VirtValid(vt);
    requires i < VIRT_RANGES && vt->range[i].live == 0;
    requires VirtFitsAt(vt, ctx, base, span);
    requires 1 <= pages <= VIRT_PAGES_MAX && pages * VIRT_PAGE <= span && VirtAligned(span);
    terminates \true;
    assigns vt->range[i];
    ensures VirtValid(vt);
    ensures vt->range[i].live == 1 && vt->range[i].base == base && vt->range[i].end == base + span &&
      vt->range[i].pages == pages && vt->range[i].ctx == ctx && vt->range[i].owner == owner;
    ensures VirtUnchangedExcept(Pre, Post, vt, i);
*/
static void claim(struct virt_table *vt, uint32_t i, uint64_t base, uint64_t span, uint64_t pages,
                  uint32_t ctx, uint32_t owner)
{
    struct virt_range r = {
        .obj = {.type = CAP_VIRT, .id = i},
        .base = base, .end = base + span, .pages = pages, .ctx = ctx, .owner = owner, .live = 1,
    };
    vt->range[i] = r;
    //@ assert fields: vt->range[i].base == base && vt->range[i].end == base + span && vt->range[i].live == 1 && vt->range[i].ctx == ctx;
    /*@ assert others: \forall integer j; 0 <= j < VIRT_RANGES && j != i ==>
          vt->range[j].live == \at(vt->range[j].live, Pre) && vt->range[j].ctx == \at(vt->range[j].ctx, Pre) &&
          vt->range[j].base == \at(vt->range[j].base, Pre) && vt->range[j].end == \at(vt->range[j].end, Pre); */
    //@ assert new_apart: \forall integer j; 0 <= j < VIRT_RANGES && j != i ==> VirtEntryClear(vt, j, ctx, base, base + span);
    //@ assert others_valid: \forall integer j; 0 <= j < VIRT_RANGES && j != i ==> VirtEntryValid(vt, j);
    //@ assert VirtEntryValid(vt, i);
    //@ assert VirtEntriesValid(vt);
    /*@ assert with_new: \forall integer j; 0 <= j < VIRT_RANGES && j != i &&
          vt->range[j].live == 1 && vt->range[j].ctx == ctx ==>
          VirtApart(vt->range[i].base, vt->range[i].end, vt->range[j].base, vt->range[j].end) &&
          VirtApart(vt->range[j].base, vt->range[j].end, vt->range[i].base, vt->range[i].end); */
    /*@ assert old_pairs: \forall integer a, b; 0 <= a < VIRT_RANGES && 0 <= b < VIRT_RANGES &&
          a != i && b != i && a != b && vt->range[a].live == 1 && vt->range[b].live == 1 &&
          vt->range[a].ctx == vt->range[b].ctx ==>
          VirtApart(vt->range[a].base, vt->range[a].end, vt->range[b].base, vt->range[b].end); */
    //@ assert VirtDisjoint(vt);
}

int virt_allocate(struct virt_table *vt, uint32_t ctx, uint32_t owner, uint64_t size, uint32_t attrib,
                  uint16_t *index)
{
    if (size == 0 || size > VIRT_SIZE_MAX)
        return VIRT_ERR_SIZE;
    if (attrib > VIRT_ATTR_GUARD)
        return VIRT_ERR_ATTRIB;
    uint64_t pages = (size + VIRT_PAGE - 1) / VIRT_PAGE;
    uint64_t span = (pages + (attrib == VIRT_ATTR_GUARD ? 1u : 0u)) * VIRT_PAGE;
    //@ assert span == VirtSpanOf(size, attrib);
    uint32_t i = free_entry(vt);
    if (i >= VIRT_RANGES)
        return VIRT_ERR_FULL;
    uint64_t base = first_fit(vt, ctx, span);
    if (base == 0)
        return VIRT_ERR_NO_SPACE;
    claim(vt, i, base, span, pages, ctx, owner);
    *index = (uint16_t)i;
    return VIRT_OK;
}

/* Entry i dies; nothing else changes, so the others stay apart. */
/*@ requires VirtValid(vt);
    requires i < VIRT_RANGES;
    terminates \true;
    assigns vt->range[i].live;
    ensures VirtValid(vt);
    ensures vt->range[i].live == 0;
    ensures VirtUnchangedExcept(Pre, Post, vt, i);
*/
static void kill(struct virt_table *vt, uint32_t i)
{
    vt->range[i].live = 0;
    /*@ assert live_now: \forall integer j; 0 <= j < VIRT_RANGES && vt->range[j].live == 1 ==>
          j != i && \at(vt->range[j].live, Pre) == 1; */
    //@ assert others_valid: \forall integer j; 0 <= j < VIRT_RANGES && j != i ==> VirtEntryValid(vt, j);
    //@ assert VirtEntryValid(vt, i);
    //@ assert VirtEntriesValid(vt);
    //@ assert VirtDisjoint(vt);
}

int virt_deallocate(struct virt_table *vt, uint32_t owner, uint32_t index)
{
    if (index >= VIRT_RANGES || vt->range[index].live == 0)
        return VIRT_ERR_NOT_LIVE;
    if (vt->range[index].owner != owner)
        return VIRT_ERR_NOT_OWNER;
    kill(vt, index);
    return VIRT_OK;
}

int virt_find(const struct virt_table *vt, uint32_t ctx, uint64_t v, uint16_t *index)
{
    /*@ loop invariant 0 <= i <= VIRT_RANGES;
        loop invariant \forall integer j; 0 <= j < i ==> !VirtHolds(vt, j, ctx, v);
        loop assigns i;
        loop variant VIRT_RANGES - i; */
    for (uint32_t i = 0; i < VIRT_RANGES; i++) {
        const struct virt_range *r = &vt->range[i];
        //@ assert VirtEntryValid(vt, i);
        if (r->live == 1 && r->ctx == ctx && r->base <= v && v - r->base < r->pages * VIRT_PAGE) {
            //@ assert VirtHolds(vt, i, ctx, v);
            *index = (uint16_t)i;
            return 1;
        }
    }
    return 0;
}

uint32_t virt_release_owner(struct virt_table *vt, uint32_t owner)
{
    uint32_t n = 0;
    /*@ loop invariant 0 <= i <= VIRT_RANGES;
        loop invariant n == VirtOwnedCount{Pre}(vt, owner, i) && n <= i;
        loop invariant \forall integer j; 0 <= j < i ==> !(vt->range[j].live == 1 && vt->range[j].owner == owner);
        loop invariant \forall integer j; 0 <= j < VIRT_RANGES && (j >= i || vt->range[j].owner != owner) ==>
          vt->range[j].live == \at(vt->range[j].live, Pre);
        loop invariant \forall integer j; 0 <= j < VIRT_RANGES ==>
          vt->range[j].live == 0 || vt->range[j].live == \at(vt->range[j].live, Pre);
        loop assigns i, n, vt->range[0 .. VIRT_RANGES - 1].live;
        loop variant VIRT_RANGES - i; */
    for (uint32_t i = 0; i < VIRT_RANGES; i++) {
        if (vt->range[i].live == 1 && vt->range[i].owner == owner) {
            vt->range[i].live = 0;
            n++;
        }
    }
    //@ assert owners: \forall integer j; 0 <= j < VIRT_RANGES ==> vt->range[j].owner == \at(vt->range[j].owner, Pre);
    //@ assert others_valid: \forall integer j; 0 <= j < VIRT_RANGES ==> VirtEntryValid(vt, j);
    //@ assert VirtEntriesValid(vt);
    //@ assert VirtDisjoint(vt);
    return n;
}
