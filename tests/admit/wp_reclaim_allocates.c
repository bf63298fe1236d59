//! name reclaim_allocates
//! imports phys
//! handler PhysAddr.Reclaim give
/* expect: rejected: give does not meet the PhysAddr.Reclaim handler contract */
/* A Reclaim handler that frees a frame itself instead of nominating it:
 * Reclaim is raised in the middle of an allocation that ran short, and
 * its contract lets a handler only nominate (write r->nominee), never
 * change the services (SpinelServices). */
#include "spinel/phys.h"

/*@ requires \valid(r);
    terminates \true;
    assigns SpinelRefs, SpinelServices;
*/
static uint64_t give(void *closure, struct spinel_reclaim *r)
{
    (void)closure;
    phys_free(r->candidate);
    return 0;
}

/*@ terminates \true;
    assigns SpinelEvents;
*/
int ext_init(void)
{
    return phys_install(give);
}
