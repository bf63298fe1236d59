/* The shell's `net`: the device, its address, and the counters of the
 * driver and of the stub stack. */
#include "console.h"
#include "net/net.h"
#include "net/virtio_net.h"
#include "shell/shell_cmds.h"

void cmd_net(const char *args)
{
    (void)args;
    const struct virtio_net_info *d = virtio_net_info();
    const struct net_stats *s = net_stats();
    if (!d->present) {
        kprintf("net: no virtio-net device\n");
        return;
    }
    const uint8_t *m = d->mac;
    kprintf("net: virtio-net at %02x:%02x.%x, irq %u (%lu interrupts, %lu not ours), MAC %02x:%02x:%02x:%02x:%02x:%02x, IP 10.0.2.15\n",
            d->bdf >> 8, (d->bdf >> 3) & 31, d->bdf & 7, d->irq, d->interrupts, d->spurious, m[0], m[1], m[2], m[3], m[4], m[5]);
    kprintf("net: rx %lu frames (%lu ARP, %lu IPv4, %lu other), tx %lu frames (%lu ARP replies)\n",
            d->rx_frames, s->arp, s->ipv4, s->other, d->tx_frames, s->arp_replies);
    kprintf("net: dropped %lu (rx %lu unused, %lu short; tx %lu ring full, %lu too long); %lu ring errors\n",
            s->dropped + d->rx_short + d->tx_full + d->tx_too_long, s->dropped, d->rx_short, d->tx_full,
            d->tx_too_long, d->ring_errors);
}
