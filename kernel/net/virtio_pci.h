/* A virtio device on PCI, through the modern (virtio 1.0, 4.1) interface:
 * found on bus 0, its four register regions located by its vendor
 * capabilities and mapped. */
#ifndef SPINEL_NET_VIRTIO_PCI_H
#define SPINEL_NET_VIRTIO_PCI_H

#include <stdint.h>

/* The capabilities' cfg_type (4.1.4). */
enum virtio_cap { VIRTIO_CAP_COMMON = 1, VIRTIO_CAP_NOTIFY = 2, VIRTIO_CAP_ISR = 3, VIRTIO_CAP_DEVICE = 4 };

struct virtio_pci {
    uint32_t bdf;
    uint16_t device_id;
    uint8_t irq; /* the interrupt line the firmware routed INTx to */
    volatile uint8_t *common, *notify, *isr, *device;
    uint32_t common_len, notify_len, device_len; /* each region's length */
    uint32_t notify_mult; /* notify_off_multiplier */
};

/* The first virtio-net function on bus 0 (vendor 0x1AF4, device 0x1041,
 * or 0x1000 with subsystem 1; function 0 of each slot), its regions
 * mapped, memory decoding and bus mastering on, INTx enabled: 0; or 1 if
 * there is none, 2 if it lacks a region, a BAR is not memory, or the
 * common configuration is shorter than 4.1.4.3's structure. */
int virtio_pci_find_net(struct virtio_pci *dev);

/* The common configuration (4.1.4.3) by offset. */
enum virtio_common {
    VIRTIO_DEVICE_FEATURE_SELECT = 0x00, VIRTIO_DEVICE_FEATURE = 0x04,
    VIRTIO_DRIVER_FEATURE_SELECT = 0x08, VIRTIO_DRIVER_FEATURE = 0x0C,
    VIRTIO_NUM_QUEUES = 0x12, VIRTIO_DEVICE_STATUS = 0x14,
    VIRTIO_QUEUE_SELECT = 0x16, VIRTIO_QUEUE_SIZE = 0x18, VIRTIO_QUEUE_MSIX_VECTOR = 0x1A,
    VIRTIO_QUEUE_ENABLE = 0x1C, VIRTIO_QUEUE_NOTIFY_OFF = 0x1E,
    VIRTIO_QUEUE_DESC = 0x20, VIRTIO_QUEUE_DRIVER = 0x28, VIRTIO_QUEUE_DEVICE = 0x30
};

static inline uint8_t mmio_read8(volatile uint8_t *p, uint32_t off) { return p[off]; }
static inline uint16_t mmio_read16(volatile uint8_t *p, uint32_t off) { return *(volatile uint16_t *)(p + off); }
static inline uint32_t mmio_read32(volatile uint8_t *p, uint32_t off) { return *(volatile uint32_t *)(p + off); }
static inline void mmio_write8(volatile uint8_t *p, uint32_t off, uint8_t v) { p[off] = v; }
static inline void mmio_write16(volatile uint8_t *p, uint32_t off, uint16_t v) { *(volatile uint16_t *)(p + off) = v; }
static inline void mmio_write32(volatile uint8_t *p, uint32_t off, uint32_t v) { *(volatile uint32_t *)(p + off) = v; }
/* A 64-bit field as two 32-bit writes, low half first (4.1.3.1). */
static inline void mmio_write64(volatile uint8_t *p, uint32_t off, uint64_t v)
{
    mmio_write32(p, off, (uint32_t)v);
    mmio_write32(p, off + 4, (uint32_t)(v >> 32));
}

#endif
