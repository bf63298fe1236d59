/* The bookkeeping of a split virtqueue (virtio 1.0, 2.4): which descriptor
 * the driver may hand out, which avail slot it goes in, and how far the
 * device's used ring has been read. Plain values only: the trusted driver
 * (kernel/net/virtio_net.c) reads the device's used index and element ids
 * once each from the shared ring memory and passes them in, and writes
 * the descriptors and avail entries this module names; memory the device
 * writes concurrently never reaches WP's model. */
#ifndef SPINEL_NET_VRING_H
#define SPINEL_NET_VRING_H

#include <stdint.h>

/* Descriptors, and slots in each ring: a power of two (2.4: "Queue Size"). */
#define VRING_SIZE 32u

enum vring_owner { VRING_FREE = 0, VRING_DEVICE = 1 };

enum vring_err {
    VRING_OK = 0,
    VRING_ERR_FULL = 1,  /* vring_post: no free descriptor or no avail slot */
    VRING_ERR_NONE = 2,  /* vring_used: the device used nothing new; vring_release: nothing pending */
    VRING_ERR_USED = 3,  /* vring_used: the device claims more than was made available */
    VRING_ERR_ID = 4     /* vring_release: the id is no descriptor the device holds */
};

struct vring {
    uint8_t owner[VRING_SIZE]; /* enum vring_owner, per descriptor */
    uint16_t avail_idx;        /* the avail ring's idx: the next slot to fill, mod 2^16 */
    uint16_t last_used;        /* the used ring's entries before this one are read */
};

#include "net/vring.acsl"

/* Every descriptor free, both indexes 0 (what the device starts from). */
/*@ requires \valid(v);
    terminates \true;
    assigns *v;
    ensures VringValid(v);
    ensures all_free: \forall integer d; VringIdx(d) ==> VringFree(v, d);
    ensures v->avail_idx == 0 && v->last_used == 0;
*/
void vring_init(struct vring *v);

/* A free descriptor handed to the device: the lowest free one in *desc,
 * its avail slot in *slot. The driver fills the descriptor, writes it in
 * that slot, then publishes v->avail_idx as the avail ring's idx. */
/*@ requires VringValid(v);
    requires \valid(desc) && \valid(slot) && \separated(desc, slot, v);
    terminates \true;
    assigns v->owner[0 .. VRING_SIZE - 1], v->avail_idx, *desc, *slot;
    ensures VringValid(v);
    ensures v->last_used == \old(v->last_used);
    behavior full:
      assumes VringPending(v) >= VRING_SIZE || !VringHasFree(v);
      assigns \nothing;
      ensures \result == VRING_ERR_FULL;
      ensures VringSame{Pre,Post}(v);
    behavior ok:
      assumes VringPending(v) < VRING_SIZE && VringHasFree(v);
      ensures \result == VRING_OK;
      ensures VringIdx(*desc) && \let d = *desc; \at(v->owner[d], Pre) == VRING_FREE;
      ensures lowest: \forall integer d; 0 <= d < *desc ==> \old(v->owner[d]) != VRING_FREE;
      ensures v->owner[*desc] == VRING_DEVICE;
      ensures VringOthersKept{Pre,Post}(v, *desc);
      ensures *slot == \old(v->avail_idx) % VRING_SIZE;
      ensures VringIdx(*slot);
      ensures v->avail_idx == VringMod16(\old(v->avail_idx) + 1);
      ensures VringPending(v) == \old(VringPending(v)) + 1;
    complete behaviors;
    disjoint behaviors;
*/
int vring_post(struct vring *v, uint16_t *desc, uint16_t *slot);

/* The device's used idx, as read from the used ring: the slot of the next
 * used element to read, if there is one. Changes nothing. */
/*@ requires VringValid(v);
    requires \valid(slot) && \separated(slot, v);
    terminates \true;
    assigns *slot;
    behavior nothing:
      assumes used_idx == v->last_used;
      assigns \nothing;
      ensures \result == VRING_ERR_NONE;
    behavior bogus:
      assumes used_idx != v->last_used;
      assumes VringMod16(used_idx + 65536 - v->last_used) > VringPending(v);
      assigns \nothing;
      ensures \result == VRING_ERR_USED;
    behavior ok:
      assumes used_idx != v->last_used;
      assumes VringMod16(used_idx + 65536 - v->last_used) <= VringPending(v);
      ensures \result == VRING_OK;
      ensures *slot == v->last_used % VRING_SIZE && VringIdx(*slot);
    complete behaviors;
    disjoint behaviors;
*/
int vring_used(const struct vring *v, uint16_t used_idx, uint16_t *slot);

/* The used element the driver read at vring_used's slot names descriptor
 * id: it returns to the driver (free) and the used ring is read one
 * further. Refused, with nothing changed, when nothing is pending or the
 * device does not hold id (out of range, or returned already). */
/*@ requires VringValid(v);
    terminates \true;
    assigns v->owner[0 .. VRING_SIZE - 1], v->last_used;
    ensures VringValid(v);
    ensures v->avail_idx == \old(v->avail_idx);
    behavior none:
      assumes VringPending(v) == 0;
      assigns \nothing;
      ensures \result == VRING_ERR_NONE;
      ensures VringSame{Pre,Post}(v);
    behavior bad_id:
      assumes VringPending(v) != 0;
      assumes !VringIdx(id) || v->owner[id] != VRING_DEVICE;
      assigns \nothing;
      ensures \result == VRING_ERR_ID;
      ensures VringSame{Pre,Post}(v);
    behavior ok:
      assumes VringPending(v) != 0;
      assumes VringIdx(id) && v->owner[id] == VRING_DEVICE;
      ensures \result == VRING_OK;
      ensures v->owner[id] == VRING_FREE;
      ensures VringOthersKept{Pre,Post}(v, id);
      ensures v->last_used == VringMod16(\old(v->last_used) + 1);
      ensures VringPending(v) == \old(VringPending(v)) - 1;
    complete behaviors;
    disjoint behaviors;
*/
int vring_release(struct vring *v, uint32_t id);

#endif
