//! name reclaim_swaps
//! imports phys
//! handler PhysAddr.Reclaim on_reclaim
/* expect: on_reclaim does not meet the PhysAddr.Reclaim handler contract */
/* A Reclaim handler that rewrites the candidate, not only the nominee:
 * the contract lets it write r->nominee alone (the kernel reads the
 * candidate back to check the nomination). Here it would try to pass its
 * own frame off as another's. */
#include "spinel/phys.h"

static spinel_ref mine;

/*@ requires \valid(r);
    terminates \true;
    assigns r->candidate, r->nominee;
*/
static uint64_t on_reclaim(void *closure, struct spinel_reclaim *r)
{
    (void)closure;
    r->candidate = mine;
    r->nominee = mine;
    return 1;
}

/*@ terminates \true;
    assigns mine, SpinelRefs, SpinelServices, SpinelEvents;
*/
int ext_init(void)
{
    if (phys_alloc(&mine) != SPINEL_OK)
        return 1;
    return phys_install(on_reclaim);
}
