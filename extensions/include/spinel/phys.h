/* Physical memory for extensions (interface "phys", SPIN's PhysAddr):
 * page frames, each a reference in the extension's own table, never a raw
 * address, and the event PhysAddr.Reclaim.
 *
 * Authority: a frame is reached only through the reference phys_alloc
 * gave; the kernel checks it on each use against the calling extension's
 * table (SPINEL_ERR_BAD_REF: forged, revoked, another extension's, not a
 * frame). At unload every frame it holds goes back to the kernel, and
 * every reference to it is revoked.
 *
 * Reclaim: when no frame is free, the kernel picks a candidate frame and
 * raises PhysAddr.Reclaim, running only the handlers of the candidate's
 * holder (a kernel guard). A handler that returns nonzero gives up a
 * frame: the candidate, or another frame of its own it nominates; the
 * kernel unmaps it everywhere, revokes its references and hands it to the
 * allocation that ran short. Nobody agrees: the allocation fails, with
 * SPINEL_ERR_NO_MEMORY. */
#ifndef SPINEL_EXT_PHYS_H
#define SPINEL_EXT_PHYS_H

#include <stdint.h>
#include "ext.h"
#include "refs.h"

/* One frame: what a reference from phys_alloc names. */
#define PHYS_FRAME_SIZE 4096u

/* What Reclaim's handlers are given: the holder's reference to the
 * candidate (PHYS_NO_REF if it dropped every reference to it), and the
 * nominee, which starts equal to it. A nominee that is not a live frame
 * reference of the holder's is ignored: the kernel takes the candidate. */
#define PHYS_NO_REF UINT64_MAX
struct spinel_reclaim {
    spinel_ref candidate;
    spinel_ref nominee;
};

/* A Reclaim handler: closure is the kernel's (the installer's id). */
typedef uint64_t phys_reclaim_handler(void *closure, struct spinel_reclaim *r);

/* PhysAddr.Reclaim's handler contract: it may nominate (write
 * r->nominee), its own globals and the console; it may not allocate or
 * free (the kernel is in the middle of an allocation). Nonzero: take the
 * nominee. */
/*@ requires \valid(r);
    requires SpinelFuel >= SpinelBound;
    requires \separated(r, &SpinelStateAt);
    terminates \true;
    assigns SpinelState, SpinelConsole, SpinelFuel, r->nominee;
*/
uint64_t phys_reclaim_contract(void *closure, struct spinel_reclaim *r);

/* Installs h last on PhysAddr.Reclaim, run only when the candidate is
 * this extension's. From init only. */
/*@ terminates \true;
    assigns SpinelEvents;
    ensures \result == SPINEL_OK || \result == SPINEL_ERR_DENIED || \result == SPINEL_ERR_DUPLICATE ||
            \result == SPINEL_ERR_FULL || \result == SPINEL_ERR_NOT_NOW || \result == SPINEL_ERR_QUOTA;
*/
int phys_install(phys_reclaim_handler *h);

/* Uninstalls h. From init or fini only. */
/*@ terminates \true;
    assigns SpinelEvents;
    ensures \result == SPINEL_OK || \result == SPINEL_ERR_ABSENT || \result == SPINEL_ERR_NOT_NOW;
*/
int phys_uninstall(phys_reclaim_handler *h);

/* PhysAddr.Allocate: one frame, zeroed, held by this extension; a
 * reference to it in *frame. SPINEL_ERR_NO_MEMORY: none free, and Reclaim
 * gave none; SPINEL_ERR_FULL: the kernel's frame table or this
 * extension's reference table is full. Then *frame is left alone. */
/*@ requires \valid(frame);
    terminates \true;
    assigns *frame, SpinelRefs, SpinelServices;
    ensures \result == SPINEL_OK || \result == SPINEL_ERR_NO_MEMORY || \result == SPINEL_ERR_FULL ||
            \result == SPINEL_ERR_BAD_REF;
    ensures \result != SPINEL_OK ==> *frame == \old(*frame);
*/
int phys_alloc(spinel_ref *frame);

/* PhysAddr.Deallocate: the frame goes back to the kernel and frame, with
 * every copy of it, is stale. SPINEL_ERR_IN_USE: a mapping still names it
 * (unmap it first); SPINEL_ERR_BAD_REF: not a live frame reference of
 * this extension's. */
/*@ terminates \true;
    assigns SpinelRefs, SpinelServices;
    ensures \result == SPINEL_OK || \result == SPINEL_ERR_IN_USE || \result == SPINEL_ERR_BAD_REF;
*/
int phys_free(spinel_ref frame);

#endif
