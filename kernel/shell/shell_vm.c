/* The shell's VM command: the services' tables and counters, and `vm
 * touch`, which runs the touch demo in a context the shell owns, to show
 * each fault event's default: the report, and the strand stopped; `vm
 * fill`, which runs the frame table dry to show Reclaim's. */
#include "arch.h"
#include "console.h"
#include "kernel.h"
#include "lib/kstring.h"
#include "shell/shell_cmds.h"
#include "strand/runtime.h"
#include "paging.h"
#include "uspace.h"
#include "vm/vm.h"
#include "vm/vm_demo.h"

#define SHELL_OWNER MODULE_SHELL
#define TOUCH_PAGES_MAX 16u
#define TOUCH_WAIT_TICKS 200u

static void vm_status(void)
{
    uint32_t pages, contexts, ranges;
    uint64_t spaces, tables;
    vm_counts(&pages, &contexts, &ranges);
    uspace_counts(&spaces, &tables);
    kprintf("vm: %u frame%s held, %u context%s (%lu page-table frames), %u range%s; %lu free frames\n",
            pages, plural(pages), contexts, plural(contexts), tables, ranges, plural(ranges),
            frame_count(&kernel.frames, FRAME_FREE));
    kprintf("vm: faults: %lu PageNotPresent, %lu BadAddress, %lu ProtectionFault; %lu resolved, %lu stopped; "
            "%lu reclaimed\n",
            vm.faults[VM_PAGE_NOT_PRESENT], vm.faults[VM_BAD_ADDRESS], vm.faults[VM_PROTECTION_FAULT], vm.resolved,
            vm.stopped, vm.reclaimed);
}

/* Whether strand index is still alive (not dead, not reaped). */
static int alive(uint32_t index)
{
    struct strand_info s[STRANDS];
    uint32_t n = strand_list(s, STRANDS);
    for (uint32_t i = 0; i < n; i++)
        if (s[i].id == index)
            return s[i].state != STRAND_DEAD;
    return 0;
}

/* Maps the n pages of the range at base to fresh frames with prot. */
static int map_range(uint32_t ctx, uint64_t base, uint32_t n, uint32_t prot)
{
    for (uint32_t i = 0; i < n; i++) {
        uint32_t page;
        int r = vm_phys_alloc(SHELL_OWNER, PHYS_ATTR_ZERO, &page);
        if (r == PHYS_OK)
            r = vm_map(SHELL_OWNER, ctx, base + (uint64_t)i * TR_PAGE_SIZE, page, prot);
        if (r != 0) {
            kprintf("vm touch: cannot map page %u: %s (error %d)\n", i, vm_err_text(r), r);
            return 0;
        }
    }
    return 1;
}

/* Runs the touch strand in ctx and waits for it to end. */
static void run_touch(uint32_t ctx, struct vm_touch *t)
{
    uint32_t index;
    uint64_t flags = arch_irq_save(); /* it must not run before it has its context */
    int r = strand_spawn("touch", vm_touch_run, t, SCHED_OWNER_KERNEL, &index);
    if (r == SCHED_OK)
        r = strand_set_context(index, ctx);
    arch_irq_restore(flags);
    if (r != SCHED_OK) {
        kprintf("vm touch: cannot spawn: %s\n", strand_err_text(r));
        return;
    }
    for (uint32_t waited = 0; alive(index) && waited < TOUCH_WAIT_TICKS; waited++)
        strand_sleep(1);
    kprintf("vm touch: %u of %u pages done%s\n", t->done, t->pages, t->ok ? ", all read back" : "");
}

static void vm_touch(const char *args)
{
    uint64_t n;
    char how[8] = "";
    if (!parse_number(&args, &n) || n == 0 || n > TOUCH_PAGES_MAX) {
        kprintf("usage: vm touch N [map|ro|bad] (1 to %u pages)\n", TOUCH_PAGES_MAX);
        return;
    }
    next_word(&args, how, sizeof how);
    uint32_t ctx;
    uint16_t range;
    int r = vm_ctx_create(SHELL_OWNER, &ctx);
    if (r == 0)
        r = vm_range_alloc(SHELL_OWNER, ctx, n * TR_PAGE_SIZE, VIRT_ATTR_GUARD, &range);
    if (r != 0) {
        kprintf("vm touch: %s (error %d)\n", vm_err_text(r), r);
        vm_ctx_destroy(SHELL_OWNER, ctx);
        return;
    }
    static struct vm_touch t;
    t = (struct vm_touch){ .base = vm.virt.range[range].base, .pages = (uint32_t)n };
    if (kstrnlen(how, sizeof how) == 3 && kmemcmp((const uint8_t *)how, (const uint8_t *)"bad", 3) == 0)
        t.base = vm.virt.range[range].end; /* the guard page: in no range */
    int mapped = how[0] == 'm' ? map_range(ctx, t.base, t.pages, TR_PROT_READ | TR_PROT_WRITE)
                 : how[0] == 'r' ? map_range(ctx, t.base, t.pages, TR_PROT_READ)
                                 : 1;
    if (mapped)
        run_touch(ctx, &t);
    struct paging_audit a = { 0, 0, 0 };
    uspace_audit(vm_ctx_root(ctx), &a);
    kprintf("vm touch: context %u: W^X broken by %lu of %lu pages and %lu tables\n", ctx, a.broken, a.pages,
            a.tables);
    vm_release_owner(SHELL_OWNER);
}

/* Holds frames for the shell until an allocation is refused: the table
 * fills, Reclaim is raised for each live entry, and with no holder
 * agreeing the allocation fails cleanly. Then gives them all back. */
static void vm_fill(void)
{
    uint32_t held = 0, page;
    uint64_t raises = dispatch_event(&kernel.events, vm.reclaim_event)->raises;
    int r;
    while ((r = vm_phys_alloc(SHELL_OWNER, 0, &page)) == PHYS_OK)
        held++;
    raises = dispatch_event(&kernel.events, vm.reclaim_event)->raises - raises;
    kprintf("vm fill: %u frames held, then refused: %s (error %d); Reclaim raised %lu times\n", held,
            vm_err_text(r), r, raises);
    kprintf("vm fill: %u frames given back\n", vm_release_owner(SHELL_OWNER));
}

void cmd_vm(const char *args)
{
    char word[8];
    if (!next_word(&args, word, sizeof word))
        vm_status();
    else if (kstrnlen(word, sizeof word) == 5 && kmemcmp((const uint8_t *)word, (const uint8_t *)"touch", 5) == 0)
        vm_touch(args);
    else if (kstrnlen(word, sizeof word) == 4 && kmemcmp((const uint8_t *)word, (const uint8_t *)"fill", 4) == 0)
        vm_fill();
    else
        kprintf("usage: vm [touch N [map|ro|bad] | fill]\n");
}
