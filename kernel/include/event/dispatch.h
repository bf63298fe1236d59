/* The event dispatcher: the table of events, declared by their owners.
 * Installing, uninstalling (event.h) and raising (raise.h) work on one
 * event, which kernel code and extensions name by capability. */
#ifndef SPINEL_DISPATCH_H
#define SPINEL_DISPATCH_H

#include <stdint.h>
#include "event/event.h"
#include "event/raise.h"

#define DISPATCH_EVENTS 32u

struct dispatcher {
    uint32_t nevents; /* events 0 .. nevents-1 are declared */
    struct event ev[DISPATCH_EVENTS];
};

#include "event/dispatch.acsl"

/* No events. */
/*@ requires \valid(d);
    terminates \true;
    assigns d->nevents;
    ensures DispatcherValid(d) && d->nevents == 0;
*/
void dispatch_init(struct dispatcher *d);

/* Declares an event; its id is its index. */
/*@ requires DispatcherValid(d) && \valid_read(decl) && \valid(id);
    requires \separated(d, decl, id);
    requires decl->fallback == \null || HandlerAdmitted(decl->fallback);
    requires decl->authorise == \null || AuthoriserAdmitted(decl->authorise);
    terminates \true;
    assigns d->nevents, d->ev[d->nevents], *id;
    ensures DispatcherValid(d);
    behavior too_many:
      assumes d->nevents >= DISPATCH_EVENTS;
      assigns \nothing;
      ensures \result == DISPATCH_ERR_TOO_MANY_EVENTS;
    behavior bad_policy:
      assumes d->nevents < DISPATCH_EVENTS && decl->policy >= POLICY_COUNT;
      assigns \nothing;
      ensures \result == DISPATCH_ERR_BAD_POLICY;
    behavior ok:
      assumes d->nevents < DISPATCH_EVENTS && decl->policy < POLICY_COUNT;
      ensures \result == DISPATCH_OK && *id == \old(d->nevents) && d->nevents == *id + 1;
      ensures EventDeclared(&d->ev[*id], decl, *id);
    complete behaviors;
    disjoint behaviors;
*/
int dispatch_declare(struct dispatcher *d, const struct event_decl *decl, uint32_t *id);

/* The event with that id, or null (which event_install and
 * event_uninstall refuse as an unknown event). */
/*@ requires DispatcherValid(d);
    terminates \true;
    assigns \nothing;
    ensures id < d->nevents ==> \result == &d->ev[id];
    ensures id >= d->nevents ==> \result == \null;
*/
struct event *dispatch_event(struct dispatcher *d, uint32_t id);

#endif
