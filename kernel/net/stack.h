/* The protocol stack as an event graph (SPIN's example of extension by
 * events): a received frame is raised as Ether.PacketArrived; the ARP and
 * IPv4 layers are handlers on it guarded by the ethertype; IPv4 raises
 * IP.Filter (extensions' guards may drop the packet) and then
 * IP.PacketArrived, whose ICMP and UDP handlers are guarded by the
 * protocol number; UDP raises UDP.PacketArrived, whose endpoints are
 * guarded by their port. Transmit goes down the same graph: IP.PacketSend
 * and Ether.PacketSend, whose handlers are the layers writing their
 * headers. Every header is read by the proved parsers
 * (kernel/include/net/) and every outgoing one written by the proved
 * builders. Each frame ends in exactly one outcome, delivered or dropped
 * for a named reason, so the counters always add up.
 *
 * Portable: it reaches the device only through the transmit function it
 * is given, so it builds hosted for the unit tests and the fuzzer. Every
 * entry runs with interrupts off (the receive path is the device's
 * interrupt; net.c wraps the shell's calls). */
#ifndef SPINEL_NET_STACK_H
#define SPINEL_NET_STACK_H

#include <stdint.h>
#include "event/dispatch.h"
#include "net/ether.h"
#include "net/icmp.h"
#include "net/ipv4.h"
#include "net/udp.h"
#include "spinel/net.h"
#include "spinel/udp.h"

#define NET_FRAME_MAX 1514u /* an Ethernet frame without its FCS */
#define NET_FRAME_MIN 60u   /* shorter frames are padded with zeros */
#define NET_ARP_ENTRIES 8u

/* How a received frame ended. Parse refusals are counted by their code
 * (ether 300 .. udp 343) under NET_DROP_PARSE. */
enum net_outcome {
    NET_PENDING = 0,
    NET_DELIVERED,       /* a handler used it: ARP, an echo, an endpoint, a ping reply */
    NET_DROP_TOO_LONG,   /* longer than NET_FRAME_MAX */
    NET_DROP_PARSE,      /* a proved parser refused a header */
    NET_DROP_NOT_OURS,   /* to another hardware or IPv4 address */
    NET_DROP_ETHERTYPE,  /* no layer for its ethertype */
    NET_DROP_ARP_OTHER,  /* an ARP request for another address */
    NET_DROP_FILTERED,   /* an extension's filter (IP.Filter) dropped it */
    NET_DROP_PROTOCOL,   /* no layer for its IPv4 protocol */
    NET_DROP_ICMP_OTHER, /* an echo reply nobody waits for */
    NET_DROP_NO_PORT,    /* no endpoint on its UDP port */
    NET_DROP_REENTERED,  /* an event's raise was running (cannot happen with interrupts off) */
    NET_OUTCOMES
};

/* A frame on its way up: each layer fills in its header and raises the
 * next layer's event with the same packet. */
struct net_packet {
    const uint8_t *frame;
    uint32_t len;
    struct ether_hdr eth;
    struct ipv4_hdr ip;
    struct net_ipv4 filter_view; /* what IP.Filter's guards see */
    struct icmp_echo icmp;
    struct udp_hdr udp;
    struct udp_datagram dgram;   /* what UDP.PacketArrived's handlers see */
    enum net_outcome outcome;
    uint32_t parse_error;        /* the refusal's code, with NET_DROP_PARSE */
};

/* A frame on its way down, raised as IP.PacketSend then
 * Ether.PacketSend: its payload is already at its place in s->tx, and
 * each layer writes its header in front of it. */
struct net_outgoing {
    const uint8_t *mac; /* the next hop's hardware address */
    uint32_t dst;       /* for IP.PacketSend: the destination and protocol */
    uint8_t proto;
    uint16_t type;      /* for Ether.PacketSend: the ethertype */
    uint32_t n;         /* the payload's length behind this layer's header */
    int sent;           /* 0 once the device took the frame; -1 until then */
};

struct net_counters {
    uint64_t frames;                     /* received by the stack */
    uint64_t outcome[NET_OUTCOMES];      /* every frame's ending: they sum to frames */
    uint64_t parse_error[50];            /* by code - 300 */
    uint64_t arp_in, ipv4_in, icmp_in, udp_in;     /* frames each layer's handler took */
    uint64_t arp_replies, arp_requests, echo_replies, echo_requests, udp_out;
    uint64_t tx_frames, tx_failed;       /* handed to the device; not sent (too long, refused) */
};

struct net_arp_entry {
    uint32_t ip; /* 0: free */
    uint8_t mac[6];
    uint64_t used; /* the stack's clock when last set, for replacement */
};

/* What the stack needs of its machine. */
struct net_config {
    uint8_t mac[6];
    uint32_t ip;                                        /* host order */
    int (*transmit)(const uint8_t *frame, uint32_t len); /* 0, or -1 if the device dropped it */
};

/* The stack's state: one instance (net.c's, or a test's). */
struct net_stack {
    struct dispatcher *events;
    struct net_config cfg;
    uint32_t ether_event, ip_event, filter_event, icmp_event, udp_event;
    uint32_t ether_send_event, ip_send_event;
    struct net_counters n;
    struct net_arp_entry arp[NET_ARP_ENTRIES];
    uint64_t clock;                        /* frames seen: the ARP cache's age */
    uint16_t ip_id;                        /* the next datagram's identification */
    const struct net_packet *delivering;   /* the packet a UDP handler is serving */
    uint8_t tx[NET_FRAME_MAX];             /* outgoing frames are built here */
    /* The shell's ping: what it waits for, and what came. */
    uint16_t ping_id, ping_seq;
    uint32_t ping_from;
    int ping_answered;
};

/* Declares the seven events on d and installs the layers' handlers. 0, or
 * -1 if d had no room (nothing is usable then). */
int net_stack_init(struct net_stack *s, struct dispatcher *d, const struct net_config *c);
/* One received frame (no FCS): raised up the graph; its outcome counted. */
void net_stack_receive(struct net_stack *s, const uint8_t *frame, uint32_t len);

/* Layers (net_*.c), for net_stack_init; ARP's handler is installed by
 * the Ethernet layer's init. */
int net_ether_init(struct net_stack *s);
int net_ip_init(struct net_stack *s);
int net_icmp_init(struct net_stack *s);
int net_udp_init(struct net_stack *s);
int net_ip_send_init(struct net_stack *s);
int net_ether_send_init(struct net_stack *s);

/* Sending, down the graph: each raises its layer's event. Each returns
 * 0, or -1 if it sent nothing (counted once in tx_failed). */
/* An Ethernet frame whose payload (n bytes) was written at s->tx +
 * ETHER_HDR; padded to the minimum. */
int net_ether_send(struct net_stack *s, const uint8_t *dst, uint16_t type, uint32_t n);
/* An IPv4 datagram to dst (whose hardware address is mac) whose payload
 * (n bytes) was written at s->tx + ETHER_HDR + IPV4_HDR. */
int net_ip_send(struct net_stack *s, const uint8_t *mac, uint32_t dst, uint8_t proto, uint32_t n);
/* The ARP cache: the hardware address of ip, or null. */
const uint8_t *net_arp_lookup(struct net_stack *s, uint32_t ip);
/* Asks who has ip (broadcast). */
int net_arp_request(struct net_stack *s, uint32_t ip);
/* Sends an echo request with id and seq and len bytes of pattern to ip,
 * whose hardware address must be cached: 0, -1 (device), -2 (no ARP entry). */
int net_icmp_ping(struct net_stack *s, uint32_t ip, uint16_t id, uint16_t seq, uint32_t len);
/* udp.h's udp_reply for the datagram being delivered. */
int net_udp_reply(struct net_stack *s, const struct udp_datagram *d, const uint8_t *buf, uint32_t len);
/* Installs h on port for installer (the kernel's, or an extension's
 * through ext_net.c): the UDP event's dispatcher codes. */
int net_udp_install(struct net_stack *s, uint32_t port, handler_fn h, uint32_t installer);
int net_udp_uninstall(struct net_stack *s, uint32_t port, handler_fn h);
/* The guard every endpoint runs behind: its closure is its port. */
int net_udp_port_guard(void *closure, const void *args);

/* The kernel handler behind an extension's filter guard (ext_net.c). */
handler_fn net_filter_handler(void);

/* Ends p with outcome o (only the first ending counts). */
void net_end(struct net_packet *p, enum net_outcome o);
/* Ends p dropped by a parser's refusal code. */
void net_refused(struct net_packet *p, int code);
/* The outcome's name, for `net`. */
const char *net_outcome_name(enum net_outcome o);

#endif
