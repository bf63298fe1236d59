/* reclaim: a PhysAddr.Reclaim policy. At load it takes 8 frames and maps
 * each read-only at its own page of a context of its own, where `reclaim
 * stat` can see which it still holds: the kernel unmaps a frame it takes.
 * When frames run out and Reclaim offers it one of its frames, it agrees,
 * but nominates another: the most recently allocated it still holds, so
 * the frames it took first stay longest. It keeps a reserve of 2 frames:
 * offered one then, it declines. */
#include "spinel/phys.h"
#include "spinel/print.h"
#include "spinel/shell.h"
#include "spinel/translation.h"
#include "spinel/virt.h"

#define FRAMES 8u
#define RESERVE 2u
#define PAGE 4096u
#define NONE FRAMES
/* The range lies in the user half, far below this; the proof is told so
 * by a check wherever a page's address is computed from base. */
#define BASE_MAX (UINT64_MAX - FRAMES * PAGE)

static spinel_ref ctx, range;
static uint32_t ctx_number;
static uint64_t base;
static spinel_ref frame[FRAMES];
static uint8_t held[FRAMES]; /* 1 while it has not given frame[i] away */
static uint32_t holding;     /* how many held[] are 1, as far as it counted */
/* Each frame it gave: which was offered, which it nominated. */
static uint8_t offered[FRAMES], nominated[FRAMES];
static uint32_t given;
static uint64_t offers, declined;

/* Which of its frames ref is, if it still holds it; else NONE. */
/*@ requires SpinelFuel >= FRAMES;
    terminates \true;
    assigns SpinelFuel;
    ensures SpinelFuel >= \old(SpinelFuel) - FRAMES;
    ensures 0 <= \result <= NONE;
*/
static uint32_t index_of(spinel_ref ref)
{
    uint32_t found = NONE;
    /*@ loop invariant 0 <= i <= FRAMES && 0 <= found <= NONE;
        loop invariant SpinelFuel == \at(SpinelFuel, Pre) - i;
        loop assigns i, found, SpinelFuel;
        loop variant FRAMES - i;
    */
    for (uint32_t i = 0; i < FRAMES; i++) {
        spinel_spend();
        if (held[i] && frame[i] == ref)
            found = i;
    }
    return found;
}

/* The most recently allocated frame it still holds, other than not; else
 * NONE. */
/*@ requires SpinelFuel >= FRAMES;
    terminates \true;
    assigns SpinelFuel;
    ensures SpinelFuel >= \old(SpinelFuel) - FRAMES;
    ensures 0 <= \result <= NONE;
*/
static uint32_t latest_other(uint32_t not)
{
    uint32_t found = NONE;
    /*@ loop invariant 0 <= i <= FRAMES && 0 <= found <= NONE;
        loop invariant SpinelFuel == \at(SpinelFuel, Pre) - i;
        loop assigns i, found, SpinelFuel;
        loop variant FRAMES - i;
    */
    for (uint32_t i = 0; i < FRAMES; i++) {
        spinel_spend();
        if (held[i] && i != not)
            found = i;
    }
    return found;
}

/* Offered one of its frames: above the reserve, it gives the latest other
 * frame it holds (or, holding no other, the candidate). */
/*@ requires \valid(r);
    requires SpinelFuel >= 2 * FRAMES;
    terminates \true;
    assigns held[0 .. FRAMES - 1], holding, offered[0 .. FRAMES - 1], nominated[0 .. FRAMES - 1], given, offers,
            declined, SpinelFuel, r->nominee;
*/
static uint64_t on_reclaim(void *closure, struct spinel_reclaim *r)
{
    (void)closure;
    if (offers < UINT64_MAX)
        offers++;
    uint32_t candidate = index_of(r->candidate);
    if (candidate == NONE || holding <= RESERVE || given >= FRAMES) {
        if (declined < UINT64_MAX)
            declined++;
        return 0;
    }
    uint32_t nominee = latest_other(candidate);
    if (nominee == NONE)
        nominee = candidate;
    r->nominee = frame[nominee];
    held[nominee] = 0;
    holding--;
    offered[given] = (uint8_t)candidate;
    nominated[given] = (uint8_t)nominee;
    given++;
    return 1;
}

/* The numbers of the frames in list[0 .. n - 1]. */
/*@ requires n <= FRAMES;
    requires \valid_read(list + (0 .. FRAMES - 1));
    requires SpinelFuel >= FRAMES;
    terminates \true;
    assigns SpinelConsole, SpinelFuel;
    ensures SpinelFuel >= \old(SpinelFuel) - FRAMES;
*/
static void print_list(const uint8_t *list, uint32_t n)
{
    /*@ loop invariant 0 <= i <= n;
        loop invariant SpinelFuel == \at(SpinelFuel, Pre) - i;
        loop assigns i, SpinelConsole, SpinelFuel;
        loop variant n - i;
    */
    for (uint32_t i = 0; i < n; i++) {
        spinel_spend();
        print_str(" ");
        print_u64(list[i]);
    }
}

/* Which of its pages the kernel still maps: the frames it still holds,
 * seen through the kernel's model, not its own bookkeeping. */
/*@ requires SpinelFuel >= FRAMES;
    terminates \true;
    assigns SpinelConsole, SpinelFuel;
    ensures SpinelFuel >= \old(SpinelFuel) - FRAMES;
*/
static void print_mapped(void)
{
    if (base > BASE_MAX)
        return;
    /*@ loop invariant 0 <= i <= FRAMES;
        loop invariant SpinelFuel == \at(SpinelFuel, Pre) - i;
        loop assigns i, SpinelConsole, SpinelFuel;
        loop variant FRAMES - i;
    */
    for (uint32_t i = 0; i < FRAMES; i++) {
        spinel_spend();
        uint32_t prot = 0;
        if (translation_examine(ctx, base + (uint64_t)i * PAGE, &prot) == SPINEL_OK) {
            print_str(" ");
            print_u64(i);
        }
    }
}

/*@ requires SpinelFuel >= 3 * FRAMES;
    terminates \true;
    assigns SpinelConsole, SpinelFuel;
*/
static void stat(void)
{
    uint32_t n = given <= FRAMES ? given : FRAMES;
    print_str("reclaim: ");
    print_u64(holding);
    print_str(" frames held, ");
    print_u64(given);
    print_str(" given, ");
    print_u64(declined);
    print_str(" declined of ");
    print_u64(offers);
    print_str(" offers; offered");
    print_list(offered, n);
    print_str(", nominated");
    print_list(nominated, n);
    print_str("; still mapped");
    print_mapped();
    print_str("\n");
}

/*@ requires ShellLine(line);
    requires SpinelFuel >= 3 * FRAMES;
    terminates \true;
    assigns SpinelConsole, SpinelFuel;
*/
static uint64_t on_command(void *closure, const char *line)
{
    (void)closure;
    if (!shell_word_is(line, "reclaim"))
        return 0;
    stat();
    return 1;
}

/* Its 8 frames, each mapped read-only at its page; 0, or the first
 * refusal. */
/*@ requires SpinelFuel >= FRAMES;
    terminates \true;
    assigns frame[0 .. FRAMES - 1], held[0 .. FRAMES - 1], holding, SpinelRefs, SpinelServices, SpinelFuel;
*/
static int take_frames(void)
{
    holding = 0;
    if (base > BASE_MAX)
        return SPINEL_ERR_INVALID;
    /*@ loop invariant 0 <= i <= FRAMES && holding == i;
        loop invariant SpinelFuel == \at(SpinelFuel, Pre) - i;
        loop assigns i, frame[0 .. FRAMES - 1], held[0 .. FRAMES - 1], holding, SpinelRefs, SpinelServices,
                     SpinelFuel;
        loop variant FRAMES - i;
    */
    for (uint32_t i = 0; i < FRAMES; i++) {
        spinel_spend();
        int err = phys_alloc(&frame[i]);
        if (err == SPINEL_OK)
            err = translation_map(ctx, base + (uint64_t)i * PAGE, frame[i], TRANSLATION_READ);
        if (err != SPINEL_OK)
            return err; /* the kernel takes back what it holds */
        held[i] = 1;
        holding = i + 1;
    }
    return SPINEL_OK;
}

/*@ requires SpinelFuel >= FRAMES;
    terminates \true;
    assigns ctx, range, ctx_number, base, frame[0 .. FRAMES - 1], held[0 .. FRAMES - 1], holding, given, offers,
            declined, SpinelRefs, SpinelServices, SpinelEvents, SpinelConsole, SpinelFuel;
*/
int ext_init(void)
{
    given = 0;
    offers = declined = 0;
    if (translation_create(&ctx, &ctx_number) != SPINEL_OK)
        return 1;
    if (virt_alloc(ctx, FRAMES * PAGE, VIRT_GUARD, &range, &base) != SPINEL_OK)
        return 2; /* the kernel destroys the context */
    if (take_frames() != SPINEL_OK)
        return 3;
    if (phys_install(on_reclaim) != SPINEL_OK || shell_install(on_command, 0) != SPINEL_OK)
        return 4;
    shell_help_str("reclaim", "its frames held and given to Reclaim (offered, nominated), and those still mapped");
    print_str("reclaim: 8 frames held, a reserve of 2 kept from Reclaim\n");
    return 0;
}

/*@ requires SpinelFuel >= 3 * FRAMES;
    terminates \true;
    assigns SpinelConsole, SpinelFuel;
*/
void ext_fini(void)
{
    print_str("reclaim: unloaded; ");
    stat();
}
