/* Physical frame allocator: one state byte per 4 KiB frame, numbered from
 * physical address 0, built from the boot memory map. */
#ifndef SPINEL_FRAME_H
#define SPINEL_FRAME_H

#include <stdint.h>

#define FRAME_SIZE 4096u
#define FRAME_SHIFT 12u
/* Frames the allocator can manage: 4 GiB of physical address space. */
#define FRAME_MAX (1u << 20)

enum frame_state { FRAME_ABSENT = 0, FRAME_FREE = 1, FRAME_USED = 2 };

enum frame_err {
    FRAME_OK = 0,
    FRAME_ERR_EXHAUSTED = 1,  /* no free frame left */
    FRAME_ERR_UNALIGNED = 2,  /* address is not the start of a frame */
    FRAME_ERR_FOREIGN = 3,    /* frame is not managed by this allocator */
    FRAME_ERR_DOUBLE_FREE = 4 /* frame is already free */
};

struct frame_alloc {
    uint8_t *state;   /* state[i] is the enum frame_state of frame i */
    uint64_t nframes; /* frames 0 .. nframes-1 are described */
    uint64_t hint;    /* where the next search starts */
};

#include "mem/frame.acsl"

/* Describes nframes frames, all foreign until memory is added. */
/*@ requires \valid(fa) && \valid(state + (0 .. nframes - 1));
    requires nframes <= FRAME_MAX;
    requires \separated(fa, state + (0 .. nframes - 1));
    terminates \true;
    assigns *fa, state[0 .. nframes - 1];
    ensures valid: FrameAllocValid(fa);
    ensures fa->state == state && fa->nframes == nframes;
    ensures all_foreign: \forall integer j; 0 <= j < nframes ==> state[j] == FRAME_ABSENT;
*/
void frame_alloc_init(struct frame_alloc *fa, uint8_t *state, uint64_t nframes);

/* Frames wholly inside [base, base+len) that are foreign become free; any
 * base and len are accepted (the range is clipped, never wraps). */
/*@ requires FrameAllocValid(fa);
    terminates \true;
    assigns fa->state[0 .. fa->nframes - 1];
    ensures inside: \forall integer j; 0 <= j < fa->nframes && FrameInside(j, base, len) ==>
      fa->state[j] == FrameAdded(\old(fa->state[j]));
    ensures outside: \forall integer j; 0 <= j < fa->nframes && !FrameInside(j, base, len) ==>
      fa->state[j] == \old(fa->state[j]);
*/
void frame_add_region(struct frame_alloc *fa, uint64_t base, uint64_t len);

/* Frames sharing a byte with [base, base+len) become foreign: never handed
 * out, never freeable (firmware, the kernel image, boot modules). */
/*@ requires FrameAllocValid(fa);
    terminates \true;
    assigns fa->state[0 .. fa->nframes - 1];
    ensures touched: \forall integer j; 0 <= j < fa->nframes && FrameTouches(j, base, len) ==>
      fa->state[j] == FRAME_ABSENT;
    ensures untouched: \forall integer j; 0 <= j < fa->nframes && !FrameTouches(j, base, len) ==>
      fa->state[j] == \old(fa->state[j]);
*/
void frame_reserve_region(struct frame_alloc *fa, uint64_t base, uint64_t len);

/* Hands out a free frame (next fit from the hint) and marks it used. */
/*@ requires FrameAllocValid(fa);
    requires \valid(paddr) && \separated(paddr, fa, fa->state + (0 .. fa->nframes - 1));
    terminates \true;
    assigns fa->state[0 .. fa->nframes - 1], fa->hint, *paddr;
    ensures FrameAllocValid(fa);
    behavior ok:
      assumes FrameHasFree(fa);
      ensures \result == FRAME_OK;
      ensures FrameAligned(*paddr) && FrameOf(*paddr) < fa->nframes;
      ensures was_free: \let j = FrameOf(*paddr);
        \at(fa->state[j], Pre) == FRAME_FREE && fa->state[j] == FRAME_USED;
      ensures FramesUnchangedExcept{Pre,Post}(fa, FrameOf(*paddr));
    behavior exhausted:
      assumes !FrameHasFree(fa);
      assigns \nothing;
      ensures \result == FRAME_ERR_EXHAUSTED;
      ensures FramesUnchanged{Pre,Post}(fa);
    complete behaviors;
    disjoint behaviors;
*/
int frame_alloc(struct frame_alloc *fa, uint64_t *paddr);

/* Returns a used frame; anything else is refused and changes nothing. */
/*@ requires FrameAllocValid(fa);
    terminates \true;
    assigns fa->state[0 .. fa->nframes - 1];
    behavior unaligned:
      assumes !FrameAligned(paddr);
      assigns \nothing;
      ensures \result == FRAME_ERR_UNALIGNED;
      ensures FramesUnchanged{Pre,Post}(fa);
    behavior foreign:
      assumes FrameAligned(paddr);
      assumes FrameOf(paddr) >= fa->nframes ||
              (fa->state[FrameOf(paddr)] != FRAME_FREE && fa->state[FrameOf(paddr)] != FRAME_USED);
      assigns \nothing;
      ensures \result == FRAME_ERR_FOREIGN;
      ensures FramesUnchanged{Pre,Post}(fa);
    behavior double_free:
      assumes FrameAligned(paddr) && FrameOf(paddr) < fa->nframes;
      assumes fa->state[FrameOf(paddr)] == FRAME_FREE;
      assigns \nothing;
      ensures \result == FRAME_ERR_DOUBLE_FREE;
      ensures FramesUnchanged{Pre,Post}(fa);
    behavior ok:
      assumes FrameAligned(paddr) && FrameOf(paddr) < fa->nframes;
      assumes fa->state[FrameOf(paddr)] == FRAME_USED;
      assigns fa->state[FrameOf(paddr)];
      ensures \result == FRAME_OK;
      ensures fa->state[FrameOf(paddr)] == FRAME_FREE;
      ensures FramesUnchangedExcept{Pre,Post}(fa, FrameOf(paddr));
    complete behaviors;
    disjoint behaviors;
*/
int frame_free(struct frame_alloc *fa, uint64_t paddr);

/* How many frames are in the given state. */
/*@ requires FrameAllocValid(fa);
    terminates \true;
    assigns \nothing;
    ensures \result == FrameCount(fa->state, 0, fa->nframes, state);
*/
uint64_t frame_count(const struct frame_alloc *fa, uint8_t state);

#endif
