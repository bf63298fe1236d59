/* The UDP layer, a handler on IP.PacketArrived guarded by protocol 17,
 * which raises UDP.PacketArrived for the endpoints (spinel/udp.h): each
 * is guarded by its port, the closure its installer gave. */
#include <stdint.h>
#include "lib/kstring.h"
#include "net/layer.h"

#define UDP_AT (ETHER_HDR + IPV4_HDR)

_Static_assert(UDP_PAYLOAD_MAX == NET_FRAME_MAX - ETHER_HDR - IPV4_HDR - UDP_HDR, "udp.h's payload limit");

int net_udp_port_guard(void *closure, const void *args)
{
    return ((const struct udp_datagram *)args)->dport == (uintptr_t)closure;
}

static void fill_datagram(struct net_packet *p)
{
    p->dgram.data = p->frame + p->udp.payload.off;
    p->dgram.len = p->udp.payload.len;
    p->dgram.src = p->ip.src;
    p->dgram.sport = p->udp.sport;
    p->dgram.dport = p->udp.dport;
}

uint64_t net_udp_in(void *closure, void *args)
{
    struct net_stack *s = closure;
    struct net_packet *p = args;
    s->n.udp_in++;
    int r = udp_parse(p->frame, p->len, p->ip.payload, p->ip.src, p->ip.dst, &p->udp);
    if (r != UDP_OK) {
        net_refused(p, r);
        return 0;
    }
    /* Never past the limit udp.h promises handlers (the stack takes no
     * frame over NET_FRAME_MAX, but the parser does not know that). */
    if (p->udp.payload.len > UDP_PAYLOAD_MAX) {
        net_end(p, NET_DROP_TOO_LONG);
        return 0;
    }
    fill_datagram(p);
    s->delivering = p;
    net_raise(s, s->udp_event, &p->dgram, p, NET_DROP_NO_PORT);
    s->delivering = 0;
    net_end(p, NET_DELIVERED);
    return 1;
}

static const struct event_decl udp_arrived = {
    .name = "UDP.PacketArrived",
    .prototype = "uint64_t handler(void *closure, const struct udp_datagram *d)",
    .contract = "UdpHandler",
    .owner = MODULE_KERNEL,
    .policy = POLICY_LAST,
    .authorise = net_extensions_too,
};

int net_udp_init(struct net_stack *s) { return net_declare(s, &udp_arrived, &s->udp_event); }

int net_udp_install(struct net_stack *s, uint32_t port, handler_fn h, uint32_t installer)
{
    return event_install(dispatch_event(s->events, s->udp_event), h, net_udp_port_guard, (void *)(uintptr_t)port,
                         installer);
}

int net_udp_uninstall(struct net_stack *s, uint32_t port, handler_fn h)
{
    return event_uninstall(dispatch_event(s->events, s->udp_event), h, (void *)(uintptr_t)port);
}

int net_udp_reply(struct net_stack *s, const struct udp_datagram *d, const uint8_t *buf, uint32_t len)
{
    const struct net_packet *p = s->delivering;
    if (len > UDP_PAYLOAD_MAX)
        return SPINEL_ERR_INVALID;
    if (!p || d != &p->dgram)
        return SPINEL_ERR_NOT_NOW;
    kmemmove(s->tx + UDP_AT + UDP_HDR, buf, len);
    udp_build(s->tx + UDP_AT, UDP_HDR + len, s->cfg.ip, p->ip.src, p->udp.dport, p->udp.sport);
    if (net_ip_send(s, p->eth.src, p->ip.src, IPV4_PROTO_UDP, UDP_HDR + len) != 0)
        return SPINEL_ERR_FULL;
    s->n.udp_out++;
    return SPINEL_OK;
}
