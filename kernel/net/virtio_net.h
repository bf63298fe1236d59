/* The virtio-net driver (virtio 1.0, 5.1): one receive and one transmit
 * queue, VIRTIO_F_VERSION_1 and VIRTIO_NET_F_MAC only. Trusted glue: the
 * rings' bookkeeping is the proved net/vring.h. */
#ifndef SPINEL_NET_VIRTIO_NET_H
#define SPINEL_NET_VIRTIO_NET_H

#include <stdint.h>

/* What `net` shows of the driver. */
struct virtio_net_info {
    int present;
    uint32_t bdf;
    uint16_t device_id;
    uint8_t irq;
    uint8_t mac[6];
    uint64_t interrupts; /* handler runs; those whose ISR said nothing are spurious */
    uint64_t spurious;
    uint64_t rx_frames, tx_frames;
    uint64_t rx_short, tx_full, tx_too_long, ring_errors;
};

/* Finds the device, negotiates, sets up the queues, posts the receive
 * buffers and takes its interrupt; says on the console what it found. */
void virtio_net_init(void);
/* Sends one Ethernet frame (no FCS): 0, or -1 if it was dropped (no
 * device, too long, or the transmit ring full; counted). */
int virtio_net_send(const uint8_t *frame, uint32_t len);
const struct virtio_net_info *virtio_net_info(void);

#endif
