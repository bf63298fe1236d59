/* VirtAddr (SPIN's VirtAddr interface): ranges of virtual addresses in a
 * translation context, each a capability (VirtAddr.T), handed out first
 * fit in the user half above VIRT_BASE. A range only reserves addresses:
 * Translation maps frames into it. The fault path asks which range holds
 * an address (virt_find): inside one, a fault is PageNotPresent; outside
 * every range, BadAddress. */
#ifndef SPINEL_VIRT_H
#define SPINEL_VIRT_H

#include <stdint.h>
#include "cap/cap.h"

#define VIRT_PAGE 4096u
/* Below VIRT_BASE: left for applications' images. VIRT_TOP: the end of
 * the user half (canonical lower half); the kernel's half lies above. */
#define VIRT_BASE 0x40000000ull
#define VIRT_TOP 0x0000800000000000ull
#define VIRT_RANGES 64u            /* ranges live at once, over all contexts */
#define VIRT_SIZE_MAX (1ull << 38) /* bytes in one range: 256 GiB */
#define VIRT_PAGES_MAX (1ull << 26) /* VIRT_SIZE_MAX / VIRT_PAGE */

/* Attributes: an unmapped guard page after the range, so a run off its
 * end faults (BadAddress) instead of reaching the next range. */
#define VIRT_ATTR_GUARD 1u

enum virt_err {
    VIRT_OK = 0,
    VIRT_ERR_SIZE = 1,      /* size 0 or above VIRT_SIZE_MAX */
    VIRT_ERR_ATTRIB = 2,    /* an unknown attribute bit */
    VIRT_ERR_FULL = 3,      /* every entry of the table is live */
    VIRT_ERR_NO_SPACE = 4,  /* no gap of that size in the context */
    VIRT_ERR_NOT_LIVE = 5,  /* no such range (index out of the table, or dead) */
    VIRT_ERR_NOT_OWNER = 6  /* the range is another holder's */
};

struct virt_range {
    struct kobject obj; /* type CAP_VIRT, id = the entry's index */
    uint64_t base;      /* first address, page aligned */
    uint64_t end;       /* past the last page, the guard page included */
    uint64_t pages;     /* usable pages from base */
    uint32_t ctx;       /* the translation context the addresses are in */
    uint32_t owner;     /* the holder: an application or extension */
    uint8_t live;
};

struct virt_table {
    struct virt_range range[VIRT_RANGES];
};

#include "mem/virt.acsl"

/* Every entry dead. */
/*@ requires \valid(vt);
    terminates \true;
    assigns *vt;
    ensures VirtValid(vt);
    ensures empty: \forall integer i; 0 <= i < VIRT_RANGES ==> vt->range[i].live == 0;
*/
void virt_init(struct virt_table *vt);

/* A range of size bytes (rounded up to pages) for owner in context ctx,
 * at the first place that fits: VIRT_BASE, else the end of one of ctx's
 * ranges in table order. Refusals change nothing. The index comes back as
 * a uint16_t, a type no field of the table has: WP's typed memory model
 * then sees at once that storing it changes no entry. */
/*@ requires VirtValid(vt);
    requires \valid(index) && \separated(index, vt);
    terminates \true;
    assigns vt->range[0 .. VIRT_RANGES - 1], *index;
    ensures VirtValid(vt);
    behavior size:
      assumes size == 0 || size > VIRT_SIZE_MAX;
      ensures \result == VIRT_ERR_SIZE && VirtUnchanged(Pre, Post, vt);
    behavior attrib:
      assumes 0 < size <= VIRT_SIZE_MAX && attrib > VIRT_ATTR_GUARD;
      ensures \result == VIRT_ERR_ATTRIB && VirtUnchanged(Pre, Post, vt);
    behavior full:
      assumes 0 < size <= VIRT_SIZE_MAX && attrib <= VIRT_ATTR_GUARD;
      assumes !VirtHasFree(vt);
      ensures \result == VIRT_ERR_FULL && VirtUnchanged(Pre, Post, vt);
    behavior no_space:
      assumes 0 < size <= VIRT_SIZE_MAX && attrib <= VIRT_ATTR_GUARD;
      assumes VirtHasFree(vt) && !VirtSomeFit(vt, ctx, VirtSpanOf(size, attrib));
      ensures \result == VIRT_ERR_NO_SPACE && VirtUnchanged(Pre, Post, vt);
    behavior ok:
      assumes 0 < size <= VIRT_SIZE_MAX && attrib <= VIRT_ATTR_GUARD;
      assumes VirtHasFree(vt) && VirtSomeFit(vt, ctx, VirtSpanOf(size, attrib));
      ensures \result == VIRT_OK;
      ensures was_free: *index < VIRT_RANGES && \let k = *index; \at(vt->range[k].live, Pre) == 0;
      ensures range: \let r = vt->range[*index];
        r.live == 1 && r.ctx == ctx && r.owner == owner && r.pages == VirtPagesOf(size) &&
        r.end == r.base + VirtSpanOf(size, attrib);
      ensures fits: \let r = vt->range[*index]; VirtFitsAt{Pre}(vt, ctx, r.base, r.end - r.base);
      ensures others: \let k = *index; VirtUnchangedExcept(Pre, Post, vt, k);
    complete behaviors;
    disjoint behaviors;
*/
int virt_allocate(struct virt_table *vt, uint32_t ctx, uint32_t owner, uint64_t size, uint32_t attrib,
                  uint16_t *index);

/* Gives a range back: only its owner may. */
/*@ requires VirtValid(vt);
    terminates \true;
    assigns vt->range[0 .. VIRT_RANGES - 1];
    ensures VirtValid(vt);
    behavior not_live:
      assumes index >= VIRT_RANGES || vt->range[index].live == 0;
      ensures \result == VIRT_ERR_NOT_LIVE && VirtUnchanged(Pre, Post, vt);
    behavior not_owner:
      assumes index < VIRT_RANGES && vt->range[index].live == 1 && vt->range[index].owner != owner;
      ensures \result == VIRT_ERR_NOT_OWNER && VirtUnchanged(Pre, Post, vt);
    behavior ok:
      assumes index < VIRT_RANGES && vt->range[index].live == 1 && vt->range[index].owner == owner;
      ensures \result == VIRT_OK && vt->range[index].live == 0;
      ensures others: VirtUnchangedExcept(Pre, Post, vt, index);
    complete behaviors;
    disjoint behaviors;
*/
int virt_deallocate(struct virt_table *vt, uint32_t owner, uint32_t index);

/* Which range of context ctx holds address v in its usable pages: 1 and
 * its index, or 0 when none does (the guard page is in none). */
/*@ requires VirtValid(vt);
    requires \valid(index) && \separated(index, vt);
    terminates \true;
    assigns *index;
    behavior found:
      assumes \exists integer i; 0 <= i < VIRT_RANGES && VirtHolds(vt, i, ctx, v);
      ensures \result == 1 && *index < VIRT_RANGES && VirtHolds(vt, *index, ctx, v);
      ensures only: \forall integer j; 0 <= j < VIRT_RANGES && VirtHolds(vt, j, ctx, v) ==> j == *index;
    behavior none:
      assumes \forall integer i; 0 <= i < VIRT_RANGES ==> !VirtHolds(vt, i, ctx, v);
      ensures \result == 0;
    complete behaviors;
    disjoint behaviors;
*/
int virt_find(const struct virt_table *vt, uint32_t ctx, uint64_t v, uint16_t *index);

/* At unload: every range the owner holds dies; returns how many. */
/*@ requires VirtValid(vt);
    terminates \true;
    assigns vt->range[0 .. VIRT_RANGES - 1];
    ensures VirtValid(vt);
    ensures \result == VirtOwnedCount{Pre}(vt, owner, VIRT_RANGES);
    ensures none_left: \forall integer i; 0 <= i < VIRT_RANGES ==>
      !(vt->range[i].live == 1 && vt->range[i].owner == owner);
    ensures killed: \forall integer i; 0 <= i < VIRT_RANGES && \at(vt->range[i].owner, Pre) == owner ==>
      vt->range[i].live == 0;
    ensures others: \forall integer i; 0 <= i < VIRT_RANGES && \at(vt->range[i].owner, Pre) != owner ==>
      VirtEntrySame(Pre, Post, vt, i);
*/
uint32_t virt_release_owner(struct virt_table *vt, uint32_t owner);

#endif
