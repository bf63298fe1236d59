/* The kernel's network: the virtio-net device under the protocol stack
 * (stack.h), with the kernel's address, and the shell's way in. */
#include "arch.h"
#include "console.h"
#include "kernel.h"
#include "net/net.h"
#include "net/virtio_net.h"

static struct net_stack stack;
static int ready;

void net_receive(const uint8_t *frame, uint32_t len)
{
    if (ready)
        net_stack_receive(&stack, frame, len);
}

void net_events_declare(struct kernel *k)
{
    struct net_config c = { .ip = NET_IP, .transmit = virtio_net_send };
    if (net_stack_init(&stack, &k->events, &c) != 0)
        panic("events: cannot declare the protocol stack's");
}

void net_init(void)
{
    virtio_net_init();
    const struct virtio_net_info *d = virtio_net_info();
    uint64_t flags = arch_irq_save();
    for (int i = 0; i < 6; i++)
        stack.cfg.mac[i] = d->mac[i];
    ready = d->present;
    arch_irq_restore(flags);
}

struct net_stack *net_stack_state(void) { return &stack; }

int net_ping_send(uint32_t ip, uint16_t id, uint16_t seq, uint32_t len)
{
    uint64_t flags = arch_irq_save();
    int r = net_icmp_ping(&stack, ip, id, seq, len);
    arch_irq_restore(flags);
    return r;
}

int net_arp_cached(uint32_t ip)
{
    uint64_t flags = arch_irq_save();
    int r = net_arp_lookup(&stack, ip) != 0;
    arch_irq_restore(flags);
    return r;
}

int net_arp_ask(uint32_t ip)
{
    uint64_t flags = arch_irq_save();
    int r = net_arp_request(&stack, ip);
    arch_irq_restore(flags);
    return r;
}

int net_ping_answered(void)
{
    uint64_t flags = arch_irq_save();
    int r = stack.ping_answered;
    arch_irq_restore(flags);
    return r;
}

void net_snapshot(struct net_counters *n, struct net_arp_entry *arp)
{
    uint64_t flags = arch_irq_save();
    *n = stack.n;
    for (uint32_t i = 0; i < NET_ARP_ENTRIES; i++)
        arp[i] = stack.arp[i];
    arch_irq_restore(flags);
}
