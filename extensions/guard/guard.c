/* guard: a write watch (dirty tracking) built on ProtectionFault. At load
 * it creates a translation context, reserves 8 pages in it and maps each
 * to a zeroed frame of its own, read-only. The first write to a page is
 * a Translation.ProtectionFault: its handler marks the page dirty and
 * makes it writable, after which the write is tried again and later
 * writes to that page no longer fault. `guard` runs the kernel's touch
 * workload over the pages (it writes and reads back a word in each);
 * `guard stat` says how many are dirty; `guard reset` makes every page
 * read-only again and clears the marks, so the next writes are seen
 * again. At unload the kernel takes back the context, mappings and
 * frames. */
#include "spinel/phys.h"
#include "spinel/print.h"
#include "spinel/shell.h"
#include "spinel/translation.h"
#include "spinel/virt.h"

#define PAGES 8u
#define PAGE 4096u
/* The range lies in the user half, far below this; the proof is told so
 * by a check wherever a page's address is computed from base. */
#define BASE_MAX (UINT64_MAX - PAGES * PAGE)

static spinel_ref ctx, range;
static uint32_t ctx_number;
static uint64_t base;
static uint8_t dirty[PAGES];
static uint64_t seen, runs, resets;

/* A write to one of its read-only pages: marked dirty, made writable.
 * Anything else (a read, an address outside its pages, a refusal) is left
 * unresolved, and the kernel stops the strand. */
/*@ requires \valid_read(f);
    terminates \true;
    assigns dirty[0 .. PAGES - 1], seen, SpinelServices;
*/
static uint64_t on_protection(void *closure, const struct spinel_fault *f)
{
    (void)closure;
    if (f->ctx != ctx_number || f->access != TRANSLATION_WRITE || f->vaddr < base)
        return 0;
    uint64_t index = (f->vaddr - base) / PAGE;
    if (index >= PAGES)
        return 0;
    if (translation_protect(ctx, base + index * PAGE, TRANSLATION_READ | TRANSLATION_WRITE) != SPINEL_OK)
        return 0;
    dirty[index] = 1;
    if (seen < UINT64_MAX)
        seen++;
    return 1;
}

/*@ requires SpinelFuel >= PAGES;
    terminates \true;
    assigns SpinelFuel;
    ensures 0 <= \result <= PAGES;
*/
static uint32_t dirty_pages(void)
{
    uint32_t n = 0;
    /*@ loop invariant 0 <= i <= PAGES && 0 <= n <= i;
        loop invariant SpinelFuel == \at(SpinelFuel, Pre) - i;
        loop assigns i, n, SpinelFuel;
        loop variant PAGES - i;
    */
    for (uint32_t i = 0; i < PAGES; i++) {
        spinel_spend();
        n += dirty[i] != 0;
    }
    return n;
}

/* Every page read-only again, its mark cleared; how many pages refused. */
/*@ requires SpinelFuel >= PAGES;
    terminates \true;
    assigns dirty[0 .. PAGES - 1], SpinelServices, SpinelFuel;
    ensures 0 <= \result <= PAGES;
*/
static uint32_t protect_all(void)
{
    uint32_t refused = 0;
    if (base > BASE_MAX)
        return PAGES;
    /*@ loop invariant 0 <= i <= PAGES && 0 <= refused <= i;
        loop invariant SpinelFuel == \at(SpinelFuel, Pre) - i;
        loop assigns i, refused, dirty[0 .. PAGES - 1], SpinelServices, SpinelFuel;
        loop variant PAGES - i;
    */
    for (uint32_t i = 0; i < PAGES; i++) {
        spinel_spend();
        refused += translation_protect(ctx, base + (uint64_t)i * PAGE, TRANSLATION_READ) != SPINEL_OK;
        dirty[i] = 0;
    }
    return refused;
}

/*@ requires SpinelFuel >= PAGES;
    terminates \true;
    assigns SpinelConsole, SpinelFuel;
*/
static void stat(void)
{
    print_str("guard: ");
    print_u64(dirty_pages());
    print_str(" of 8 pages dirty; ");
    print_u64(seen);
    print_str(" writes caught, ");
    print_u64(runs);
    print_str(" runs, ");
    print_u64(resets);
    print_str(" resets\n");
}

/*@ requires SpinelFuel >= PAGES;
    terminates \true;
    assigns dirty[0 .. PAGES - 1], resets, SpinelConsole, SpinelServices, SpinelFuel;
*/
static void reset(void)
{
    uint32_t refused = protect_all();
    if (resets < UINT64_MAX)
        resets++;
    print_str("guard: 8 pages read-only again, marks cleared");
    if (refused != 0) {
        print_str("; refused: ");
        print_u64(refused);
    }
    print_str("\n");
}

/*@ terminates \true;
    assigns runs, SpinelConsole, SpinelServices;
*/
static void run(void)
{
    int err = translation_touch(ctx, range);
    if (err != SPINEL_OK) {
        print_str("guard: cannot start the touch workload: error ");
        print_u64((uint64_t)err);
        print_str("\n");
        return;
    }
    if (runs < UINT64_MAX)
        runs++;
    print_str("guard: touching 8 pages at ");
    print_hex(base);
    print_str("\n");
}

/*@ requires ShellLine(line);
    requires SpinelFuel >= PAGES;
    terminates \true;
    assigns dirty[0 .. PAGES - 1], runs, resets, SpinelConsole, SpinelServices, SpinelFuel;
*/
static uint64_t on_command(void *closure, const char *line)
{
    (void)closure;
    if (!shell_word_is(line, "guard"))
        return 0;
    const char *args = shell_args(line);
    if (shell_word_is(args, "stat"))
        stat();
    else if (shell_word_is(args, "reset"))
        reset();
    else
        run();
    return 1;
}

/* Each of the range's pages mapped read-only to a zeroed frame of its
 * own; 0, or the first refusal. */
/*@ requires SpinelFuel >= PAGES;
    terminates \true;
    assigns SpinelRefs, SpinelServices, SpinelFuel;
*/
static int map_read_only(void)
{
    if (base > BASE_MAX)
        return SPINEL_ERR_INVALID;
    /*@ loop invariant 0 <= i <= PAGES;
        loop invariant SpinelFuel == \at(SpinelFuel, Pre) - i;
        loop assigns i, SpinelRefs, SpinelServices, SpinelFuel;
        loop variant PAGES - i;
    */
    for (uint32_t i = 0; i < PAGES; i++) {
        spinel_spend();
        spinel_ref frame = 0;
        int err = phys_alloc(&frame);
        if (err == SPINEL_OK)
            err = translation_map(ctx, base + (uint64_t)i * PAGE, frame, TRANSLATION_READ);
        if (err != SPINEL_OK)
            return err; /* the kernel takes back what it holds */
    }
    return SPINEL_OK;
}

/*@ requires SpinelFuel >= PAGES;
    terminates \true;
    assigns ctx, range, ctx_number, base, dirty[0 .. PAGES - 1], seen, runs, resets, SpinelRefs, SpinelServices,
            SpinelEvents, SpinelConsole, SpinelFuel;
*/
int ext_init(void)
{
    seen = runs = resets = 0;
    if (translation_create(&ctx, &ctx_number) != SPINEL_OK)
        return 1;
    if (virt_alloc(ctx, PAGES * PAGE, VIRT_GUARD, &range, &base) != SPINEL_OK)
        return 2; /* the kernel destroys the context */
    if (map_read_only() != SPINEL_OK)
        return 3;
    if (translation_install_protection(on_protection) != SPINEL_OK || shell_install(on_command, 0) != SPINEL_OK)
        return 4;
    shell_help_str("guard", "[stat|reset]: touch 8 watched pages; or how many are dirty; or watch them again");
    print_str("guard: context ");
    print_u64(ctx_number);
    print_str(", 8 read-only pages at ");
    print_hex(base);
    print_str(" watched for writes\n");
    return 0;
}

/*@ requires SpinelFuel >= PAGES;
    terminates \true;
    assigns SpinelConsole, SpinelFuel;
*/
void ext_fini(void)
{
    print_str("guard: unloaded; ");
    stat();
}
