//! name vmbad
//! imports phys print shell translation virt
//! handler Translation.PageNotPresent claim
//! handler Shell.Command on_command
/* vmbad: the bad input an extension may give the VM interfaces. At init,
 * with a context, a range of 2 pages and two frames of its own, it tries
 * a forged frame reference, a wrong-typed one, the kernel's half, an
 * unaligned address, W+X, a frame freed already (a stale reference), a
 * mapping twice, freeing a mapped frame and widening a mapping to W+X,
 * and prints each answer; then it removes its one mapping, so that what
 * the kernel holds for it is one frame, the context and the range. Its
 * PageNotPresent handler claims every fault resolved without mapping
 * anything: `vmbad` runs the touch workload, which the kernel must stop
 * after the handler returns; `vmbad stat` says how often it ran. */
#include "spinel/phys.h"
#include "spinel/print.h"
#include "spinel/shell.h"
#include "spinel/translation.h"
#include "spinel/virt.h"

#define RW (TRANSLATION_READ | TRANSLATION_WRITE)

static spinel_ref ctx, range, a, b;
static uint32_t number;
static uint64_t base, calls;

/*@ requires \valid_read(f);
    terminates \true;
    assigns calls;
*/
static uint64_t claim(void *closure, const struct spinel_fault *f)
{
    (void)closure;
    (void)f;
    if (calls < UINT64_MAX)
        calls++;
    return 1;
}

/*@ requires ShellLine(line);
    terminates \true;
    assigns SpinelConsole, SpinelServices;
*/
static uint64_t on_command(void *closure, const char *line)
{
    (void)closure;
    if (!shell_word_is(line, "vmbad"))
        return 0;
    if (shell_word_is(shell_args(line), "stat")) {
        print_str("vmbad: the handler ran ");
        print_u64(calls);
        print_str(" times\n");
        return 1;
    }
    print_str("vmbad: touch ");
    print_u64((uint64_t)translation_touch(ctx, range));
    print_str("\n");
    return 1;
}

/*@ terminates \true;
    assigns SpinelConsole;
*/
static void answer(int err)
{
    print_str(" ");
    print_u64((uint64_t)err);
}

/*@ terminates \true;
    assigns ctx, range, a, b, number, base, calls, SpinelRefs, SpinelServices, SpinelEvents, SpinelConsole;
*/
int ext_init(void)
{
    uint32_t prot = 0;
    calls = 0;
    if (translation_create(&ctx, &number) != SPINEL_OK || virt_alloc(ctx, 2 * 4096, VIRT_GUARD, &range, &base) ||
        phys_alloc(&a) != SPINEL_OK || phys_alloc(&b) != SPINEL_OK)
        return 1;
    if (translation_install_not_present(claim) != SPINEL_OK || shell_install(on_command, 0) != SPINEL_OK)
        return 2;
    print_str("vmbad:");
    answer(translation_map(ctx, base, a ^ 2, RW));                   /* forged: 7 */
    answer(translation_map(ctx, base, ctx, RW));                     /* a context as a frame: 7 */
    answer(translation_map(ctx, 0xffff800000000000ull, a, RW));      /* the kernel's half: 11 */
    answer(translation_map(ctx, 0x0000800000000000ull - 4096, a, RW) == SPINEL_OK ? 0 : 1); /* top user page: ok */
    answer(translation_unmap(ctx, 0x0000800000000000ull - 4096));    /* 0 */
    answer(translation_map(ctx, base ^ 8, a, RW));                   /* unaligned: 10 */
    answer(translation_map(ctx, base, a, RW | TRANSLATION_EXEC));    /* W+X: 13 */
    answer(phys_free(b));                                            /* 0 */
    answer(translation_map(ctx, base, b, RW));                       /* stale: 7 */
    answer(translation_examine(ctx, base, &prot));                   /* nothing was mapped: 15 */
    answer(translation_map(ctx, base, a, TRANSLATION_READ));         /* 0 */
    answer(translation_map(ctx, base, a, RW));                       /* mapped already: 14 */
    answer(phys_free(a));                                            /* mapped: 16 */
    answer(translation_protect(ctx, base, RW | TRANSLATION_EXEC));   /* W+X: 13 */
    answer(translation_examine(ctx, base, &prot));                   /* 0 */
    print_str(" ");
    print_u64(prot);                                                 /* still read only: 1 */
    answer(translation_unmap(ctx, base));                            /* 0 */
    answer(translation_unmap(ctx, base));                            /* 15 */
    print_str("\n");
    return 0;
}
