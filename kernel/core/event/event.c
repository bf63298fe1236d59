/* One event's handler table: install, uninstall, and the sweep of the
 * tombstones a raise leaves. The authoriser is called through
 * dispatch_call.h. */
#include "event/event.h"
#include "event/dispatch_call.h"

void event_reset(struct event *ev, uint32_t id)
{
    /*@ loop invariant 0 <= i <= EVENT_HANDLERS;
        loop invariant \forall integer j; 0 <= j < i ==> ev->run[j].ran_in == 0;
        loop assigns i, ev->run[0 .. EVENT_HANDLERS - 1];
        loop variant EVENT_HANDLERS - i;
    */
    for (uint32_t i = 0; i < EVENT_HANDLERS; i++) {
        ev->run[i].ran_in = 0;
        ev->run[i].result = 0;
    }
    ev->obj.type = CAP_EVENT;
    ev->obj.id = id;
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

void event_declare(struct event *ev, const struct event_decl *decl, uint32_t id)
{
    event_reset(ev, id);
    ev->name = decl->name;
    ev->prototype = decl->prototype;
    ev->contract = decl->contract;
    ev->owner = decl->owner;
    ev->policy = decl->policy;
    ev->fallback = decl->fallback;
    ev->fallback_closure = decl->fallback_closure;
    ev->authorise = decl->authorise;
}

/*@ requires EventValid(ev);
    terminates \true;
    assigns \nothing;
    ensures \result != 0 <==> EventMayInstall(ev, installer);
*/
static int may_install(const struct event *ev, uint32_t installer)
{
    if (!ev->authorise)
        return installer == ev->owner;
    return dispatch_call_authoriser(ev->authorise, ev->obj.id, installer);
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

/* Entry j (and its run record) holds what entry i held at label L.
 * Spelled out, not EntrySame{L,Here}: cvc4 and z3 do not unfold a
 * two-label predicate among a loop's hypotheses, and time out. */
#define HOLDS_ENTRY_AT(j, i, L) \
    (ev->entry[j].fn == \at(ev->entry[i].fn, L) && ev->entry[j].guard == \at(ev->entry[i].guard, L) && \
     ev->entry[j].closure == \at(ev->entry[i].closure, L) && \
     ev->entry[j].installer == \at(ev->entry[i].installer, L) && \
     ev->entry[j].live == \at(ev->entry[i].live, L) && \
     ev->run[j].ran_in == \at(ev->run[i].ran_in, L) && ev->run[j].result == \at(ev->run[i].result, L))

/* Entry to (and its run record) becomes a copy of entry from; the others
 * stay. */
/*@ requires \valid(ev) && to <= from < EVENT_HANDLERS;
    terminates \true;
    assigns ev->entry[to], ev->run[to];
    ensures HOLDS_ENTRY_AT(to, from, Pre);
    ensures \forall integer j; 0 <= j < EVENT_HANDLERS && j != to ==> HOLDS_ENTRY_AT(j, j, Pre);
    ensures ev->count == \old(ev->count) && ev->raises == \old(ev->raises);
*/
static void move_entry(struct event *ev, uint32_t from, uint32_t to)
{
    ev->entry[to] = ev->entry[from];
    ev->run[to] = ev->run[from];
}

/*@ requires \valid_read(ev) && r < EVENT_HANDLERS;
    terminates \true;
    assigns \nothing;
    ensures \result != 0 <==> Keeps(ev, r, fn, closure);
*/
static int keeps(const struct event *ev, uint32_t r, handler_fn fn, void *closure)
{
    return ev->entry[r].live == 1 && !(ev->entry[r].fn == fn && ev->entry[r].closure == closure);
}

/*@ requires \valid(ev);
    terminates \true;
    assigns ev->count;
    ensures ev->count == n;
    ensures \forall integer j; 0 <= j < EVENT_HANDLERS ==> HOLDS_ENTRY_AT(j, j, Pre);
    ensures \forall integer j; 0 <= j < EVENT_HANDLERS ==> EntrySame{Pre,Post}(ev, j, j);
*/
static void set_count(struct event *ev, uint32_t n)
{
    ev->count = n;
}

/* Removes tombstones and every entry of (fn, closure); the survivors keep
 * their order. */
/*@ requires EventValid(ev) && ev->raising == 0;
    terminates \true;
    assigns ev->entry[0 .. EVENT_HANDLERS - 1], ev->run[0 .. EVENT_HANDLERS - 1], ev->count;
    ensures EventValid(ev);
    ensures EventSwept{Pre,Post}(ev, ev->count, fn, closure);
    ensures gone: \forall integer j; 0 <= j < ev->count ==>
      !(ev->entry[j].fn == fn && ev->entry[j].closure == closure);
    ensures ev->count <= \old(ev->count);
*/
static void sweep(struct event *ev, handler_fn fn, void *closure)
{
    uint32_t w = 0, n = ev->count;
    /*@ loop invariant 0 <= w <= r <= n && n <= EVENT_HANDLERS && n == \at(ev->count, Pre) && ev->count == n;
        loop invariant rank: \forall integer q; q == r ==> w == \at(KeepRank(ev, q, fn, closure), Pre);
        loop invariant placed: \forall integer q; 0 <= q < r && \at(Keeps(ev, q, fn, closure), Pre) ==>
          \let k = \at(KeepRank(ev, q, fn, closure), Pre); 0 <= k < w && HOLDS_ENTRY_AT(k, q, Pre);
        loop invariant unread: \forall integer j; r <= j < n ==> HOLDS_ENTRY_AT(j, j, Pre);
        loop invariant written: \forall integer j; 0 <= j < w ==>
          ev->entry[j].live == 1 && EntryValid(&ev->entry[j]) &&
          !(ev->entry[j].fn == fn && ev->entry[j].closure == closure);
        loop invariant runs: \forall integer j; 0 <= j < EVENT_HANDLERS ==> ev->run[j].ran_in <= ev->raises;
        loop assigns r, w, ev->entry[0 .. EVENT_HANDLERS - 1], ev->run[0 .. EVENT_HANDLERS - 1];
        loop variant n - r;
    */
    for (uint32_t r = 0; r < n; r++) {
        if (keeps(ev, r, fn, closure)) {
            move_entry(ev, r, w);
            w++;
        }
    }
    //@ assert swept: EventSwept{Pre,Here}(ev, w, fn, closure);
    set_count(ev, w);
}

/*@ requires EventValid(ev) && ev->count < EVENT_HANDLERS;
    requires fn != \null && HandlerAdmitted(fn) && (guard == \null || GuardAdmitted(guard));
    terminates \true;
    assigns ev->entry[ev->count], ev->count;
    ensures EventValid(ev) && ev->count == \old(ev->count) + 1;
    ensures \let n = \old(ev->count);
      EntryIs(&ev->entry[n], fn, closure) && ev->entry[n].guard == guard &&
      ev->entry[n].installer == installer;
    ensures \forall integer j; 0 <= j < \old(ev->count) ==> EntrySame{Pre,Post}(ev, j, j);
    ensures EntriesSame{Pre,Post}(ev, \old(ev->count));
*/
static void append(struct event *ev, handler_fn fn, guard_fn guard, void *closure, uint32_t installer)
{
    struct handler_entry *e = &ev->entry[ev->count];
    e->fn = fn;
    e->guard = guard;
    e->closure = closure;
    e->installer = installer;
    e->live = 1;
    e->installed_at = ev->raises;
    ev->count++;
}

int event_install(struct event *ev, handler_fn fn, guard_fn guard, void *closure, uint32_t installer)
{
    if (!ev)
        return DISPATCH_ERR_UNKNOWN_EVENT;
    if (!fn)
        return DISPATCH_ERR_NULL_HANDLER;
    if (!may_install(ev, installer))
        return DISPATCH_ERR_DENIED;
    if (has_entry(ev, fn, closure))
        return DISPATCH_ERR_DUPLICATE;
    if (!ev->raising)
        sweep(ev, 0, 0);
    if (ev->count == EVENT_HANDLERS)
        return DISPATCH_ERR_FULL;
    append(ev, fn, guard, closure, installer);
    /* Stated here, without the behaviors' hypotheses: as the ok
     * postcondition alone it took cvc4 about 28 s. */
    /*@ assert appended: EntryIs(&ev->entry[ev->count - 1], fn, closure) &&
          ev->entry[ev->count - 1].guard == guard && ev->entry[ev->count - 1].installer == installer; */
    return DISPATCH_OK;
}

/* Every entry of (fn, closure) becomes a tombstone, in place. */
/*@ requires EventValid(ev) && ev->raising == 1;
    terminates \true;
    assigns ev->entry[0 .. EVENT_HANDLERS - 1];
    ensures EventValid(ev) && !EventHas(ev, fn, closure);
    ensures HandlerFrame{Pre,Post}(ev);
*/
static void bury(struct event *ev, handler_fn fn, void *closure)
{
    /*@ loop invariant 0 <= i <= ev->count;
        loop invariant EventValid(ev) && HandlerFrame{Pre,Here}(ev);
        loop invariant \forall integer j; 0 <= j < i ==> !EntryIs(&ev->entry[j], fn, closure);
        loop assigns i, ev->entry[0 .. EVENT_HANDLERS - 1];
        loop variant ev->count - i;
    */
    for (uint32_t i = 0; i < ev->count; i++) {
        struct handler_entry *e = &ev->entry[i];
        if (e->live && e->fn == fn && e->closure == closure)
            e->live = 0;
    }
}

int event_uninstall(struct event *ev, handler_fn fn, void *closure)
{
    if (!ev)
        return DISPATCH_ERR_UNKNOWN_EVENT;
    if (!has_entry(ev, fn, closure))
        return DISPATCH_ERR_ABSENT;
    if (ev->raising)
        bury(ev, fn, closure);
    else
        sweep(ev, fn, closure);
    return DISPATCH_OK;
}
