//! name strand_verdict
//! imports strand
//! handler Strand.Checkpoint verdict
/* expect: rejected: verdict does not meet the Strand.Checkpoint handler contract */
/* A Checkpoint handler that answers something other than STRAND_KEEP or
 * STRAND_CHECKPOINT (here the strand's number): the kernel's runtime
 * gives those two meanings only, so the contract refuses any other. */
#include "spinel/strand.h"

/*@ requires \valid_read(s);
    terminates \true;
    assigns \nothing;
*/
static uint64_t verdict(void *closure, const struct strand_event *s)
{
    (void)closure;
    return s->id;
}

/*@ terminates \true;
    assigns SpinelEvents;
*/
int ext_init(void)
{
    return strand_install_checkpoint(verdict);
}
