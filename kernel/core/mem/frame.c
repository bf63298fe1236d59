/* Physical frame allocator: a state byte per frame, next-fit allocation.
 * Contracts in frame.h; model in spec/mem/frame.acsl. */
#include "mem/frame.h"

void frame_alloc_init(struct frame_alloc *fa, uint8_t *state, uint64_t nframes)
{
    /*@ loop invariant 0 <= i <= nframes;
        loop invariant \forall integer j; 0 <= j < i ==> state[j] == FRAME_ABSENT;
        loop assigns i, state[0 .. nframes - 1];
        loop variant nframes - i; */
    for (uint64_t i = 0; i < nframes; i++)
        state[i] = FRAME_ABSENT;
    fa->state = state;
    fa->nframes = nframes;
    fa->hint = 0;
}

void frame_add_region(struct frame_alloc *fa, uint64_t base, uint64_t len)
{
    /* A region running past the top of the address space is clipped. */
    uint64_t end = len > UINT64_MAX - base ? UINT64_MAX : base + len;
    uint64_t lo = base / FRAME_SIZE + (base % FRAME_SIZE != 0);
    uint64_t hi = end / FRAME_SIZE;
    if (hi > fa->nframes)
        hi = fa->nframes;
    //@ assert lo == (base + FRAME_SIZE - 1) / FRAME_SIZE;
    //@ assert hi == \min(fa->nframes, (base + len) / FRAME_SIZE);
    if (lo >= hi)
        return;
    /*@ loop invariant lo <= i <= hi;
        loop invariant \forall integer j; lo <= j < i ==> fa->state[j] == FrameAdded(\at(fa->state[j], Pre));
        loop invariant \forall integer j; 0 <= j < fa->nframes && (j < lo || j >= i) ==>
          fa->state[j] == \at(fa->state[j], Pre);
        loop assigns i, fa->state[0 .. fa->nframes - 1];
        loop variant hi - i; */
    for (uint64_t i = lo; i < hi; i++)
        fa->state[i] = fa->state[i] == FRAME_ABSENT ? FRAME_FREE : fa->state[i];
}

void frame_reserve_region(struct frame_alloc *fa, uint64_t base, uint64_t len)
{
    if (len == 0)
        return;
    uint64_t last = len - 1 > UINT64_MAX - base ? UINT64_MAX : base + (len - 1);
    uint64_t lo = base / FRAME_SIZE;
    uint64_t hi = last / FRAME_SIZE + 1;
    if (hi > fa->nframes)
        hi = fa->nframes;
    //@ assert hi == \min(fa->nframes, (base + len - 1) / FRAME_SIZE + 1);
    if (lo >= hi)
        return;
    /*@ loop invariant lo <= i <= hi;
        loop invariant \forall integer j; lo <= j < i ==> fa->state[j] == FRAME_ABSENT;
        loop invariant \forall integer j; 0 <= j < fa->nframes && (j < lo || j >= i) ==>
          fa->state[j] == \at(fa->state[j], Pre);
        loop assigns i, fa->state[0 .. fa->nframes - 1];
        loop variant hi - i; */
    for (uint64_t i = lo; i < hi; i++)
        fa->state[i] = FRAME_ABSENT;
}

/* The first free frame in [lo, hi), or hi if there is none. */
/*@ requires FrameAllocValid(fa);
    requires 0 <= lo <= hi <= fa->nframes;
    terminates \true;
    assigns \nothing;
    ensures lo <= \result <= hi;
    ensures \result < hi ==> fa->state[\result] == FRAME_FREE;
    ensures \forall integer j; lo <= j < \result ==> fa->state[j] != FRAME_FREE;
*/
static uint64_t find_free(const struct frame_alloc *fa, uint64_t lo, uint64_t hi)
{
    /*@ loop invariant lo <= i <= hi;
        loop invariant \forall integer j; lo <= j < i ==> fa->state[j] != FRAME_FREE;
        loop assigns i;
        loop variant hi - i; */
    for (uint64_t i = lo; i < hi; i++)
        if (fa->state[i] == FRAME_FREE)
            return i;
    return hi;
}

int frame_alloc(struct frame_alloc *fa, uint64_t *paddr)
{
    uint64_t i = find_free(fa, fa->hint, fa->nframes);
    if (i == fa->nframes) {
        i = find_free(fa, 0, fa->hint);
        if (i == fa->hint)
            return FRAME_ERR_EXHAUSTED;
    }
    fa->state[i] = FRAME_USED;
    fa->hint = i + 1;
    *paddr = i * FRAME_SIZE;
    return FRAME_OK;
}

int frame_free(struct frame_alloc *fa, uint64_t paddr)
{
    if (paddr % FRAME_SIZE != 0)
        return FRAME_ERR_UNALIGNED;
    uint64_t i = paddr / FRAME_SIZE;
    if (i >= fa->nframes || (fa->state[i] != FRAME_FREE && fa->state[i] != FRAME_USED))
        return FRAME_ERR_FOREIGN;
    if (fa->state[i] == FRAME_FREE)
        return FRAME_ERR_DOUBLE_FREE;
    fa->state[i] = FRAME_FREE;
    return FRAME_OK;
}

uint64_t frame_count(const struct frame_alloc *fa, uint8_t state)
{
    uint64_t n = 0;
    /*@ loop invariant 0 <= i <= fa->nframes;
        loop invariant n == FrameCount(fa->state, 0, i, state);
        loop invariant n <= i;
        loop assigns i, n;
        loop variant fa->nframes - i; */
    for (uint64_t i = 0; i < fa->nframes; i++)
        if (fa->state[i] == state)
            n++;
    return n;
}
