/* The dispatcher's table of events: init, declare, look up by id. */
#include "event/dispatch.h"

void dispatch_init(struct dispatcher *d)
{
    d->nevents = 0;
}

int dispatch_declare(struct dispatcher *d, const struct event_decl *decl, uint32_t *id)
{
    if (d->nevents >= DISPATCH_EVENTS)
        return DISPATCH_ERR_TOO_MANY_EVENTS;
    if (decl->policy >= POLICY_COUNT)
        return DISPATCH_ERR_BAD_POLICY;
    uint32_t n = d->nevents;
    event_declare(&d->ev[n], decl, n);
    /*@ assert others_kept: \forall integer k; 0 <= k < n ==> EventValidFieldsSame{Pre,Here}(&d->ev[k]); */
    /*@ assert others_valid: \forall integer k; 0 <= k < n ==> EventValid(&d->ev[k]); */
    d->nevents = n + 1;
    *id = n;
    return DISPATCH_OK;
}

struct event *dispatch_event(struct dispatcher *d, uint32_t id)
{
    return id < d->nevents ? &d->ev[id] : 0;
}
