/* The thread rows of SPIN's table (Bershad et al. 1995, table 4), for the
 * kernel's strands, each against a procedure call measured in the same
 * boot: fork-join (spawn a strand that ends at once, wait for it) and
 * ping-pong (two strands hand the processor to each other through block
 * and unblock). Both go through the proved bookkeeping and raise the
 * Strand events (round robin, their default handlers, answers). */
#include "bench/bench.h"
#include "console.h"
#include "strand/runtime.h"

static void ends_at_once(void *arg) { (void)arg; }

static uint64_t bench_fork_join(uint64_t overhead)
{
    uint64_t start = arch_cycles();
    for (volatile int i = 0; i < BENCH_ROUNDS; i = i + 1) {
        uint32_t s = STRANDS;
        if (strand_spawn("fork", ends_at_once, 0, SCHED_OWNER_KERNEL, &s) != SCHED_OK)
            panic("bench: cannot spawn a strand");
        strand_join(s);
    }
    return bench_per_round(arch_cycles() - start, overhead);
}

static volatile uint32_t bench_strand; /* the strand the bench runs on */

/* Hands the processor back to the bench strand, for ever. */
static void partner(void *arg)
{
    (void)arg;
    for (;;)
        strand_handoff(bench_strand);
}

/* One round: there and back, two blocks, two unblocks, two switches. */
static uint64_t bench_ping_pong(uint64_t overhead)
{
    uint32_t p = STRANDS;
    bench_strand = strand_self();
    if (strand_spawn("pong", partner, 0, SCHED_OWNER_KERNEL, &p) != SCHED_OK)
        panic("bench: cannot spawn a strand");
    strand_handoff(p); /* its first run: it starts, then hands back */
    uint64_t start = arch_cycles();
    for (volatile int i = 0; i < BENCH_ROUNDS; i = i + 1)
        strand_handoff(p);
    uint64_t total = arch_cycles() - start;
    if (strand_kill(p) != SCHED_OK)
        panic("bench: cannot kill the ping-pong partner");
    return bench_per_round(total, overhead);
}

void bench_strands(uint64_t overhead)
{
    bench_row("strand_fork_join", bench_fork_join(overhead), "instructions", "indirect_call");
    bench_row("strand_ping_pong", bench_ping_pong(overhead), "instructions", "indirect_call");
}
