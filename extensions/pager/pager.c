/* pager: demand-zero paging for a context of its own. At load it creates
 * a translation context and reserves a range of 8 pages in it, with a
 * guard page after; nothing is mapped. Its Translation.PageNotPresent
 * handler answers each fault in that range with a fresh zeroed frame,
 * mapped read-write, after which the access is tried again. `pager` runs
 * the kernel's touch workload over the range (it writes and reads back a
 * word in each page); `pager stat` says how many pages it mapped. At
 * unload the kernel takes back the context, its mappings and frames. */
#include "spinel/phys.h"
#include "spinel/print.h"
#include "spinel/shell.h"
#include "spinel/translation.h"
#include "spinel/virt.h"

#define PAGES 8u
#define PAGE 4096u

static spinel_ref ctx, range;
static uint32_t ctx_number;
static uint64_t base;
static uint64_t mapped, runs;

/* A fresh zeroed frame, mapped read-write at the faulting page. The
 * kernel runs it only for faults in this extension's contexts; any
 * refusal leaves the fault unresolved (the kernel stops the strand). */
/*@ requires \valid_read(f);
    terminates \true;
    assigns mapped, SpinelRefs, SpinelServices;
*/
static uint64_t on_not_present(void *closure, const struct spinel_fault *f)
{
    spinel_ref frame = 0;
    (void)closure;
    if (f->ctx != ctx_number || phys_alloc(&frame) != SPINEL_OK)
        return 0;
    if (translation_map(ctx, f->vaddr & ~(uint64_t)(PAGE - 1), frame, TRANSLATION_READ | TRANSLATION_WRITE) !=
        SPINEL_OK) {
        phys_free(frame);
        return 0;
    }
    if (mapped < UINT64_MAX)
        mapped++;
    return 1;
}

/*@ terminates \true;
    assigns SpinelConsole;
*/
static void stat(void)
{
    print_str("pager: ");
    print_u64(mapped);
    print_str(" pages mapped on demand, ");
    print_u64(runs);
    print_str(" runs\n");
}

/*@ requires ShellLine(line);
    terminates \true;
    assigns runs, SpinelConsole, SpinelServices;
*/
static uint64_t on_command(void *closure, const char *line)
{
    (void)closure;
    if (!shell_word_is(line, "pager"))
        return 0;
    if (shell_word_is(shell_args(line), "stat")) {
        stat();
        return 1;
    }
    int err = translation_touch(ctx, range);
    if (err != SPINEL_OK) {
        print_str("pager: cannot start the touch workload: error ");
        print_u64((uint64_t)err);
        print_str("\n");
        return 1;
    }
    if (runs < UINT64_MAX)
        runs++;
    print_str("pager: touching 8 pages at ");
    print_hex(base);
    print_str("\n");
    return 1;
}

/*@ terminates \true;
    assigns ctx, range, ctx_number, base, mapped, runs, SpinelRefs, SpinelServices, SpinelEvents, SpinelConsole;
*/
int ext_init(void)
{
    mapped = runs = 0;
    if (translation_create(&ctx, &ctx_number) != SPINEL_OK)
        return 1;
    if (virt_alloc(ctx, PAGES * PAGE, VIRT_GUARD, &range, &base) != SPINEL_OK)
        return 2; /* the kernel destroys the context */
    if (translation_install_not_present(on_not_present) != SPINEL_OK || shell_install(on_command, 0) != SPINEL_OK)
        return 3;
    shell_help_str("pager", "[stat]: touch 8 demand-zero pages; or how many it mapped");
    print_str("pager: context ");
    print_u64(ctx_number);
    print_str(", 8 pages at ");
    print_hex(base);
    print_str(" paged on demand\n");
    return 0;
}

/*@ terminates \true;
    assigns SpinelConsole;
*/
void ext_fini(void)
{
    print_str("pager: unloaded; ");
    stat();
}
