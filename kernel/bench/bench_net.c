/* Instructions per packet through the protocol stack's event graph, from
 * the stack's entry (where the driver's interrupt handler hands it a
 * frame) to the reply handed to the device: the echo extension (boot
 * module "bench-ext echo", on port 7) against the same source built into
 * the kernel (bench_echo_builtin.c, on port 8), and frames that stop at
 * each layer, whose differences are each layer's cost. The device is not
 * used: the stack's transmit function is swapped for one that notes the
 * time, so only the stack and its handlers are counted. */
#include "bench/bench.h"
#include "console.h"
#include "ext/ext.h"
#include "kernel.h"
#include "lib/kstring.h"
#include "net/net.h"
#include "paging.h"

#define PEER_IP 0x0a000202u
#define BUILTIN_PORT 8u
#define PAYLOAD 32u
#define FRAME_LEN (ETHER_HDR + IPV4_HDR + UDP_HDR + PAYLOAD)

udp_handler *bench_echo_builtin_handler(void);

static const uint8_t peer_mac[6] = { 0x52, 0x55, 0x0a, 0x00, 0x02, 0x02 };
static uint8_t frame[FRAME_LEN];
static uint64_t sent_at, sent;

static int note_time(const uint8_t *f, uint32_t len)
{
    (void)f;
    (void)len;
    sent_at = arch_cycles();
    sent++;
    return 0;
}

/* A datagram from the peer to dst_ip:port, sent to mac. */
static void make_frame(const uint8_t *mac, uint32_t dst_ip, uint16_t port)
{
    struct ipv4_hdr ip = { .total = IPV4_HDR + UDP_HDR + PAYLOAD, .id = 1, .frag = IPV4_DF, .ttl = 64,
                           .proto = IPV4_PROTO_UDP, .src = PEER_IP, .dst = dst_ip };
    ether_build(frame, mac, peer_mac, ETHER_TYPE_IPV4);
    ipv4_build(frame + ETHER_HDR, &ip);
    for (uint32_t i = 0; i < PAYLOAD; i++)
        frame[ETHER_HDR + IPV4_HDR + UDP_HDR + i] = (uint8_t)('a' + i);
    udp_build(frame + ETHER_HDR + IPV4_HDR, UDP_HDR + PAYLOAD, PEER_IP, dst_ip, 5555, port);
}

/* Per frame: to the reply handed over when one is sent, else to the
 * stack's return; panics unless exactly `replies` replies went out. */
static uint64_t per_frame(struct net_stack *s, int replies, const char *what)
{
    uint64_t total = 0, before = sent;
    for (int i = 0; i < BENCH_ROUNDS; i++) {
        uint64_t start = arch_cycles();
        net_stack_receive(s, frame, FRAME_LEN);
        uint64_t end = arch_cycles();
        total += (replies ? sent_at : end) - start;
    }
    if (sent - before != (uint64_t)(replies ? BENCH_ROUNDS : 0))
        panic("bench: %s: %lu replies for %u frames", what, sent - before, BENCH_ROUNDS);
    return total / BENCH_ROUNDS;
}

void bench_net(void)
{
    const struct boot_module *m = boot_module_named("bench-ext ", "echo");
    if (!m)
        return;
    struct net_stack *s = net_stack_state();
    if (!ext_load(phys_to_virt(m->base), m->len))
        panic("bench: cannot load the echo package");
    if (net_udp_install(s, BUILTIN_PORT, (handler_fn)bench_echo_builtin_handler(), MODULE_KERNEL) != DISPATCH_OK)
        panic("bench: cannot install the built-in echo");
    int (*transmit)(const uint8_t *, uint32_t) = s->cfg.transmit;
    s->cfg.transmit = note_time;
    make_frame(peer_mac, NET_IP, 7); /* to another hardware address: dropped by the Ethernet layer */
    bench_row("net_rx_ether_drop", per_frame(s, 0, "ether"), "instructions", "net_udp_echo_builtin");
    make_frame(s->cfg.mac, PEER_IP, 7); /* to another IPv4 address: dropped by the IPv4 layer */
    bench_row("net_rx_ip_drop", per_frame(s, 0, "ip"), "instructions", "net_udp_echo_builtin");
    make_frame(s->cfg.mac, NET_IP, 9); /* no endpoint: through UDP's raise */
    bench_row("net_rx_udp_no_port", per_frame(s, 0, "udp"), "instructions", "net_udp_echo_builtin");
    make_frame(s->cfg.mac, NET_IP, 7);
    bench_row("net_udp_echo_ext", per_frame(s, 1, "extension echo"), "instructions", "net_udp_echo_builtin");
    make_frame(s->cfg.mac, NET_IP, BUILTIN_PORT);
    bench_row("net_udp_echo_builtin", per_frame(s, 1, "built-in echo"), "instructions", "indirect_call");
    s->cfg.transmit = transmit;
    net_udp_uninstall(s, BUILTIN_PORT, (handler_fn)bench_echo_builtin_handler());
    if (ext_unload("echo") != 0)
        panic("bench: cannot unload echo");
}
