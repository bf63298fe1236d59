/* The Ethernet layer: Ether.PacketArrived, whose handlers are the ARP
 * and IPv4 layers guarded by the ethertype; and Ether.PacketSend, whose
 * handler hands the frames going out to the device. */
#include "lib/kstring.h"
#include "net/layer.h"

static const uint8_t broadcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

/* The raise's first handler: the header, and whether the frame is ours.
 * Unguarded and installed first, so the layers' guards see a parsed
 * header (or an ended packet, which they refuse). */
static uint64_t ether_in(void *closure, void *args)
{
    struct net_stack *s = closure;
    struct net_packet *p = args;
    int r = ether_parse(p->frame, p->len, &p->eth);
    if (r != ETHER_OK)
        net_refused(p, r);
    else if (kmemcmp(p->eth.dst, s->cfg.mac, 6) != 0 && kmemcmp(p->eth.dst, broadcast, 6) != 0)
        net_end(p, NET_DROP_NOT_OURS);
    return 0;
}

static int is_arp(void *closure, const void *args)
{
    (void)closure;
    const struct net_packet *p = args;
    return p->outcome == NET_PENDING && p->eth.type == ETHER_TYPE_ARP;
}

static int is_ipv4(void *closure, const void *args)
{
    (void)closure;
    const struct net_packet *p = args;
    return p->outcome == NET_PENDING && p->eth.type == ETHER_TYPE_IPV4;
}

/* Runs last: a frame no layer took. */
static uint64_t ether_unclaimed(void *closure, void *args)
{
    (void)closure;
    net_end(args, NET_DROP_ETHERTYPE);
    return 0;
}

static const struct event_decl ether_arrived = {
    .name = "Ether.PacketArrived",
    .prototype = "uint64_t handler(void *closure, struct net_packet *p)",
    .contract = "EtherHandler",
    .owner = MODULE_KERNEL,
    .policy = POLICY_LAST,
    .authorise = 0, /* only the owner, the kernel, installs */
};

uint64_t net_arp_in(void *closure, void *args);
uint64_t net_ip_in(void *closure, void *args);

int net_ether_init(struct net_stack *s)
{
    return net_declare(s, &ether_arrived, &s->ether_event) || net_install(s, s->ether_event, ether_in, 0) ||
           net_install(s, s->ether_event, net_arp_in, is_arp) || net_install(s, s->ether_event, net_ip_in, is_ipv4) ||
           net_install(s, s->ether_event, ether_unclaimed, 0);
}

/* Ether.PacketSend's handler: the header, the padding, the device. */
static uint64_t ether_out(void *closure, void *args)
{
    struct net_stack *s = closure;
    struct net_outgoing *o = args;
    uint32_t len = ETHER_HDR + o->n;
    if (o->n > NET_FRAME_MAX - ETHER_HDR)
        return 0;
    ether_build(s->tx, o->mac, s->cfg.mac, o->type);
    if (len < NET_FRAME_MIN) {
        kmemset(s->tx + len, 0, NET_FRAME_MIN - len);
        len = NET_FRAME_MIN;
    }
    if (s->cfg.transmit(s->tx, len) == 0) {
        s->n.tx_frames++;
        o->sent = 0;
    }
    return 0;
}

static const struct event_decl ether_send = {
    .name = "Ether.PacketSend",
    .prototype = "uint64_t handler(void *closure, struct net_outgoing *o)",
    .contract = "EtherSendHandler",
    .owner = MODULE_KERNEL,
    .policy = POLICY_LAST,
    .authorise = 0, /* only the owner, the kernel, installs */
};

int net_ether_send_init(struct net_stack *s)
{
    return net_declare(s, &ether_send, &s->ether_send_event) || net_install(s, s->ether_send_event, ether_out, 0);
}

int net_ether_send(struct net_stack *s, const uint8_t *dst, uint16_t type, uint32_t n)
{
    struct net_outgoing o = { .mac = dst, .type = type, .n = n };
    return net_send_raise(s, s->ether_send_event, &o);
}
