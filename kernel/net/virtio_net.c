/* The virtio-net driver: see virtio_net.h. Each queue has one frame for
 * its split ring (descriptors at 0, avail ring at 512, used ring at 1024:
 * 2.4's alignments hold) and a 2 KiB buffer per descriptor, descriptor d
 * always naming buffer d: vring.c hands a descriptor to the device at most
 * once, so a buffer is never both the driver's and the device's. The
 * device interrupts through INTx; the handler reads the ISR register
 * (which lowers the line) and drains both used rings, with interrupts
 * off; senders outside it take interrupts off too. */
#include "arch.h"
#include "console.h"
#include "kernel.h"
#include "lib/kstring.h"
#include "net/net.h"
#include "net/virtio_net.h"
#include "net/virtio_pci.h"
#include "net/vring.h"
#include "paging.h"

#define STATUS_ACKNOWLEDGE 1u
#define STATUS_DRIVER 2u
#define STATUS_DRIVER_OK 4u
#define STATUS_FEATURES_OK 8u
#define STATUS_FAILED 128u
#define NET_F_MAC (1u << 5)       /* feature bit 5 */
#define F_VERSION_1_HIGH (1u << 0) /* feature bit 32 */
#define DESC_F_WRITE 2u
#define RX_QUEUE 0
#define TX_QUEUE 1
#define AVAIL_OFF 512u
#define USED_OFF 1024u
#define BUF_SIZE 2048u
#define NET_HDR 12u /* struct virtio_net_hdr with num_buffers (5.1.6) */
#define RESET_SPINS 1000000u /* reads of the status before a reset counts as failed */

struct queue {
    struct vring ring;
    uint16_t index;
    volatile uint8_t *notify;
    uint8_t *mem; /* the ring frame, through the physmap */
    uint64_t mem_pa;
    uint64_t buf_pa[VRING_SIZE];
};

static struct virtio_pci dev;
static struct queue rxq, txq;
static struct virtio_net_info info;

static void barrier(void) { __asm__ volatile("mfence" ::: "memory"); }

static void set_status(uint8_t bits)
{
    mmio_write8(dev.common, VIRTIO_DEVICE_STATUS, mmio_read8(dev.common, VIRTIO_DEVICE_STATUS) | bits);
}

/* 3.1.1 steps 1 to 6: reset, acknowledge, features; 0 if the device
 * accepted VERSION_1 (and MAC, if it offers it). */
static int negotiate(void)
{
    mmio_write8(dev.common, VIRTIO_DEVICE_STATUS, 0);
    for (uint32_t n = 0; mmio_read8(dev.common, VIRTIO_DEVICE_STATUS) != 0; n++)
        if (n == RESET_SPINS)
            return -1;
    set_status(STATUS_ACKNOWLEDGE | STATUS_DRIVER);
    mmio_write32(dev.common, VIRTIO_DEVICE_FEATURE_SELECT, 0);
    uint32_t low = mmio_read32(dev.common, VIRTIO_DEVICE_FEATURE) & NET_F_MAC;
    mmio_write32(dev.common, VIRTIO_DEVICE_FEATURE_SELECT, 1);
    if (!(mmio_read32(dev.common, VIRTIO_DEVICE_FEATURE) & F_VERSION_1_HIGH))
        return -1;
    mmio_write32(dev.common, VIRTIO_DRIVER_FEATURE_SELECT, 0);
    mmio_write32(dev.common, VIRTIO_DRIVER_FEATURE, low);
    mmio_write32(dev.common, VIRTIO_DRIVER_FEATURE_SELECT, 1);
    mmio_write32(dev.common, VIRTIO_DRIVER_FEATURE, F_VERSION_1_HIGH);
    set_status(STATUS_FEATURES_OK);
    if (!(mmio_read8(dev.common, VIRTIO_DEVICE_STATUS) & STATUS_FEATURES_OK))
        return -1;
    for (uint32_t i = 0; i < 6; i++)
        info.mac[i] = low && dev.device_len >= 6 ? mmio_read8(dev.device, i) : 0;
    return 0;
}

static int alloc_frame(uint64_t *pa)
{
    if (frame_alloc(&kernel.frames, pa) != FRAME_OK)
        return -1;
    kmemset(phys_to_virt(*pa), 0, FRAME_SIZE);
    return 0;
}

/* The ring frame and one buffer per descriptor, two to a frame. */
static int alloc_queue(struct queue *q, uint16_t index)
{
    q->index = index;
    vring_init(&q->ring);
    if (alloc_frame(&q->mem_pa))
        return -1;
    q->mem = phys_to_virt(q->mem_pa);
    for (uint32_t d = 0; d < VRING_SIZE; d += 2) {
        uint64_t pa;
        if (alloc_frame(&pa))
            return -1;
        q->buf_pa[d] = pa;
        q->buf_pa[d + 1] = pa + BUF_SIZE;
    }
    return 0;
}

/* 4.1.5.1.3: the queue's size and addresses, then enabled. */
static int setup_queue(struct queue *q, uint16_t index)
{
    mmio_write16(dev.common, VIRTIO_QUEUE_SELECT, index);
    uint16_t max = mmio_read16(dev.common, VIRTIO_QUEUE_SIZE);
    if (max < VRING_SIZE || alloc_queue(q, index))
        return -1;
    mmio_write16(dev.common, VIRTIO_QUEUE_SIZE, VRING_SIZE);
    mmio_write16(dev.common, VIRTIO_QUEUE_MSIX_VECTOR, 0xFFFF);
    mmio_write64(dev.common, VIRTIO_QUEUE_DESC, q->mem_pa);
    mmio_write64(dev.common, VIRTIO_QUEUE_DRIVER, q->mem_pa + AVAIL_OFF);
    mmio_write64(dev.common, VIRTIO_QUEUE_DEVICE, q->mem_pa + USED_OFF);
    uint64_t at = (uint64_t)mmio_read16(dev.common, VIRTIO_QUEUE_NOTIFY_OFF) * dev.notify_mult;
    if (at + 2 > dev.notify_len)
        return -1; /* 4.1.4.4: the address must lie inside the notify region */
    q->notify = dev.notify + at;
    mmio_write16(dev.common, VIRTIO_QUEUE_ENABLE, 1);
    return 0;
}

/* Descriptor d made available with length len: the descriptor, the avail
 * slot vring_post named, then the index the device reads. */
static void publish(struct queue *q, uint16_t d, uint16_t slot, uint32_t len, uint16_t flags)
{
    uint8_t *desc = q->mem + 16u * d;
    *(volatile uint64_t *)desc = q->buf_pa[d];
    *(volatile uint32_t *)(desc + 8) = len;
    *(volatile uint16_t *)(desc + 12) = flags;
    *(volatile uint16_t *)(desc + 14) = 0;
    *(volatile uint16_t *)(q->mem + AVAIL_OFF + 4 + 2u * slot) = d;
    barrier();
    *(volatile uint16_t *)(q->mem + AVAIL_OFF + 2) = q->ring.avail_idx;
    barrier();
}

static void notify(struct queue *q) { mmio_write16(q->notify, 0, q->index); }

/* Every free receive descriptor back to the device. */
static void post_receive(void)
{
    uint16_t d, slot;
    uint32_t n = 0;
    while (vring_post(&rxq.ring, &d, &slot) == VRING_OK) {
        publish(&rxq, d, slot, BUF_SIZE, DESC_F_WRITE);
        n++;
    }
    if (n)
        notify(&rxq);
}

/* The next used element: its descriptor in *d and length in *len, the
 * descriptor back with the driver; 0, or -1 if none (or the device broke
 * the protocol: counted, and the ring is read no further). */
static int take_used(struct queue *q, uint32_t *d, uint32_t *len)
{
    uint16_t used_idx = *(volatile uint16_t *)(q->mem + USED_OFF + 2), slot;
    int r = vring_used(&q->ring, used_idx, &slot);
    if (r == VRING_OK) {
        volatile uint8_t *elem = q->mem + USED_OFF + 4 + 8u * slot;
        *d = *(volatile uint32_t *)elem;
        *len = *(volatile uint32_t *)(elem + 4);
        r = vring_release(&q->ring, *d);
    }
    if (r != VRING_OK && r != VRING_ERR_NONE)
        info.ring_errors++;
    return r == VRING_OK ? 0 : -1;
}

static void drain_receive(void)
{
    uint32_t d, len;
    for (uint32_t n = 0; n < VRING_SIZE && take_used(&rxq, &d, &len) == 0; n++) {
        if (len < NET_HDR || len > BUF_SIZE) {
            info.rx_short++;
            continue;
        }
        info.rx_frames++;
        net_receive((const uint8_t *)phys_to_virt(rxq.buf_pa[d]) + NET_HDR, len - NET_HDR);
    }
    post_receive();
}

static void drain_transmit(void)
{
    uint32_t d, len;
    for (uint32_t n = 0; n < VRING_SIZE && take_used(&txq, &d, &len) == 0; n++)
        ;
}

static void virtio_net_isr(void)
{
    info.interrupts++;
    if (mmio_read8(dev.isr, 0) == 0) /* reading it acknowledges: the line drops */
        info.spurious++;
    drain_transmit();
    drain_receive();
}

int virtio_net_send(const uint8_t *frame, uint32_t len)
{
    if (!info.present)
        return -1;
    if (len > BUF_SIZE - NET_HDR) {
        info.tx_too_long++;
        return -1;
    }
    uint64_t flags = arch_irq_save();
    uint16_t d, slot;
    drain_transmit();
    int r = vring_post(&txq.ring, &d, &slot);
    if (r == VRING_OK) {
        uint8_t *buf = phys_to_virt(txq.buf_pa[d]);
        kmemset(buf, 0, NET_HDR);
        kmemcpy(buf + NET_HDR, frame, len);
        publish(&txq, d, slot, NET_HDR + len, 0);
        notify(&txq);
        info.tx_frames++;
    } else {
        info.tx_full++;
    }
    arch_irq_restore(flags);
    return r == VRING_OK ? 0 : -1;
}

/* The frames a queue holds back to the allocator (those it got before a
 * failed setup too). */
static void free_queue(struct queue *q)
{
    if (q->mem_pa)
        frame_free(&kernel.frames, q->mem_pa);
    for (uint32_t d = 0; d < VRING_SIZE; d += 2)
        if (q->buf_pa[d])
            frame_free(&kernel.frames, q->buf_pa[d]);
    kmemset((uint8_t *)q, 0, sizeof *q);
}

/* A setup that failed partway: the device is reset first (it may have
 * been given a queue's addresses), so it uses none of the frames freed;
 * a device that does not reset keeps them, as memory it may still write. */
static void give_up(void)
{
    mmio_write8(dev.common, VIRTIO_DEVICE_STATUS, 0);
    uint32_t n = 0;
    while (mmio_read8(dev.common, VIRTIO_DEVICE_STATUS) != 0 && n < RESET_SPINS)
        n++;
    if (n < RESET_SPINS) {
        free_queue(&rxq);
        free_queue(&txq);
    }
    set_status(STATUS_FAILED);
}

static int start(void)
{
    if (negotiate() || setup_queue(&rxq, RX_QUEUE) || setup_queue(&txq, TX_QUEUE)) {
        give_up();
        return -1;
    }
    set_status(STATUS_DRIVER_OK);
    info.present = 1;
    post_receive();
    arch_irq_handler(dev.irq, virtio_net_isr);
    return 0;
}

void virtio_net_init(void)
{
    int r = virtio_pci_find_net(&dev);
    if (r == 1) {
        kprintf("net: no virtio-net device\n");
        return;
    }
    info.bdf = dev.bdf;
    info.device_id = dev.device_id;
    info.irq = dev.irq;
    if (r != 0 || dev.irq >= 16 || start() != 0) {
        kprintf("net: virtio-net at %02x:%02x.%x unusable (no modern interface, IRQ or frames)\n",
                dev.bdf >> 8, (dev.bdf >> 3) & 31, dev.bdf & 7);
        return;
    }
    const uint8_t *m = info.mac;
    kprintf("net: virtio-net at %02x:%02x.%x (device 0x%x, modern interface), irq %u, "
            "MAC %02x:%02x:%02x:%02x:%02x:%02x\n",
            dev.bdf >> 8, (dev.bdf >> 3) & 31, dev.bdf & 7, dev.device_id, dev.irq, m[0], m[1], m[2], m[3], m[4], m[5]);
}

const struct virtio_net_info *virtio_net_info(void) { return &info; }
