/* Strands and their scheduler's bookkeeping: a fixed table of strands, the
 * state machine each one follows, and the run queue as tickets (the
 * runnable strand with the smallest ticket runs next). The context switch
 * and the stacks are the runtime's (kernel/strand/); this is only who may
 * run, and in which order. */
#ifndef SPINEL_SCHED_H
#define SPINEL_SCHED_H

#include <stdint.h>
#include "cap/cap.h"

#define STRANDS 32u
/* The ticket counter stops here: a strand that would need it is refused
 * (SCHED_ERR_TICKETS), the counter never wraps. */
#define SCHED_TICKET_LIMIT 0xFFFFFFFFFFFFFFFFull
/* Policy 0 is the trusted default round-robin scheduler; any other policy
 * is the id of the extension whose policy schedules the strand. */
#define SCHED_POLICY_DEFAULT 0u
/* Owner 0 is the kernel: its strands (the idle strand, the shell) are never
 * released with an owner. */
#define SCHED_OWNER_KERNEL 0u

enum strand_state {
    STRAND_FREE = 0,     /* no strand in this entry */
    STRAND_RUNNABLE = 1, /* in the run queue */
    STRAND_RUNNING = 2,  /* on the processor */
    STRAND_BLOCKED = 3,  /* waiting for sched_unblock */
    STRAND_DEAD = 4      /* killed, its entry not yet reaped */
};

enum sched_err {
    SCHED_OK = 0,
    SCHED_ERR_FULL = 1,        /* strand_create: no free entry */
    SCHED_ERR_IDLE = 2,        /* sched_pick: no strand is runnable */
    SCHED_ERR_BUSY = 3,        /* sched_pick: a strand is running already */
    SCHED_ERR_RANGE = 4,       /* no entry has this index */
    SCHED_ERR_NOT_RUNNING = 5, /* sched_checkpoint of a strand not running */
    SCHED_ERR_NOT_BLOCKED = 6, /* sched_unblock of a strand not blocked */
    SCHED_ERR_NOT_ACTIVE = 7,  /* sched_block of a strand neither running nor runnable */
    SCHED_ERR_FREE = 8,        /* sched_kill of an entry with no strand */
    SCHED_ERR_DEAD = 9,        /* sched_kill of a strand already dead */
    SCHED_ERR_NOT_DEAD = 10,   /* strand_reap of a strand not dead */
    SCHED_ERR_TICKETS = 11,    /* the ticket counter is at its limit */
    SCHED_ERR_KERNEL = 12,     /* sched_release_owner of the kernel */
    SCHED_ERR_COUNT = 13
};

struct strand {
    struct kobject obj; /* CAP_STRAND, id = the entry's index */
    uint32_t owner;     /* who created it: SCHED_OWNER_KERNEL or an extension */
    uint32_t policy;    /* SCHED_POLICY_DEFAULT or the scheduling extension */
    uint64_t ticket;    /* its place in the run queue while runnable */
    uint8_t state;      /* enum strand_state */
};

struct sched {
    struct strand strand[STRANDS];
    uint64_t next_ticket; /* the ticket the next enqueued strand gets */
};

#include "strand/sched.acsl"

/* Every entry free, each its own CAP_STRAND object; no ticket issued. */
/*@ requires \valid(s);
    terminates \true;
    assigns *s;
    ensures SchedValid(s);
    ensures all_free: \forall integer i; 0 <= i < STRANDS ==> StrandIs(s, i, STRAND_FREE);
    ensures s->next_ticket == 0;
*/
void sched_init(struct sched *s);

/* A new strand, blocked until sched_unblock starts it (the runtime first
 * gives it a stack), in the lowest free entry. */
/*@ requires SchedValid(s);
    requires \valid(index) && \separated(index, s);
    terminates \true;
    assigns s->strand[0 .. STRANDS - 1], *index;
    ensures SchedValid(s);
    ensures SchedFollows{Pre,Post}(s);
    behavior full:
      assumes !SchedHasFree(s);
      ensures \result == SCHED_ERR_FULL;
      ensures SchedSame{Pre,Post}(s);
    behavior ok:
      assumes SchedHasFree(s);
      ensures \result == SCHED_OK;
      ensures *index < STRANDS;
      ensures was_free: \let k = *index; \at(StrandIs(s, k, STRAND_FREE), Pre);
      ensures lowest: \forall integer j; 0 <= j < *index ==> !\at(StrandIs(s, j, STRAND_FREE), Pre);
      ensures blocked: StrandIs(s, *index, STRAND_BLOCKED);
      ensures s->strand[*index].owner == owner && s->strand[*index].policy == policy;
      ensures s->strand[*index].obj.type == CAP_STRAND && s->strand[*index].obj.id == *index;
      ensures others: SchedOthersSame{Pre,Post}(s, *index);
      ensures s->next_ticket == \old(s->next_ticket);
    complete behaviors;
    disjoint behaviors;
*/
int strand_create(struct sched *s, uint32_t owner, uint32_t policy, uint32_t *index);

/* The head of the run queue, the runnable strand with the smallest ticket,
 * becomes the running one. Nothing is picked while a strand runs. */
/*@ requires SchedValid(s);
    requires \valid(index) && \separated(index, s);
    terminates \true;
    assigns s->strand[0 .. STRANDS - 1].state, *index;
    ensures SchedValid(s);
    ensures SchedFollows{Pre,Post}(s);
    behavior busy:
      assumes SchedHasRunning(s);
      ensures \result == SCHED_ERR_BUSY;
      ensures SchedSame{Pre,Post}(s);
    behavior idle:
      assumes !SchedHasRunning(s) && !SchedHasRunnable(s);
      ensures \result == SCHED_ERR_IDLE;
      ensures SchedSame{Pre,Post}(s);
    behavior ok:
      assumes !SchedHasRunning(s) && SchedHasRunnable(s);
      ensures \result == SCHED_OK;
      ensures *index < STRANDS;
      ensures was_runnable: \let k = *index; \at(StrandIs(s, k, STRAND_RUNNABLE), Pre);
      ensures first: \forall integer j; 0 <= j < STRANDS && j != *index &&
        \at(StrandIs(s, j, STRAND_RUNNABLE), Pre) ==> SchedAhead(s, *index, j);
      ensures running: StrandMoved{Pre,Post}(s, *index, STRAND_RUNNING);
    complete behaviors;
    disjoint behaviors;
*/
int sched_pick(struct sched *s, uint32_t *index);

/* The running strand is preempted (the timer) or yields (SPIN's
 * Checkpoint): it goes to the back of the run queue, behind every strand
 * already runnable. */
/*@ requires SchedValid(s);
    terminates \true;
    assigns s->strand[0 .. STRANDS - 1].state, s->strand[0 .. STRANDS - 1].ticket, s->next_ticket;
    ensures SchedValid(s);
    ensures SchedFollows{Pre,Post}(s);
    behavior range:
      assumes index >= STRANDS;
      ensures \result == SCHED_ERR_RANGE && SchedSame{Pre,Post}(s);
    behavior not_running:
      assumes index < STRANDS && !StrandIs(s, index, STRAND_RUNNING);
      ensures \result == SCHED_ERR_NOT_RUNNING && SchedSame{Pre,Post}(s);
    behavior tickets:
      assumes index < STRANDS && StrandIs(s, index, STRAND_RUNNING);
      assumes s->next_ticket == SCHED_TICKET_LIMIT;
      ensures \result == SCHED_ERR_TICKETS && SchedSame{Pre,Post}(s);
    behavior ok:
      assumes index < STRANDS && StrandIs(s, index, STRAND_RUNNING);
      assumes s->next_ticket < SCHED_TICKET_LIMIT;
      ensures \result == SCHED_OK;
      ensures last: StrandQueued{Pre,Post}(s, index);
    complete behaviors;
    disjoint behaviors;
*/
int sched_checkpoint(struct sched *s, uint32_t index);

/* A running or runnable strand waits: out of the run queue until
 * sched_unblock. */
/*@ requires SchedValid(s);
    terminates \true;
    assigns s->strand[0 .. STRANDS - 1].state;
    ensures SchedValid(s);
    ensures SchedFollows{Pre,Post}(s);
    behavior range:
      assumes index >= STRANDS;
      ensures \result == SCHED_ERR_RANGE && SchedSame{Pre,Post}(s);
    behavior not_active:
      assumes index < STRANDS;
      assumes !StrandIs(s, index, STRAND_RUNNING) && !StrandIs(s, index, STRAND_RUNNABLE);
      ensures \result == SCHED_ERR_NOT_ACTIVE && SchedSame{Pre,Post}(s);
    behavior ok:
      assumes index < STRANDS;
      assumes StrandIs(s, index, STRAND_RUNNING) || StrandIs(s, index, STRAND_RUNNABLE);
      ensures \result == SCHED_OK;
      ensures blocked: StrandMoved{Pre,Post}(s, index, STRAND_BLOCKED);
    complete behaviors;
    disjoint behaviors;
*/
int sched_block(struct sched *s, uint32_t index);

/* A blocked strand becomes runnable, at the back of the run queue. */
/*@ requires SchedValid(s);
    terminates \true;
    assigns s->strand[0 .. STRANDS - 1].state, s->strand[0 .. STRANDS - 1].ticket, s->next_ticket;
    ensures SchedValid(s);
    ensures SchedFollows{Pre,Post}(s);
    behavior range:
      assumes index >= STRANDS;
      ensures \result == SCHED_ERR_RANGE && SchedSame{Pre,Post}(s);
    behavior not_blocked:
      assumes index < STRANDS && !StrandIs(s, index, STRAND_BLOCKED);
      ensures \result == SCHED_ERR_NOT_BLOCKED && SchedSame{Pre,Post}(s);
    behavior tickets:
      assumes index < STRANDS && StrandIs(s, index, STRAND_BLOCKED);
      assumes s->next_ticket == SCHED_TICKET_LIMIT;
      ensures \result == SCHED_ERR_TICKETS && SchedSame{Pre,Post}(s);
    behavior ok:
      assumes index < STRANDS && StrandIs(s, index, STRAND_BLOCKED);
      assumes s->next_ticket < SCHED_TICKET_LIMIT;
      ensures \result == SCHED_OK;
      ensures last: StrandQueued{Pre,Post}(s, index);
    complete behaviors;
    disjoint behaviors;
*/
int sched_unblock(struct sched *s, uint32_t index);

/* A live strand dies, out of the run queue; its entry stays until
 * strand_reap (the runtime frees its stack first). */
/*@ requires SchedValid(s);
    terminates \true;
    assigns s->strand[0 .. STRANDS - 1].state;
    ensures SchedValid(s);
    ensures SchedFollows{Pre,Post}(s);
    behavior range:
      assumes index >= STRANDS;
      ensures \result == SCHED_ERR_RANGE && SchedSame{Pre,Post}(s);
    behavior free:
      assumes index < STRANDS && StrandIs(s, index, STRAND_FREE);
      ensures \result == SCHED_ERR_FREE && SchedSame{Pre,Post}(s);
    behavior dead:
      assumes index < STRANDS && StrandIs(s, index, STRAND_DEAD);
      ensures \result == SCHED_ERR_DEAD && SchedSame{Pre,Post}(s);
    behavior ok:
      assumes index < STRANDS && StrandLive(s->strand[index].state);
      ensures \result == SCHED_OK;
      ensures dead: StrandMoved{Pre,Post}(s, index, STRAND_DEAD);
    complete behaviors;
    disjoint behaviors;
*/
int sched_kill(struct sched *s, uint32_t index);

/* A dead strand's entry becomes free for strand_create. */
/*@ requires SchedValid(s);
    terminates \true;
    assigns s->strand[0 .. STRANDS - 1].state;
    ensures SchedValid(s);
    ensures SchedFollows{Pre,Post}(s);
    behavior range:
      assumes index >= STRANDS;
      ensures \result == SCHED_ERR_RANGE && SchedSame{Pre,Post}(s);
    behavior not_dead:
      assumes index < STRANDS && !StrandIs(s, index, STRAND_DEAD);
      ensures \result == SCHED_ERR_NOT_DEAD && SchedSame{Pre,Post}(s);
    behavior ok:
      assumes index < STRANDS && StrandIs(s, index, STRAND_DEAD);
      ensures \result == SCHED_OK;
      ensures freed: StrandMoved{Pre,Post}(s, index, STRAND_FREE);
    complete behaviors;
    disjoint behaviors;
*/
int strand_reap(struct sched *s, uint32_t index);

/* A live strand is put under policy (an extension's, or the default):
 * nothing else changes, its place in the run queue included. */
/*@ requires SchedValid(s);
    terminates \true;
    assigns s->strand[0 .. STRANDS - 1].policy;
    ensures SchedValid(s);
    ensures SchedFollows{Pre,Post}(s);
    behavior range:
      assumes index >= STRANDS;
      ensures \result == SCHED_ERR_RANGE && SchedSame{Pre,Post}(s);
    behavior free:
      assumes index < STRANDS && StrandIs(s, index, STRAND_FREE);
      ensures \result == SCHED_ERR_FREE && SchedSame{Pre,Post}(s);
    behavior dead:
      assumes index < STRANDS && StrandIs(s, index, STRAND_DEAD);
      ensures \result == SCHED_ERR_DEAD && SchedSame{Pre,Post}(s);
    behavior ok:
      assumes index < STRANDS && StrandLive(s->strand[index].state);
      ensures \result == SCHED_OK;
      ensures set: StrandPolicySet{Pre,Post}(s, index, policy);
    complete behaviors;
    disjoint behaviors;
*/
int sched_set_policy(struct sched *s, uint32_t index, uint32_t policy);

/* A scheduling extension is unloaded: every strand it scheduled falls back
 * to the default policy; nothing else changes. */
/*@ requires SchedValid(s);
    terminates \true;
    assigns s->strand[0 .. STRANDS - 1].policy;
    ensures SchedValid(s);
    ensures SchedFollows{Pre,Post}(s);
    ensures released: \forall integer i; 0 <= i < STRANDS ==>
      s->strand[i].policy == PolicyReleased(\old(s->strand[i].policy), policy);
    ensures kept: \forall integer i; 0 <= i < STRANDS ==>
      s->strand[i].state == \old(s->strand[i].state) &&
      s->strand[i].ticket == \old(s->strand[i].ticket) &&
      s->strand[i].owner == \old(s->strand[i].owner) &&
      s->strand[i].obj.type == \old(s->strand[i].obj.type) &&
      s->strand[i].obj.id == \old(s->strand[i].obj.id);
    ensures s->next_ticket == \old(s->next_ticket);
*/
void sched_release_policy(struct sched *s, uint32_t policy);

/* An extension is unloaded: every live strand it owns is killed (the
 * runtime then frees their stacks and reaps them); nothing else changes.
 * The kernel's own strands are never released this way. */
/*@ requires SchedValid(s);
    terminates \true;
    assigns s->strand[0 .. STRANDS - 1].state;
    ensures SchedValid(s);
    ensures SchedFollows{Pre,Post}(s);
    behavior kernel:
      assumes owner == SCHED_OWNER_KERNEL;
      ensures \result == SCHED_ERR_KERNEL && SchedSame{Pre,Post}(s);
    behavior ok:
      assumes owner != SCHED_OWNER_KERNEL;
      ensures \result == SCHED_OK;
      ensures killed: \forall integer i; 0 <= i < STRANDS ==>
        s->strand[i].state == OwnerReleased(\old(s->strand[i].state), s->strand[i].owner, owner);
      ensures kept: \forall integer i; 0 <= i < STRANDS ==>
        StrandIdentitySame{Pre,Post}(s, i) && s->strand[i].ticket == \old(s->strand[i].ticket);
      ensures s->next_ticket == \old(s->next_ticket);
    complete behaviors;
    disjoint behaviors;
*/
int sched_release_owner(struct sched *s, uint32_t owner);

#endif
