/* PhysAddr.T: one frame per table entry, taken from and given back to the
 * proved frame allocator. Contracts in phys.h; model in spec/mem/phys.acsl. */
#include "mem/phys.h"

void phys_init(struct phys_table *t, struct frame_alloc *fa)
{
    (void)fa; /* named in the contract: the table is valid against it */
    /*@ loop invariant 0 <= k <= PHYS_PAGES;
        loop invariant \forall integer m; 0 <= m < k ==>
          t->page[m].obj.type == CAP_FRAME && t->page[m].obj.id == m && t->page[m].live == 0;
        loop assigns k, *t;
        loop variant PHYS_PAGES - k; */
    for (uint32_t k = 0; k < PHYS_PAGES; k++) {
        t->page[k].obj.type = CAP_FRAME;
        t->page[k].obj.id = k;
        t->page[k].frame = 0;
        t->page[k].owner = 0;
        t->page[k].attrib = 0;
        t->page[k].live = 0;
    }
}

/* The lowest dead entry, or PHYS_PAGES if every entry is live. */
/*@ requires \valid_read(t);
    terminates \true;
    assigns \nothing;
    behavior found:
      assumes PhysHasDead(t);
      ensures 0 <= \result < PHYS_PAGES && t->page[\result].live == 0;
    behavior none:
      assumes !PhysHasDead(t);
      ensures \result == PHYS_PAGES;
    complete behaviors;
    disjoint behaviors;
*/
static uint32_t dead_entry(const struct phys_table *t)
{
    /*@ loop invariant 0 <= k <= PHYS_PAGES;
        loop invariant \forall integer m; 0 <= m < k ==> t->page[m].live != 0;
        loop assigns k;
        loop variant PHYS_PAGES - k; */
    for (uint32_t k = 0; k < PHYS_PAGES; k++)
        if (t->page[k].live == 0)
            return k;
    return PHYS_PAGES;
}

/* Entry k, dead, takes frame f, which was free and is now used. */
/*@ requires k < PHYS_PAGES && \valid(t) && FrameAllocValid(fa);
    requires \separated(t, fa, fa->state + (0 .. fa->nframes - 1));
    requires \forall integer m; 0 <= m < PHYS_PAGES ==> PhysEntryValid(t, fa, m);
    requires PhysDistinct(t) && t->page[k].live == 0;
    requires f < fa->nframes && fa->state[f] == FRAME_USED;
    requires fresh: \forall integer m; 0 <= m < PHYS_PAGES && t->page[m].live == 1 ==>
      t->page[m].frame != f;
    terminates \true;
    assigns t->page[k].frame, t->page[k].owner, t->page[k].attrib, t->page[k].live;
    ensures PhysValid(t, fa);
    ensures PhysHeldBy(t, k, owner) && t->page[k].attrib == attrib && t->page[k].frame == f;
    ensures PhysUnchangedExcept{Pre,Post}(t, k);
*/
static void take_entry(struct phys_table *t, const struct frame_alloc *fa, uint32_t k, uint32_t f,
                       uint32_t owner, uint32_t attrib)
{
    (void)fa;
    //@ assert PhysEntryValid(t, fa, k);
    t->page[k].frame = f;
    t->page[k].owner = owner;
    t->page[k].attrib = attrib;
    t->page[k].live = 1;
    //@ assert same: PhysUnchangedExcept{Pre,Here}(t, k);
    //@ assert t->page[k].obj.type == CAP_FRAME && t->page[k].obj.id == k;
    //@ assert PhysEntryValid(t, fa, k);
    //@ assert \forall integer m; 0 <= m < PHYS_PAGES && m != k ==> PhysEntryValid(t, fa, m);
    //@ assert PhysDistinct(t);
}

int phys_allocate(struct phys_table *t, struct frame_alloc *fa, uint32_t owner, uint64_t size,
                  uint32_t attrib, uint32_t *index)
{
    if (size == 0 || size > FRAME_SIZE)
        return PHYS_ERR_SIZE;
    if (attrib > PHYS_ATTR_ALL)
        return PHYS_ERR_ATTRIB;
    uint32_t k = dead_entry(t);
    if (k == PHYS_PAGES)
        return PHYS_ERR_FULL;
    uint64_t paddr = 0;
    if (frame_alloc(fa, &paddr) != FRAME_OK) {
        //@ assert \forall integer m; 0 <= m < PHYS_PAGES ==> PhysEntryValid(t, fa, m);
        return PHYS_ERR_EXHAUSTED;
    }
    uint32_t f = (uint32_t)(paddr / FRAME_SIZE);
    //@ assert f == FrameOf(paddr) && (\let j = f; \at(fa->state[j], Pre) == FRAME_FREE);
    /* The frame was free, so no live entry held it. */
    /*@ assert fresh: \forall integer m; 0 <= m < PHYS_PAGES && t->page[m].live == 1 ==>
          t->page[m].frame != f; */
    //@ assert \forall integer m; 0 <= m < PHYS_PAGES ==> PhysEntryValid(t, fa, m);
    *index = k;
    take_entry(t, fa, k, f, owner, attrib);
    return PHYS_OK;
}

/* Live entry k dies and its frame goes back to the allocator. */
/*@ requires PhysValid(t, fa) && PhysLive(t, k);
    terminates \true;
    assigns t->page[k].live, fa->state[0 .. fa->nframes - 1];
    ensures PhysValid(t, fa);
    ensures PhysReleased{Pre,Post}(t, fa, k);
    ensures FramesUnchangedExcept{Pre,Post}(fa, \at(t->page[k].frame, Pre));
    ensures PhysUnchangedExcept{Pre,Post}(t, k);
*/
static void release_entry(struct phys_table *t, struct frame_alloc *fa, uint32_t k)
{
    //@ assert PhysEntryValid(t, fa, k);
    uint64_t paddr = (uint64_t)t->page[k].frame * FRAME_SIZE;
    //@ assert FrameAligned(paddr) && FrameOf(paddr) == t->page[k].frame;
    (void)frame_free(fa, paddr);
    //@ assert freed: fa->state[t->page[k].frame] == FRAME_FREE;
    //@ assert kept: \forall integer m; 0 <= m < PHYS_PAGES && m != k && t->page[m].live == 1 ==> t->page[m].frame != t->page[k].frame;
    t->page[k].live = 0;
    //@ assert same: PhysUnchangedExcept{Pre,Here}(t, k);
    //@ assert PhysEntryValid(t, fa, k);
    //@ assert \forall integer m; 0 <= m < PHYS_PAGES && m != k ==> PhysEntryValid(t, fa, m);
    //@ assert PhysDistinct(t);
}

int phys_deallocate(struct phys_table *t, struct frame_alloc *fa, uint32_t owner, uint32_t index)
{
    if (index >= PHYS_PAGES)
        return PHYS_ERR_RANGE;
    if (t->page[index].live != 1)
        return PHYS_ERR_NOT_LIVE;
    if (t->page[index].owner != owner)
        return PHYS_ERR_NOT_OWNER;
    release_entry(t, fa, index);
    return PHYS_OK;
}

/* The lowest live entry in [lo, hi), or hi if there is none. */
/*@ requires \valid_read(t) && 0 <= lo <= hi <= PHYS_PAGES;
    terminates \true;
    assigns \nothing;
    ensures lo <= \result <= hi;
    ensures \result < hi ==> t->page[\result].live == 1;
    ensures PhysNoLiveBetween(t, lo, \result);
*/
static uint32_t live_entry(const struct phys_table *t, uint32_t lo, uint32_t hi)
{
    /*@ loop invariant lo <= k <= hi;
        loop invariant PhysNoLiveBetween(t, lo, k);
        loop assigns k;
        loop variant hi - k; */
    for (uint32_t k = lo; k < hi; k++)
        if (t->page[k].live == 1)
            return k;
    return hi;
}

int phys_candidate(const struct phys_table *t, uint32_t cursor, uint32_t *index)
{
    uint32_t c = cursor % PHYS_PAGES;
    uint32_t k = live_entry(t, c, PHYS_PAGES);
    if (k == PHYS_PAGES) {
        k = live_entry(t, 0, c);
        if (k == c)
            return PHYS_ERR_NONE;
    }
    *index = k;
    return PHYS_OK;
}

int phys_nominee_ok(const struct phys_table *t, uint32_t candidate, uint32_t nominee)
{
    if (candidate >= PHYS_PAGES || nominee >= PHYS_PAGES)
        return 0;
    return t->page[candidate].live == 1 && t->page[nominee].live == 1 &&
           t->page[nominee].owner == t->page[candidate].owner;
}

int phys_reclaim(struct phys_table *t, struct frame_alloc *fa, uint32_t index)
{
    if (index >= PHYS_PAGES)
        return PHYS_ERR_RANGE;
    if (t->page[index].live != 1)
        return PHYS_ERR_NOT_LIVE;
    release_entry(t, fa, index);
    return PHYS_OK;
}

uint32_t phys_release_owner(struct phys_table *t, struct frame_alloc *fa, uint32_t owner)
{
    uint32_t n = 0, k = 0;
    /*@ loop invariant 0 <= k <= PHYS_PAGES && n <= k;
        loop invariant PhysValid(t, fa);
        loop invariant n == PhysOwnedCount{Pre}(t, owner, 0, k);
        loop invariant none: n == 0 <==> (\forall integer m; 0 <= m < k ==> !PhysHeldBy{Pre}(t, m, owner));
        loop invariant released: \forall integer m; 0 <= m < k ==>
          \at(PhysHeldBy(t, m, owner), Pre) ==> PhysReleased{Pre,Here}(t, fa, m);
        loop invariant others: \forall integer m; 0 <= m < PHYS_PAGES ==>
          !(m < k && \at(PhysHeldBy(t, m, owner), Pre)) ==> PhysEntrySame{Pre,Here}(t, m);
        loop invariant frames: \forall integer j; 0 <= j < fa->nframes &&
          !PhysOwnsFrame{Pre}(t, owner, j, 0, k) ==> fa->state[j] == \at(fa->state[j], Pre);
        loop assigns k, n, t->page[0 .. PHYS_PAGES - 1].live, fa->state[0 .. fa->nframes - 1];
        loop variant PHYS_PAGES - k; */
    /* The assertions walk the provers from one entry to the next: entry k
     * is still as it was at Pre, and releasing it frees a frame that no
     * earlier entry of owner held (PhysDistinct). */
    for (k = 0; k < PHYS_PAGES; k++) {
        //@ assert here: PhysEntrySame{Pre,Here}(t, k);
        if (t->page[k].live == 1 && t->page[k].owner == owner) {
            //@ assert PhysHeldBy{Pre}(t, k, owner);
            //@ assert PhysOwnedCount{Pre}(t, owner, 0, k + 1) == PhysOwnedCount{Pre}(t, owner, 0, k) + 1;
            //@ assert PhysOwnsFrame{Pre}(t, owner, t->page[k].frame, 0, k + 1);
            /*@ assert \forall integer j; !PhysOwnsFrame{Pre}(t, owner, j, 0, k + 1) ==>
                  !PhysOwnsFrame{Pre}(t, owner, j, 0, k) && j != t->page[k].frame; */
            release_entry(t, fa, k);
            /*@ assert \forall integer j; 0 <= j < fa->nframes && j != t->page[k].frame ==>
                  fa->state[j] == \at(fa->state[j], LoopCurrent); */
            n++;
        } else {
            //@ assert !PhysHeldBy{Pre}(t, k, owner);
            /*@ assert \forall integer j; !PhysOwnsFrame{Pre}(t, owner, j, 0, k + 1) ==>
                  !PhysOwnsFrame{Pre}(t, owner, j, 0, k); */
            //@ assert PhysOwnedCount{Pre}(t, owner, 0, k + 1) == PhysOwnedCount{Pre}(t, owner, 0, k);
        }
    }
    return n;
}

uint64_t phys_address(const struct phys_table *t, const struct frame_alloc *fa, uint32_t index)
{
    (void)fa;
    return (uint64_t)t->page[index].frame * FRAME_SIZE;
}
