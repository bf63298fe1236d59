/* Packet filters for extensions (interface "net"): the IP.Filter event,
 * raised with every IPv4 packet addressed to the kernel once its header
 * is proved well formed, before it goes up the graph to ICMP or UDP. An
 * extension filters with a guard alone (as SPIN's guards chose packets):
 * the kernel's handler behind it drops the packet, so a packet any
 * filter's guard accepts is dropped and counted ("ip: filtered"), and the
 * others go on. A guard writes nothing: a filter can drop packets, never
 * change or keep them. At unload its guard goes with it. */
#ifndef SPINEL_EXT_NET_H
#define SPINEL_EXT_NET_H

#include <stdint.h>
#include "ext.h"

/* The IPv4 header of an arriving packet, as the proved parser read it;
 * addresses in host order (10.0.2.2 is 0x0a000202). */
struct net_ipv4 {
    uint32_t src;
    uint32_t dst;
    uint8_t proto; /* 1: ICMP, 17: UDP */
    uint8_t ttl;
    uint16_t len; /* the payload's length */
};

/* A filter: nonzero drops the packet. */
typedef int net_filter(void *closure, const struct net_ipv4 *p);

/* The guard contract of IP.Filter: reads the header (and its own
 * globals), writes nothing. */
/*@ requires \valid_read(p);
    requires \separated(p, &SpinelStateAt);
    requires SpinelFuel >= SpinelBound;
    terminates \true;
    assigns SpinelFuel;
*/
int net_filter_contract(void *closure, const struct net_ipv4 *p);

/* Installs g as a filter on IP.Filter. From init only. */
/*@ terminates \true;
    assigns SpinelEvents;
    ensures \result == SPINEL_OK || \result == SPINEL_ERR_DENIED || \result == SPINEL_ERR_DUPLICATE ||
            \result == SPINEL_ERR_FULL || \result == SPINEL_ERR_NOT_NOW || \result == SPINEL_ERR_QUOTA;
*/
int net_filter_install(net_filter *g);

/* Uninstalls g. From init or fini only. */
/*@ terminates \true;
    assigns SpinelEvents;
    ensures \result == SPINEL_OK || \result == SPINEL_ERR_ABSENT || \result == SPINEL_ERR_NOT_NOW;
*/
int net_filter_uninstall(net_filter *g);

#endif
