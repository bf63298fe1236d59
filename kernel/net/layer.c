/* Declaring, installing and raising the stack's events. */
#include "kernel.h"
#include "net/layer.h"

int net_declare(struct net_stack *s, const struct event_decl *decl, uint32_t *id)
{
    return dispatch_declare(s->events, decl, id) == DISPATCH_OK ? 0 : -1;
}

int net_install(struct net_stack *s, uint32_t id, handler_fn h, guard_fn g)
{
    return event_install(dispatch_event(s->events, id), h, g, s, MODULE_KERNEL) == DISPATCH_OK ? 0 : -1;
}

uint64_t net_raise(struct net_stack *s, uint32_t id, void *args, struct net_packet *p, enum net_outcome none)
{
    struct event *ev = dispatch_event(s->events, id);
    uint64_t refused = ev->refused;
    uint64_t r = event_raise(ev, args);
    if (ev->refused != refused)
        net_end(p, NET_DROP_REENTERED);
    else if (ev->last_ran == 0)
        net_end(p, none);
    return r;
}

int net_send_raise(struct net_stack *s, uint32_t id, struct net_outgoing *o)
{
    o->sent = -1;
    event_raise(dispatch_event(s->events, id), o);
    /* Whatever stopped it (too long, the device, a raise that could not
     * run): counted here, where the send began, so once. */
    if (o->sent != 0)
        s->n.tx_failed++;
    return o->sent;
}

int net_extensions_too(uint32_t event, uint32_t installer)
{
    (void)event;
    (void)installer;
    return 1;
}
