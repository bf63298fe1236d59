/* Laws of the PhysAddr model, proved from the contracts in phys.h alone
 * (WP sees no implementation): what the issue promises of PhysAddr.T.
 * Not linked anywhere. */
#include "mem/phys.h"

/* A frame just allocated can be deallocated by its owner, and is free again. */
/*@ requires PhysValid(t, fa) && PhysHasDead(t) && FrameHasFree(fa);
    requires \valid(index) && \separated(index, t, fa, fa->state + (0 .. fa->nframes - 1));
    terminates \true;
    assigns t->page[0 .. PHYS_PAGES - 1].frame, t->page[0 .. PHYS_PAGES - 1].owner,
            t->page[0 .. PHYS_PAGES - 1].attrib, t->page[0 .. PHYS_PAGES - 1].live,
            fa->state[0 .. fa->nframes - 1], fa->hint, *index;
    ensures \result == PHYS_OK;
    ensures !PhysLive(t, *index) && fa->state[t->page[*index].frame] == FRAME_FREE;
*/
int law_allocate_then_deallocate(struct phys_table *t, struct frame_alloc *fa, uint32_t owner,
                                 uint32_t *index)
{
    int r = phys_allocate(t, fa, owner, FRAME_SIZE, PHYS_ATTR_ZERO, index);
    //@ assert r == PHYS_OK;
    return phys_deallocate(t, fa, owner, *index);
}

/* Another holder cannot give a frame back: refused, and nothing changes. */
/*@ requires PhysValid(t, fa) && PhysHeldBy(t, index, owner) && other != owner;
    terminates \true;
    assigns t->page[0 .. PHYS_PAGES - 1].live, fa->state[0 .. fa->nframes - 1];
    ensures \result == PHYS_ERR_NOT_OWNER;
    ensures PhysUnchanged{Pre,Post}(t) && FramesUnchanged{Pre,Post}(fa);
    ensures PhysHeldBy(t, index, owner);
*/
int law_foreign_deallocate(struct phys_table *t, struct frame_alloc *fa, uint32_t owner, uint32_t other,
                           uint32_t index)
{
    int r = phys_deallocate(t, fa, other, index);
    //@ assert PhysEntrySame{Pre,Here}(t, index);
    return r;
}

/* An allocated frame is no other live entry's, and was free before. */
/*@ requires PhysValid(t, fa) && PhysHasDead(t) && FrameHasFree(fa);
    requires \valid(index) && \separated(index, t, fa, fa->state + (0 .. fa->nframes - 1));
    terminates \true;
    assigns t->page[0 .. PHYS_PAGES - 1].frame, t->page[0 .. PHYS_PAGES - 1].owner,
            t->page[0 .. PHYS_PAGES - 1].attrib, t->page[0 .. PHYS_PAGES - 1].live,
            fa->state[0 .. fa->nframes - 1], fa->hint, *index;
    ensures \result == PHYS_OK;
    ensures \forall integer m; 0 <= m < PHYS_PAGES && m != *index && PhysLive(t, m) ==>
      t->page[m].frame != t->page[*index].frame;
    ensures \let j = t->page[*index].frame; \at(fa->state[j], Pre) == FRAME_FREE;
*/
int law_allocated_is_fresh(struct phys_table *t, struct frame_alloc *fa, uint32_t owner, uint32_t *index)
{
    return phys_allocate(t, fa, owner, 1, 0, index);
}

/* Asking for more than a frame is refused, whatever the state. */
/*@ requires PhysValid(t, fa) && size > FRAME_SIZE;
    requires \valid(index) && \separated(index, t, fa, fa->state + (0 .. fa->nframes - 1));
    terminates \true;
    assigns t->page[0 .. PHYS_PAGES - 1].frame, t->page[0 .. PHYS_PAGES - 1].owner,
            t->page[0 .. PHYS_PAGES - 1].attrib, t->page[0 .. PHYS_PAGES - 1].live,
            fa->state[0 .. fa->nframes - 1], fa->hint, *index;
    ensures \result == PHYS_ERR_SIZE;
    ensures PhysUnchanged{Pre,Post}(t) && FramesUnchanged{Pre,Post}(fa);
*/
int law_one_frame_only(struct phys_table *t, struct frame_alloc *fa, uint32_t owner, uint64_t size,
                       uint32_t *index)
{
    return phys_allocate(t, fa, owner, size, 0, index);
}

/* A nomination the kernel accepts can be reclaimed, and the frame is free. */
/*@ requires PhysValid(t, fa);
    terminates \true;
    assigns t->page[0 .. PHYS_PAGES - 1].live, fa->state[0 .. fa->nframes - 1];
    ensures \result == PHYS_OK || \result == PHYS_ERR_NONE;
    ensures \result == PHYS_OK ==> !PhysLive(t, nominee) &&
      \at(t->page[candidate].owner, Pre) == \at(t->page[nominee].owner, Pre) &&
      fa->state[t->page[nominee].frame] == FRAME_FREE;
*/
int law_nominee_reclaimed(struct phys_table *t, struct frame_alloc *fa, uint32_t candidate,
                          uint32_t nominee)
{
    if (!phys_nominee_ok(t, candidate, nominee))
        return PHYS_ERR_NONE;
    return phys_reclaim(t, fa, nominee);
}

/* After unload's release, the owner holds nothing, and a second release
 * finds nothing to release. */
/*@ requires PhysValid(t, fa);
    terminates \true;
    assigns t->page[0 .. PHYS_PAGES - 1].live, fa->state[0 .. fa->nframes - 1];
    ensures \result == 0;
    ensures \forall integer k; 0 <= k < PHYS_PAGES ==> !PhysHeldBy(t, k, owner);
*/
uint32_t law_release_leaves_nothing(struct phys_table *t, struct frame_alloc *fa, uint32_t owner)
{
    phys_release_owner(t, fa, owner);
    return phys_release_owner(t, fa, owner);
}
