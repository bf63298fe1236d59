//! name strand_wrong_event
//! imports strand
//! handler Strand.Block on_block
/* expect: rejected: on_block is passed to strand_install_checkpoint as a handler, but the manifest does not list it as a handler of Strand.Checkpoint */
/* A handler proved against Strand.Block's contract (whose result means
 * nothing) installed on Strand.Checkpoint (whose result must be a
 * verdict): each install function names its event. */
#include "spinel/strand.h"

/*@ terminates \true;
    assigns \nothing;
*/
static uint64_t on_block(void *closure, const struct strand_event *s)
{
    (void)closure;
    (void)s;
    return 7;
}

/*@ terminates \true;
    assigns SpinelEvents;
*/
int ext_init(void)
{
    return strand_install_checkpoint(on_block);
}
