/* The shell's `net` (the device, the address, the counters of every
 * layer, the ARP cache) and `ping HOST [COUNT]`. */
#include "arch.h"
#include "console.h"
#include "kernel.h"
#include "net/net.h"
#include "net/virtio_net.h"
#include "shell/shell_cmds.h"
#include "strand/runtime.h"

#define PING_ID 0x5350u /* "SP" */
#define PING_DATA 56u   /* as ping(8) sends */
#define PING_WAIT (TICK_HZ) /* a second for each reply, and for ARP */

static void print_ip(const char *before, uint32_t ip, const char *after)
{
    kprintf("%s%u.%u.%u.%u%s", before, ip >> 24, (ip >> 16) & 255, (ip >> 8) & 255, ip & 255, after);
}

static void print_mac(const char *before, const uint8_t *m, const char *after)
{
    kprintf("%s%02x:%02x:%02x:%02x:%02x:%02x%s", before, m[0], m[1], m[2], m[3], m[4], m[5], after);
}

static void print_device(const struct virtio_net_info *d)
{
    kprintf("net: virtio-net at %02x:%02x.%x, irq %u (%lu interrupts, %lu not ours)", d->bdf >> 8,
            (d->bdf >> 3) & 31, d->bdf & 7, d->irq, d->interrupts, d->spurious);
    print_mac(", MAC ", d->mac, "");
    print_ip(", IP ", NET_IP, "\n");
    kprintf("net: device rx %lu frames, tx %lu; dropped rx %lu short, tx %lu ring full, %lu too long; %lu ring errors\n",
            d->rx_frames, d->tx_frames, d->rx_short, d->tx_full, d->tx_too_long, d->ring_errors);
}

static void print_layers(const struct net_counters *n)
{
    kprintf("net: stack rx %lu frames: ARP %lu, IPv4 %lu (ICMP %lu, UDP %lu)\n", n->frames, n->arp_in, n->ipv4_in,
            n->icmp_in, n->udp_in);
    kprintf("net: stack tx %lu frames (%lu not sent): ARP %lu replies, %lu requests; ICMP %lu echo "
            "replies, %lu requests; UDP %lu\n",
            n->tx_frames, n->tx_failed, n->arp_replies, n->arp_requests, n->echo_replies, n->echo_requests,
            n->udp_out);
    uint64_t dropped = n->frames - n->outcome[NET_DELIVERED];
    kprintf("net: delivered %lu, dropped %lu\n", n->outcome[NET_DELIVERED], dropped);
    for (uint32_t o = NET_PENDING; o < NET_OUTCOMES; o++)
        if (o != NET_DELIVERED && o != NET_DROP_PARSE && n->outcome[o])
            kprintf("net:   dropped %lu: %s\n", n->outcome[o], net_outcome_name((enum net_outcome)o));
    for (uint32_t e = 0; e < sizeof n->parse_error / sizeof n->parse_error[0]; e++)
        if (n->parse_error[e])
            kprintf("net:   dropped %lu: malformed (error %u)\n", n->parse_error[e], 300 + e);
}

static void print_arp(const struct net_arp_entry *arp)
{
    for (uint32_t i = 0; i < NET_ARP_ENTRIES; i++)
        if (arp[i].ip) {
            print_ip("net: arp ", arp[i].ip, "");
            print_mac(" is ", arp[i].mac, "\n");
        }
}

void cmd_net(const char *args)
{
    (void)args;
    const struct virtio_net_info *d = virtio_net_info();
    if (!d->present) {
        kprintf("net: no virtio-net device\n");
        return;
    }
    struct net_counters n;
    struct net_arp_entry arp[NET_ARP_ENTRIES];
    net_snapshot(&n, arp);
    print_device(d);
    print_layers(&n);
    print_arp(arp);
}

/* A dotted quad, all of args. */
static int parse_ip(const char *p, uint32_t *ip)
{
    uint32_t v = 0;
    for (int part = 0; part < 4; part++) {
        uint32_t b = 0, digits = 0;
        for (; *p >= '0' && *p <= '9' && digits < 4; p++, digits++)
            b = b * 10 + (uint32_t)(*p - '0');
        if (digits == 0 || digits > 3 || b > 255 || *p != (part < 3 ? '.' : '\0'))
            return 0;
        if (part < 3)
            p++;
        v = v << 8 | b;
    }
    *ip = v;
    return 1;
}

/* Waits up to PING_WAIT ticks for done(): the ticks it took, or -1. */
static int64_t wait_for(int (*done)(void))
{
    uint64_t start = arch_ticks();
    while (!done()) {
        if (arch_ticks() - start >= PING_WAIT)
            return -1;
        strand_sleep(1);
    }
    return (int64_t)(arch_ticks() - start);
}

static uint32_t ping_ip;
static int arp_known(void) { return net_arp_cached(ping_ip); }

/* ping's words: the host into ping_ip, and the count; 0 if malformed. */
static int ping_args(const char *args, uint64_t *count)
{
    char host[24], count_word[8];
    const char *rest = args;
    *count = 3;
    if (!next_word(&rest, host, sizeof host) || !parse_ip(host, &ping_ip))
        return 0;
    if (!next_word(&rest, count_word, sizeof count_word))
        return 1;
    const char *c = count_word;
    return parse_number(&c, count) && *count >= 1 && *count <= 100;
}

/* One echo request and its reply: 1 if it came within a second. */
static int ping_once(uint16_t seq)
{
    uint64_t start = arch_ticks();
    if (net_ping_send(ping_ip, PING_ID, seq, PING_DATA) != 0) {
        kprintf("ping: seq %u: not sent (the device's ring is full)\n", seq);
        return 0;
    }
    if (wait_for(net_ping_answered) < 0) {
        kprintf("ping: seq %u: no reply within a second\n", seq);
        return 0;
    }
    uint64_t ms = (arch_ticks() - start) * (1000 / TICK_HZ);
    print_ip("ping: reply from ", ping_ip, "");
    kprintf(": seq %u, %u bytes, %s%lu ms\n", seq, PING_DATA, ms ? "about " : "under ", ms ? ms : 1000 / TICK_HZ);
    return 1;
}

void cmd_ping(const char *args)
{
    uint64_t count;
    if (!ping_args(args, &count)) {
        kprintf("ping: usage: ping A.B.C.D [COUNT] (COUNT 1 to 100)\n");
        return;
    }
    if (!virtio_net_info()->present) {
        kprintf("ping: no virtio-net device\n");
        return;
    }
    if (!arp_known())
        net_arp_ask(ping_ip);
    if (wait_for(arp_known) < 0) {
        print_ip("ping: ", ping_ip, ": no ARP reply within a second\n");
        return;
    }
    uint32_t received = 0;
    for (uint16_t seq = 1; seq <= count; seq++)
        received += (uint32_t)ping_once(seq);
    print_ip("ping: ", ping_ip, "");
    kprintf(": %lu sent, %u received\n", count, received);
}
