/* Laws of the VirtAddr model, proved from the contracts in mem/virt.h
 * alone: if a law fails to prove, the contracts say less than the kernel
 * relies on. Not linked anywhere. */
#include "mem/virt.h"

/* A range just allocated holds its first address, and virt_find names it. */
/*@ requires VirtValid(vt) && VirtHasFree(vt);
    requires 0 < size <= VIRT_SIZE_MAX && VirtSomeFit(vt, ctx, VirtSpanOf(size, 0));
    requires \valid(index) && \valid(found) && \separated(index, found, vt);
    terminates \true;
    assigns vt->range[0 .. VIRT_RANGES - 1], *index, *found;
    ensures \result == 1 && *found == *index;
*/
int law_allocate_then_find(struct virt_table *vt, uint32_t ctx, uint32_t owner, uint64_t size,
                           uint16_t *index, uint16_t *found)
{
    int r = virt_allocate(vt, ctx, owner, size, 0, index);
    //@ assert r == VIRT_OK;
    //@ assert VirtHolds(vt, *index, ctx, vt->range[*index].base);
    return virt_find(vt, ctx, vt->range[*index].base, found);
}

/* Two ranges allocated one after the other in a context share no address. */
/*@ requires VirtValid(vt);
    requires \valid(a) && \valid(b) && \separated(a, b, vt);
    terminates \true;
    assigns vt->range[0 .. VIRT_RANGES - 1], *a, *b;
    ensures \result == VIRT_OK ==>
      *a != *b && VirtApart(vt->range[*a].base, vt->range[*a].end, vt->range[*b].base, vt->range[*b].end);
*/
int law_ranges_apart(struct virt_table *vt, uint32_t ctx, uint32_t owner, uint64_t size, uint16_t *a,
                     uint16_t *b)
{
    int r = virt_allocate(vt, ctx, owner, size, 0, a);
    if (r != VIRT_OK)
        return r;
    return virt_allocate(vt, ctx, owner, size, VIRT_ATTR_GUARD, b);
}

/* Only a range's holder may give it back: another is refused, the range lives on. */
/*@ requires VirtValid(vt);
    requires index < VIRT_RANGES && vt->range[index].live == 1 && vt->range[index].owner != other;
    terminates \true;
    assigns vt->range[0 .. VIRT_RANGES - 1];
    ensures \result == VIRT_ERR_NOT_OWNER && vt->range[index].live == 1;
*/
int law_foreign_deallocate_refused(struct virt_table *vt, uint32_t other, uint32_t index)
{
    return virt_deallocate(vt, other, index);
}

/* After an unload released its owner, a range of it is gone for good. */
/*@ requires VirtValid(vt);
    requires index < VIRT_RANGES && vt->range[index].live == 1 && vt->range[index].owner == owner;
    terminates \true;
    assigns vt->range[0 .. VIRT_RANGES - 1];
    ensures \result == VIRT_ERR_NOT_LIVE;
*/
int law_released_is_gone(struct virt_table *vt, uint32_t owner, uint32_t index)
{
    virt_release_owner(vt, owner);
    return virt_deallocate(vt, owner, index);
}
