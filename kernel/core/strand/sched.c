/* The strand table and its run queue as tickets. Contracts in
 * strand/sched.h; model in spec/strand/sched.acsl. */
#include "strand/sched.h"

void sched_init(struct sched *s)
{
    /*@ loop invariant 0 <= i <= STRANDS;
        loop invariant \forall integer j; 0 <= j < i ==>
          s->strand[j].state == STRAND_FREE && s->strand[j].obj.type == CAP_STRAND &&
          s->strand[j].obj.id == j;
        loop assigns i, s->strand[0 .. STRANDS - 1];
        loop variant STRANDS - i; */
    for (uint32_t i = 0; i < STRANDS; i++) {
        s->strand[i].obj.type = CAP_STRAND;
        s->strand[i].obj.id = i;
        s->strand[i].owner = SCHED_OWNER_KERNEL;
        s->strand[i].policy = SCHED_POLICY_DEFAULT;
        s->strand[i].ticket = 0;
        s->strand[i].state = STRAND_FREE;
    }
    s->next_ticket = 0;
}

/* The lowest entry in the given state, or STRANDS if there is none. */
/*@ requires SchedValid(s);
    terminates \true;
    assigns \nothing;
    ensures \result <= STRANDS;
    ensures \result < STRANDS ==> StrandIs(s, \result, state);
    ensures \forall integer j; 0 <= j < \result ==> !StrandIs(s, j, state);
*/
static uint32_t find_state(const struct sched *s, uint8_t state)
{
    /*@ loop invariant 0 <= i <= STRANDS;
        loop invariant \forall integer j; 0 <= j < i ==> !StrandIs(s, j, state);
        loop assigns i;
        loop variant STRANDS - i; */
    for (uint32_t i = 0; i < STRANDS; i++)
        if (s->strand[i].state == state)
            return i;
    return STRANDS;
}

/* Strand i leaves the run queue and the processor (blocked, dead or
 * free): the runnable and running sets only shrink. The invariant is
 * asserted part by part: after a write the provers do not prove it whole in
 * one goal, but each part in its own. */
/*@ requires SchedValid(s) && i < STRANDS;
    requires st == STRAND_BLOCKED || st == STRAND_DEAD || st == STRAND_FREE;
    terminates \true;
    assigns s->strand[i].state;
    ensures SchedValid(s);
    ensures s->strand[i].state == st;
*/
static void park(struct sched *s, uint32_t i, uint8_t st)
{
    s->strand[i].state = st;
    //@ assert known: \forall integer j; 0 <= j < STRANDS ==> StrandStateKnown(s->strand[j].state);
    /*@ assert issued: \forall integer j; 0 <= j < STRANDS && StrandIs(s, j, STRAND_RUNNABLE) ==>
          s->strand[j].ticket < s->next_ticket; */
    /*@ assert distinct: \forall integer j, k; 0 <= j < STRANDS && 0 <= k < STRANDS && j != k &&
          StrandIs(s, j, STRAND_RUNNABLE) && StrandIs(s, k, STRAND_RUNNABLE) ==>
          s->strand[j].ticket != s->strand[k].ticket; */
    /*@ assert one_running: \forall integer j, k; 0 <= j < STRANDS && 0 <= k < STRANDS &&
          StrandIs(s, j, STRAND_RUNNING) && StrandIs(s, k, STRAND_RUNNING) ==> j == k; */
}

int strand_create(struct sched *s, uint32_t owner, uint32_t policy, uint32_t *index)
{
    uint32_t i = find_state(s, STRAND_FREE);
    if (i == STRANDS)
        return SCHED_ERR_FULL;
    s->strand[i].owner = owner;
    s->strand[i].policy = policy;
    park(s, i, STRAND_BLOCKED);
    *index = i;
    return SCHED_OK;
}

/* The head of the run queue: the runnable strand with the smallest ticket,
 * or STRANDS if none is runnable. */
/*@ requires SchedValid(s);
    terminates \true;
    assigns \nothing;
    ensures \result <= STRANDS;
    ensures \result == STRANDS <==> !SchedHasRunnable(s);
    ensures \result < STRANDS ==> StrandIs(s, \result, STRAND_RUNNABLE);
    ensures \result < STRANDS ==> \forall integer j; 0 <= j < STRANDS && j != \result &&
      StrandIs(s, j, STRAND_RUNNABLE) ==> SchedAhead(s, \result, j);
*/
static uint32_t queue_head(const struct sched *s)
{
    uint32_t head = STRANDS;
    /*@ loop invariant 0 <= i <= STRANDS;
        loop invariant head == STRANDS || (head < i && StrandIs(s, head, STRAND_RUNNABLE));
        loop invariant head == STRANDS ==> \forall integer j; 0 <= j < i ==> !StrandIs(s, j, STRAND_RUNNABLE);
        loop invariant head < STRANDS ==> \forall integer j; 0 <= j < i && j != head &&
          StrandIs(s, j, STRAND_RUNNABLE) ==> SchedAhead(s, head, j);
        loop assigns i, head;
        loop variant STRANDS - i; */
    for (uint32_t i = 0; i < STRANDS; i++) {
        if (s->strand[i].state != STRAND_RUNNABLE)
            continue;
        if (head == STRANDS || s->strand[i].ticket < s->strand[head].ticket)
            head = i;
    }
    return head;
}

/* The head of the run queue, strand i, runs: nobody else does. */
/*@ requires SchedValid(s) && i < STRANDS && StrandIs(s, i, STRAND_RUNNABLE);
    requires !SchedHasRunning(s);
    terminates \true;
    assigns s->strand[i].state;
    ensures SchedValid(s);
    ensures s->strand[i].state == STRAND_RUNNING;
*/
static void run(struct sched *s, uint32_t i)
{
    s->strand[i].state = STRAND_RUNNING;
    //@ assert known: \forall integer j; 0 <= j < STRANDS ==> StrandStateKnown(s->strand[j].state);
    /*@ assert issued: \forall integer j; 0 <= j < STRANDS && StrandIs(s, j, STRAND_RUNNABLE) ==>
          s->strand[j].ticket < s->next_ticket; */
    /*@ assert distinct: \forall integer j, k; 0 <= j < STRANDS && 0 <= k < STRANDS && j != k &&
          StrandIs(s, j, STRAND_RUNNABLE) && StrandIs(s, k, STRAND_RUNNABLE) ==>
          s->strand[j].ticket != s->strand[k].ticket; */
    /*@ assert one_running: \forall integer j, k; 0 <= j < STRANDS && 0 <= k < STRANDS &&
          StrandIs(s, j, STRAND_RUNNING) && StrandIs(s, k, STRAND_RUNNING) ==> j == k; */
}

int sched_pick(struct sched *s, uint32_t *index)
{
    if (find_state(s, STRAND_RUNNING) < STRANDS)
        return SCHED_ERR_BUSY;
    uint32_t head = queue_head(s);
    if (head == STRANDS)
        return SCHED_ERR_IDLE;
    run(s, head);
    *index = head;
    return SCHED_OK;
}

/* Strand i (not runnable) goes to the back of the run queue. */
/*@ requires SchedValid(s) && i < STRANDS;
    requires !StrandIs(s, i, STRAND_RUNNABLE) && s->next_ticket < SCHED_TICKET_LIMIT;
    requires StrandIs(s, i, STRAND_RUNNING) ==> !\exists integer j; 0 <= j < STRANDS && j != i &&
      StrandIs(s, j, STRAND_RUNNING);
    terminates \true;
    assigns s->strand[i].state, s->strand[i].ticket, s->next_ticket;
    ensures SchedValid(s);
    ensures StrandQueued{Pre,Post}(s, i);
*/
static void enqueue(struct sched *s, uint32_t i)
{
    s->strand[i].ticket = s->next_ticket;
    s->strand[i].state = STRAND_RUNNABLE;
    s->next_ticket++;
    //@ assert known: \forall integer j; 0 <= j < STRANDS ==> StrandStateKnown(s->strand[j].state);
    /*@ assert issued: \forall integer j; 0 <= j < STRANDS && StrandIs(s, j, STRAND_RUNNABLE) ==>
          s->strand[j].ticket < s->next_ticket; */
    /*@ assert distinct: \forall integer j, k; 0 <= j < STRANDS && 0 <= k < STRANDS && j != k &&
          StrandIs(s, j, STRAND_RUNNABLE) && StrandIs(s, k, STRAND_RUNNABLE) ==>
          s->strand[j].ticket != s->strand[k].ticket; */
    /*@ assert one_running: \forall integer j, k; 0 <= j < STRANDS && 0 <= k < STRANDS &&
          StrandIs(s, j, STRAND_RUNNING) && StrandIs(s, k, STRAND_RUNNING) ==> j == k; */
}

int sched_checkpoint(struct sched *s, uint32_t index)
{
    if (index >= STRANDS)
        return SCHED_ERR_RANGE;
    if (s->strand[index].state != STRAND_RUNNING)
        return SCHED_ERR_NOT_RUNNING;
    if (s->next_ticket == SCHED_TICKET_LIMIT)
        return SCHED_ERR_TICKETS;
    enqueue(s, index);
    return SCHED_OK;
}

int sched_block(struct sched *s, uint32_t index)
{
    if (index >= STRANDS)
        return SCHED_ERR_RANGE;
    if (s->strand[index].state != STRAND_RUNNING && s->strand[index].state != STRAND_RUNNABLE)
        return SCHED_ERR_NOT_ACTIVE;
    park(s, index, STRAND_BLOCKED);
    return SCHED_OK;
}

int sched_unblock(struct sched *s, uint32_t index)
{
    if (index >= STRANDS)
        return SCHED_ERR_RANGE;
    if (s->strand[index].state != STRAND_BLOCKED)
        return SCHED_ERR_NOT_BLOCKED;
    if (s->next_ticket == SCHED_TICKET_LIMIT)
        return SCHED_ERR_TICKETS;
    enqueue(s, index);
    return SCHED_OK;
}

int sched_kill(struct sched *s, uint32_t index)
{
    if (index >= STRANDS)
        return SCHED_ERR_RANGE;
    if (s->strand[index].state == STRAND_FREE)
        return SCHED_ERR_FREE;
    if (s->strand[index].state == STRAND_DEAD)
        return SCHED_ERR_DEAD;
    park(s, index, STRAND_DEAD);
    return SCHED_OK;
}

int strand_reap(struct sched *s, uint32_t index)
{
    if (index >= STRANDS)
        return SCHED_ERR_RANGE;
    if (s->strand[index].state != STRAND_DEAD)
        return SCHED_ERR_NOT_DEAD;
    park(s, index, STRAND_FREE);
    return SCHED_OK;
}

int sched_set_policy(struct sched *s, uint32_t index, uint32_t policy)
{
    if (index >= STRANDS)
        return SCHED_ERR_RANGE;
    if (s->strand[index].state == STRAND_FREE)
        return SCHED_ERR_FREE;
    if (s->strand[index].state == STRAND_DEAD)
        return SCHED_ERR_DEAD;
    s->strand[index].policy = policy;
    return SCHED_OK;
}

void sched_release_policy(struct sched *s, uint32_t policy)
{
    /*@ loop invariant 0 <= i <= STRANDS;
        loop invariant \forall integer j; 0 <= j < i ==>
          s->strand[j].policy == PolicyReleased(\at(s->strand[j].policy, Pre), policy);
        loop invariant \forall integer j; i <= j < STRANDS ==>
          s->strand[j].policy == \at(s->strand[j].policy, Pre);
        loop assigns i, s->strand[0 .. STRANDS - 1].policy;
        loop variant STRANDS - i; */
    for (uint32_t i = 0; i < STRANDS; i++)
        s->strand[i].policy = s->strand[i].policy == policy ? SCHED_POLICY_DEFAULT : s->strand[i].policy;
}

int sched_release_owner(struct sched *s, uint32_t owner)
{
    if (owner == SCHED_OWNER_KERNEL)
        return SCHED_ERR_KERNEL;
    /*@ loop invariant 0 <= i <= STRANDS;
        loop invariant \forall integer j; 0 <= j < i ==>
          s->strand[j].state == OwnerReleased(\at(s->strand[j].state, Pre), s->strand[j].owner, owner);
        loop invariant \forall integer j; i <= j < STRANDS ==>
          s->strand[j].state == \at(s->strand[j].state, Pre);
        loop invariant SchedValid(s);
        loop assigns i, s->strand[0 .. STRANDS - 1].state;
        loop variant STRANDS - i; */
    for (uint32_t i = 0; i < STRANDS; i++) {
        uint8_t st = s->strand[i].state;
        if (s->strand[i].owner == owner && (st == STRAND_RUNNABLE || st == STRAND_RUNNING || st == STRAND_BLOCKED))
            park(s, i, STRAND_DEAD);
    }
    return SCHED_OK;
}
