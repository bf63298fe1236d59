/* The stub stack: counts what arrives and answers ARP requests for our
 * address, written byte by byte (the proved parsers and builders of
 * issue 21 replace this). IPv4 is counted and dropped for now. */
#include "lib/kstring.h"
#include "net/net.h"
#include "net/virtio_net.h"

#define ETH_HDR 14u
#define ETHERTYPE_IPV4 0x0800u
#define ETHERTYPE_ARP 0x0806u
#define ARP_LEN 28u
#define ARP_REQUEST 1u
#define ARP_REPLY 2u

static struct net_stats stats;
static const uint8_t our_ip[4] = NET_IP_ADDR;

static uint32_t be16_at(const uint8_t *p) { return (uint32_t)p[0] << 8 | p[1]; }

static void put_be16(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}

/* An ARP request for Ethernet and IPv4 whose target is our address. */
static int asks_for_us(const uint8_t *arp)
{
    return be16_at(arp) == 1 && be16_at(arp + 2) == ETHERTYPE_IPV4 && arp[4] == 6 && arp[5] == 4 &&
           be16_at(arp + 6) == ARP_REQUEST && kmemcmp(arp + 24, our_ip, 4) == 0;
}

/* The reply to request arp: to its sender, from our MAC (RFC 826). */
static void arp_reply(const uint8_t *arp)
{
    const uint8_t *mac = virtio_net_info()->mac;
    uint8_t f[60] = { 0 }; /* the minimum Ethernet frame, zero padded */
    kmemcpy(f, arp + 8, 6);
    kmemcpy(f + 6, mac, 6);
    put_be16(f + 12, ETHERTYPE_ARP);
    uint8_t *r = f + ETH_HDR;
    kmemcpy(r, arp, 6); /* hardware and protocol types and lengths */
    put_be16(r + 6, ARP_REPLY);
    kmemcpy(r + 8, mac, 6);
    kmemcpy(r + 14, our_ip, 4);
    kmemcpy(r + 18, arp + 8, 10); /* the requester's MAC and IP */
    if (virtio_net_send(f, sizeof f) == 0)
        stats.arp_replies++;
}

static int receive_arp(const uint8_t *frame, uint32_t len)
{
    stats.arp++;
    if (len < ETH_HDR + ARP_LEN || !asks_for_us(frame + ETH_HDR))
        return 0;
    arp_reply(frame + ETH_HDR);
    return 1;
}

void net_receive(const uint8_t *frame, uint32_t len)
{
    stats.frames++;
    uint32_t type = len >= ETH_HDR ? be16_at(frame + 12) : 0;
    int used = 0;
    if (type == ETHERTYPE_ARP)
        used = receive_arp(frame, len);
    else if (type == ETHERTYPE_IPV4)
        stats.ipv4++;
    else
        stats.other++;
    if (!used)
        stats.dropped++;
}

void net_init(void) { virtio_net_init(); }

const struct net_stats *net_stats(void) { return &stats; }
