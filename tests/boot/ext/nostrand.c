//! name nostrand
//! imports print strand
//! handler Strand.Checkpoint keep
/* nostrand: a scheduler with no strands. Its install on Strand.Checkpoint
 * is refused, SPINEL_ERR_DENIED (1), since it holds no strand reference:
 * the authority to schedule comes with the strands. init prints the
 * answer and succeeds. */
#include "spinel/print.h"
#include "spinel/strand.h"

/*@ terminates \true;
    assigns \nothing;
    ensures \result == STRAND_KEEP;
*/
static uint64_t keep(void *closure, const struct strand_event *s)
{
    (void)closure;
    (void)s;
    return STRAND_KEEP;
}

/*@ terminates \true;
    assigns SpinelEvents, SpinelConsole;
*/
int ext_init(void)
{
    print_str("nostrand: install on Strand.Checkpoint: ");
    print_u64((uint64_t)strand_install_checkpoint(keep));
    print_str("\n");
    return 0;
}
