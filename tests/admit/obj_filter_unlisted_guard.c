//! name filter_unlisted_guard
//! imports net
/* expect: drops is passed to net_filter_install as a guard, but the manifest does not list it as a guard of IP.Filter */
/* A filter the manifest does not list: never proved to write nothing. */
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
