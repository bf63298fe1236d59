/* PhysAddr.T: page frames held through capabilities. Each entry of a fixed
 * table is a kernel object (CAP_FRAME) holding one frame of the proved
 * frame allocator for its owner, an application or extension. The runtime
 * hands out capabilities on entries, never raw addresses, zeroes frames
 * allocated with PHYS_ATTR_ZERO, and raises Reclaim on exhaustion. */
#ifndef SPINEL_PHYS_H
#define SPINEL_PHYS_H

#include <stdint.h>
#include "cap/cap.h"
#include "mem/frame.h"

#define PHYS_PAGES 256u

/* Allocation attributes: a bit set whose known bits are PHYS_ATTR_ALL
 * (2^n - 1, so "only known bits" is attrib <= PHYS_ATTR_ALL). */
#define PHYS_ATTR_ZERO 1u /* the runtime zeroes the frame before handing it out */
#define PHYS_ATTR_ALL 1u

enum phys_err {
    PHYS_OK = 0,
    PHYS_ERR_SIZE = 1,      /* size 0, or more than one frame (a PhysAddr.T is one frame) */
    PHYS_ERR_ATTRIB = 2,    /* unknown attribute bits */
    PHYS_ERR_FULL = 3,      /* no free entry in the table */
    PHYS_ERR_EXHAUSTED = 4, /* no free frame: the runtime raises Reclaim and retries */
    PHYS_ERR_RANGE = 5,     /* index beyond the table */
    PHYS_ERR_NOT_LIVE = 6,  /* the entry holds no frame */
    PHYS_ERR_NOT_OWNER = 7, /* the entry is another holder's */
    PHYS_ERR_NONE = 8       /* no live entry to nominate */
};

struct phys_page {
    struct kobject obj; /* CAP_FRAME, id = index in the table */
    uint32_t frame;     /* the frame's number: its physical address / FRAME_SIZE */
    uint32_t owner;     /* who holds it */
    uint32_t attrib;    /* PHYS_ATTR_* bits asked at allocation */
    uint32_t live;      /* 1 while it holds a frame */
};

/* Every field is 32 bits wide, a C type the frame allocator never writes
 * (it writes bytes and 64-bit words): in WP's typed memory model a call to
 * it then leaves the table syntactically untouched. */
struct phys_table {
    struct phys_page page[PHYS_PAGES];
};

#include "mem/phys.acsl"

/* Every entry dead, each its own CAP_FRAME object. */
/*@ requires \valid(t) && FrameAllocValid(fa);
    requires \separated(t, fa, fa->state + (0 .. fa->nframes - 1));
    terminates \true;
    assigns *t;
    ensures valid: PhysValid(t, fa);
    ensures empty: \forall integer k; 0 <= k < PHYS_PAGES ==> t->page[k].live == 0;
*/
void phys_init(struct phys_table *t, struct frame_alloc *fa);

/* Allocate(size, attrib): a free entry takes a fresh frame for owner. Every
 * refusal leaves the table and the allocator's frames as they were (on
 * exhaustion only the allocator's search hint may move). */
/*@ requires PhysValid(t, fa);
    requires \valid(index) && \separated(index, t, fa, fa->state + (0 .. fa->nframes - 1));
    terminates \true;
    assigns t->page[0 .. PHYS_PAGES - 1].frame, t->page[0 .. PHYS_PAGES - 1].owner,
            t->page[0 .. PHYS_PAGES - 1].attrib, t->page[0 .. PHYS_PAGES - 1].live,
            fa->state[0 .. fa->nframes - 1], fa->hint, *index;
    ensures valid: PhysValid(t, fa);
    behavior size:
      assumes !PhysSizeOk(size);
      ensures \result == PHYS_ERR_SIZE;
      ensures PhysUnchanged{Pre,Post}(t) && FramesUnchanged{Pre,Post}(fa) && fa->hint == \old(fa->hint);
    behavior attrib:
      assumes PhysSizeOk(size) && !PhysAttribOk(attrib);
      ensures \result == PHYS_ERR_ATTRIB;
      ensures PhysUnchanged{Pre,Post}(t) && FramesUnchanged{Pre,Post}(fa) && fa->hint == \old(fa->hint);
    behavior full:
      assumes PhysSizeOk(size) && PhysAttribOk(attrib) && !PhysHasDead(t);
      ensures \result == PHYS_ERR_FULL;
      ensures PhysUnchanged{Pre,Post}(t) && FramesUnchanged{Pre,Post}(fa) && fa->hint == \old(fa->hint);
    behavior exhausted:
      assumes PhysSizeOk(size) && PhysAttribOk(attrib) && PhysHasDead(t) && !FrameHasFree(fa);
      ensures \result == PHYS_ERR_EXHAUSTED;
      ensures PhysUnchanged{Pre,Post}(t) && FramesUnchanged{Pre,Post}(fa);
    behavior ok:
      assumes PhysSizeOk(size) && PhysAttribOk(attrib) && PhysHasDead(t) && FrameHasFree(fa);
      ensures \result == PHYS_OK;
      ensures entry: \let k = *index; 0 <= k < PHYS_PAGES && \at(t->page[k].live, Pre) == 0;
      ensures held: PhysHeldBy(t, *index, owner) && t->page[*index].attrib == attrib;
      ensures was_free: \let j = t->page[*index].frame;
        \at(fa->state[j], Pre) == FRAME_FREE && fa->state[j] == FRAME_USED;
      ensures frames: FramesUnchangedExcept{Pre,Post}(fa, t->page[*index].frame);
      ensures others: PhysUnchangedExcept{Pre,Post}(t, *index);
    complete behaviors;
    disjoint behaviors;
*/
int phys_allocate(struct phys_table *t, struct frame_alloc *fa, uint32_t owner, uint64_t size,
                  uint32_t attrib, uint32_t *index);

/* Deallocate(p): only the owner gives a live entry's frame back. */
/*@ requires PhysValid(t, fa);
    terminates \true;
    assigns t->page[0 .. PHYS_PAGES - 1].live, fa->state[0 .. fa->nframes - 1];
    ensures valid: PhysValid(t, fa);
    behavior range:
      assumes index >= PHYS_PAGES;
      ensures \result == PHYS_ERR_RANGE;
      ensures PhysUnchanged{Pre,Post}(t) && FramesUnchanged{Pre,Post}(fa);
    behavior not_live:
      assumes index < PHYS_PAGES && t->page[index].live != 1;
      ensures \result == PHYS_ERR_NOT_LIVE;
      ensures PhysUnchanged{Pre,Post}(t) && FramesUnchanged{Pre,Post}(fa);
    behavior not_owner:
      assumes PhysLive(t, index) && t->page[index].owner != owner;
      ensures \result == PHYS_ERR_NOT_OWNER;
      ensures PhysUnchanged{Pre,Post}(t) && FramesUnchanged{Pre,Post}(fa);
    behavior ok:
      assumes PhysHeldBy(t, index, owner);
      ensures \result == PHYS_OK;
      ensures released: PhysReleased{Pre,Post}(t, fa, index);
      ensures frames: FramesUnchangedExcept{Pre,Post}(fa, \at(t->page[index].frame, Pre));
      ensures others: PhysUnchangedExcept{Pre,Post}(t, index);
    complete behaviors;
    disjoint behaviors;
*/
int phys_deallocate(struct phys_table *t, struct frame_alloc *fa, uint32_t owner, uint32_t index);

/* Reclaim's candidate: the next live entry at or after cursor (taken
 * modulo PHYS_PAGES), wrapping around the table. */
/*@ requires \valid_read(t);
    requires \valid(index) && \separated(index, t);
    terminates \true;
    assigns *index;
    behavior found:
      assumes PhysHasLive(t);
      ensures \result == PHYS_OK;
      ensures next: PhysNextLive(t, cursor % PHYS_PAGES, *index);
    behavior none:
      assumes !PhysHasLive(t);
      ensures \result == PHYS_ERR_NONE;
    complete behaviors;
    disjoint behaviors;
*/
int phys_candidate(const struct phys_table *t, uint32_t cursor, uint32_t *index);

/* A Reclaim handler's nomination is taken only if it names a live entry of
 * the same holder as the (live) candidate: a handler never gives away
 * another holder's frame. */
/*@ requires \valid_read(t);
    terminates \true;
    assigns \nothing;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 <==> PhysLive(t, candidate) &&
      PhysHeldBy(t, nominee, t->page[candidate].owner);
*/
int phys_nominee_ok(const struct phys_table *t, uint32_t candidate, uint32_t nominee);

/* Reclaim: the kernel takes a live entry's frame back from its holder. */
/*@ requires PhysValid(t, fa);
    terminates \true;
    assigns t->page[0 .. PHYS_PAGES - 1].live, fa->state[0 .. fa->nframes - 1];
    ensures valid: PhysValid(t, fa);
    behavior range:
      assumes index >= PHYS_PAGES;
      ensures \result == PHYS_ERR_RANGE;
      ensures PhysUnchanged{Pre,Post}(t) && FramesUnchanged{Pre,Post}(fa);
    behavior not_live:
      assumes index < PHYS_PAGES && t->page[index].live != 1;
      ensures \result == PHYS_ERR_NOT_LIVE;
      ensures PhysUnchanged{Pre,Post}(t) && FramesUnchanged{Pre,Post}(fa);
    behavior ok:
      assumes PhysLive(t, index);
      ensures \result == PHYS_OK;
      ensures released: PhysReleased{Pre,Post}(t, fa, index);
      ensures frames: FramesUnchangedExcept{Pre,Post}(fa, \at(t->page[index].frame, Pre));
      ensures others: PhysUnchangedExcept{Pre,Post}(t, index);
    complete behaviors;
    disjoint behaviors;
*/
int phys_reclaim(struct phys_table *t, struct frame_alloc *fa, uint32_t index);

/* At unload: every entry of owner gives its frame back; returns how many.
 * Other owners' entries, and frames no entry of owner held, are untouched. */
/*@ requires PhysValid(t, fa);
    terminates \true;
    assigns t->page[0 .. PHYS_PAGES - 1].live, fa->state[0 .. fa->nframes - 1];
    ensures valid: PhysValid(t, fa);
    ensures count: \result == PhysOwnedCount{Pre}(t, owner, 0, PHYS_PAGES) && \result <= PHYS_PAGES;
    ensures nothing_held: \result == 0 <==>
      (\forall integer k; 0 <= k < PHYS_PAGES ==> !\at(PhysHeldBy(t, k, owner), Pre));
    ensures released: \forall integer k; 0 <= k < PHYS_PAGES ==>
      \at(PhysHeldBy(t, k, owner), Pre) ==> PhysReleased{Pre,Post}(t, fa, k);
    ensures others: \forall integer k; 0 <= k < PHYS_PAGES ==>
      !\at(PhysHeldBy(t, k, owner), Pre) ==> PhysEntrySame{Pre,Post}(t, k);
    ensures none_left: \forall integer k; 0 <= k < PHYS_PAGES ==> !PhysHeldBy(t, k, owner);
    ensures frames: \forall integer j; 0 <= j < fa->nframes &&
      !\at(PhysOwnsFrame(t, owner, j, 0, PHYS_PAGES), Pre) ==> fa->state[j] == \at(fa->state[j], Pre);
*/
uint32_t phys_release_owner(struct phys_table *t, struct frame_alloc *fa, uint32_t owner);

/* The physical address of an entry's frame, for the runtime (zeroing,
 * page-table entries). */
/*@ requires PhysValid(t, fa) && PhysLive(t, index);
    terminates \true;
    assigns \nothing;
    ensures \result == PhysAddr(t, index);
    ensures FrameAligned(\result) && FrameOf(\result) == t->page[index].frame < fa->nframes;
*/
uint64_t phys_address(const struct phys_table *t, const struct frame_alloc *fa, uint32_t index);

#endif
