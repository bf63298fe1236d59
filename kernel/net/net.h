/* The protocol stack's entry, for now a stub: frames counted by
 * ethertype, and ARP requests for the guest's address answered. */
#ifndef SPINEL_NET_NET_H
#define SPINEL_NET_NET_H

#include <stdint.h>

/* QEMU's user networking gives the guest 10.0.2.15. */
#define NET_IP_ADDR { 10, 0, 2, 15 }

struct net_stats {
    uint64_t frames, arp, ipv4, other; /* received, by ethertype */
    uint64_t arp_replies;              /* ARP replies transmitted */
    uint64_t dropped;                  /* received, and nothing used them */
};

/* One received Ethernet frame (no FCS), len bytes; from the driver's
 * interrupt handler, interrupts off. */
void net_receive(const uint8_t *frame, uint32_t len);
/* Brings the network device up (virtio_net_init). */
void net_init(void);
const struct net_stats *net_stats(void);

#endif
