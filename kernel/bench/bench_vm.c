/* The virtual memory rows of SPIN's table (Bershad et al. 1995, from
 * Appel and Li's benchmarks), through the VM services of vm.h, each
 * against a procedure call measured in the same boot. What each row
 * counts, per operation (tests/bench.py prints SPIN's figure beside it):
 *
 *   vm_dirty      ExamineMapping of one mapped page (vm_examine): the
 *                 model keeps no dirty bit, so the query is the whole cost.
 *                 Here and in vm_prot1 the page is each of the 50 in turn:
 *                 the model looks mappings up by a scan of the context's
 *                 slots, so one fixed page would show only the best case.
 *   vm_trap       A write to a read-only page by a strand in its context:
 *                 #PF, trap.c, strand_page_fault, vm_fault (classify, raise
 *                 ProtectionFault, the kernel guard, the handler, the model
 *                 checked again), iret and the retried write. A fault left
 *                 unresolved stops its strand, so the handler resolves it
 *                 (vm_protect back to read-write) and the instructions of
 *                 that call, counted inside the handler, are subtracted.
 *   vm_fault      A write to a page of the context's range that nothing
 *                 maps: PageNotPresent, whose handler maps a frame the
 *                 bench already holds (vm_map), then the retried write.
 *                 No frame is allocated or zeroed in the measured part.
 *   vm_prot1      vm_protect of one page, read-write to read-only.
 *   vm_prot100    vm_protect of 100 pages to read-only, and
 *   vm_unprot100  back to read-write, per 100 pages: the model holds at
 *                 most TR_MAPPINGS (64) mappings per context, so the 100
 *                 pages are 50 in each of two contexts.
 *   vm_appel1     A write to a read-only page; the ProtectionFault handler
 *                 makes it read-write and the next page read-only (the
 *                 next round's page), per fault, all included.
 *   vm_appel2     Protect 50 pages, write each, the handler makes the
 *                 faulting page read-write; in both contexts, per page.
 *
 * The pages and contexts are held by BENCH_OWNER, an owner id nobody else
 * uses (0 is the kernel, 1 the shell, 16 and up the extensions), and all
 * released at the end; the measuring strands have ended and the handlers
 * are uninstalled before bench_vm returns, and each is checked. */
#include "bench/bench.h"
#include "console.h"
#include "kernel.h"
#include "strand/runtime.h"
#include "vm/vm.h"

#define BENCH_OWNER 2u
#define VM_CONTEXTS 2u
#define VM_PAGES 50u    /* mapped in each context: 100 in all */
#define VM_SPARE 8u     /* unmapped pages after them in context 0's range, for vm_fault */
#define VM_ROUNDS_100 100u /* rounds of the 100-page rows */
#define RW (TR_PROT_READ | TR_PROT_WRITE)

enum vm_row { ROW_TRAP, ROW_FAULT, ROW_APPEL1, ROW_APPEL2 };

static struct {
    uint32_t ctx[VM_CONTEXTS];
    uint64_t base[VM_CONTEXTS];  /* first page of each context's range */
    uint32_t spare[VM_SPARE];    /* frames vm_fault's handler maps */
    uint64_t tick;               /* two arch_cycles() reads with nothing between */
    uint64_t fix;                /* vm_trap: the handler's vm_protect, this round */
    uint32_t row;                /* enum vm_row: what the handler does */
    uint32_t k;                  /* the context the measuring strand runs in */
    uint32_t done;               /* the strand finished its rounds */
    uint64_t total;              /* its count */
} b;

static uint64_t page_of(uint32_t k, uint32_t i) { return b.base[k] + (uint64_t)i * TR_PAGE_SIZE; }

static void must(int r, const char *what)
{
    if (r != 0)
        panic("bench: %s: %s (error %d)", what, vm_err_text(r), r);
}

/* Instructions since start, less the reads of the counter themselves. */
static uint64_t since(uint64_t start)
{
    uint64_t d = arch_cycles() - start;
    return d > b.tick ? d - b.tick : 0;
}

static void protect(uint32_t k, uint64_t v, uint32_t prot) { must(vm_protect(BENCH_OWNER, b.ctx[k], v, prot), "protect"); }

/* The kernel guard an extension's fault handler gets: its own contexts. */
static int bench_guard(void *closure, const void *args)
{
    (void)closure;
    return ((const struct vm_fault *)args)->owner == BENCH_OWNER;
}

static uint64_t bench_handler(void *closure, void *args)
{
    (void)closure;
    const struct vm_fault *f = args;
    uint64_t v = f->vaddr & ~(uint64_t)(TR_PAGE_SIZE - 1);
    uint64_t i = (v - b.base[b.k]) / TR_PAGE_SIZE;
    if (b.row == ROW_TRAP) {
        uint64_t start = arch_cycles();
        protect(b.k, v, RW);
        b.fix = since(start);
    } else if (b.row == ROW_FAULT) {
        must(vm_map(BENCH_OWNER, f->ctx, v, b.spare[i - VM_PAGES], RW), "map");
    } else {
        protect(b.k, v, RW);
        if (b.row == ROW_APPEL1)
            protect(b.k, page_of(b.k, (uint32_t)((i + 1) % VM_PAGES)), TR_PROT_READ);
    }
    return 1;
}

static void write_to(uint64_t v)
{
    arch_user_access_begin();
    *(volatile uint8_t *)v = 1;
    arch_user_access_end();
}

static void run_trap(void)
{
    for (uint32_t i = 0; i < BENCH_ROUNDS; i++) {
        uint64_t v = page_of(0, i % VM_PAGES); /* a new page each time: vm_fault stops a repeating one */
        protect(0, v, TR_PROT_READ);
        uint64_t start = arch_cycles();
        write_to(v);
        uint64_t all = since(start);
        b.total += all > b.fix ? all - b.fix : 0;
    }
}

static void run_fault(void)
{
    for (uint32_t i = 0; i < BENCH_ROUNDS; i++) {
        uint64_t v = page_of(0, VM_PAGES + i % VM_SPARE);
        uint64_t start = arch_cycles();
        write_to(v);
        b.total += since(start);
        must(vm_unmap(BENCH_OWNER, b.ctx[0], v), "unmap");
    }
}

static void run_appel1(void)
{
    protect(0, page_of(0, 0), TR_PROT_READ);
    uint64_t start = arch_cycles();
    for (uint32_t i = 0; i < BENCH_ROUNDS; i++)
        write_to(page_of(0, i % VM_PAGES));
    b.total = since(start);
    protect(0, page_of(0, BENCH_ROUNDS % VM_PAGES), RW); /* the one the last fault protected */
}

static void run_appel2(void)
{
    uint64_t start = arch_cycles();
    for (uint32_t r = 0; r < VM_ROUNDS_100; r++) {
        for (uint32_t i = 0; i < VM_PAGES; i++)
            protect(b.k, page_of(b.k, i), TR_PROT_READ);
        for (uint32_t i = 0; i < VM_PAGES; i++)
            write_to(page_of(b.k, i));
    }
    b.total = since(start);
}

static const char strand_name[] = "vmbench";

static void measured(void *arg)
{
    (void)arg;
    static void (*const run[])(void) = { run_trap, run_fault, run_appel1, run_appel2 };
    run[b.row]();
    b.done = 1;
}

/* A strand in context k runs row's rounds; every fault must be resolved. */
static uint64_t in_context(uint32_t row, uint32_t k, uint64_t faults)
{
    uint64_t resolved = vm.resolved, stopped = vm.stopped;
    b.row = row, b.k = k, b.done = 0, b.total = 0;
    uint32_t s;
    if (strand_spawn(strand_name, measured, 0, SCHED_OWNER_KERNEL, &s) != SCHED_OK ||
        strand_set_context(s, b.ctx[k]) != SCHED_OK)
        panic("bench: cannot start the measuring strand");
    strand_join(s);
    if (!b.done || vm.stopped != stopped || vm.resolved - resolved != faults)
        panic("bench: row %u: %lu faults resolved of %lu", row, vm.resolved - resolved, faults);
    return b.total;
}

static void set_up(void)
{
    uint64_t start = arch_cycles();
    b.tick = arch_cycles() - start;
    for (uint32_t k = 0; k < VM_CONTEXTS; k++) {
        uint16_t range;
        must(vm_ctx_create(BENCH_OWNER, &b.ctx[k]), "create");
        must(vm_range_alloc(BENCH_OWNER, b.ctx[k], (VM_PAGES + VM_SPARE) * TR_PAGE_SIZE, VIRT_ATTR_GUARD, &range),
             "range");
        b.base[k] = vm.virt.range[range].base;
        for (uint32_t i = 0; i < VM_PAGES; i++) {
            uint32_t page;
            must(vm_phys_alloc(BENCH_OWNER, 0, &page), "alloc");
            must(vm_map(BENCH_OWNER, b.ctx[k], page_of(k, i), page, RW), "map");
        }
    }
    for (uint32_t j = 0; j < VM_SPARE; j++)
        must(vm_phys_alloc(BENCH_OWNER, 0, &b.spare[j]), "alloc");
}

static uint64_t bench_dirty(uint64_t overhead)
{
    uint32_t page, prot;
    uint64_t start = arch_cycles();
    for (volatile int i = 0; i < BENCH_ROUNDS; i = i + 1)
        must(vm_examine(b.ctx[0], page_of(0, (uint32_t)i % VM_PAGES), &page, &prot), "examine");
    return bench_per_round(arch_cycles() - start, overhead);
}

static uint64_t bench_prot1(void)
{
    uint64_t total = 0;
    for (uint32_t i = 0; i < BENCH_ROUNDS; i++) {
        uint64_t v = page_of(0, i % VM_PAGES);
        uint64_t start = arch_cycles();
        protect(0, v, TR_PROT_READ);
        total += since(start);
        protect(0, v, RW);
    }
    return total / BENCH_ROUNDS;
}

/* All 100 pages to prot: the instructions it took. */
static uint64_t protect_all(uint32_t prot)
{
    uint64_t start = arch_cycles();
    for (uint32_t k = 0; k < VM_CONTEXTS; k++)
        for (uint32_t i = 0; i < VM_PAGES; i++)
            protect(k, page_of(k, i), prot);
    return since(start);
}

static void bench_prot100(void)
{
    uint64_t prot = 0, unprot = 0;
    for (uint32_t r = 0; r < VM_ROUNDS_100; r++) {
        prot += protect_all(TR_PROT_READ);
        unprot += protect_all(RW);
    }
    bench_row("vm_prot100", prot / VM_ROUNDS_100, "instructions", "indirect_call");
    bench_row("vm_unprot100", unprot / VM_ROUNDS_100, "instructions", "indirect_call");
}

/* On PageNotPresent (vm_fault) and ProtectionFault (the others). */
static void handlers(int install)
{
    static const uint32_t kinds[] = { VM_PAGE_NOT_PRESENT, VM_PROTECTION_FAULT };
    for (uint32_t j = 0; j < sizeof kinds / sizeof kinds[0]; j++) {
        struct event *ev = dispatch_event(&kernel.events, vm.fault_event[kinds[j]]);
        if (install ? event_install(ev, bench_handler, bench_guard, 0, MODULE_KERNEL) != DISPATCH_OK
                    : event_uninstall(ev, bench_handler, 0) != DISPATCH_OK)
            panic("bench: cannot %s the fault handler", install ? "install" : "uninstall");
    }
}

/* Nothing of the bench's is left: no frame, context or range held, no
 * handler, no measuring strand alive. */
static void tear_down(void)
{
    handlers(0);
    if (vm_release_owner(BENCH_OWNER) != VM_CONTEXTS * VM_PAGES + VM_SPARE)
        panic("bench: the VM bench's frames were not all freed");
    for (uint32_t p = 0; p < PHYS_PAGES; p++)
        if (vm.phys.page[p].live && vm.phys.page[p].owner == BENCH_OWNER)
            panic("bench: frame %u still held", p);
    for (uint32_t c = 0; c < TR_CONTEXTS; c++)
        if (vm.tr.ctx[c].live && vm.tr.ctx[c].owner == BENCH_OWNER)
            panic("bench: context %u still held", c);
    struct strand_info s[STRANDS];
    uint32_t n = strand_list(s, STRANDS);
    for (uint32_t i = 0; i < n; i++)
        if (s[i].state != STRAND_DEAD && s[i].name == strand_name)
            panic("bench: the measuring strand %u is still alive", s[i].id);
}

void bench_vm(uint64_t overhead)
{
    set_up();
    bench_row("vm_dirty", bench_dirty(overhead), "instructions", "indirect_call");
    handlers(1);
    bench_row("vm_fault", in_context(ROW_FAULT, 0, BENCH_ROUNDS) / BENCH_ROUNDS, "instructions", "indirect_call");
    bench_row("vm_trap", in_context(ROW_TRAP, 0, BENCH_ROUNDS) / BENCH_ROUNDS, "instructions", "indirect_call");
    bench_row("vm_prot1", bench_prot1(), "instructions", "indirect_call");
    bench_prot100();
    bench_row("vm_appel1", in_context(ROW_APPEL1, 0, BENCH_ROUNDS) / BENCH_ROUNDS, "instructions", "indirect_call");
    uint64_t appel2 = 0;
    for (uint32_t k = 0; k < VM_CONTEXTS; k++)
        appel2 += in_context(ROW_APPEL2, k, VM_ROUNDS_100 * VM_PAGES);
    bench_row("vm_appel2", appel2 / (VM_ROUNDS_100 * VM_CONTEXTS * VM_PAGES), "instructions", "indirect_call");
    tear_down();
}
