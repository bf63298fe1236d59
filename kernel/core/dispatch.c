/* The event dispatcher: declare, install, uninstall, raise. Handlers are
 * called through dispatch_call.h, under the handler contract. */
#include "dispatch.h"
#include "dispatch_call.h"

/*@ ghost int HandlerWorld; */

/*@ requires \valid(ev);
    terminates \true;
    assigns *ev;
    ensures EventValid(ev) && ev->count == 0 && ev->raises == 0 && ev->raising == 0;
*/
static void event_clear(struct event *ev)
{
    ev->obj.type = CAP_EVENT;
    ev->obj.id = 0;
    ev->name = ev->prototype = ev->contract = 0;
    ev->owner = 0;
    ev->policy = POLICY_FIRST;
    ev->fallback = 0;
    ev->fallback_closure = 0;
    ev->authorise = 0;
    ev->count = 0;
    ev->raising = 0;
    ev->raises = 0;
    ev->default_calls = 0;
    ev->refused = 0;
    ev->last_ran = 0;
}

void dispatch_init(struct dispatcher *d)
{
    d->nevents = 0;
    /*@ loop invariant 0 <= k <= DISPATCH_EVENTS && d->nevents == 0;
        loop invariant \forall integer j; 0 <= j < k ==> EventValid(&d->ev[j]);
        loop assigns k, d->ev[0 .. DISPATCH_EVENTS - 1];
        loop variant DISPATCH_EVENTS - k;
    */
    for (uint32_t k = 0; k < DISPATCH_EVENTS; k++)
        event_clear(&d->ev[k]);
}

int dispatch_declare(struct dispatcher *d, const struct event_decl *decl, uint32_t *id)
{
    if (d->nevents >= DISPATCH_EVENTS)
        return DISPATCH_ERR_TOO_MANY_EVENTS;
    if (decl->policy >= POLICY_COUNT)
        return DISPATCH_ERR_BAD_POLICY;
    uint32_t n = d->nevents;
    struct event *ev = &d->ev[n];
    event_clear(ev);
    ev->obj.id = n;
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

/*@ requires EventValid(ev);
    terminates \true;
    assigns \nothing;
    ensures \result != 0 <==> EventMayInstall(ev, id, installer);
*/
static int may_install(const struct event *ev, uint32_t id, uint32_t installer)
{
    if (!ev->authorise)
        return installer == ev->owner;
    return dispatch_call_authoriser(ev->authorise, id, installer);
}

/*@ requires EventValid(ev);
    terminates \true;
    assigns \nothing;
    ensures \result != 0 <==> EventHas(ev, fn, closure);
*/
static int has_entry(const struct event *ev, handler_fn fn, void *closure)
{
    /*@ loop invariant 0 <= i <= ev->count;
        loop invariant \forall integer j; 0 <= j < i ==> !EntryIs(&ev->entry[j], fn, closure);
        loop assigns i;
        loop variant ev->count - i;
    */
    for (uint32_t i = 0; i < ev->count; i++) {
        const struct handler_entry *e = &ev->entry[i];
        if (e->live && e->fn == fn && e->closure == closure)
            return 1;
    }
    return 0;
}

/* Removes tombstones and every entry of (fn, closure); the survivors keep
 * their order. */
/*@ requires EventValid(ev) && ev->raising == 0;
    terminates \true;
    assigns ev->entry[0 .. EVENT_HANDLERS - 1], ev->count;
    ensures EventValid(ev);
    ensures EventSwept{Pre,Post}(ev, ev->count, fn, closure);
    ensures ev->count <= \old(ev->count);
*/
static void sweep(struct event *ev, handler_fn fn, void *closure)
{
    uint32_t w = 0, n = ev->count;
    /*@ loop invariant 0 <= w <= r <= n && n == \at(ev->count, Pre) && ev->count == n;
        loop invariant \forall integer q; q == r ==> w == \at(KeepRank(ev, q, fn, closure), Pre);
        loop invariant placed: \forall integer q; 0 <= q < r && \at(Keeps(ev, q, fn, closure), Pre) ==>
          \at(KeepRank(ev, q, fn, closure), Pre) < w &&
          EntrySame{Pre,Here}(ev, q, \at(KeepRank(ev, q, fn, closure), Pre));
        loop invariant unread: \forall integer j; r <= j < n ==> EntrySame{Pre,Here}(ev, j, j);
        loop invariant written: \forall integer j; 0 <= j < w ==>
          ev->entry[j].live == 1 && EntryValid(&ev->entry[j], ev->raises);
        loop assigns r, w, ev->entry[0 .. EVENT_HANDLERS - 1];
        loop variant n - r;
    */
    for (uint32_t r = 0; r < n; r++) {
        if (ev->entry[r].live && !(ev->entry[r].fn == fn && ev->entry[r].closure == closure)) {
            ev->entry[w] = ev->entry[r];
            w++;
        }
    }
    ev->count = w;
}

/*@ requires EventValid(ev) && ev->count < EVENT_HANDLERS;
    requires fn != \null && HandlerAdmitted(fn) && (guard == \null || GuardAdmitted(guard));
    terminates \true;
    assigns ev->entry[ev->count], ev->count;
    ensures EventValid(ev) && ev->count == \old(ev->count) + 1;
    ensures \let n = \old(ev->count);
      EntryIs(&ev->entry[n], fn, closure) && ev->entry[n].guard == guard &&
      ev->entry[n].installer == installer;
*/
static void append(struct event *ev, handler_fn fn, guard_fn guard, void *closure, uint32_t installer)
{
    struct handler_entry *e = &ev->entry[ev->count];
    e->fn = fn;
    e->guard = guard;
    e->closure = closure;
    e->installer = installer;
    e->live = 1;
    e->ran_in = 0;
    e->last_result = 0;
    ev->count++;
}

int dispatch_install(struct dispatcher *d, uint32_t id, handler_fn fn, guard_fn guard, void *closure,
                     uint32_t installer)
{
    if (id >= d->nevents)
        return DISPATCH_ERR_UNKNOWN_EVENT;
    if (!fn)
        return DISPATCH_ERR_NULL_HANDLER;
    struct event *ev = &d->ev[id];
    if (!may_install(ev, id, installer))
        return DISPATCH_ERR_DENIED;
    if (has_entry(ev, fn, closure))
        return DISPATCH_ERR_DUPLICATE;
    if (!ev->raising)
        sweep(ev, 0, 0);
    if (ev->count == EVENT_HANDLERS)
        return DISPATCH_ERR_FULL;
    append(ev, fn, guard, closure, installer);
    return DISPATCH_OK;
}

/* Every entry of (fn, closure) becomes a tombstone, in place. */
/*@ requires EventValid(ev) && ev->raising == 1;
    terminates \true;
    assigns ev->entry[0 .. EVENT_HANDLERS - 1].live;
    ensures EventValid(ev) && !EventHas(ev, fn, closure);
    ensures HandlerFrame{Pre,Post}(ev);
*/
static void bury(struct event *ev, handler_fn fn, void *closure)
{
    /*@ loop invariant 0 <= i <= ev->count;
        loop invariant EventValid(ev) && HandlerFrame{Pre,Here}(ev);
        loop invariant \forall integer j; 0 <= j < i ==> !EntryIs(&ev->entry[j], fn, closure);
        loop assigns i, ev->entry[0 .. EVENT_HANDLERS - 1].live;
        loop variant ev->count - i;
    */
    for (uint32_t i = 0; i < ev->count; i++) {
        struct handler_entry *e = &ev->entry[i];
        if (e->live && e->fn == fn && e->closure == closure)
            e->live = 0;
    }
}

int dispatch_uninstall(struct dispatcher *d, uint32_t id, handler_fn fn, void *closure)
{
    if (id >= d->nevents)
        return DISPATCH_ERR_UNKNOWN_EVENT;
    struct event *ev = &d->ev[id];
    if (!has_entry(ev, fn, closure))
        return DISPATCH_ERR_ABSENT;
    if (ev->raising)
        bury(ev, fn, closure);
    else
        sweep(ev, fn, closure);
    return DISPATCH_OK;
}

/* The result so far, after one more handler returned r. */
/*@ terminates \true;
    assigns \nothing;
    ensures policy == POLICY_FIRST ==> \result == (first ? r : acc);
    ensures policy == POLICY_LAST ==> \result == r;
    ensures policy == POLICY_ALL_TRUE ==> \result == (acc != 0 && r != 0 ? 1 : 0);
    ensures policy == POLICY_ANY_TRUE ==> \result == (acc != 0 || r != 0 ? 1 : 0);
*/
static uint64_t combine(uint32_t policy, uint64_t acc, uint64_t r, int first)
{
    switch (policy) {
    case POLICY_FIRST: return first ? r : acc;
    case POLICY_LAST: return r;
    case POLICY_ALL_TRUE: return acc != 0 && r != 0;
    default: return acc != 0 || r != 0;
    }
}

uint64_t dispatch_raise(struct event *ev, void *args)
{
    if (ev->raising) {
        if (ev->refused < UINT64_MAX)
            ev->refused++;
        return 0;
    }
    ev->raising = 1;
    uint64_t serial = ev->raises + 1;
    ev->raises = serial;
    uint32_t n = ev->count, ran = 0;
    uint64_t acc = ev->policy == POLICY_ALL_TRUE;
    /*@ loop invariant 0 <= i <= n && ran <= i && n == \at(ev->count, Pre) && ev->count >= n;
        loop invariant EventValid(ev) && ev->raising == 1 && ev->raises == serial;
        loop invariant serial == \at(ev->raises, Pre) + 1;
        loop invariant stable: \forall integer j; 0 <= j < n ==>
          ev->entry[j].fn == \at(ev->entry[j].fn, Pre) && ev->entry[j].guard == \at(ev->entry[j].guard, Pre) &&
          ev->entry[j].closure == \at(ev->entry[j].closure, Pre) &&
          ev->entry[j].installer == \at(ev->entry[j].installer, Pre) &&
          (ev->entry[j].live == 1 ==> \at(ev->entry[j].live, Pre) == 1);
        loop invariant unvisited: \forall integer j; i <= j < n ==>
          ev->entry[j].ran_in == \at(ev->entry[j].ran_in, Pre) &&
          ev->entry[j].last_result == \at(ev->entry[j].last_result, Pre);
        loop invariant \forall integer j; 0 <= j < i ==> Ran(ev, j) ==> \at(ev->entry[j].live, Pre) == 1;
        loop invariant \forall integer j; 0 <= j < i ==>
          ev->entry[j].live == 1 && ev->entry[j].guard == \null ==> Ran(ev, j);
        loop invariant \forall integer j; 0 <= j < i ==> !Ran(ev, j) ==>
          ev->entry[j].ran_in == \at(ev->entry[j].ran_in, Pre) &&
          ev->entry[j].last_result == \at(ev->entry[j].last_result, Pre);
        loop invariant ran == 0 <==> RanNone(ev, i);
        loop invariant ran == 0 ==> acc == (ev->policy == POLICY_ALL_TRUE ? 1 : 0);
        loop invariant ran > 0 ==> PolicyResult(ev, i, acc);
        loop assigns i, ran, acc, ev->entry[0 .. EVENT_HANDLERS - 1], ev->count, HandlerWorld;
        loop variant n - i;
    */
    for (uint32_t i = 0; i < n; i++) {
        if (!ev->entry[i].live)
            continue;
        if (ev->entry[i].guard && !dispatch_call_guard(ev, i, args))
            continue;
        uint64_t r = dispatch_call_handler(ev, i, args);
        ev->entry[i].ran_in = serial;
        ev->entry[i].last_result = r;
        acc = combine(ev->policy, acc, r, ran == 0);
        ran++;
    }
    if (ran == 0 && ev->fallback) {
        acc = dispatch_call_default(ev, args);
        ev->default_calls++;
    }
    ev->last_ran = ran;
    ev->raising = 0;
    return acc;
}
