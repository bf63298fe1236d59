/* Raising an event: the dispatcher's hot path. */
#ifndef SPINEL_RAISE_H
#define SPINEL_RAISE_H

#include "event/event.h"
#include "event/raise.acsl"

/* Raises ev: runs, in installation order, each handler installed when the
 * raise began that is still installed when its turn comes and whose guard
 * (if any) returns nonzero; the default handler if none ran. The result
 * follows the event's policy. A raise of an event from within its own
 * raise is refused and runs nothing: event recursion is recursion, and
 * extensions must terminate. */
/* What a raise that ran promises: the behavior "raised" of event_raise,
 * which both ways through raise.c (one unguarded handler; the general
 * loop) are proved against. */
#define RAISED_ENSURES \
      ensures EventValid(ev); \
      ensures ev->raising == 0 && ev->raises == \old(ev->raises) + 1; \
      ensures stable: ev->count >= \old(ev->count) && EntriesKept{Pre,Post}(ev, \old(ev->count)); \
      ensures only_installed_ran: \forall integer i; 0 <= i < \old(ev->count) ==> \
        Ran(ev, i) ==> \old(ev->entry[i].live) == 1; \
      ensures unguarded_ran: \forall integer i; 0 <= i < \old(ev->count) ==> \
        ev->entry[i].live == 1 && ev->entry[i].guard == \null ==> Ran(ev, i); \
      ensures others_untouched: \forall integer i; 0 <= i < \old(ev->count) ==> !Ran(ev, i) ==> \
        ev->run[i].ran_in == \old(ev->run[i].ran_in) && ev->run[i].result == \old(ev->run[i].result); \
      ensures ran_count: ev->last_ran <= \old(ev->count) && \
        (ev->last_ran == 0 <==> RanNone(ev, \old(ev->count))); \
      ensures result: ev->last_ran > 0 ==> PolicyResult(ev, \old(ev->count), \result); \
      ensures default: ev->default_calls == \
        \old(ev->default_calls) + (ev->last_ran == 0 && ev->fallback != \null ? 1 : 0); \
      ensures no_default: ev->last_ran == 0 && ev->fallback == \null ==> \result == 0;

/*@ requires EventValid(ev);
    requires ev->raises < 0xFFFFFFFFFFFFFFFF;
    terminates \true;
    assigns ev->entry[0 .. EVENT_HANDLERS - 1], ev->run[0 .. EVENT_HANDLERS - 1], ev->count, ev->raising,
            ev->raises, ev->default_calls, ev->refused, ev->last_ran, HandlerWorld;
    ensures EventValid(ev);
    behavior nested:
      assumes ev->raising == 1;
      ensures \result == 0 && EventUnchanged{Pre,Post}(ev) && ev->raising == 1;
    behavior raised:
      assumes ev->raising == 0;
      RAISED_ENSURES
    complete behaviors;
    disjoint behaviors;
*/
uint64_t event_raise(struct event *ev, void *args);

#endif
