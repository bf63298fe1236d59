/* The strand table and its run queue: round-robin order, block and
 * unblock, kill and reap, every refusal's exact code, and the release of a
 * policy and of an owner. */
#include <stdint.h>
#include <string.h>
#include "check.h"
#include "strand/sched.h"

static struct sched s;

/* A new strand, started at once (created blocked, then unblocked). */
static uint32_t start(uint32_t owner, uint32_t policy)
{
    uint32_t i = STRANDS;
    if (strand_create(&s, owner, policy, &i) != SCHED_OK || sched_unblock(&s, i) != SCHED_OK)
        return STRANDS;
    return i;
}

/* Picks, then preempts: the strand the timer would run for one tick. */
static uint32_t tick(void)
{
    uint32_t i = STRANDS;
    if (sched_pick(&s, &i) != SCHED_OK || sched_checkpoint(&s, i) != SCHED_OK)
        return STRANDS;
    return i;
}

static void test_init(void)
{
    sched_init(&s);
    int ok = s.next_ticket == 0;
    for (uint32_t i = 0; i < STRANDS; i++)
        ok &= s.strand[i].state == STRAND_FREE && s.strand[i].obj.type == CAP_STRAND && s.strand[i].obj.id == i;
    CHECK("init: every entry free, its own CAP_STRAND object", ok);
    uint32_t i = 99;
    CHECK("init: nothing to pick", sched_pick(&s, &i) == SCHED_ERR_IDLE && i == 99);
}

static void test_create(void)
{
    sched_init(&s);
    uint32_t a = STRANDS, b = STRANDS;
    CHECK("create: ok", strand_create(&s, 3, 7, &a) == SCHED_OK && a == 0);
    CHECK("create: blocked, with owner and policy",
          s.strand[a].state == STRAND_BLOCKED && s.strand[a].owner == 3 && s.strand[a].policy == 7);
    CHECK("create: the lowest free entry", strand_create(&s, 3, 0, &b) == SCHED_OK && b == 1);
    uint32_t i = 99;
    CHECK("create: a blocked strand is not picked", sched_pick(&s, &i) == SCHED_ERR_IDLE);
    for (uint32_t k = 2; k < STRANDS; k++)
        strand_create(&s, 0, 0, &i);
    i = 99;
    CHECK("create: full", strand_create(&s, 0, 0, &i) == SCHED_ERR_FULL && i == 99);
    CHECK("create: reuse after kill and reap",
          sched_kill(&s, 5) == SCHED_OK && strand_reap(&s, 5) == SCHED_OK &&
          strand_create(&s, 4, 0, &i) == SCHED_OK && i == 5 && s.strand[5].owner == 4);
}

static void test_round_robin(void)
{
    sched_init(&s);
    uint32_t a = start(0, 0), b = start(0, 0), c = start(0, 0);
    uint32_t order[9];
    for (int k = 0; k < 9; k++)
        order[k] = tick();
    int ok = 1;
    for (int k = 0; k < 9; k++)
        ok &= order[k] == (k % 3 == 0 ? a : k % 3 == 1 ? b : c);
    CHECK("round robin: a b c a b c a b c", ok);

    uint32_t i;
    CHECK("pick: a runs", sched_pick(&s, &i) == SCHED_OK && i == a && s.strand[a].state == STRAND_RUNNING);
    CHECK("pick: busy while a runs", sched_pick(&s, &i) == SCHED_ERR_BUSY);
    CHECK("block: a, running", sched_block(&s, a) == SCHED_OK && s.strand[a].state == STRAND_BLOCKED);
    CHECK("after block: b, c, b without a", tick() == b && tick() == c && tick() == b);
    CHECK("block: c, runnable", sched_block(&s, c) == SCHED_OK);
    CHECK("only b runs", tick() == b && tick() == b);
    CHECK("unblock: a goes to the back", sched_unblock(&s, a) == SCHED_OK && s.strand[a].state == STRAND_RUNNABLE);
    CHECK("unblock: c behind a", sched_unblock(&s, c) == SCHED_OK);
    CHECK("order after unblock: b a c", tick() == b && tick() == a && tick() == c);
}

static void test_kill(void)
{
    sched_init(&s);
    uint32_t a = start(0, 0), b = start(0, 0), i;
    CHECK("kill: runnable a", sched_kill(&s, a) == SCHED_OK && s.strand[a].state == STRAND_DEAD);
    CHECK("kill: only b is picked", tick() == b && tick() == b);
    CHECK("kill: running b", sched_pick(&s, &i) == SCHED_OK && sched_kill(&s, b) == SCHED_OK);
    CHECK("kill: then nothing to pick", sched_pick(&s, &i) == SCHED_ERR_IDLE);
    CHECK("kill: dead", sched_kill(&s, a) == SCHED_ERR_DEAD);
    CHECK("kill: free", sched_kill(&s, 7) == SCHED_ERR_FREE);
    CHECK("kill: range", sched_kill(&s, STRANDS) == SCHED_ERR_RANGE);
    CHECK("reap: dead a is free", strand_reap(&s, a) == SCHED_OK && s.strand[a].state == STRAND_FREE);
    CHECK("reap: not dead", strand_reap(&s, a) == SCHED_ERR_NOT_DEAD);
    CHECK("reap: range", strand_reap(&s, STRANDS + 1) == SCHED_ERR_RANGE);
    uint32_t c = start(0, 0);
    CHECK("kill: blocked", sched_block(&s, c) == SCHED_OK && sched_kill(&s, c) == SCHED_OK);
}

static void test_refusals(void)
{
    sched_init(&s);
    uint32_t a = start(0, 0), i;
    struct sched before = s;
    CHECK("checkpoint: range", sched_checkpoint(&s, STRANDS) == SCHED_ERR_RANGE);
    CHECK("checkpoint: runnable is not running", sched_checkpoint(&s, a) == SCHED_ERR_NOT_RUNNING);
    CHECK("checkpoint: free is not running", sched_checkpoint(&s, 3) == SCHED_ERR_NOT_RUNNING);
    CHECK("unblock: range", sched_unblock(&s, 1000) == SCHED_ERR_RANGE);
    CHECK("unblock: runnable is not blocked", sched_unblock(&s, a) == SCHED_ERR_NOT_BLOCKED);
    CHECK("block: range", sched_block(&s, STRANDS) == SCHED_ERR_RANGE);
    CHECK("block: free", sched_block(&s, 3) == SCHED_ERR_NOT_ACTIVE);
    CHECK("refusals change nothing", memcmp(&before, &s, sizeof s) == 0);
    CHECK("block: blocked", sched_block(&s, a) == SCHED_OK && sched_block(&s, a) == SCHED_ERR_NOT_ACTIVE);

    /* The ticket counter at its limit: refused, never wrapped. */
    sched_init(&s);
    a = start(0, 0);
    s.next_ticket = SCHED_TICKET_LIMIT - 1;
    CHECK("tickets: the last one is issued", sched_pick(&s, &i) == SCHED_OK && sched_checkpoint(&s, a) == SCHED_OK &&
                                                 s.strand[a].ticket == SCHED_TICKET_LIMIT - 1);
    CHECK("tickets: checkpoint at the limit",
          sched_pick(&s, &i) == SCHED_OK && sched_checkpoint(&s, a) == SCHED_ERR_TICKETS &&
          s.strand[a].state == STRAND_RUNNING && s.next_ticket == SCHED_TICKET_LIMIT);
    CHECK("tickets: unblock at the limit",
          sched_block(&s, a) == SCHED_OK && sched_unblock(&s, a) == SCHED_ERR_TICKETS &&
          s.strand[a].state == STRAND_BLOCKED);
}

static void test_release(void)
{
    sched_init(&s);
    uint32_t a = start(0, 5), b = start(9, 5), c = start(9, 6), d = start(9, 0);
    sched_block(&s, d);
    sched_release_policy(&s, 5);
    CHECK("release policy: its strands fall back to the default",
          s.strand[a].policy == SCHED_POLICY_DEFAULT && s.strand[b].policy == SCHED_POLICY_DEFAULT);
    CHECK("release policy: others keep theirs", s.strand[c].policy == 6);
    CHECK("release policy: states unchanged",
          s.strand[a].state == STRAND_RUNNABLE && s.strand[b].state == STRAND_RUNNABLE && s.strand[d].state == STRAND_BLOCKED);
    CHECK("release policy: queue order unchanged", tick() == a && tick() == b && tick() == c);

    CHECK("release owner: the kernel is refused", sched_release_owner(&s, SCHED_OWNER_KERNEL) == SCHED_ERR_KERNEL);
    CHECK("release owner: ok", sched_release_owner(&s, 9) == SCHED_OK);
    CHECK("release owner: its live strands are dead",
          s.strand[b].state == STRAND_DEAD && s.strand[c].state == STRAND_DEAD && s.strand[d].state == STRAND_DEAD);
    CHECK("release owner: the kernel's strand runs on", s.strand[a].state == STRAND_RUNNABLE && tick() == a && tick() == a);
    CHECK("release owner: free entries stay free", s.strand[10].state == STRAND_FREE);
}

static void test_set_policy(void)
{
    sched_init(&s);
    uint32_t a = start(16, 0), b = start(16, 0);
    uint64_t ticket = s.strand[a].ticket;
    CHECK("set policy: a live strand", sched_set_policy(&s, a, 16) == SCHED_OK && s.strand[a].policy == 16);
    CHECK("set policy: its state and place kept", s.strand[a].state == STRAND_RUNNABLE && s.strand[a].ticket == ticket);
    CHECK("set policy: others untouched", s.strand[b].policy == 0);
    CHECK("set policy: out of range", sched_set_policy(&s, STRANDS, 16) == SCHED_ERR_RANGE);
    CHECK("set policy: a free entry", sched_set_policy(&s, 20, 16) == SCHED_ERR_FREE && s.strand[20].policy == 0);
    sched_kill(&s, b);
    CHECK("set policy: a dead strand", sched_set_policy(&s, b, 16) == SCHED_ERR_DEAD && s.strand[b].policy == 0);
    sched_release_policy(&s, 16);
    CHECK("set policy: released, back to the default", s.strand[a].policy == SCHED_POLICY_DEFAULT);
}

int main(void)
{
    test_init();
    test_create();
    test_round_robin();
    test_kill();
    test_refusals();
    test_release();
    test_set_policy();
    CHECK_EXIT();
}
