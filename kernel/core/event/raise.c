/* Raising an event: its handlers run in installation order, through
 * dispatch_call.h, under the handler contract. */
#include "event/raise.h"
#include "event/dispatch_call.h"

/*@ ghost int HandlerWorld; */

/* Entry i ran in this raise and returned r. */
/*@ requires EventValid(ev) && ev->raising == 1 && i < ev->count;
    terminates \true;
    assigns ev->run[i];
    ensures EventValid(ev) && Ran(ev, i) && ev->run[i].result == r;
*/
static void record_run(struct event *ev, uint32_t i, uint64_t r)
{
    ev->run[i].ran_in = ev->raises;
    ev->run[i].result = r;
}

/* Runs entry i if it is live and its guard lets it, and records the run
 * in the entry. */
/*@ requires EventValid(ev) && ev->raising == 1 && i < ev->count;
    requires ev->run[i].ran_in < ev->raises;
    terminates \true;
    assigns ev->entry[0 .. EVENT_HANDLERS - 1], ev->count, ev->run[i], HandlerWorld;
    ensures EventValid(ev) && ev->raising == 1 && ev->raises == \old(ev->raises);
    ensures ev->count >= \old(ev->count);
    ensures names: \forall integer j; 0 <= j < \old(ev->count) ==>
      ENTRY_KEPT_SINCE(j, Pre);
    ensures others: \forall integer j; 0 <= j < EVENT_HANDLERS && j != i ==>
      RUN_SAME_AS_AT(j, Pre);
    ensures \result == 0 || \result == 1;
    ensures \result == 1 <==> ev->run[i].ran_in == ev->raises;
    ensures \result == 0 ==> RUN_SAME_AS_AT(i, Pre);
    ensures \result == 1 ==> \old(ev->entry[i].live) == 1;
    ensures \old(ev->entry[i].live) == 1 && \old(ev->entry[i].guard) == \null ==> \result == 1;
*/
static int run_entry(struct event *ev, uint32_t i, void *args)
{
    if (!ev->entry[i].live)
        return 0;
    if (ev->entry[i].guard && !dispatch_call_guard(ev, i, args))
        return 0;
    uint64_t r = dispatch_call_handler(ev, i, args);
    record_run(ev, i, r);
    return 1;
}

/* With no handler run: the default handler's result, or 0 without one. */
/*@ requires EventValid(ev) && ev->raising == 1;
    requires ev->default_calls < ev->raises;
    terminates \true;
    assigns ev->entry[0 .. EVENT_HANDLERS - 1], ev->count, ev->default_calls, HandlerWorld;
    ensures EventValid(ev) && ev->raising == 1 && ev->raises == \old(ev->raises);
    ensures ev->count >= \old(ev->count);
    ensures names: \forall integer j; 0 <= j < \old(ev->count) ==>
      ENTRY_KEPT_SINCE(j, Pre);
    ensures runs: \forall integer j; 0 <= j < EVENT_HANDLERS ==>
      RUN_SAME_AS_AT(j, Pre);
    ensures ev->default_calls == \old(ev->default_calls) + (ev->fallback != \null ? 1 : 0);
    ensures ev->last_ran == \old(ev->last_ran);
    ensures ev->fallback == \null ==> \result == 0;
*/
static uint64_t run_default(struct event *ev, void *args)
{
    if (!ev->fallback)
        return 0;
    ev->default_calls++;
    return dispatch_call_default(ev, args);
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
    if (policy == POLICY_LAST || (policy == POLICY_FIRST && first))
        return r;
    if (policy == POLICY_FIRST)
        return acc;
    if (policy == POLICY_ALL_TRUE)
        return acc != 0 && r != 0;
    return acc != 0 || r != 0;
}

/*@ requires EventValid(ev);
    terminates \true;
    assigns ev->last_ran;
    ensures EventValid(ev) && ev->last_ran == ran;
    ensures ev->raising == \old(ev->raising) && ev->raises == \old(ev->raises);
    ensures ev->count == \old(ev->count) && ev->default_calls == \old(ev->default_calls);
    ensures \forall integer j; 0 <= j < EVENT_HANDLERS ==>
      RUN_SAME_AS_AT(j, Pre) && ENTRY_NAMED_AS_AT(j, Pre) && ev->entry[j].live == \old(ev->entry[j].live);
*/
static void set_last_ran(struct event *ev, uint32_t ran)
{
    ev->last_ran = ran;
}

/* A raise begins: numbered, and marked running. */
/*@ requires EventValid(ev) && ev->raising == 0 && ev->raises < 0xFFFFFFFFFFFFFFFF;
    terminates \true;
    assigns ev->raising, ev->raises;
    ensures EventValid(ev) && ev->raising == 1 && ev->raises == \old(ev->raises) + 1;
    ensures ev->count == \old(ev->count) && ev->default_calls == \old(ev->default_calls);
    ensures \forall integer j; 0 <= j < EVENT_HANDLERS ==> ev->run[j].ran_in < ev->raises;
    ensures \forall integer j; 0 <= j < EVENT_HANDLERS ==>
      RUN_SAME_AS_AT(j, Pre) && ev->entry[j].live == \old(ev->entry[j].live);
*/
static void begin_raise(struct event *ev)
{
    ev->raising = 1;
    ev->raises++;
}

/* The raise is over. */
/*@ requires EventValid(ev) && ev->raising == 1;
    terminates \true;
    assigns ev->raising;
    ensures EventValid(ev) && ev->raising == 0;
    ensures ev->raises == \old(ev->raises) && ev->count == \old(ev->count);
    ensures ev->last_ran == \old(ev->last_ran) && ev->default_calls == \old(ev->default_calls);
    ensures \forall integer j; 0 <= j < EVENT_HANDLERS ==>
      RUN_SAME_AS_AT(j, Pre) && ev->entry[j].live == \old(ev->entry[j].live) &&
      ev->entry[j].guard == \old(ev->entry[j].guard);
*/
static void end_raise(struct event *ev)
{
    ev->raising = 0;
}

/* Runs, in order, the handlers of the entries there were when the raise
 * began (run_entry decides which run), or the default handler if none
 * ran; last_ran counts the handlers that ran. */
/*@ requires EventValid(ev) && ev->raising == 1;
    requires \forall integer j; 0 <= j < EVENT_HANDLERS ==> ev->run[j].ran_in < ev->raises;
    requires ev->default_calls < ev->raises;
    terminates \true;
    assigns ev->entry[0 .. EVENT_HANDLERS - 1], ev->count, ev->run[0 .. EVENT_HANDLERS - 1],
            ev->last_ran, ev->default_calls, HandlerWorld;
    ensures EventValid(ev) && ev->raising == 1 && ev->raises == \old(ev->raises);
    ensures ev->count >= \old(ev->count) && ev->last_ran <= \old(ev->count);
    ensures default: ev->default_calls ==
      \old(ev->default_calls) + (ev->last_ran == 0 && ev->fallback != \null ? 1 : 0);
    ensures no_default: ev->last_ran == 0 && ev->fallback == \null ==> \result == 0;
    ensures stable: \forall integer j; 0 <= j < \old(ev->count) ==>
      ENTRY_KEPT_SINCE(j, Pre);
    ensures only_installed: \forall integer j; 0 <= j < \old(ev->count) ==>
      ev->run[j].ran_in == ev->raises ==> \old(ev->entry[j].live) == 1;
    ensures unguarded: \forall integer j; 0 <= j < \old(ev->count) ==>
      ev->entry[j].live == 1 && ev->entry[j].guard == \null ==> ev->run[j].ran_in == ev->raises;
    ensures untouched: \forall integer j; 0 <= j < \old(ev->count) ==> ev->run[j].ran_in != ev->raises ==>
      RUN_SAME_AS_AT(j, Pre);
    ensures none: ev->last_ran == 0 <==>
      \forall integer j; 0 <= j < \old(ev->count) ==> ev->run[j].ran_in != ev->raises;
    ensures result: ev->last_ran > 0 ==> PolicyResult(ev, \old(ev->count), \result);
*/
static uint64_t run_handlers(struct event *ev, void *args)
{
    uint32_t n = ev->count, ran = 0, policy = ev->policy;
    uint64_t acc = policy == POLICY_ALL_TRUE;
    /* Witnesses for the result invariants: the first and the last entry
     * that ran, and one that ran and returned nonzero. */
    //@ ghost uint32_t first = 0, last = 0, nonzero = 0;
    /*@ loop invariant 0 <= i <= n && n <= EVENT_HANDLERS && ran <= i && n == \at(ev->count, Pre) && ev->count >= n;
        loop invariant EventValid(ev) && ev->raising == 1 && ev->raises == \at(ev->raises, Pre);
        loop invariant policy == ev->policy;
        loop invariant stable: \forall integer j; 0 <= j < n ==>
          ENTRY_KEPT_SINCE(j, Pre);
        loop invariant unvisited: \forall integer j; i <= j < n ==>
          RUN_SAME_AS_AT(j, Pre);
        loop invariant not_yet: \forall integer j; i <= j < n ==> ev->run[j].ran_in < ev->raises;
        loop invariant only_installed: \forall integer j; 0 <= j < i ==>
          ev->run[j].ran_in == ev->raises ==> \at(ev->entry[j].live, Pre) == 1;
        loop invariant unguarded: \forall integer j; 0 <= j < i ==>
          ev->entry[j].live == 1 && ev->entry[j].guard == \null ==> ev->run[j].ran_in == ev->raises;
        loop invariant untouched: \forall integer j; 0 <= j < i ==> ev->run[j].ran_in != ev->raises ==>
          RUN_SAME_AS_AT(j, Pre);
        loop invariant none: ran == 0 <==> \forall integer j; 0 <= j < i ==> ev->run[j].ran_in != ev->raises;
        loop invariant start: ran == 0 ==> acc == (ev->policy == POLICY_ALL_TRUE ? 1 : 0);
        loop invariant first: ran > 0 ==> first < i && ev->run[first].ran_in == ev->raises &&
          (\forall integer j; 0 <= j < first ==> ev->run[j].ran_in != ev->raises) &&
          (ev->policy == POLICY_FIRST ==> acc == ev->run[first].result);
        loop invariant last: ran > 0 ==> last < i && ev->run[last].ran_in == ev->raises &&
          (\forall integer j; last < j < i ==> ev->run[j].ran_in != ev->raises) &&
          (ev->policy == POLICY_LAST ==> acc == ev->run[last].result);
        loop invariant all: ev->policy == POLICY_ALL_TRUE ==> (acc == 0 || acc == 1) &&
          (acc == 1 <==> \forall integer j; 0 <= j < i ==>
             ev->run[j].ran_in == ev->raises ==> ev->run[j].result != 0);
        loop invariant any_yes: ev->policy == POLICY_ANY_TRUE && acc == 1 ==>
          nonzero < i && ev->run[nonzero].ran_in == ev->raises && ev->run[nonzero].result != 0;
        loop invariant any_no: ev->policy == POLICY_ANY_TRUE ==> (acc == 0 || acc == 1) &&
          (acc == 0 ==> \forall integer j; 0 <= j < i ==>
             ev->run[j].ran_in == ev->raises ==> ev->run[j].result == 0);
        loop assigns i, ran, acc, first, last, nonzero, ev->entry[0 .. EVENT_HANDLERS - 1], ev->count,
          ev->run[0 .. EVENT_HANDLERS - 1], HandlerWorld;
        loop variant n - i;
    */
    for (uint32_t i = 0; i < n; i++) {
        int did_run = run_entry(ev, i, args);
        //@ assert earlier: \forall integer j; 0 <= j < i ==> RUN_SAME_AS_AT(j, LoopCurrent);
        if (did_run) {
            //@ ghost if (ran == 0) first = i;
            //@ ghost last = i;
            //@ ghost if (ev->run[i].result != 0) nonzero = i;
            acc = combine(policy, acc, ev->run[i].result, ran == 0);
            ran++;
        }
    }
    //@ assert first_ran: ran > 0 ==> RanNone(ev, first) && Ran(ev, first);
    //@ assert first_result: ran > 0 && ev->policy == POLICY_FIRST ==> FirstResult(ev, n, acc);
    //@ assert last_result: ran > 0 && ev->policy == POLICY_LAST ==> LastResult(ev, n, acc);
    //@ assert all_result: ran > 0 && ev->policy == POLICY_ALL_TRUE ==> (acc == 1 <==> AllTrue(ev, n));
    //@ assert any_result: ran > 0 && ev->policy == POLICY_ANY_TRUE ==> (acc == 1 <==> AnyTrue(ev, n));
    set_last_ran(ev, ran);
    //@ assert none_ran: ran == 0 <==> \forall integer j; 0 <= j < n ==> ev->run[j].ran_in != ev->raises;
    if (ran == 0)
        acc = run_default(ev, args);
    return acc;
}

/* The common case, one live handler without a guard, kept short: it is
 * what a raise costs against a direct call. */
/*@ requires EventValid(ev) && ev->raising == 0 && ev->raises < 0xFFFFFFFFFFFFFFFF;
    requires ev->count == 1 && ev->entry[0].live == 1 && ev->entry[0].guard == \null;
    terminates \true;
    assigns ev->entry[0 .. EVENT_HANDLERS - 1], ev->run[0 .. EVENT_HANDLERS - 1], ev->count, ev->raising,
            ev->raises, ev->default_calls, ev->last_ran, HandlerWorld;
    RAISED_ENSURES
*/
static uint64_t raise_one(struct event *ev, void *args)
{
    begin_raise(ev);
    uint64_t r = dispatch_call_handler(ev, 0, args);
    record_run(ev, 0, r);
    set_last_ran(ev, 1);
    end_raise(ev);
    return ev->policy <= POLICY_LAST ? r : r != 0;
}

/* Any other raise: every entry in order, or the default. Not inlined, so
 * that raise_one does not pay for this one's registers. */
/*@ requires EventValid(ev) && ev->raising == 0 && ev->raises < 0xFFFFFFFFFFFFFFFF;
    terminates \true;
    assigns ev->entry[0 .. EVENT_HANDLERS - 1], ev->run[0 .. EVENT_HANDLERS - 1], ev->count, ev->raising,
            ev->raises, ev->default_calls, ev->last_ran, HandlerWorld;
    RAISED_ENSURES
*/
__attribute__((noinline)) static uint64_t raise_all(struct event *ev, void *args)
{
    begin_raise(ev);
    uint64_t acc = run_handlers(ev, args);
    end_raise(ev);
    return acc;
}

/* A raise of ev from within its own raise: counted, nothing runs. */
/*@ requires EventValid(ev) && ev->raising == 1;
    terminates \true;
    assigns ev->refused;
    ensures EventValid(ev) && EventUnchanged{Pre,Post}(ev) && ev->raising == 1;
    ensures \result == 0;
*/
static uint64_t refuse(struct event *ev)
{
    if (ev->refused < UINT64_MAX)
        ev->refused++;
    return 0;
}

uint64_t event_raise(struct event *ev, void *args)
{
    if (ev->raising)
        return refuse(ev);
    if (ev->count == 1 && ev->entry[0].live == 1 && !ev->entry[0].guard)
        return raise_one(ev, args);
    return raise_all(ev, args);
}
