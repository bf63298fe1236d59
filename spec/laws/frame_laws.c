/* Laws of the frame-allocator model, proved from the contracts in frame.h
 * alone (WP uses only the callee contracts here): if a law fails to prove,
 * the contracts say less than the kernel relies on. Not linked anywhere. */
#include "mem/frame.h"

/* A frame just handed out can be given back, and is free again. */
/*@ requires FrameAllocValid(fa) && FrameHasFree(fa);
    requires \valid(paddr) && \separated(paddr, fa, fa->state + (0 .. fa->nframes - 1));
    terminates \true;
    assigns fa->state[0 .. fa->nframes - 1], fa->hint, *paddr;
    ensures \result == FRAME_OK;
    ensures fa->state[FrameOf(*paddr)] == FRAME_FREE;
*/
int law_alloc_then_free(struct frame_alloc *fa, uint64_t *paddr)
{
    int r = frame_alloc(fa, paddr);
    //@ assert r == FRAME_OK;
    return frame_free(fa, *paddr);
}

/* Freeing twice is refused the second time. */
/*@ requires FrameAllocValid(fa);
    requires FrameAligned(paddr) && FrameOf(paddr) < fa->nframes;
    requires fa->state[FrameOf(paddr)] == FRAME_USED;
    terminates \true;
    assigns fa->state[0 .. fa->nframes - 1];
    ensures \result == FRAME_ERR_DOUBLE_FREE;
    ensures fa->state[FrameOf(paddr)] == FRAME_FREE;
*/
int law_double_free_refused(struct frame_alloc *fa, uint64_t paddr)
{
    int first = frame_free(fa, paddr);
    //@ assert first == FRAME_OK;
    return frame_free(fa, paddr);
}

/* Memory reserved for the kernel or a module can never be freed into the pool. */
/*@ requires FrameAllocValid(fa);
    requires FrameAligned(paddr) && base <= paddr < base + len;
    requires base + len <= 18446744073709551615;
    terminates \true;
    assigns fa->state[0 .. fa->nframes - 1];
    ensures \result == FRAME_ERR_FOREIGN;
*/
int law_reserved_is_foreign(struct frame_alloc *fa, uint64_t base, uint64_t len, uint64_t paddr)
{
    frame_reserve_region(fa, base, len);
    //@ assert FrameOf(paddr) < fa->nframes ==> FrameTouches(FrameOf(paddr), base, len);
    return frame_free(fa, paddr);
}

/* An allocator that reports exhaustion has no free frame, so it cannot
 * be wrong about it: a second call reports the same. */
/*@ requires FrameAllocValid(fa) && !FrameHasFree(fa);
    requires \valid(paddr) && \separated(paddr, fa, fa->state + (0 .. fa->nframes - 1));
    terminates \true;
    assigns fa->state[0 .. fa->nframes - 1], fa->hint, *paddr;
    ensures \result == FRAME_ERR_EXHAUSTED;
*/
int law_exhausted_stays_exhausted(struct frame_alloc *fa, uint64_t *paddr)
{
    frame_alloc(fa, paddr);
    return frame_alloc(fa, paddr);
}
