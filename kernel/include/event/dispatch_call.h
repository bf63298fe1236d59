/* The dispatcher's indirect calls: to handlers, guards, default handlers
 * and authorisers. Trusted (proofs/README.md): WP cannot follow a call
 * through a pointer to code it has not seen, so under Frama-C these are
 * prototypes whose contracts are the assumption the dispatcher is proved
 * under (spec/event/event.acsl, HandlerFrame); the kernel build inlines them,
 * so a raise costs a direct indirect call. The admission tool discharges
 * the assumption for every extension handler. */
#ifndef SPINEL_DISPATCH_CALL_H
#define SPINEL_DISPATCH_CALL_H

#include "event/event.h"

#ifdef __FRAMAC__

/*@ requires EventValid(ev) && ev->raising == 1;
    requires i < ev->count && ev->entry[i].live == 1;
    terminates \true;
    assigns ev->entry[0 .. EVENT_HANDLERS - 1], ev->count, HandlerWorld;
    ensures HandlerFrame{Pre,Post}(ev);
*/
uint64_t dispatch_call_handler(struct event *ev, uint32_t i, void *args);

/*@ requires EventValid(ev) && ev->raising == 1;
    requires i < ev->count && ev->entry[i].live == 1 && ev->entry[i].guard != \null;
    terminates \true;
    assigns \nothing;
    ensures \result == 0 || \result == 1;
*/
int dispatch_call_guard(const struct event *ev, uint32_t i, const void *args);

/*@ requires EventValid(ev) && ev->raising == 1 && ev->fallback != \null;
    terminates \true;
    assigns ev->entry[0 .. EVENT_HANDLERS - 1], ev->count, HandlerWorld;
    ensures HandlerFrame{Pre,Post}(ev);
*/
uint64_t dispatch_call_default(struct event *ev, void *args);

/*@ requires a != \null && AuthoriserAdmitted(a);
    terminates \true;
    assigns \nothing;
    ensures \result != 0 <==> Authorises(a, event, installer);
*/
int dispatch_call_authoriser(authoriser_fn a, uint32_t event, uint32_t installer);

#else

static inline uint64_t dispatch_call_handler(struct event *ev, uint32_t i, void *args)
{
    return ev->entry[i].fn(ev->entry[i].closure, args);
}

static inline int dispatch_call_guard(const struct event *ev, uint32_t i, const void *args)
{
    return ev->entry[i].guard(ev->entry[i].closure, args) != 0;
}

static inline uint64_t dispatch_call_default(struct event *ev, void *args)
{
    return ev->fallback(ev->fallback_closure, args);
}

static inline int dispatch_call_authoriser(authoriser_fn a, uint32_t event, uint32_t installer)
{
    return a(event, installer) != 0;
}

#endif
#endif
