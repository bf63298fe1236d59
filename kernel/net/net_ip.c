/* The IPv4 layer, a handler on Ether.PacketArrived: the header through
 * the proved parser, then IP.Filter (extensions' guards may drop the
 * packet), then IP.PacketArrived, whose ICMP and UDP handlers are guarded
 * by the protocol number. Going out, IP.PacketSend's handler writes the
 * header and raises Ether.PacketSend. */
#include "net/layer.h"

/* The kernel's handler behind every filter's guard: a vote to drop. */
static uint64_t drop_vote(void *closure, void *args)
{
    (void)closure;
    (void)args;
    return 1;
}

static int is_icmp(void *closure, const void *args)
{
    (void)closure;
    return ((const struct net_packet *)args)->ip.proto == IPV4_PROTO_ICMP;
}

static int is_udp(void *closure, const void *args)
{
    (void)closure;
    return ((const struct net_packet *)args)->ip.proto == IPV4_PROTO_UDP;
}

static void fill_filter_view(struct net_packet *p)
{
    p->filter_view.src = p->ip.src;
    p->filter_view.dst = p->ip.dst;
    p->filter_view.proto = p->ip.proto;
    p->filter_view.ttl = p->ip.ttl;
    p->filter_view.len = (uint16_t)p->ip.payload.len;
}

uint64_t net_ip_in(void *closure, void *args)
{
    struct net_stack *s = closure;
    struct net_packet *p = args;
    s->n.ipv4_in++;
    int r = ipv4_parse(p->frame, p->len, p->eth.payload, &p->ip);
    if (r != IPV4_OK) {
        net_refused(p, r);
        return 0;
    }
    if (p->ip.dst != s->cfg.ip) {
        net_end(p, NET_DROP_NOT_OURS);
        return 0;
    }
    fill_filter_view(p);
    /* No filter ran: last_ran is 0, and the packet must not end there. */
    struct event *filter = dispatch_event(s->events, s->filter_event);
    if (event_raise(filter, &p->filter_view) != 0) {
        net_end(p, NET_DROP_FILTERED);
        return 0;
    }
    net_raise(s, s->ip_event, p, p, NET_DROP_PROTOCOL);
    return 1;
}

static const struct event_decl ip_filter = {
    .name = "IP.Filter",
    .prototype = "int guard(void *closure, const struct net_ipv4 *p)",
    .contract = "NetFilterGuard",
    .owner = MODULE_KERNEL,
    .policy = POLICY_ANY_TRUE,
    .authorise = net_extensions_too,
};

static const struct event_decl ip_arrived = {
    .name = "IP.PacketArrived",
    .prototype = "uint64_t handler(void *closure, struct net_packet *p)",
    .contract = "IpHandler",
    .owner = MODULE_KERNEL,
    .policy = POLICY_LAST,
    .authorise = 0, /* only the owner, the kernel, installs */
};

/* IP.PacketSend's handler: the header, then Ether.PacketSend. */
static uint64_t ip_out(void *closure, void *args)
{
    struct net_stack *s = closure;
    struct net_outgoing *o = args;
    if (o->n > NET_FRAME_MAX - ETHER_HDR - IPV4_HDR)
        return 0;
    struct ipv4_hdr h = {
        .tos = 0, .total = (uint16_t)(IPV4_HDR + o->n), .id = s->ip_id++, .frag = IPV4_DF,
        .ttl = 64, .proto = o->proto, .src = s->cfg.ip, .dst = o->dst,
    };
    ipv4_build(s->tx + ETHER_HDR, &h);
    o->type = ETHER_TYPE_IPV4;
    o->n += IPV4_HDR;
    /* Not net_send_raise: the failure is counted once, by IP.PacketSend's. */
    event_raise(dispatch_event(s->events, s->ether_send_event), o);
    return 0;
}

static const struct event_decl ip_send = {
    .name = "IP.PacketSend",
    .prototype = "uint64_t handler(void *closure, struct net_outgoing *o)",
    .contract = "IpSendHandler",
    .owner = MODULE_KERNEL,
    .policy = POLICY_LAST,
    .authorise = 0, /* only the owner, the kernel, installs */
};

uint64_t net_icmp_in(void *closure, void *args);
uint64_t net_udp_in(void *closure, void *args);
/* For ext_net.c, which installs it behind each extension's filter. */
handler_fn net_filter_handler(void) { return drop_vote; }

int net_ip_init(struct net_stack *s)
{
    return net_declare(s, &ip_filter, &s->filter_event) || net_declare(s, &ip_arrived, &s->ip_event) ||
           net_install(s, s->ip_event, net_icmp_in, is_icmp) || net_install(s, s->ip_event, net_udp_in, is_udp);
}

int net_ip_send_init(struct net_stack *s)
{
    return net_declare(s, &ip_send, &s->ip_send_event) || net_install(s, s->ip_send_event, ip_out, 0);
}

int net_ip_send(struct net_stack *s, const uint8_t *mac, uint32_t dst, uint8_t proto, uint32_t n)
{
    struct net_outgoing o = { .mac = mac, .dst = dst, .proto = proto, .n = n };
    return net_send_raise(s, s->ip_send_event, &o);
}
