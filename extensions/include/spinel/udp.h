/* UDP endpoints for extensions (interface "udp"): the UDP.PacketArrived
 * event, the last layer of the protocol stack's event graph
 * (Ether.PacketArrived -> IP.PacketArrived -> UDP.PacketArrived). An
 * extension serves a UDP port of the kernel's address by installing a
 * handler for it; the kernel guards each handler with its port (the
 * closure is the port, the guard is the kernel's), so it runs only for
 * datagrams to that port, which arrived intact: the proved parsers
 * (kernel/include/net/) accepted the Ethernet, IPv4 and UDP headers and
 * the UDP checksum. One extension at a time serves a port. At unload its
 * handlers go, and datagrams to its ports are dropped and counted
 * ("udp: no endpoint").
 *
 * A handler runs from the network interrupt with interrupts off: it must
 * be short. It reads the datagram only through the view it is given, and
 * answers only through udp_reply, which sends to the datagram's sender
 * from the port it came to. */
#ifndef SPINEL_EXT_UDP_H
#define SPINEL_EXT_UDP_H

#include <stdint.h>
#include "ext.h"

/* The largest payload: a 1514-byte Ethernet frame less its Ethernet,
 * IPv4 and UDP headers (no fragments are sent or taken). Constants, not
 * macros: the admission tool copies the handler contract as written. */
enum udp_limits {
    UDP_PORT_FIRST = 1,
    UDP_PORT_LAST = 65535,
    UDP_PAYLOAD_MAX = 1472
};

/* One arrived datagram, as the kernel's parsers read it: the payload
 * (len bytes at data, inside the received frame), the sender's IPv4
 * address (host order: 10.0.2.2 is 0x0a000202) and port, and the port it
 * came to. A view of the kernel's frame: a handler may not keep it. */
struct udp_datagram {
    const uint8_t *data;
    uint32_t len;
    uint32_t src;
    uint16_t sport;
    uint16_t dport;
};

/* A handler: closure is the kernel's (the port), d the datagram. */
typedef uint64_t udp_handler(void *closure, const struct udp_datagram *d);

/* The handler contract of UDP.PacketArrived: the datagram came to one of
 * the handler's ports; its payload is readable and lies apart from the
 * extension's state, and data points into the frame even when len is 0.
 * It may write its own globals, the console, and (through udp_reply) the
 * network. The result is not used. */
/*@ requires \valid_read(d);
    requires UDP_PORT_FIRST <= d->dport <= UDP_PORT_LAST;
    requires d->len <= UDP_PAYLOAD_MAX;
    requires \object_pointer(d->data);
    requires \valid_read(d->data + (0 .. d->len - 1));
    requires \separated(d, &SpinelStateAt);
    requires \separated(d->data + (0 .. d->len - 1), &SpinelStateAt);
    requires SpinelFuel >= SpinelBound;
    terminates \true;
    assigns SpinelState, SpinelConsole, SpinelFuel, SpinelNet;
*/
uint64_t udp_handler_contract(void *closure, const struct udp_datagram *d);

/* Installs h as the endpoint of UDP port port, for datagrams to that
 * port only. From init only. SPINEL_ERR_INVALID: port is 0 or past
 * UDP_PORT_LAST; SPINEL_ERR_TAKEN: another extension serves it;
 * SPINEL_ERR_DUPLICATE: this one serves it already; SPINEL_ERR_QUOTA: it
 * serves SPINEL_HANDLER_QUOTA ports already; SPINEL_ERR_FULL: the event's
 * table is full. */
/*@ terminates \true;
    assigns SpinelEvents;
    ensures \result == SPINEL_OK || \result == SPINEL_ERR_INVALID || \result == SPINEL_ERR_TAKEN ||
            \result == SPINEL_ERR_DUPLICATE || \result == SPINEL_ERR_FULL || \result == SPINEL_ERR_NOT_NOW ||
            \result == SPINEL_ERR_QUOTA || \result == SPINEL_ERR_DENIED;
    ensures (port < UDP_PORT_FIRST || port > UDP_PORT_LAST) ==>
            \result == SPINEL_ERR_INVALID || \result == SPINEL_ERR_NOT_NOW;
*/
int udp_install(uint32_t port, udp_handler *h);

/* Uninstalls h from port. From init or fini only. */
/*@ terminates \true;
    assigns SpinelEvents;
    ensures \result == SPINEL_OK || \result == SPINEL_ERR_ABSENT || \result == SPINEL_ERR_NOT_NOW;
*/
int udp_uninstall(uint32_t port, udp_handler *h);

/* Sends len bytes of buf as one datagram to d's sender (its address,
 * port and hardware address), from d's port: SPINEL_OK once the device
 * has the frame. SPINEL_ERR_INVALID: len past UDP_PAYLOAD_MAX;
 * SPINEL_ERR_NOT_NOW: d is not the datagram being delivered (outside a
 * handler, or a view kept from an earlier one); SPINEL_ERR_FULL: the
 * device's transmit ring is full (counted). Refused, nothing is sent. */
/*@ requires \valid_read(d);
    requires \valid_read(buf + (0 .. len - 1));
    terminates \true;
    assigns SpinelNet;
    ensures \result == SPINEL_OK || \result == SPINEL_ERR_INVALID || \result == SPINEL_ERR_NOT_NOW ||
            \result == SPINEL_ERR_FULL;
    ensures len > UDP_PAYLOAD_MAX ==> \result == SPINEL_ERR_INVALID;
*/
int udp_reply(const struct udp_datagram *d, const uint8_t *buf, uint32_t len);

#endif
