//! name filter_handler
//! imports net
//! handler IP.Filter drops
/* expect: drops is a handler on IP.Filter, which takes guards only */
/* Lists its filter as a handler: IP.Filter's handler is the kernel's
 * (it drops the packet), an extension gives only the guard before it. */
#include "spinel/net.h"

/*@ requires \valid_read(p);
    terminates \true;
    assigns \nothing;
*/
static int drops(void *closure, const struct net_ipv4 *p)
{
    (void)closure;
    return p->ttl == 0;
}

/*@ terminates \true;
    assigns SpinelEvents;
*/
int ext_init(void)
{
    return net_filter_install(drops);
}
