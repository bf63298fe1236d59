/* Laws of the split-ring model, proved from the contracts in vring.h
 * alone (WP uses only the callee contracts here): if a law fails to prove,
 * the contracts say less than the driver relies on. Not linked anywhere. */
#include "net/vring.h"

/* A buffer posted, then used by the device, comes back: its descriptor is
 * free again and the ring holds what it held before. */
/*@ requires VringValid(v) && VringPending(v) < VRING_SIZE && VringHasFree(v);
    requires \valid(desc) && \valid(slot) && \separated(desc, slot, v);
    terminates \true;
    assigns v->owner[0 .. VRING_SIZE - 1], v->avail_idx, v->last_used, *desc, *slot;
    ensures \result == VRING_OK;
    ensures VringFree(v, *desc);
    ensures VringPending(v) == \old(VringPending(v));
*/
int law_post_then_release(struct vring *v, uint16_t *desc, uint16_t *slot)
{
    int r = vring_post(v, desc, slot);
    //@ assert r == VRING_OK;
    return vring_release(v, *desc);
}

/* The device cannot return a descriptor twice: the second time is refused. */
/*@ requires VringValid(v) && VringPending(v) >= 2;
    requires VringIdx(id) && v->owner[id] == VRING_DEVICE;
    terminates \true;
    assigns v->owner[0 .. VRING_SIZE - 1], v->last_used;
    ensures \result == VRING_ERR_ID;
    ensures VringFree(v, id);
*/
int law_release_twice_refused(struct vring *v, uint32_t id)
{
    int first = vring_release(v, id);
    //@ assert first == VRING_OK;
    return vring_release(v, id);
}

/* A full ring stays full: a refused post changed nothing. */
/*@ requires VringValid(v) && !VringHasFree(v);
    requires \valid(desc) && \valid(slot) && \separated(desc, slot, v);
    terminates \true;
    assigns v->owner[0 .. VRING_SIZE - 1], v->avail_idx, *desc, *slot;
    ensures \result == VRING_ERR_FULL;
*/
int law_full_stays_full(struct vring *v, uint16_t *desc, uint16_t *slot)
{
    int r = vring_post(v, desc, slot);
    //@ assert r == VRING_ERR_FULL;
    return vring_post(v, desc, slot);
}

/* After vring_init the device holds nothing: nothing is used, whatever
 * used idx it claims but 0 is more than was made available. */
/*@ requires \valid(v) && \valid(slot) && \separated(slot, v);
    requires used_idx != 0;
    terminates \true;
    assigns *v, *slot;
    ensures \result == VRING_ERR_USED;
*/
int law_fresh_ring_used_nothing(struct vring *v, uint16_t used_idx, uint16_t *slot)
{
    vring_init(v);
    return vring_used(v, used_idx, slot);
}
