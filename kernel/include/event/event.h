/* One event: its handler table, and installing and uninstalling handlers
 * on it. Events are named by capabilities (CAP_EVENT), so the operations
 * take the event itself; dispatch.h finds an event by id. */
#ifndef SPINEL_EVENT_H
#define SPINEL_EVENT_H

#include <stdint.h>
#include "cap/cap.h"

#define EVENT_HANDLERS 16u /* handlers per event */

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
    uint64_t installed_at; /* the event's raises when it was installed */
};

/* What the raises recorded of one entry; only raise writes it. */
struct handler_run {
    uint64_t ran_in; /* number of the last raise that ran the entry */
    uint64_t result; /* what the handler returned then */
};

struct event {
    struct kobject obj; /* an event is a capability (CAP_EVENT); obj.id is its id */
    const char *name, *prototype, *contract;
    uint32_t owner;
    uint32_t policy;
    handler_fn fallback; /* the default handler, may be null */
    void *fallback_closure;
    authoriser_fn authorise; /* null: only the owner may install */
    uint32_t count;      /* entries 0 .. count-1, in installation order */
    uint8_t raising;     /* a raise of this event is running */
    uint64_t raises;     /* raises run so far; also the number of the last */
    uint64_t default_calls;
    uint64_t refused;    /* raises refused because one was running */
    uint32_t last_ran;   /* handlers the last raise ran */
    struct handler_entry entry[EVENT_HANDLERS];
    struct handler_run run[EVENT_HANDLERS]; /* run[i] is entry[i]'s, moved with it */
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

#include "event/event.acsl"

/* Handler memory outside the raised event (the extensions' own state and
 * other events): a handler may write it, the raise contract says nothing
 * about it. */
/*@ ghost extern int HandlerWorld; */

/* An event with no handlers, no raises, first-result policy, owned by the
 * kernel, with id id. */
/*@ requires \valid(ev);
    terminates \true;
    assigns *ev;
    ensures EventValid(ev) && ev->count == 0 && ev->raises == 0 && ev->raising == 0;
    ensures ev->obj.type == CAP_EVENT && ev->obj.id == id;
    ensures ev->fallback == \null && ev->authorise == \null && ev->owner == 0;
*/
void event_reset(struct event *ev, uint32_t id);

/* Makes ev the event decl declares, with id id, no handlers and no raises. */
/*@ requires \valid(ev) && \valid_read(decl) && \separated(ev, decl);
    requires decl->policy < POLICY_COUNT;
    requires decl->fallback == \null || HandlerAdmitted(decl->fallback);
    requires decl->authorise == \null || AuthoriserAdmitted(decl->authorise);
    terminates \true;
    assigns *ev;
    ensures EventValid(ev) && EventDeclared(ev, decl, id);
*/
void event_declare(struct event *ev, const struct event_decl *decl, uint32_t id);

/* Installs fn (with its guard and closure) last on ev, if the event's
 * authoriser lets installer do it. Outside a raise of the event,
 * tombstones are swept first. During a raise of the event the new handler
 * does not run in that raise, and nothing but the entries and their
 * count change (in_raise): a handler may install. A null ev is an unknown
 * event. */
/*@ requires ev == \null || EventValid(ev);
    requires fn == \null || HandlerAdmitted(fn);
    requires guard == \null || GuardAdmitted(guard);
    terminates \true;
    assigns ev->entry[0 .. EVENT_HANDLERS - 1], ev->run[0 .. EVENT_HANDLERS - 1], ev->count;
    ensures ev != \null ==> EventValid(ev);
    behavior unknown:
      assumes ev == \null;
      ensures \result == DISPATCH_ERR_UNKNOWN_EVENT;
    behavior null:
      assumes ev != \null && fn == \null;
      ensures \result == DISPATCH_ERR_NULL_HANDLER;
      ensures EventUnchanged{Pre,Post}(ev);
    behavior denied:
      assumes ev != \null && fn != \null && !EventMayInstall(ev, installer);
      ensures \result == DISPATCH_ERR_DENIED;
      ensures EventUnchanged{Pre,Post}(ev);
    behavior duplicate:
      assumes ev != \null && fn != \null && EventMayInstall(ev, installer);
      assumes EventHas(ev, fn, closure);
      ensures \result == DISPATCH_ERR_DUPLICATE;
      ensures EventUnchanged{Pre,Post}(ev);
    behavior full:
      assumes ev != \null && fn != \null && EventMayInstall(ev, installer);
      assumes !EventHas(ev, fn, closure);
      assumes EventRoomAfterSweep(ev) <= 0;
      ensures \result == DISPATCH_ERR_FULL;
      ensures \old(ev->raising) == 0 ==> EventSwept{Pre,Post}(ev, ev->count, \null, \null);
      ensures \old(ev->raising) == 1 ==> EventUnchanged{Pre,Post}(ev);
    behavior ok:
      assumes ev != \null && fn != \null && EventMayInstall(ev, installer);
      assumes !EventHas(ev, fn, closure);
      assumes EventRoomAfterSweep(ev) > 0;
      ensures \result == DISPATCH_OK;
      ensures \let n = ev->count - 1;
        EntryIs(&ev->entry[n], fn, closure) && ev->entry[n].guard == guard &&
        ev->entry[n].installer == installer;
      ensures kept: \old(ev->raising) == 0 ==> EventSwept{Pre,Post}(ev, ev->count - 1, \null, \null);
      ensures kept_during_raise: \old(ev->raising) == 1 ==>
        ev->count == \old(ev->count) + 1 &&
        \forall integer j; 0 <= j < ev->count - 1 ==> EntrySame{Pre,Post}(ev, j, j);
    behavior in_raise:
      assumes ev != \null && ev->raising == 1;
      assigns ev->entry[0 .. EVENT_HANDLERS - 1], ev->count;
    complete behaviors unknown, null, denied, duplicate, full, ok;
    disjoint behaviors unknown, null, denied, duplicate, full, ok;
*/
int event_install(struct event *ev, handler_fn fn, guard_fn guard, void *closure, uint32_t installer);

/* Uninstalls fn with closure from ev. Outside a raise of the event its
 * entry goes at once (with any tombstones) and the others keep their
 * order; during one it becomes a tombstone: it does not run again, even
 * later in that raise. A null ev is an unknown event. */
/*@ requires ev == \null || EventValid(ev);
    terminates \true;
    assigns ev->entry[0 .. EVENT_HANDLERS - 1], ev->run[0 .. EVENT_HANDLERS - 1], ev->count;
    ensures ev != \null ==> EventValid(ev);
    behavior unknown:
      assumes ev == \null;
      ensures \result == DISPATCH_ERR_UNKNOWN_EVENT;
    behavior absent:
      assumes ev != \null && !EventHas(ev, fn, closure);
      ensures \result == DISPATCH_ERR_ABSENT;
      ensures EventUnchanged{Pre,Post}(ev);
    behavior during_raise:
      assumes ev != \null && EventHas(ev, fn, closure) && ev->raising == 1;
      ensures \result == DISPATCH_OK;
      ensures !EventHas(ev, fn, closure);
      ensures HandlerFrame{Pre,Post}(ev) && ev->count == \old(ev->count);
    behavior outside_raise:
      assumes ev != \null && EventHas(ev, fn, closure) && ev->raising == 0;
      ensures \result == DISPATCH_OK;
      ensures !EventHas(ev, fn, closure);
      ensures EventSwept{Pre,Post}(ev, ev->count, fn, closure);
    behavior in_raise:
      assumes ev != \null && ev->raising == 1;
      assigns ev->entry[0 .. EVENT_HANDLERS - 1], ev->count;
    complete behaviors unknown, absent, during_raise, outside_raise;
    disjoint behaviors unknown, absent, during_raise, outside_raise;
*/
int event_uninstall(struct event *ev, handler_fn fn, void *closure);

#endif
