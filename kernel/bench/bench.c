/* In-kernel benchmarks, run when the command line holds "bench". Counts
 * are TSC deltas: guest instructions under QEMU's -icount shift=0. Each
 * row names the row it is compared with, measured in the same boot. */
#include "arch.h"
#include "bench/bench.h"
#include "console.h"
#include "kernel.h"

void bench_row(const char *name, uint64_t value, const char *unit, const char *baseline)
{
    kprintf("BENCH %s %lu %s %s\n", name, value, unit, baseline ? baseline : "-");
}

__attribute__((noipa)) static void empty_function(void) {}
static void (*volatile call_target)(void) = empty_function;

static uint64_t loop_overhead(void)
{
    uint64_t start = arch_cycles();
    for (volatile int i = 0; i < BENCH_ROUNDS; i = i + 1)
        ;
    return arch_cycles() - start;
}

uint64_t bench_per_round(uint64_t total, uint64_t overhead)
{
    return total > overhead ? (total - overhead) / BENCH_ROUNDS : 0;
}

static uint64_t bench_indirect_call(uint64_t overhead)
{
    uint64_t start = arch_cycles();
    for (volatile int i = 0; i < BENCH_ROUNDS; i = i + 1)
        call_target();
    return bench_per_round(arch_cycles() - start, overhead);
}

static uint64_t bench_frame_pair(uint64_t overhead)
{
    uint64_t paddr = 0;
    uint64_t start = arch_cycles();
    for (volatile int i = 0; i < BENCH_ROUNDS; i = i + 1) {
        if (frame_alloc(&kernel.frames, &paddr) != FRAME_OK || frame_free(&kernel.frames, paddr) != FRAME_OK)
            panic("bench: frame allocator failed");
    }
    return bench_per_round(arch_cycles() - start, overhead);
}

void bench_run(void)
{
    arch_interrupts_off();
    kprintf("\n"); /* the rows start on their own line, after the prompt */
    uint64_t overhead = loop_overhead();
    bench_row("boot_to_prompt", kernel.prompt_cycles - kernel.entry_cycles, "instructions", "boot_to_banner");
    bench_row("boot_to_banner", kernel.banner_cycles - kernel.entry_cycles, "instructions", 0);
    bench_row("frame_alloc_free", bench_frame_pair(overhead), "instructions", "indirect_call");
    bench_row("indirect_call", bench_indirect_call(overhead), "instructions", 0);
    bench_events(overhead);
    bench_domains();
    bench_ext(overhead);
    bench_strands(overhead);
    bench_vm(overhead);
    bench_apps();
    bench_net();
    kprintf("BENCH done\n");
    arch_halt(HALT_OK);
}
