/* The event dispatcher: events declared by their owners, handlers
 * installed with the owner's authoriser's consent, raise runs them. */
#ifndef SPINEL_DISPATCH_H
#define SPINEL_DISPATCH_H

#include <stdint.h>
#include "cap.h"

#define EVENT_HANDLERS 16u /* handlers per event */
#define DISPATCH_EVENTS 32u

/* Every handler has this shape; an event's own prototype is a struct of
 * arguments passed as args (see the event's header). closure is what the
 * installer gave with the handler. */
typedef uint64_t (*handler_fn)(void *closure, void *args);
/* Guards choose whether their handler runs: nonzero to run. Proved
 * side-effect-free (assigns \nothing) for extensions. */
typedef int (*guard_fn)(void *closure, const void *args);
/* May installer install on event id? Pure. */
typedef int (*authoriser_fn)(uint32_t event, uint32_t installer);

/* How the results of the handlers that ran make the raise's result (as
 * SPIN's result handlers): the first's, the last's, whether all returned
 * nonzero, whether any did. With no handler run, the default handler's
 * result, or 0 without one. */
enum dispatch_policy {
    POLICY_FIRST = 0,
    POLICY_LAST = 1,
    POLICY_ALL_TRUE = 2,
    POLICY_ANY_TRUE = 3,
    POLICY_COUNT = 4
};

enum dispatch_err {
    DISPATCH_OK = 0,
    DISPATCH_ERR_UNKNOWN_EVENT = 1, /* no event with that id */
    DISPATCH_ERR_NULL_HANDLER = 2,
    DISPATCH_ERR_DENIED = 3,        /* the event's authoriser said no */
    DISPATCH_ERR_DUPLICATE = 4,     /* that handler and closure are installed */
    DISPATCH_ERR_FULL = 5,          /* the event's handler table is full */
    DISPATCH_ERR_ABSENT = 6,        /* uninstall of a handler not installed */
    DISPATCH_ERR_TOO_MANY_EVENTS = 7,
    DISPATCH_ERR_BAD_POLICY = 8,
    DISPATCH_ERR_COUNT = 9
};

struct handler_entry {
    handler_fn fn;
    guard_fn guard; /* null: always runs */
    void *closure;
    uint32_t installer;
    uint8_t live;   /* 0: a tombstone, uninstalled during a raise */
    uint64_t ran_in;      /* number of the last raise that ran it */
    uint64_t last_result; /* what it returned then */
};

/* What the owner states when it declares an event. */
struct event_decl {
    const char *name;
    const char *prototype; /* the handler prototype, for listings and admission */
    const char *contract;  /* the name of the ACSL handler contract in spec/ */
    uint32_t owner;
    uint32_t policy;       /* enum dispatch_policy */
    handler_fn fallback;   /* default handler, may be null */
    void *fallback_closure;
    authoriser_fn authorise; /* null: only the owner may install */
};

struct event {
    struct kobject obj; /* an event is a capability (CAP_EVENT) */
    const char *name, *prototype, *contract;
    uint32_t owner;
    uint32_t policy;
    handler_fn fallback;
    void *fallback_closure;
    authoriser_fn authorise;
    uint32_t count;      /* entries 0 .. count-1, in installation order */
    uint8_t raising;     /* a raise of this event is running */
    uint64_t raises;     /* raises run so far; also the number of the last */
    uint64_t default_calls;
    uint64_t refused;    /* raises refused because one was running */
    uint32_t last_ran;   /* handlers the last raise ran */
    struct handler_entry entry[EVENT_HANDLERS];
};

struct dispatcher {
    uint32_t nevents; /* events 0 .. nevents-1 are declared */
    struct event ev[DISPATCH_EVENTS];
};

#include "dispatch.acsl"

/* Handler memory outside the raised event (the extensions' own state and
 * other events): a handler may write it, the raise contract says nothing
 * about it. */
/*@ ghost extern int HandlerWorld; */

/* No events. */
/*@ requires \valid(d);
    terminates \true;
    assigns *d;
    ensures DispatcherValid(d) && d->nevents == 0;
*/
void dispatch_init(struct dispatcher *d);

/* Declares an event; its id is its index. */
/*@ requires DispatcherValid(d) && \valid_read(decl) && \valid(id);
    requires \separated(d, decl, id);
    requires decl->fallback == \null || HandlerAdmitted(decl->fallback);
    requires decl->authorise == \null || AuthoriserAdmitted(decl->authorise);
    terminates \true;
    assigns d->nevents, d->ev[0 .. DISPATCH_EVENTS - 1], *id;
    ensures DispatcherValid(d);
    behavior too_many:
      assumes d->nevents >= DISPATCH_EVENTS;
      ensures \result == DISPATCH_ERR_TOO_MANY_EVENTS && d->nevents == \old(d->nevents);
    behavior bad_policy:
      assumes d->nevents < DISPATCH_EVENTS && decl->policy >= POLICY_COUNT;
      ensures \result == DISPATCH_ERR_BAD_POLICY && d->nevents == \old(d->nevents);
    behavior ok:
      assumes d->nevents < DISPATCH_EVENTS && decl->policy < POLICY_COUNT;
      ensures \result == DISPATCH_OK && *id == \old(d->nevents) && d->nevents == *id + 1;
      ensures \let ev = &d->ev[*id];
        ev->count == 0 && ev->raises == 0 && ev->raising == 0 &&
        ev->owner == decl->owner && ev->policy == decl->policy &&
        ev->fallback == decl->fallback && ev->authorise == decl->authorise &&
        ev->obj.type == CAP_EVENT && ev->obj.id == *id;
    complete behaviors;
    disjoint behaviors;
*/
int dispatch_declare(struct dispatcher *d, const struct event_decl *decl, uint32_t *id);

/* Installs fn (with its guard and closure) last on event id, if the
 * event's authoriser lets installer do it. Outside a raise of the event,
 * tombstones are swept first. During a raise of the event the new handler
 * does not run in that raise. */
/*@ requires DispatcherValid(d);
    requires fn == \null || HandlerAdmitted(fn);
    requires guard == \null || GuardAdmitted(guard);
    terminates \true;
    assigns d->ev[0 .. DISPATCH_EVENTS - 1];
    ensures DispatcherValid(d);
    ensures d->nevents == \old(d->nevents);
    ensures others: OtherEventsUnchanged{Pre,Post}(d, id);
    behavior unknown:
      assumes id >= d->nevents;
      ensures \result == DISPATCH_ERR_UNKNOWN_EVENT;
    behavior null:
      assumes id < d->nevents && fn == \null;
      ensures \result == DISPATCH_ERR_NULL_HANDLER;
      ensures EventUnchanged{Pre,Post}(&d->ev[id]);
    behavior denied:
      assumes id < d->nevents && fn != \null && !EventMayInstall(&d->ev[id], id, installer);
      ensures \result == DISPATCH_ERR_DENIED;
      ensures EventUnchanged{Pre,Post}(&d->ev[id]);
    behavior duplicate:
      assumes id < d->nevents && fn != \null && EventMayInstall(&d->ev[id], id, installer);
      assumes EventHas(&d->ev[id], fn, closure);
      ensures \result == DISPATCH_ERR_DUPLICATE;
      ensures EventUnchanged{Pre,Post}(&d->ev[id]);
    behavior full:
      assumes id < d->nevents && fn != \null && EventMayInstall(&d->ev[id], id, installer);
      assumes !EventHas(&d->ev[id], fn, closure);
      assumes EventRoomAfterSweep(&d->ev[id]) == 0;
      ensures \result == DISPATCH_ERR_FULL;
      ensures \let ev = &d->ev[id];
        \at(ev->raising, Pre) == 0 ==> EventSwept{Pre,Post}(ev, ev->count, \null, \null);
      ensures \at(d->ev[id].raising, Pre) == 1 ==> EventUnchanged{Pre,Post}(&d->ev[id]);
    behavior ok:
      assumes id < d->nevents && fn != \null && EventMayInstall(&d->ev[id], id, installer);
      assumes !EventHas(&d->ev[id], fn, closure);
      assumes EventRoomAfterSweep(&d->ev[id]) > 0;
      ensures \result == DISPATCH_OK;
      ensures \let ev = &d->ev[id]; \let n = ev->count - 1;
        EntryIs(&ev->entry[n], fn, closure) && ev->entry[n].guard == guard &&
        ev->entry[n].installer == installer;
      ensures kept: \let ev = &d->ev[id];
        \at(ev->raising, Pre) == 0 ==> EventSwept{Pre,Post}(ev, ev->count - 1, \null, \null);
      ensures kept_during_raise: \let ev = &d->ev[id];
        \at(ev->raising, Pre) == 1 ==> ev->count == \at(ev->count, Pre) + 1 &&
          \forall integer j; 0 <= j < ev->count - 1 ==> EntrySame{Pre,Post}(ev, j, j);
    complete behaviors;
    disjoint behaviors;
*/
int dispatch_install(struct dispatcher *d, uint32_t id, handler_fn fn, guard_fn guard, void *closure,
                     uint32_t installer);

/* Uninstalls fn with closure from event id. Outside a raise of the event
 * its entry goes at once (with any tombstones) and the others keep their
 * order; during one it becomes a tombstone: it does not run again, even
 * later in that raise. */
/*@ requires DispatcherValid(d);
    terminates \true;
    assigns d->ev[0 .. DISPATCH_EVENTS - 1];
    ensures DispatcherValid(d);
    ensures d->nevents == \old(d->nevents);
    ensures others: OtherEventsUnchanged{Pre,Post}(d, id);
    behavior unknown:
      assumes id >= d->nevents;
      ensures \result == DISPATCH_ERR_UNKNOWN_EVENT;
    behavior absent:
      assumes id < d->nevents && !EventHas(&d->ev[id], fn, closure);
      ensures \result == DISPATCH_ERR_ABSENT;
      ensures EventUnchanged{Pre,Post}(&d->ev[id]);
    behavior during_raise:
      assumes id < d->nevents && EventHas(&d->ev[id], fn, closure) && d->ev[id].raising == 1;
      ensures \result == DISPATCH_OK;
      ensures !EventHas(&d->ev[id], fn, closure);
      ensures HandlerFrame{Pre,Post}(&d->ev[id]) && d->ev[id].count == \old(d->ev[id].count);
    behavior outside_raise:
      assumes id < d->nevents && EventHas(&d->ev[id], fn, closure) && d->ev[id].raising == 0;
      ensures \result == DISPATCH_OK;
      ensures !EventHas(&d->ev[id], fn, closure);
      ensures EventSwept{Pre,Post}(&d->ev[id], d->ev[id].count, fn, closure);
    complete behaviors;
    disjoint behaviors;
*/
int dispatch_uninstall(struct dispatcher *d, uint32_t id, handler_fn fn, void *closure);

/* Raises ev: runs, in installation order, each handler installed when the
 * raise began that is still installed when its turn comes and whose guard
 * (if any) returns nonzero; the default handler if none ran. The result
 * follows the event's policy. A raise of an event from within its own
 * raise is refused and runs nothing: event recursion is recursion, and
 * extensions must terminate. */
/*@ requires EventValid(ev);
    requires ev->raises < 0xFFFFFFFFFFFFFFFF;
    terminates \true;
    assigns ev->entry[0 .. EVENT_HANDLERS - 1], ev->count, ev->raising,
            ev->raises, ev->default_calls, ev->refused, ev->last_ran, HandlerWorld;
    ensures EventValid(ev);
    behavior nested:
      assumes ev->raising == 1;
      ensures \result == 0 && EventUnchanged{Pre,Post}(ev) && ev->raising == 1;
    behavior raised:
      assumes ev->raising == 0;
      ensures ev->raising == 0 && ev->raises == \old(ev->raises) + 1;
      ensures stable: \forall integer i; 0 <= i < \old(ev->count) ==>
        ev->entry[i].fn == \old(ev->entry[i].fn) && ev->entry[i].guard == \old(ev->entry[i].guard) &&
        ev->entry[i].closure == \old(ev->entry[i].closure) &&
        ev->entry[i].installer == \old(ev->entry[i].installer) &&
        (ev->entry[i].live == 1 ==> \old(ev->entry[i].live) == 1);
      ensures only_installed_ran: \forall integer i; 0 <= i < \old(ev->count) ==>
        Ran(ev, i) ==> \old(ev->entry[i].live) == 1;
      ensures unguarded_ran: \forall integer i; 0 <= i < \old(ev->count) ==>
        ev->entry[i].live == 1 && ev->entry[i].guard == \null ==> Ran(ev, i);
      ensures others_untouched: \forall integer i; 0 <= i < \old(ev->count) ==> !Ran(ev, i) ==>
        ev->entry[i].ran_in == \old(ev->entry[i].ran_in) &&
        ev->entry[i].last_result == \old(ev->entry[i].last_result);
      ensures ran_count: ev->last_ran <= \old(ev->count) &&
        (ev->last_ran == 0 <==> RanNone(ev, \old(ev->count)));
      ensures result: ev->last_ran > 0 ==> PolicyResult(ev, \old(ev->count), \result);
      ensures default: ev->default_calls ==
        \old(ev->default_calls) + (ev->last_ran == 0 && ev->fallback != \null ? 1 : 0);
      ensures no_default: ev->last_ran == 0 && ev->fallback == \null ==> \result == 0;
    complete behaviors;
    disjoint behaviors;
*/
uint64_t dispatch_raise(struct event *ev, void *args);

/* The event with that id, or null. */
/*@ requires DispatcherValid(d);
    terminates \true;
    assigns \nothing;
    ensures id < d->nevents ==> \result == &d->ev[id];
    ensures id >= d->nevents ==> \result == \null;
*/
struct event *dispatch_event(struct dispatcher *d, uint32_t id);

#endif
