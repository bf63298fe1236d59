/* The dispatcher's table of events: init, declare, look up by id. */
#include "dispatch.h"

void dispatch_init(struct dispatcher *d)
{
    d->nevents = 0;
    /*@ loop invariant 0 <= k <= DISPATCH_EVENTS && d->nevents == 0;
        loop invariant \forall integer j; 0 <= j < k ==> EventValid(&d->ev[j]);
        loop assigns k, d->ev[0 .. DISPATCH_EVENTS - 1];
        loop variant DISPATCH_EVENTS - k;
    */
    for (uint32_t k = 0; k < DISPATCH_EVENTS; k++)
        event_reset(&d->ev[k], k);
}

int dispatch_declare(struct dispatcher *d, const struct event_decl *decl, uint32_t *id)
{
    if (d->nevents >= DISPATCH_EVENTS)
        return DISPATCH_ERR_TOO_MANY_EVENTS;
    if (decl->policy >= POLICY_COUNT)
        return DISPATCH_ERR_BAD_POLICY;
    uint32_t n = d->nevents;
    struct event *ev = &d->ev[n];
    event_reset(ev, n);
    ev->name = decl->name;
    ev->prototype = decl->prototype;
    ev->contract = decl->contract;
    ev->owner = decl->owner;
    ev->policy = decl->policy;
    ev->fallback = decl->fallback;
    ev->fallback_closure = decl->fallback_closure;
    ev->authorise = decl->authorise;
    d->nevents = n + 1;
    *id = n;
    return DISPATCH_OK;
}

struct event *dispatch_event(struct dispatcher *d, uint32_t id)
{
    return id < d->nevents ? &d->ev[id] : 0;
}
