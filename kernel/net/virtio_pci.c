/* Finding a virtio-net device and its register regions (virtio 1.0,
 * 4.1.4): each region is named by a vendor-specific capability (id 9)
 * giving its cfg_type, the BAR that holds it, its offset and length. */
#include "arch.h"
#include "net/virtio_pci.h"

#define VIRTIO_VENDOR 0x1AF4u
#define VIRTIO_NET_MODERN 0x1041u
#define VIRTIO_NET_TRANSITIONAL 0x1000u
#define SUBSYSTEM_NET 1u
#define PCI_CAP_VENDOR 0x09u
#define PCI_STATUS_CAPS 0x10u
#define PCI_CMD_MEMORY 0x2u
#define PCI_CMD_MASTER 0x4u
#define PCI_CMD_INTX_OFF 0x400u

static int is_virtio_net(uint32_t bdf, uint16_t *device_id)
{
    uint32_t id = arch_pci_read32(bdf, 0x00);
    *device_id = (uint16_t)(id >> 16);
    if ((id & 0xFFFFu) != VIRTIO_VENDOR)
        return 0;
    if (*device_id == VIRTIO_NET_MODERN)
        return 1;
    return *device_id == VIRTIO_NET_TRANSITIONAL && (arch_pci_read32(bdf, 0x2C) >> 16) == SUBSYSTEM_NET;
}

/* The physical address BAR bar decodes, or 0 if it is I/O space or absent. */
static uint64_t bar_address(uint32_t bdf, uint32_t bar)
{
    if (bar > 5)
        return 0;
    uint32_t lo = arch_pci_read32(bdf, 0x10 + 4 * bar);
    if (lo & 1u)
        return 0;
    uint64_t hi = (lo & 6u) == 4u && bar < 5 ? arch_pci_read32(bdf, 0x14 + 4 * bar) : 0;
    return (hi << 32) | (lo & ~0xFu);
}

/* The region of the capability at cap, mapped, its length in *len; 0 if
 * it cannot be. */
static volatile uint8_t *map_region(uint32_t bdf, uint32_t cap, uint32_t *len)
{
    uint64_t base = bar_address(bdf, arch_pci_read32(bdf, cap + 4) & 0xFFu);
    uint32_t offset = arch_pci_read32(bdf, cap + 8);
    *len = arch_pci_read32(bdf, cap + 12);
    return base ? arch_map_device(base + offset, *len) : 0;
}

/* The first capability of each cfg_type is the one to use (4.1.4). */
static void take_cap(struct virtio_pci *dev, uint32_t cap, uint32_t type)
{
    volatile uint8_t **slot = type == VIRTIO_CAP_COMMON ? &dev->common
                              : type == VIRTIO_CAP_NOTIFY ? &dev->notify
                              : type == VIRTIO_CAP_ISR    ? &dev->isr
                              : type == VIRTIO_CAP_DEVICE ? &dev->device : 0;
    uint32_t isr_len, *len = type == VIRTIO_CAP_COMMON ? &dev->common_len
                             : type == VIRTIO_CAP_NOTIFY ? &dev->notify_len
                             : type == VIRTIO_CAP_DEVICE ? &dev->device_len : &isr_len;
    if (!slot || *slot)
        return;
    *slot = map_region(dev->bdf, cap, len);
    if (type == VIRTIO_CAP_NOTIFY)
        dev->notify_mult = arch_pci_read32(dev->bdf, cap + 16);
}

/* Walks the capability list, at most 48 entries (a list that loops ends). */
static int read_caps(struct virtio_pci *dev)
{
    if (!((arch_pci_read32(dev->bdf, 0x04) >> 16) & PCI_STATUS_CAPS))
        return 2;
    uint32_t cap = arch_pci_read32(dev->bdf, 0x34) & 0xFCu;
    for (uint32_t n = 0; cap >= 0x40 && n < 48; n++) {
        uint32_t head = arch_pci_read32(dev->bdf, cap);
        if ((head & 0xFFu) == PCI_CAP_VENDOR)
            take_cap(dev, cap, (head >> 24) & 0xFFu);
        cap = (head >> 8) & 0xFCu;
    }
    int all = dev->common && dev->notify && dev->isr && dev->device;
    return all && dev->common_len >= VIRTIO_QUEUE_DEVICE + 8 ? 0 : 2;
}

static void enable(struct virtio_pci *dev)
{
    uint32_t cmd = arch_pci_read32(dev->bdf, 0x04) & 0xFFFFu;
    cmd = (cmd | PCI_CMD_MEMORY | PCI_CMD_MASTER) & ~PCI_CMD_INTX_OFF;
    arch_pci_write16(dev->bdf, 0x04, (uint16_t)cmd);
    dev->irq = (uint8_t)arch_pci_read32(dev->bdf, 0x3C);
}

/* How many functions of slot to look at: all eight when function 0
 * exists and its header type has the multi-function bit (bit 7). */
static uint32_t functions(uint32_t slot)
{
    uint32_t bdf = slot << 3;
    if ((arch_pci_read32(bdf, 0x00) & 0xFFFFu) == 0xFFFFu)
        return 0;
    return (arch_pci_read32(bdf, 0x0C) >> 16) & 0x80u ? 8 : 1;
}

int virtio_pci_find_net(struct virtio_pci *dev)
{
    for (uint32_t slot = 0; slot < 32; slot++) {
        for (uint32_t fn = 0, n = functions(slot); fn < n; fn++) {
            *dev = (struct virtio_pci){ .bdf = slot << 3 | fn };
            if (!is_virtio_net(dev->bdf, &dev->device_id))
                continue;
            int r = read_caps(dev);
            if (r == 0)
                enable(dev);
            return r;
        }
    }
    return 1;
}
