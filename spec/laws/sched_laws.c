/* Laws of the scheduler model, proved from the contracts in sched.h alone:
 * what the issue promises of the run queue. Not linked. */
#include "strand/sched.h"

/* With nobody else runnable or running, an unblocked strand is the one
 * picked next. */
/*@ requires SchedValid(s) && k < STRANDS && StrandIs(s, k, STRAND_BLOCKED);
    requires s->next_ticket < SCHED_TICKET_LIMIT;
    requires !SchedHasRunnable(s) && !SchedHasRunning(s);
    requires \valid(index) && \separated(index, s);
    terminates \true;
    assigns s->strand[0 .. STRANDS - 1].state, s->strand[0 .. STRANDS - 1].ticket, s->next_ticket, *index;
    ensures \result == SCHED_OK && *index == k;
*/
int law_unblock_then_pick(struct sched *s, uint32_t k, uint32_t *index)
{
    //@ assert none_running: \forall integer i; 0 <= i < STRANDS ==> !StrandIs(s, i, STRAND_RUNNING);
    int r = sched_unblock(s, k);
    //@ assert r == SCHED_OK;
    //@ assert StrandIs(s, k, STRAND_RUNNABLE);
    //@ assert kept: \forall integer i; 0 <= i < STRANDS && i != k ==> s->strand[i].state == \at(s->strand[i].state, Pre);
    //@ assert alone: \forall integer i; 0 <= i < STRANDS && i != k ==> !StrandIs(s, i, STRAND_RUNNABLE);
    //@ assert still_none: \forall integer i; 0 <= i < STRANDS ==> !StrandIs(s, i, STRAND_RUNNING);
    //@ assert !SchedHasRunning(s);
    int p = sched_pick(s, index);
    //@ assert p == SCHED_OK;
    return p;
}

/* A blocked strand is never picked. */
/*@ requires SchedValid(s) && k < STRANDS && StrandIs(s, k, STRAND_BLOCKED);
    requires \valid(index) && \separated(index, s);
    terminates \true;
    assigns s->strand[0 .. STRANDS - 1].state, *index;
    ensures \result != SCHED_OK || *index != k;
*/
int law_blocked_not_picked(struct sched *s, uint32_t k, uint32_t *index)
{
    return sched_pick(s, index);
}

/* After a checkpoint, every strand that was runnable is ahead of the
 * checkpointed one, so the next pick is not it while another is runnable
 * (each pick takes the first in the queue: law_pick_takes_head). */
/*@ requires SchedValid(s) && k < STRANDS && StrandIs(s, k, STRAND_RUNNING);
    requires s->next_ticket < SCHED_TICKET_LIMIT;
    terminates \true;
    assigns s->strand[0 .. STRANDS - 1].state, s->strand[0 .. STRANDS - 1].ticket, s->next_ticket;
    ensures \result == SCHED_OK;
    ensures behind: \forall integer j; 0 <= j < STRANDS && j != k && \old(StrandIs(s, j, STRAND_RUNNABLE)) ==>
      StrandIs(s, j, STRAND_RUNNABLE) && SchedAhead(s, j, k);
*/
int law_checkpoint_goes_last(struct sched *s, uint32_t k)
{
    return sched_checkpoint(s, k);
}

/* The next pick after a checkpoint does not take the checkpointed strand
 * while another is runnable. (That the pick is not refused as busy, since
 * the checkpointed strand was the only one running, is not stated here.) */
/*@ requires SchedValid(s) && k < STRANDS && StrandIs(s, k, STRAND_RUNNING);
    requires j < STRANDS && j != k && StrandIs(s, j, STRAND_RUNNABLE);
    requires s->next_ticket < SCHED_TICKET_LIMIT;
    requires \valid(index) && \separated(index, s);
    terminates \true;
    assigns s->strand[0 .. STRANDS - 1].state, s->strand[0 .. STRANDS - 1].ticket, s->next_ticket, *index;
    ensures \result != SCHED_OK || *index != k;
*/
int law_checkpoint_then_other(struct sched *s, uint32_t k, uint32_t j, uint32_t *index)
{
    int r = sched_checkpoint(s, k);
    //@ assert r == SCHED_OK;
    //@ assert StrandIs(s, k, STRAND_RUNNABLE);
    //@ assert StrandIs(s, j, STRAND_RUNNABLE) && SchedAhead(s, j, k);
    return sched_pick(s, index);
}

/* A pick takes a strand ahead of every other runnable one: with the law
 * above, a strand runnable before a checkpoint runs before the
 * checkpointed strand runs again. */
/*@ requires SchedValid(s) && !SchedHasRunning(s);
    requires j < STRANDS && k < STRANDS && j != k;
    requires StrandIs(s, j, STRAND_RUNNABLE) && StrandIs(s, k, STRAND_RUNNABLE) && SchedAhead(s, j, k);
    requires \valid(index) && \separated(index, s);
    terminates \true;
    assigns s->strand[0 .. STRANDS - 1].state, *index;
    ensures \result == SCHED_OK && *index != k;
    ensures StrandIs(s, k, STRAND_RUNNABLE);
*/
int law_pick_takes_head(struct sched *s, uint32_t j, uint32_t k, uint32_t *index)
{
    int p = sched_pick(s, index);
    //@ assert p == SCHED_OK && *index != k;
    //@ assert StrandSame{Pre,Here}(s, k);
    return p;
}

/* A killed strand is dead, and a second kill is refused. */
/*@ requires SchedValid(s) && k < STRANDS && StrandLive(s->strand[k].state);
    terminates \true;
    assigns s->strand[0 .. STRANDS - 1].state;
    ensures \result == SCHED_ERR_DEAD;
    ensures StrandIs(s, k, STRAND_DEAD);
*/
int law_kill_twice(struct sched *s, uint32_t k)
{
    int r = sched_kill(s, k);
    //@ assert r == SCHED_OK;
    return sched_kill(s, k);
}

/* A dead strand is never picked. */
/*@ requires SchedValid(s) && k < STRANDS && StrandIs(s, k, STRAND_DEAD);
    requires \valid(index) && \separated(index, s);
    terminates \true;
    assigns s->strand[0 .. STRANDS - 1].state, *index;
    ensures \result != SCHED_OK || *index != k;
*/
int law_dead_not_picked(struct sched *s, uint32_t k, uint32_t *index)
{
    return sched_pick(s, index);
}

/* After a policy is released no strand has it, and the run queue is as it
 * was: the same strand is picked next. */
/*@ requires SchedValid(s) && policy != SCHED_POLICY_DEFAULT;
    terminates \true;
    assigns s->strand[0 .. STRANDS - 1].policy;
    ensures none_left: \forall integer i; 0 <= i < STRANDS ==> s->strand[i].policy != policy;
    ensures SchedValid(s);
    ensures same_queue: \forall integer i; 0 <= i < STRANDS ==>
      s->strand[i].state == \old(s->strand[i].state) && s->strand[i].ticket == \old(s->strand[i].ticket);
*/
void law_release_policy(struct sched *s, uint32_t policy)
{
    sched_release_policy(s, policy);
}

/* After an owner is released, none of its strands can run again. */
/*@ requires SchedValid(s) && owner != SCHED_OWNER_KERNEL;
    requires k < STRANDS && s->strand[k].owner == owner;
    requires \valid(index) && \separated(index, s);
    terminates \true;
    assigns s->strand[0 .. STRANDS - 1].state, *index;
    ensures \result != SCHED_OK || *index != k;
*/
int law_release_owner(struct sched *s, uint32_t owner, uint32_t k, uint32_t *index)
{
    int r = sched_release_owner(s, owner);
    //@ assert r == SCHED_OK;
    //@ assert !StrandIs(s, k, STRAND_RUNNABLE) && !StrandIs(s, k, STRAND_RUNNING);
    return sched_pick(s, index);
}

/* A strand put under an extension's policy, which is then unloaded, is
 * back under round robin, in the state and at the place in the run queue
 * it had: the fallback the issue asks for. */
/*@ requires SchedValid(s) && k < STRANDS && StrandLive(s->strand[k].state);
    requires policy != SCHED_POLICY_DEFAULT;
    terminates \true;
    assigns s->strand[0 .. STRANDS - 1].policy;
    ensures \result == SCHED_OK;
    ensures fallback: s->strand[k].policy == SCHED_POLICY_DEFAULT;
    ensures same_queue: \forall integer i; 0 <= i < STRANDS ==>
      s->strand[i].state == \old(s->strand[i].state) && s->strand[i].ticket == \old(s->strand[i].ticket);
*/
int law_policy_falls_back(struct sched *s, uint32_t k, uint32_t policy)
{
    int r = sched_set_policy(s, k, policy);
    //@ assert s->strand[k].policy == policy;
    sched_release_policy(s, policy);
    return r;
}
