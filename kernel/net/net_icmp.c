/* The ICMP layer, a handler on IP.PacketArrived guarded by protocol 1,
 * which raises ICMP.PacketArrived: the kernel's echo server (type 8) and
 * the shell's ping (type 0) are handlers on it, guarded by the type. */
#include "lib/kstring.h"
#include "net/layer.h"

#define ICMP_ROOM (NET_FRAME_MAX - ETHER_HDR - IPV4_HDR)
#define ICMP_AT (ETHER_HDR + IPV4_HDR)

static int is_request(void *closure, const void *args)
{
    (void)closure;
    return ((const struct net_packet *)args)->icmp.type == ICMP_ECHO_REQUEST;
}

static int is_reply(void *closure, const void *args)
{
    (void)closure;
    return ((const struct net_packet *)args)->icmp.type == ICMP_ECHO_REPLY;
}

/* The same identifier, sequence number and data back to the sender. */
static uint64_t echo(void *closure, void *args)
{
    struct net_stack *s = closure;
    struct net_packet *p = args;
    uint32_t n = ICMP_HDR + p->icmp.payload.len;
    if (n <= ICMP_ROOM) {
        kmemcpy(s->tx + ICMP_AT + ICMP_HDR, p->frame + p->icmp.payload.off, p->icmp.payload.len);
        icmp_build(s->tx + ICMP_AT, n, ICMP_ECHO_REPLY, p->icmp.id, p->icmp.seq);
        if (net_ip_send(s, p->eth.src, p->ip.src, IPV4_PROTO_ICMP, n) == 0)
            s->n.echo_replies++;
    }
    net_end(p, NET_DELIVERED);
    return 1;
}

/* A reply to the ping the shell is waiting for; any other is dropped. */
static uint64_t ping_reply(void *closure, void *args)
{
    struct net_stack *s = closure;
    struct net_packet *p = args;
    if (p->icmp.id != s->ping_id || p->icmp.seq != s->ping_seq || p->ip.src != s->ping_from || s->ping_answered) {
        net_end(p, NET_DROP_ICMP_OTHER);
        return 0;
    }
    s->ping_answered = 1;
    net_end(p, NET_DELIVERED);
    return 1;
}

uint64_t net_icmp_in(void *closure, void *args)
{
    struct net_stack *s = closure;
    struct net_packet *p = args;
    s->n.icmp_in++;
    int r = icmp_parse(p->frame, p->len, p->ip.payload, &p->icmp);
    if (r != ICMP_OK)
        net_refused(p, r);
    else
        net_raise(s, s->icmp_event, p, p, NET_DROP_ICMP_OTHER);
    return 0;
}

static const struct event_decl icmp_arrived = {
    .name = "ICMP.PacketArrived",
    .prototype = "uint64_t handler(void *closure, struct net_packet *p)",
    .contract = "IcmpHandler",
    .owner = MODULE_KERNEL,
    .policy = POLICY_LAST,
    .authorise = 0, /* only the owner, the kernel, installs */
};

int net_icmp_init(struct net_stack *s)
{
    return net_declare(s, &icmp_arrived, &s->icmp_event) || net_install(s, s->icmp_event, echo, is_request) ||
           net_install(s, s->icmp_event, ping_reply, is_reply);
}

int net_icmp_ping(struct net_stack *s, uint32_t ip, uint16_t id, uint16_t seq, uint32_t len)
{
    const uint8_t *mac = net_arp_lookup(s, ip);
    if (!mac)
        return -2;
    if (len > ICMP_ROOM - ICMP_HDR)
        return -1;
    uint8_t *data = s->tx + ICMP_AT + ICMP_HDR;
    for (uint32_t i = 0; i < len; i++)
        data[i] = (uint8_t)('a' + i % 26);
    icmp_build(s->tx + ICMP_AT, ICMP_HDR + len, ICMP_ECHO_REQUEST, id, seq);
    s->ping_id = id;
    s->ping_seq = seq;
    s->ping_from = ip;
    s->ping_answered = 0;
    if (net_ip_send(s, mac, ip, IPV4_PROTO_ICMP, ICMP_HDR + len) != 0)
        return -1;
    s->n.echo_requests++;
    return 0;
}
