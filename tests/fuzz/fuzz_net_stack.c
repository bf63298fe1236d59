/* libFuzzer harness for the whole receive path: each input is one frame
 * raised up the stack's event graph (kernel/net/stack.h) as the device's
 * interrupt raises it, with a UDP echo endpoint on port 7 and a filter
 * dropping 10.0.2.99, as the sample extensions install them. The stack
 * lives across inputs, so the ARP cache and the counters evolve. After
 * each frame its outcome must be counted once (received = delivered +
 * dropped), and every frame the stack sent must be well formed by the
 * proved parsers (checksums included), from our addresses, within
 * Ethernet's limits; an echo must carry back exactly the payload. */
#include <stdlib.h>
#include <string.h>
#include "net/arp.h"
#include "net/stack.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define OUR_IP 0x0a00020fu
static const uint8_t our_mac[6] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };

static struct dispatcher events;
static struct net_stack stack;
static uint8_t last_tx[NET_FRAME_MAX];
static uint32_t last_len;

static void check_ip(const uint8_t *f, uint32_t len, struct net_view v)
{
    struct ipv4_hdr ip;
    if (ipv4_parse(f, len, v, &ip) != IPV4_OK || ip.src != OUR_IP)
        abort();
    if (ip.proto == IPV4_PROTO_UDP) {
        struct udp_hdr u;
        if (udp_parse(f, len, ip.payload, ip.src, ip.dst, &u) != UDP_OK || u.csum == 0)
            abort();
    } else {
        struct icmp_echo e;
        if (ip.proto != IPV4_PROTO_ICMP || icmp_parse(f, len, ip.payload, &e) != ICMP_OK ||
            e.type != ICMP_ECHO_REPLY)
            abort();
    }
}

static int transmit(const uint8_t *f, uint32_t len)
{
    struct ether_hdr e;
    if (len < NET_FRAME_MIN || len > NET_FRAME_MAX || ether_parse(f, len, &e) != ETHER_OK ||
        memcmp(e.src, our_mac, 6) != 0)
        abort();
    if (e.type == ETHER_TYPE_ARP) {
        struct arp_pkt a;
        if (arp_parse(f, len, e.payload, &a) != ARP_OK || a.op != ARP_OP_REPLY || a.spa != OUR_IP)
            abort();
    } else if (e.type == ETHER_TYPE_IPV4) {
        check_ip(f, len, e.payload);
    } else {
        abort();
    }
    memcpy(last_tx, f, len);
    last_len = len;
    return 0;
}

static uint64_t echo(void *closure, void *args)
{
    (void)closure;
    const struct udp_datagram *d = args;
    last_len = 0;
    if (net_udp_reply(&stack, d, d->data, d->len) != SPINEL_OK)
        abort();
    /* The reply's payload is the last len bytes of its UDP datagram. */
    uint32_t end = ETHER_HDR + IPV4_HDR + UDP_HDR + d->len;
    if (last_len < end || memcmp(last_tx + ETHER_HDR + IPV4_HDR + UDP_HDR, d->data, d->len) != 0)
        abort();
    return 0;
}

static int from_blocked(void *closure, const void *args)
{
    (void)closure;
    return ((const struct net_ipv4 *)args)->src == 0x0a000263u;
}

static void setup(void)
{
    struct net_config c = { .ip = OUR_IP, .transmit = transmit };
    memcpy(c.mac, our_mac, 6);
    dispatch_init(&events);
    if (net_stack_init(&stack, &events, &c) != 0 || net_udp_install(&stack, 7, echo, 16) != DISPATCH_OK ||
        event_install(dispatch_event(&events, stack.filter_event), net_filter_handler(), from_blocked,
                      (void *)from_blocked, 17) != DISPATCH_OK)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int ready;
    if (!ready) {
        setup();
        ready = 1;
    }
    if (size > 4096)
        return 0;
    uint8_t *f = malloc(size ? size : 1); /* exact size: ASan sees a read past the frame */
    memcpy(f, data, size);
    uint64_t before = stack.n.frames;
    net_stack_receive(&stack, f, (uint32_t)size);
    free(f);
    uint64_t sum = 0;
    for (uint32_t o = 0; o < NET_OUTCOMES; o++)
        sum += stack.n.outcome[o];
    if (stack.n.frames != before + 1 || sum != stack.n.frames || stack.n.outcome[NET_PENDING] != 0 ||
        stack.n.outcome[NET_DROP_REENTERED] != 0 || stack.delivering != 0)
        abort();
    return 0;
}
