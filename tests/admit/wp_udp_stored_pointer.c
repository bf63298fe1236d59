//! name udp_stored_pointer
//! imports udp
//! handler UDP.PacketArrived on_datagram
/* expect: rejected: on_datagram does not meet the UDP.PacketArrived handler contract */
/* Keeps the datagram's view to answer it in the next call: by then the
 * kernel's frame is gone (udp.h: a handler may not keep it). Keeping it
 * is not refused as such (the contract lets a handler write its globals),
 * but nothing the handler is promised makes the old view readable, so its
 * use is. */
#include "spinel/udp.h"

static const struct udp_datagram *last;

/*@ requires \valid_read(d);
    requires last != \null ==> \valid_read(last);
    terminates \true;
    assigns last, SpinelNet;
*/
static uint64_t on_datagram(void *closure, const struct udp_datagram *d)
{
    (void)closure;
    uint8_t none = 0;
    if (last != 0)
        (void)udp_reply(last, &none, 0);
    last = d;
    return 0;
}

/*@ terminates \true;
    assigns last, SpinelEvents;
*/
int ext_init(void)
{
    last = 0;
    return udp_install(9, on_datagram);
}
