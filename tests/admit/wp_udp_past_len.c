//! name udp_past_len
//! imports udp
//! handler UDP.PacketArrived on_datagram
/* expect: rejected: d->data + d->len may be out of bounds (rte mem_access) */
/* Looks at the byte after the payload, one past d->len: the kernel
 * promises only the len bytes of the payload. */
#include "spinel/udp.h"

static uint32_t dots;

/*@ requires \valid_read(d);
    requires \valid_read(d->data + (0 .. d->len - 1));
    terminates \true;
    assigns dots;
*/
static uint64_t on_datagram(void *closure, const struct udp_datagram *d)
{
    (void)closure;
    if (d->len != 0 && d->data[d->len] == '.' && dots < 1000)
        dots++;
    return 0;
}

/*@ terminates \true;
    assigns dots, SpinelEvents;
*/
int ext_init(void)
{
    dots = 0;
    return udp_install(9, on_datagram);
}
