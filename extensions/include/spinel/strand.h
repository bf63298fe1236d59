/* Strands for extensions (interface "strand"): kernel threads an
 * extension spawns and owns, and the events Strand.Block,
 * Strand.Unblock, Strand.Checkpoint and Strand.Resume, raised on behalf
 * of each strand, through which an extension schedules the strands it put
 * under its own policy. Without one, the kernel's round robin schedules
 * them (it is each event's default handler).
 *
 * Authority: an extension gets strands only by spawning them; each comes
 * as a reference in its own table. It may put under its policy only
 * strands it holds a live reference to and owns, and may install
 * handlers on the Strand events only while it holds one. Its handlers
 * run only for the strands under its policy (the kernel guards each with
 * the strand's policy). At unload, its strands are killed and its policy
 * released (strands fall back to round robin).
 *
 * Handlers run with interrupts off, from the timer's interrupt or from a
 * strand blocking or waking: they must be short. */
#ifndef SPINEL_STRAND_H
#define SPINEL_STRAND_H

#include <stdint.h>
#include "ext.h"
#include "refs.h"

/* The argument of every Strand event: which strand, and whose policy
 * schedules it (an extension's installer id; 0: round robin). */
struct strand_event {
    uint32_t id;
    uint32_t policy;
};

/* What a Strand.Checkpoint handler answers when the timer preempts its
 * strand: go to the back of the run queue as round robin does, or keep
 * the processor until the next tick. */
enum strand_verdict {
    STRAND_CHECKPOINT = 0,
    STRAND_KEEP = 1
};
/* The kernel honours at most this many STRAND_KEEP in a row for one
 * strand, then checkpoints it anyway: no policy can starve the shell. */
#define STRAND_KEEP_MAX 8u

/* A handler: closure is the kernel's (the installer's id), s the strand
 * the event is raised for; it may not keep s. */
typedef uint64_t strand_handler(void *closure, const struct strand_event *s);

/* Strand.Block: strand s waits (it sleeps); s is still under the
 * handler's policy. The result is not used. */
/*@ requires \valid_read(s);
    requires SpinelFuel >= SpinelBound;
    requires \separated(s, &SpinelStateAt);
    terminates \true;
    assigns SpinelState, SpinelConsole, SpinelFuel;
*/
uint64_t strand_block_contract(void *closure, const struct strand_event *s);

/* Strand.Unblock: strand s is runnable again, at the back of the run
 * queue. The result is not used. */
/*@ requires \valid_read(s);
    requires SpinelFuel >= SpinelBound;
    requires \separated(s, &SpinelStateAt);
    terminates \true;
    assigns SpinelState, SpinelConsole, SpinelFuel;
*/
uint64_t strand_unblock_contract(void *closure, const struct strand_event *s);

/* Strand.Checkpoint: the timer preempts strand s, which was running.
 * STRAND_KEEP: s runs on until the next tick; STRAND_CHECKPOINT: s goes
 * to the back of the run queue. Nothing else may be answered. */
/*@ requires \valid_read(s);
    requires SpinelFuel >= SpinelBound;
    requires \separated(s, &SpinelStateAt);
    terminates \true;
    assigns SpinelState, SpinelConsole, SpinelFuel;
    ensures \result == STRAND_CHECKPOINT || \result == STRAND_KEEP;
*/
uint64_t strand_checkpoint_contract(void *closure, const struct strand_event *s);

/* Strand.Resume: strand s was picked and runs now. The result is not
 * used. */
/*@ requires \valid_read(s);
    requires SpinelFuel >= SpinelBound;
    requires \separated(s, &SpinelStateAt);
    terminates \true;
    assigns SpinelState, SpinelConsole, SpinelFuel;
*/
uint64_t strand_resume_contract(void *closure, const struct strand_event *s);

/* Installs h last on Strand.Block (and so on), run only for strands under
 * this extension's policy. From init only. SPINEL_ERR_DENIED: this
 * extension holds no strand reference. */
/*@ terminates \true;
    assigns SpinelEvents;
    ensures \result == SPINEL_OK || \result == SPINEL_ERR_DENIED || \result == SPINEL_ERR_DUPLICATE ||
            \result == SPINEL_ERR_FULL || \result == SPINEL_ERR_NOT_NOW || \result == SPINEL_ERR_QUOTA;
*/
int strand_install_block(strand_handler *h);
/*@ terminates \true;
    assigns SpinelEvents;
    ensures \result == SPINEL_OK || \result == SPINEL_ERR_DENIED || \result == SPINEL_ERR_DUPLICATE ||
            \result == SPINEL_ERR_FULL || \result == SPINEL_ERR_NOT_NOW || \result == SPINEL_ERR_QUOTA;
*/
int strand_install_unblock(strand_handler *h);
/*@ terminates \true;
    assigns SpinelEvents;
    ensures \result == SPINEL_OK || \result == SPINEL_ERR_DENIED || \result == SPINEL_ERR_DUPLICATE ||
            \result == SPINEL_ERR_FULL || \result == SPINEL_ERR_NOT_NOW || \result == SPINEL_ERR_QUOTA;
*/
int strand_install_checkpoint(strand_handler *h);
/*@ terminates \true;
    assigns SpinelEvents;
    ensures \result == SPINEL_OK || \result == SPINEL_ERR_DENIED || \result == SPINEL_ERR_DUPLICATE ||
            \result == SPINEL_ERR_FULL || \result == SPINEL_ERR_NOT_NOW || \result == SPINEL_ERR_QUOTA;
*/
int strand_install_resume(strand_handler *h);

/* Uninstalls h from Strand.Block (and so on). From init or fini only. */
/*@ terminates \true;
    assigns SpinelEvents;
    ensures \result == SPINEL_OK || \result == SPINEL_ERR_ABSENT || \result == SPINEL_ERR_NOT_NOW;
*/
int strand_uninstall_block(strand_handler *h);
/*@ terminates \true;
    assigns SpinelEvents;
    ensures \result == SPINEL_OK || \result == SPINEL_ERR_ABSENT || \result == SPINEL_ERR_NOT_NOW;
*/
int strand_uninstall_unblock(strand_handler *h);
/*@ terminates \true;
    assigns SpinelEvents;
    ensures \result == SPINEL_OK || \result == SPINEL_ERR_ABSENT || \result == SPINEL_ERR_NOT_NOW;
*/
int strand_uninstall_checkpoint(strand_handler *h);
/*@ terminates \true;
    assigns SpinelEvents;
    ensures \result == SPINEL_OK || \result == SPINEL_ERR_ABSENT || \result == SPINEL_ERR_NOT_NOW;
*/
int strand_uninstall_resume(strand_handler *h);

/* Spawns the kernel's demo strand named by the len bytes at name ("spin"
 * or "sleeper"), owned by this extension, under round robin; a reference
 * to it in this extension's table in *ref, its number (as the shell's
 * `strands` shows it and as its events name it) in *id. From init only.
 * SPINEL_ERR_NO_SUCH: no such demo; SPINEL_ERR_FULL: no free strand,
 * stack or reference; then *ref and *id are left alone. */
/*@ requires \valid_read(name + (0 .. len - 1));
    requires \valid(ref) && \valid(id) && \separated(ref, id);
    terminates \true;
    assigns *ref, *id, SpinelRefs;
    ensures \result == SPINEL_OK || \result == SPINEL_ERR_NO_SUCH || \result == SPINEL_ERR_FULL ||
            \result == SPINEL_ERR_NOT_NOW;
    ensures \result != SPINEL_OK ==> *ref == \old(*ref) && *id == \old(*id);
*/
int strand_spawn_demo(const char *name, uint32_t len, spinel_ref *ref, uint32_t *id);

/* strand_spawn_demo with a string literal. */
#define strand_spawn_named(literal, ref, id) strand_spawn_demo((literal), sizeof(literal) - 1, (ref), (id))

/* Puts the strand ref names under this extension's policy: from now on
 * its Strand events run this extension's handlers. SPINEL_ERR_BAD_REF:
 * ref is forged, revoked, another extension's, not a strand, or names a
 * strand this extension does not own or that has ended. */
/*@ terminates \true;
    assigns SpinelRefs;
    ensures \result == SPINEL_OK || \result == SPINEL_ERR_BAD_REF;
*/
int strand_set_policy(spinel_ref ref);

#endif
