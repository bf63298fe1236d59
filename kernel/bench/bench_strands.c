/* The thread rows of SPIN's table (Bershad et al. 1995, table 4), each
 * against a procedure call measured in the same boot: fork-join (spawn a
 * strand that ends at once, wait for it) and ping-pong (two strands hand
 * the processor to each other through block and unblock). Both go through
 * the proved bookkeeping and raise the Strand events.
 *
 * Each row runs twice: on strands of the kernel, which round robin (the
 * events' default handlers) schedules, and on strands the `sched`
 * extension owns and schedules, when the boot has its package as module
 * "bench-ext sched": then every Block, Unblock and Resume of the measured
 * strands goes through the dispatcher to the extension's handlers. In both,
 * the measuring strand is itself one of the measured scheduler's, and the
 * bench's own strand waits, blocked, out of the run queue. */
#include "arch.h"
#include "bench/bench.h"
#include "console.h"
#include "ext/ext.h"
#include "kernel.h"
#include "paging.h"
#include "strand/runtime.h"

/* Who owns and schedules the strands a row measures. */
struct scheduler {
    const char *fork_join, *ping_pong; /* the rows' names */
    uint32_t owner, policy;
};

static const struct scheduler round_robin = { "strand_fork_join", "strand_ping_pong", SCHED_OWNER_KERNEL,
                                              SCHED_POLICY_DEFAULT };

static volatile uint32_t bench_strand; /* blocked while a measurement runs */
static volatile uint32_t driver;       /* the strand that measures */
static volatile uint64_t measured;     /* the instructions it counted */
static const struct scheduler *volatile measuring;
static void (*volatile rounds)(void);  /* what it measures */

static uint32_t spawn(const char *name, void (*fn)(void *))
{
    uint32_t s = STRANDS;
    if (strand_spawn_scheduled(name, fn, 0, measuring->owner, measuring->policy, &s) != SCHED_OK)
        panic("bench: cannot spawn a strand");
    return s;
}

static void ends_at_once(void *arg) { (void)arg; }

static void fork_join(void)
{
    uint64_t start = arch_cycles();
    for (volatile int i = 0; i < BENCH_ROUNDS; i = i + 1)
        strand_join(spawn("fork", ends_at_once));
    measured = arch_cycles() - start;
}

/* Hands the processor back to the measuring strand, for ever. */
static void partner(void *arg)
{
    (void)arg;
    for (;;)
        strand_handoff(driver);
}

/* One round: there and back, two blocks, two unblocks, two switches. */
static void ping_pong(void)
{
    uint32_t p = spawn("pong", partner);
    strand_handoff(p); /* its first run: it starts, then hands back */
    uint64_t start = arch_cycles();
    for (volatile int i = 0; i < BENCH_ROUNDS; i = i + 1)
        strand_handoff(p);
    measured = arch_cycles() - start;
    if (strand_kill(p) != SCHED_OK)
        panic("bench: cannot kill the ping-pong partner");
}

/* The measuring strand: one measurement, then the bench strand runs on. */
static void drive(void *arg)
{
    (void)arg;
    arch_interrupts_off(); /* as the bench's strand: a new strand starts with them on */
    rounds();
    if (strand_wake(bench_strand) != SCHED_OK)
        panic("bench: cannot wake the bench strand");
}

static uint64_t measure(const struct scheduler *s, void (*what)(void), uint64_t overhead)
{
    measuring = s;
    rounds = what;
    bench_strand = strand_self();
    measured = 0;
    uint32_t d = STRANDS;
    if (strand_spawn_scheduled("bench", drive, 0, s->owner, s->policy, &d) != SCHED_OK)
        panic("bench: cannot spawn the measuring strand");
    driver = d;
    strand_wait(); /* until drive wakes it; the driver then ends */
    return bench_per_round(measured, overhead);
}

static void rows(const struct scheduler *s, uint64_t overhead)
{
    bench_row(s->fork_join, measure(s, fork_join, overhead), "instructions", "indirect_call");
    bench_row(s->ping_pong, measure(s, ping_pong, overhead), "instructions", "indirect_call");
}

/* Ends the strands e spawned at its load (sched's two spinners): with
 * interrupts off they would take the processor from the measured strands
 * and never give it back. Its policy stays installed. */
static void end_strands_of(const struct extension *e)
{
    struct strand_info s[STRANDS];
    uint32_t n = strand_list(s, STRANDS);
    for (uint32_t i = 0; i < n; i++)
        if (s[i].owner == e->installer && strand_kill(s[i].id) != SCHED_OK)
            panic("bench: cannot end strand %u of %s", s[i].id, e->name);
}

static void sched_rows(uint64_t overhead)
{
    const struct boot_module *m = boot_module_named("bench-ext ", "sched");
    if (!m)
        return;
    const struct extension *e = ext_load(phys_to_virt(m->base), m->len);
    if (!e)
        panic("bench: cannot load the sched package");
    end_strands_of(e);
    const struct scheduler by_sched = { "strand_fork_join_sched", "strand_ping_pong_sched", e->installer,
                                        e->installer };
    rows(&by_sched, overhead);
    if (ext_unload("sched") != 0)
        panic("bench: cannot unload sched");
}

void bench_strands(uint64_t overhead)
{
    rows(&round_robin, overhead);
    sched_rows(overhead);
}
