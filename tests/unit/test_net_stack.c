/* The protocol stack's event graph, hosted (kernel/net/stack.h): each
 * layer's handler on its event, the outcomes frames end in, the replies
 * it sends (byte by byte), the ARP cache, UDP endpoints and filters as
 * the extension interfaces install them, udp_reply's refusals, and the
 * send events the replies go down. */
#include <string.h>
#include "check.h"
#include "net/arp.h"
#include "net/stack.h"

#define OUR_IP 0x0a00020fu
#define PEER_IP 0x0a000202u
static const uint8_t our_mac[6] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };
static const uint8_t peer_mac[6] = { 0x52, 0x55, 0x0a, 0x00, 0x02, 0x02 };

static struct dispatcher events;
static struct net_stack s;
static uint8_t tx[NET_FRAME_MAX];
static uint32_t tx_len, tx_count;
static int device_full;

static int transmit(const uint8_t *f, uint32_t len)
{
    if (device_full)
        return -1;
    memcpy(tx, f, len);
    tx_len = len;
    tx_count++;
    return 0;
}

static uint8_t frame[NET_FRAME_MAX + 16];

static uint32_t udp_frame(uint32_t src, const uint8_t *dst_mac, uint16_t dport, const char *text)
{
    uint32_t n = (uint32_t)strlen(text);
    struct ipv4_hdr ip = { .total = (uint16_t)(IPV4_HDR + UDP_HDR + n), .id = 9, .frag = IPV4_DF, .ttl = 64,
                           .proto = IPV4_PROTO_UDP, .src = src, .dst = OUR_IP };
    ether_build(frame, dst_mac, peer_mac, ETHER_TYPE_IPV4);
    ipv4_build(frame + ETHER_HDR, &ip);
    memcpy(frame + ETHER_HDR + IPV4_HDR + UDP_HDR, text, n);
    udp_build(frame + ETHER_HDR + IPV4_HDR, UDP_HDR + n, src, OUR_IP, 5555, dport);
    return ETHER_HDR + IPV4_HDR + UDP_HDR + n;
}

static uint32_t arp_frame(uint16_t op, uint32_t spa, const uint8_t *sha, uint32_t tpa)
{
    static const uint8_t broadcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
    struct arp_pkt a = { .op = op, .spa = spa, .tpa = tpa };
    memcpy(a.sha, sha, 6);
    memset(a.tha, 0, 6);
    ether_build(frame, broadcast, sha, ETHER_TYPE_ARP);
    arp_build(frame + ETHER_HDR, &a);
    memset(frame + ETHER_HDR + ARP_LEN, 0, 18);
    return 60;
}

static uint64_t outcome(enum net_outcome o) { return s.n.outcome[o]; }

/* Receives len bytes of frame; the outcome it ended in. */
static enum net_outcome receive(uint32_t len)
{
    uint64_t before[NET_OUTCOMES];
    memcpy(before, s.n.outcome, sizeof before);
    net_stack_receive(&s, frame, len);
    for (uint32_t o = 0; o < NET_OUTCOMES; o++)
        if (s.n.outcome[o] != before[o])
            return (enum net_outcome)o;
    return NET_OUTCOMES;
}

static struct udp_datagram seen;
static uint8_t seen_data[64];
static int replied;

static uint64_t endpoint(void *closure, void *args)
{
    (void)closure;
    seen = *(const struct udp_datagram *)args;
    memcpy(seen_data, seen.data, seen.len < 64 ? seen.len : 64);
    replied = net_udp_reply(&s, args, (const uint8_t *)"pong", 4);
    return 0;
}

static uint32_t blocked;
static int block(void *closure, const void *args)
{
    (void)closure;
    return ((const struct net_ipv4 *)args)->src == blocked;
}

static void test_arp(void)
{
    tx_count = 0;
    CHECK("arp: a request for us is delivered", receive(arp_frame(ARP_OP_REQUEST, PEER_IP, peer_mac, OUR_IP)) == NET_DELIVERED);
    struct ether_hdr e;
    struct arp_pkt a;
    CHECK("arp: one reply, padded to 60 bytes", tx_count == 1 && tx_len == 60);
    CHECK("arp: the reply goes to the requester", ether_parse(tx, tx_len, &e) == ETHER_OK && memcmp(e.dst, peer_mac, 6) == 0 &&
                                                      memcmp(e.src, our_mac, 6) == 0 && e.type == ETHER_TYPE_ARP);
    CHECK("arp: the reply says who we are",
          arp_parse(tx, tx_len, e.payload, &a) == ARP_OK && a.op == ARP_OP_REPLY && memcmp(a.sha, our_mac, 6) == 0 &&
              a.spa == OUR_IP && memcmp(a.tha, peer_mac, 6) == 0 && a.tpa == PEER_IP);
    CHECK("arp: the requester is cached", net_arp_lookup(&s, PEER_IP) && memcmp(net_arp_lookup(&s, PEER_IP), peer_mac, 6) == 0);
    CHECK("arp: a request for another address is dropped, unanswered",
          receive(arp_frame(ARP_OP_REQUEST, 0x0a000203u, peer_mac, 0x0a000204u)) == NET_DROP_ARP_OTHER && tx_count == 1);
    CHECK("arp: its stranger sender is not cached", net_arp_lookup(&s, 0x0a000203u) == 0);
    /* Nine senders asking for us: the cache keeps eight, the oldest goes. */
    for (uint32_t i = 0; i < 9; i++) {
        uint8_t mac[6] = { 2, 0, 0, 0, 0, (uint8_t)i };
        receive(arp_frame(ARP_OP_REQUEST, 0x0a000010u + i, mac, OUR_IP));
    }
    CHECK("arp: the oldest entry is replaced", net_arp_lookup(&s, 0x0a000010u + 8) && !net_arp_lookup(&s, PEER_IP));
    CHECK("arp: the newer ones stay", net_arp_lookup(&s, 0x0a000010u + 1) && net_arp_lookup(&s, 0x0a000010u + 7));
}

static void test_udp(void)
{
    CHECK("udp: no endpoint, dropped by reason", receive(udp_frame(PEER_IP, our_mac, 7, "hello")) == NET_DROP_NO_PORT);
    CHECK("udp: an endpoint installs", net_udp_install(&s, 7, endpoint, 16) == DISPATCH_OK && events.ev[s.udp_event].count == 1);
    tx_count = 0;
    uint64_t ip_sends = events.ev[s.ip_send_event].raises, ether_sends = events.ev[s.ether_send_event].raises;
    CHECK("udp: delivered to its endpoint", receive(udp_frame(PEER_IP, our_mac, 7, "hello")) == NET_DELIVERED);
    CHECK("udp: the view is what was sent", seen.len == 5 && memcmp(seen_data, "hello", 5) == 0 && seen.src == PEER_IP &&
                                                seen.sport == 5555 && seen.dport == 7);
    struct ether_hdr e;
    struct ipv4_hdr ip;
    struct udp_hdr u;
    CHECK("udp: the reply is sent", replied == SPINEL_OK && tx_count == 1);
    CHECK("udp: the reply went down IP.PacketSend and Ether.PacketSend",
          events.ev[s.ip_send_event].raises == ip_sends + 1 && events.ev[s.ether_send_event].raises == ether_sends + 1);
    CHECK("udp: the reply parses, ports swapped, to the sender",
          ether_parse(tx, tx_len, &e) == ETHER_OK && memcmp(e.dst, peer_mac, 6) == 0 &&
              ipv4_parse(tx, tx_len, e.payload, &ip) == IPV4_OK && ip.src == OUR_IP && ip.dst == PEER_IP &&
              udp_parse(tx, tx_len, ip.payload, ip.src, ip.dst, &u) == UDP_OK && u.sport == 7 && u.dport == 5555 &&
              u.payload.len == 4 && memcmp(tx + u.payload.off, "pong", 4) == 0 && u.csum != 0);
    CHECK("udp: another port is not this endpoint's", receive(udp_frame(PEER_IP, our_mac, 8, "x")) == NET_DROP_NO_PORT);
    CHECK("udp: a reply outside delivery is refused", net_udp_reply(&s, &seen, (const uint8_t *)"x", 1) == SPINEL_ERR_NOT_NOW);
    device_full = 1;
    uint64_t failed = s.n.tx_failed;
    receive(udp_frame(PEER_IP, our_mac, 7, "full"));
    device_full = 0;
    CHECK("udp: a full device refuses the reply, counted", replied == SPINEL_ERR_FULL && s.n.tx_failed == failed + 1);
    CHECK("udp: the endpoint uninstalls", net_udp_uninstall(&s, 7, endpoint) == DISPATCH_OK && events.ev[s.udp_event].count == 0);
    CHECK("udp: and its port has no endpoint again", receive(udp_frame(PEER_IP, our_mac, 7, "gone")) == NET_DROP_NO_PORT);
}

static void test_filter_and_drops(void)
{
    net_udp_install(&s, 7, endpoint, 16);
    blocked = 0x0a000263u;
    CHECK("filter: installs on IP.Filter",
          event_install(dispatch_event(&events, s.filter_event), net_filter_handler(), block, (void *)block, 17) == DISPATCH_OK);
    seen.len = 99;
    CHECK("filter: the blocked source is dropped", receive(udp_frame(blocked, our_mac, 7, "no")) == NET_DROP_FILTERED && seen.len == 99);
    CHECK("filter: another source goes through", receive(udp_frame(PEER_IP, our_mac, 7, "yes")) == NET_DELIVERED && seen.len == 3);
    static const uint8_t other_mac[6] = { 2, 2, 2, 2, 2, 2 };
    CHECK("drop: another hardware address", receive(udp_frame(PEER_IP, other_mac, 7, "x")) == NET_DROP_NOT_OURS);
    uint32_t n = udp_frame(PEER_IP, our_mac, 7, "x");
    frame[ETHER_HDR + 19] ^= 1; /* the IPv4 destination, so the header checksum fails */
    uint64_t bad_sum = s.n.parse_error[IPV4_ERR_CHECKSUM - 300];
    CHECK("drop: a bad IPv4 checksum, under its code", receive(n) == NET_DROP_PARSE &&
                                                          s.n.parse_error[IPV4_ERR_CHECKSUM - 300] == bad_sum + 1);
    CHECK("drop: a frame past 1514 bytes", receive(NET_FRAME_MAX + 1) == NET_DROP_TOO_LONG);
    n = udp_frame(PEER_IP, our_mac, 7, "x");
    frame[12] = 0x86, frame[13] = 0xdd;
    CHECK("drop: an ethertype nobody takes", receive(n) == NET_DROP_ETHERTYPE);
    CHECK("drop: a runt", receive(5) == NET_DROP_PARSE);
    uint64_t sum = 0;
    for (uint32_t o = 0; o < NET_OUTCOMES; o++)
        sum += s.n.outcome[o];
    CHECK("counters: every frame ended once", sum == s.n.frames && outcome(NET_PENDING) == 0 && outcome(NET_DROP_REENTERED) == 0);
}

static uint64_t tap(void *closure, void *args)
{
    (void)closure;
    (void)args;
    return 0;
}

/* Transmit as events: the layers' handlers, who may install, and what a
 * send too long for a frame does. */
static void test_send_events(void)
{
    struct event *ip_send = &events.ev[s.ip_send_event], *ether_send = &events.ev[s.ether_send_event];
    CHECK("send: IP.PacketSend and Ether.PacketSend each have the kernel's layer",
          strcmp(ip_send->name, "IP.PacketSend") == 0 && ip_send->count == 1 &&
              strcmp(ether_send->name, "Ether.PacketSend") == 0 && ether_send->count == 1);
    CHECK("send: an extension may not install on them",
          event_install(ip_send, tap, 0, 0, 16) == DISPATCH_ERR_DENIED &&
              event_install(ether_send, tap, 0, 0, 16) == DISPATCH_ERR_DENIED);
    uint32_t sent = tx_count;
    uint64_t failed = s.n.tx_failed, frames = s.n.tx_frames;
    CHECK("send: a datagram past a frame is refused, counted once",
          net_ip_send(&s, peer_mac, PEER_IP, IPV4_PROTO_UDP, NET_FRAME_MAX) == -1 && tx_count == sent &&
              s.n.tx_failed == failed + 1 && s.n.tx_frames == frames);
    CHECK("send: an Ethernet payload past a frame is refused, counted once",
          net_ether_send(&s, peer_mac, ETHER_TYPE_ARP, NET_FRAME_MAX - ETHER_HDR + 1) == -1 && tx_count == sent &&
              s.n.tx_failed == failed + 2);
    CHECK("send: the largest datagram goes out whole",
          net_ip_send(&s, peer_mac, PEER_IP, 253, NET_FRAME_MAX - ETHER_HDR - IPV4_HDR) == 0 && tx_count == sent + 1 &&
              tx_len == NET_FRAME_MAX && s.n.tx_frames == frames + 1);
}

int main(void)
{
    struct net_config c = { .ip = OUR_IP, .transmit = transmit };
    memcpy(c.mac, our_mac, 6);
    dispatch_init(&events);
    CHECK("stack: declares its seven events", net_stack_init(&s, &events, &c) == 0 && events.nevents == 7);
    test_arp();
    test_udp();
    test_filter_and_drops();
    test_send_events();
    CHECK_EXIT();
}
