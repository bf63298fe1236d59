/* Benchmarks of capabilities and the dispatcher, each against the plain C
 * it replaces, measured in the same boot (see bench.c). */
#include "bench/bench.h"
#include "console.h"
#include "kernel.h"

#define PROBE_EVENT 1u /* Kernel.Probe, owned by the kernel: no other handlers */

static uint64_t slots_plain[CAP_SLOTS];
static volatile uint64_t sink;

__attribute__((noipa)) static uint64_t probe_handler(void *closure, void *args)
{
    (void)args;
    return (uint64_t)(uintptr_t)closure;
}

__attribute__((noipa)) static int probe_guard(void *closure, const void *args)
{
    (void)args;
    return closure != 0;
}

static handler_fn volatile direct_target = probe_handler;

static uint64_t bench_array_load(uint64_t overhead)
{
    uint64_t start = arch_cycles();
    for (volatile int i = 0; i < BENCH_ROUNDS; i = i + 1)
        sink = slots_plain[i & (CAP_SLOTS - 1)];
    return bench_per_round(arch_cycles() - start, overhead);
}

static uint64_t bench_internalize(uint64_t overhead)
{
    const struct cap_slot *s = &kernel.caps.slot[0];
    cap_ref_t ref = (cap_ref_t)s->gen * CAP_TOTAL;
    struct kobject *obj;
    uint64_t start = arch_cycles();
    for (volatile int i = 0; i < BENCH_ROUNDS; i = i + 1) {
        if (cap_internalize(&kernel.caps, 0, ref, CAP_EVENT, CAP_RIGHT_READ, &obj) != CAP_OK)
            panic("bench: internalize of a live reference failed");
        sink = (uint64_t)(uintptr_t)obj;
    }
    return bench_per_round(arch_cycles() - start, overhead);
}

/* Revoking an object nobody holds a reference to still walks every
 * table: what reaping a strand that was ever handed out as a reference
 * adds (runtime.c). */
static uint64_t bench_revoke_object(uint64_t overhead)
{
    static struct kobject unreferenced = { .type = CAP_STRAND, .id = 0 };
    uint64_t start = arch_cycles();
    for (volatile int i = 0; i < BENCH_ROUNDS; i = i + 1)
        if (cap_revoke_object(&kernel.caps, &unreferenced) != 0)
            panic("bench: a reference to a private object");
    return bench_per_round(arch_cycles() - start, overhead);
}

static uint64_t bench_direct_call(uint64_t overhead)
{
    uint64_t start = arch_cycles();
    for (volatile int i = 0; i < BENCH_ROUNDS; i = i + 1)
        sink = direct_target((void *)1, 0);
    return bench_per_round(arch_cycles() - start, overhead);
}

static uint64_t bench_raise(struct event *ev, uint64_t overhead)
{
    uint64_t start = arch_cycles();
    for (volatile int i = 0; i < BENCH_ROUNDS; i = i + 1)
        sink = event_raise(ev, 0);
    return bench_per_round(arch_cycles() - start, overhead);
}

/* n handlers on the probe event, each with its own closure, guarded or not. */
static void install_probes(uint32_t n, int guarded)
{
    for (uint32_t i = 1; i <= n; i++)
        if (event_install(dispatch_event(&kernel.events, PROBE_EVENT), probe_handler, guarded ? probe_guard : 0,
                             (void *)(uintptr_t)i, MODULE_KERNEL) != DISPATCH_OK)
            panic("bench: cannot install probe %u", i);
}

static void uninstall_probes(uint32_t n)
{
    for (uint32_t i = 1; i <= n; i++)
        event_uninstall(dispatch_event(&kernel.events, PROBE_EVENT), probe_handler, (void *)(uintptr_t)i);
}

void bench_events(uint64_t overhead)
{
    static const char *const guarded_names[] = { "raise_guarded_1", "raise_guarded_2", "raise_guarded_4",
                                                 "raise_guarded_8", "raise_guarded_16" };
    struct event *ev = dispatch_event(&kernel.events, PROBE_EVENT);
    bench_row("internalize", bench_internalize(overhead), "instructions", "array_load");
    bench_row("array_load", bench_array_load(overhead), "instructions", 0);
    bench_row("revoke_object", bench_revoke_object(overhead), "instructions", "internalize");
    install_probes(1, 0);
    bench_row("raise_1", bench_raise(ev, overhead), "instructions", "direct_handler_call");
    bench_row("direct_handler_call", bench_direct_call(overhead), "instructions", 0);
    uninstall_probes(1);
    for (uint32_t k = 0, n = 1; n <= EVENT_HANDLERS; k++, n *= 2) {
        install_probes(n, 1);
        bench_row(guarded_names[k], bench_raise(ev, overhead), "instructions", "direct_handler_call");
        uninstall_probes(n);
    }
}
