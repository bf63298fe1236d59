/* The kernel's side of the "udp" and "net" interfaces
 * (extensions/include/spinel/udp.h, net.h): an extension's UDP endpoint
 * runs behind the stack's port guard (its closure is the port; one
 * extension per port), and its filter is a guard in front of the stack's
 * drop handler on IP.Filter (closure: the guard itself, so that filters
 * of several extensions are distinct entries). Trusted, as ext_api.c. */
#include <stdint.h>
#include "ext/ext.h"
#include "ext/ext_install.h"
#include "net/net.h"
#include "spinel/net.h"
#include "spinel/udp.h"

_Static_assert(sizeof(struct net_ipv4) == 12, "net.h's header view");

int udp_install(uint32_t port, udp_handler *h)
{
    const struct extension *e = ext_running();
    if (!e)
        return SPINEL_ERR_NOT_NOW;
    if (port < UDP_PORT_FIRST || port > UDP_PORT_LAST)
        return SPINEL_ERR_INVALID;
    struct net_stack *s = net_stack_state();
    uint32_t holder = ext_closure_holder(s->udp_event, net_udp_port_guard, (void *)(uintptr_t)port);
    if (holder)
        return holder == e->installer ? SPINEL_ERR_DUPLICATE : SPINEL_ERR_TAKEN;
    return ext_install_closure(s->udp_event, (handler_fn)h, net_udp_port_guard, (void *)(uintptr_t)port);
}

int udp_uninstall(uint32_t port, udp_handler *h)
{
    return ext_uninstall_closure(net_stack_state()->udp_event, (handler_fn)h, (void *)(uintptr_t)port);
}

int udp_reply(const struct udp_datagram *d, const uint8_t *buf, uint32_t len)
{
    return net_udp_reply(net_stack_state(), d, buf, len);
}

int net_filter_install(net_filter *g)
{
    return ext_install_closure(net_stack_state()->filter_event, net_filter_handler(), (guard_fn)g, (void *)g);
}

int net_filter_uninstall(net_filter *g)
{
    return ext_uninstall_closure(net_stack_state()->filter_event, net_filter_handler(), (void *)g);
}
