/* The kernel's network: the device, the stack on it, the shell's use. */
#ifndef SPINEL_NET_NET_H
#define SPINEL_NET_NET_H

#include <stdint.h>
#include "net/stack.h"

/* QEMU's user networking gives the guest 10.0.2.15. */
#define NET_IP 0x0a00020fu

/* One received Ethernet frame (no FCS), len bytes; from the driver's
 * interrupt handler, interrupts off. */
void net_receive(const uint8_t *frame, uint32_t len);
struct kernel;
/* Declares the stack's events (kevents_init): they exist with or without
 * a device, so extensions load the same either way. */
void net_events_declare(struct kernel *k);
/* Brings the device up under the stack. */
void net_init(void);
/* The stack, device or not (ext_net.c installs on its events). */
struct net_stack *net_stack_state(void);
/* The shell's ping: sends an echo request (net_icmp_ping's results);
 * whether its reply came. */
int net_ping_send(uint32_t ip, uint16_t id, uint16_t seq, uint32_t len);
int net_ping_answered(void);
/* Whether ip's hardware address is cached; asks for it (broadcast). */
int net_arp_cached(uint32_t ip);
int net_arp_ask(uint32_t ip);
/* The counters and the ARP cache (NET_ARP_ENTRIES), copied with
 * interrupts off, for `net`. */
void net_snapshot(struct net_counters *n, struct net_arp_entry *arp);

#endif
