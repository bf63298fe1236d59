/* The ARP layer (RFC 826), a handler on Ether.PacketArrived: answers
 * requests for our address and keeps a small cache of who is where. */
#include "lib/kstring.h"
#include "net/arp.h"
#include "net/layer.h"

static const uint8_t broadcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

static struct net_arp_entry *find(struct net_stack *s, uint32_t ip)
{
    for (uint32_t i = 0; i < NET_ARP_ENTRIES; i++)
        if (s->arp[i].ip == ip)
            return &s->arp[i];
    return 0;
}

/* A free entry, or the one set longest ago. */
static struct net_arp_entry *victim(struct net_stack *s)
{
    struct net_arp_entry *v = &s->arp[0];
    for (uint32_t i = 0; i < NET_ARP_ENTRIES; i++) {
        if (s->arp[i].ip == 0)
            return &s->arp[i];
        if (s->arp[i].used < v->used)
            v = &s->arp[i];
    }
    return v;
}

/* RFC 826's merge: a sender already cached is updated; one that asked us
 * is added, since we are about to talk to it. */
static void learn(struct net_stack *s, const struct arp_pkt *a, int add)
{
    if (a->spa == 0)
        return; /* a probe: its sender has no address yet */
    struct net_arp_entry *e = find(s, a->spa);
    if (!e && !add)
        return;
    if (!e)
        e = victim(s);
    e->ip = a->spa;
    mac_copy(e->mac, a->sha);
    e->used = s->clock;
}

static int send_arp(struct net_stack *s, const uint8_t *dst, const struct arp_pkt *a)
{
    arp_build(s->tx + ETHER_HDR, a);
    return net_ether_send(s, dst, ETHER_TYPE_ARP, ARP_LEN);
}

static void answer(struct net_stack *s, const struct arp_pkt *q)
{
    struct arp_pkt r = { .op = ARP_OP_REPLY, .spa = s->cfg.ip, .tpa = q->spa };
    mac_copy(r.sha, s->cfg.mac);
    mac_copy(r.tha, q->sha);
    if (send_arp(s, q->sha, &r) == 0)
        s->n.arp_replies++;
}

uint64_t net_arp_in(void *closure, void *args)
{
    struct net_stack *s = closure;
    struct net_packet *p = args;
    struct arp_pkt a;
    s->n.arp_in++;
    int r = arp_parse(p->frame, p->len, p->eth.payload, &a);
    if (r != ARP_OK) {
        net_refused(p, r);
        return 0;
    }
    int for_us = a.tpa == s->cfg.ip;
    learn(s, &a, for_us);
    if (!for_us) {
        net_end(p, NET_DROP_ARP_OTHER);
        return 0;
    }
    if (a.op == ARP_OP_REQUEST)
        answer(s, &a);
    net_end(p, NET_DELIVERED);
    return 1;
}

const uint8_t *net_arp_lookup(struct net_stack *s, uint32_t ip)
{
    const struct net_arp_entry *e = ip ? find(s, ip) : 0;
    return e ? e->mac : 0;
}

int net_arp_request(struct net_stack *s, uint32_t ip)
{
    struct arp_pkt q = { .op = ARP_OP_REQUEST, .spa = s->cfg.ip, .tpa = ip };
    mac_copy(q.sha, s->cfg.mac);
    kmemset(q.tha, 0, 6);
    if (send_arp(s, broadcast, &q) != 0)
        return -1;
    s->n.arp_requests++;
    return 0;
}
