/* The Strand events (Strand.Block, Strand.Unblock, Strand.Checkpoint,
 * Strand.Resume): declared at boot, raised by the runtime on behalf of
 * each strand, handled by round robin unless an extension's policy
 * schedules the strand (extensions/include/spinel/strand.h). */
#ifndef SPINEL_STRAND_EVENTS_H
#define SPINEL_STRAND_EVENTS_H

#include <stdint.h>

struct kernel;

enum strand_event_kind {
    STRAND_EV_BLOCK = 0,
    STRAND_EV_UNBLOCK = 1,
    STRAND_EV_CHECKPOINT = 2,
    STRAND_EV_RESUME = 3,
    STRAND_EV_COUNT = 4
};

/* Declares the four events in k's dispatcher; panics if it is full. */
void strand_events_declare(struct kernel *k);
/* The dispatcher's id of an event of this kind. */
uint32_t strand_event_id(enum strand_event_kind kind);
/* Raises kind for strand id under policy; the raise's result (for
 * Checkpoint, STRAND_KEEP or STRAND_CHECKPOINT). Interrupts must be off:
 * handlers are installed and uninstalled only with them off, so no raise
 * sees a table half changed or runs a handler being unloaded. */
uint64_t strand_raise(enum strand_event_kind kind, uint32_t id, uint32_t policy);
/* The guard the kernel puts on every extension handler of these events:
 * it runs only for strands under its installer's policy (closure). */
int strand_policy_guard(void *closure, const void *args);

#endif
