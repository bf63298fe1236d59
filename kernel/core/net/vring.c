/* A split virtqueue's bookkeeping: see net/vring.h. The owner array is
 * the truth about each descriptor, so a descriptor the device returns
 * twice, or one it never had, is refused instead of being reused. */
#include "net/vring.h"

void vring_init(struct vring *v)
{
    /*@ loop invariant 0 <= i <= VRING_SIZE;
        loop invariant \forall integer d; 0 <= d < i ==> VringFree(v, d);
        loop assigns i, v->owner[0 .. VRING_SIZE - 1];
        loop variant VRING_SIZE - i;
    */
    for (uint32_t i = 0; i < VRING_SIZE; i++)
        v->owner[i] = VRING_FREE;
    v->avail_idx = 0;
    v->last_used = 0;
}

/* Buffers the device holds: (avail - last_used) mod 2^16. */
/*@ requires VringValid(v);
    terminates \true;
    assigns \nothing;
    ensures \result == VringPending(v) && \result <= VRING_SIZE;
*/
static uint32_t pending(const struct vring *v)
{
    return (v->avail_idx + 65536u - v->last_used) % 65536u;
}

/* The lowest free descriptor, or VRING_SIZE if none. */
/*@ requires VringValid(v);
    terminates \true;
    assigns \nothing;
    ensures 0 <= \result <= VRING_SIZE;
    ensures \forall integer d; 0 <= d < \result ==> !VringFree(v, d);
    ensures \result < VRING_SIZE ==> VringFree(v, \result);
    ensures \result == VRING_SIZE <==> !VringHasFree(v);
*/
static uint32_t first_free(const struct vring *v)
{
    /*@ loop invariant 0 <= i <= VRING_SIZE;
        loop invariant \forall integer d; 0 <= d < i ==> !VringFree(v, d);
        loop assigns i;
        loop variant VRING_SIZE - i;
    */
    for (uint32_t i = 0; i < VRING_SIZE; i++)
        if (v->owner[i] == VRING_FREE)
            return i;
    return VRING_SIZE;
}

int vring_post(struct vring *v, uint16_t *desc, uint16_t *slot)
{
    uint32_t d = first_free(v);
    if (pending(v) >= VRING_SIZE || d >= VRING_SIZE)
        return VRING_ERR_FULL;
    v->owner[d] = VRING_DEVICE;
    *desc = (uint16_t)d;
    *slot = (uint16_t)(v->avail_idx % VRING_SIZE);
    v->avail_idx = (uint16_t)((v->avail_idx + 1u) % 65536u);
    return VRING_OK;
}

int vring_used(const struct vring *v, uint16_t used_idx, uint16_t *slot)
{
    if (used_idx == v->last_used)
        return VRING_ERR_NONE;
    if ((used_idx + 65536u - v->last_used) % 65536u > pending(v))
        return VRING_ERR_USED;
    *slot = (uint16_t)(v->last_used % VRING_SIZE);
    return VRING_OK;
}

int vring_release(struct vring *v, uint32_t id)
{
    if (pending(v) == 0)
        return VRING_ERR_NONE;
    if (id >= VRING_SIZE || v->owner[id] != VRING_DEVICE)
        return VRING_ERR_ID;
    v->owner[id] = VRING_FREE;
    v->last_used = (uint16_t)((v->last_used + 1u) % 65536u);
    return VRING_OK;
}
