//! name filter_guard_writes
//! imports net
//! guard IP.Filter drop_and_count
/* expect: rejected: drop_and_count does not meet the IP.Filter guard contract */
/* A filter that counts what it drops: a guard writes nothing, not even
 * its own globals (the kernel counts the packets filters drop). */
#include "spinel/net.h"

static uint32_t dropped;

/*@ requires \valid_read(p);
    terminates \true;
    assigns dropped;
*/
static int drop_and_count(void *closure, const struct net_ipv4 *p)
{
    (void)closure;
    if (p->proto != 1)
        return 0;
    if (dropped < 1000)
        dropped++;
    return 1;
}

/*@ terminates \true;
    assigns dropped, SpinelEvents;
*/
int ext_init(void)
{
    dropped = 0;
    return net_filter_install(drop_and_count);
}
