/* sched: a priority scheduler for the strands it owns. At load it spawns
 * two `spin` strands, "fast" with priority 3 and "slow" with priority 1,
 * and puts both under its policy: when the timer preempts a strand, its
 * Checkpoint handler lets it keep the processor until it has run as many
 * ticks in a row as its priority. So fast gets about three ticks for each
 * of slow's, while round robin's strands (the shell's, `spawn spin`) get
 * one tick per turn as before. Unloaded, both strands end with it. */
#include "spinel/print.h"
#include "spinel/refs.h"
#include "spinel/strand.h"

#define NONE 0xFFFFFFFFu

static spinel_ref fast_ref, slow_ref;
static uint32_t fast = NONE, slow = NONE;
static uint32_t kept;                          /* ticks the running strand kept the processor */
static uint64_t checkpoints, resumes, wakes;   /* for the goodbye */

/*@ terminates \true;
    assigns \nothing;
    ensures \result == 1 || \result == 3;
*/
static uint32_t priority(uint32_t id)
{
    if (id == fast)
        return 3;
    return 1;
}

/* Keeps the processor while the strand has run fewer ticks in a row than
 * its priority. */
/*@ requires \valid_read(s);
    terminates \true;
    assigns kept, checkpoints;
    ensures \result == STRAND_CHECKPOINT || \result == STRAND_KEEP;
*/
static uint64_t on_checkpoint(void *closure, const struct strand_event *s)
{
    (void)closure;
    if (kept < 2 && kept + 1 < priority(s->id)) {
        kept++;
        return STRAND_KEEP;
    }
    kept = 0;
    if (checkpoints < UINT64_MAX)
        checkpoints++;
    return STRAND_CHECKPOINT;
}

/* A strand picked to run starts its turn afresh. */
/*@ terminates \true;
    assigns kept, resumes;
*/
static uint64_t on_resume(void *closure, const struct strand_event *s)
{
    (void)closure;
    (void)s;
    kept = 0;
    if (resumes < UINT64_MAX)
        resumes++;
    return 0;
}

/* Spin strands never block; counted all the same. */
/*@ terminates \true;
    assigns wakes;
*/
static uint64_t on_unblock(void *closure, const struct strand_event *s)
{
    (void)closure;
    (void)s;
    if (wakes < UINT64_MAX)
        wakes++;
    return 0;
}

/*@ terminates \true;
    assigns \nothing;
*/
static uint64_t on_block(void *closure, const struct strand_event *s)
{
    (void)closure;
    (void)s;
    return 0;
}

/*@ terminates \true;
    assigns SpinelConsole;
*/
static void report(uint32_t id, uint32_t prio)
{
    print_str(" strand ");
    print_u64(id);
    print_str(" priority ");
    print_u64(prio);
}

/*@ terminates \true;
    assigns fast_ref, slow_ref, fast, slow, kept, checkpoints, resumes, wakes, SpinelEvents, SpinelRefs,
            SpinelConsole;
*/
int ext_init(void)
{
    kept = 0;
    checkpoints = resumes = wakes = 0;
    if (strand_spawn_named("spin", &fast_ref, &fast) != SPINEL_OK ||
        strand_spawn_named("spin", &slow_ref, &slow) != SPINEL_OK)
        return 1; /* the kernel kills whatever it spawned */
    if (strand_set_policy(fast_ref) != SPINEL_OK || strand_set_policy(slow_ref) != SPINEL_OK)
        return 2;
    if (strand_install_checkpoint(on_checkpoint) != SPINEL_OK || strand_install_resume(on_resume) != SPINEL_OK ||
        strand_install_unblock(on_unblock) != SPINEL_OK || strand_install_block(on_block) != SPINEL_OK)
        return 3;
    print_str("sched: scheduling");
    report(fast, 3);
    print_str(" and");
    report(slow, 1);
    /* A slot of its table never issued: refused, SPINEL_ERR_BAD_REF (7). */
    print_str("; a forged reference: ");
    print_u64((uint64_t)strand_set_policy(fast_ref ^ 2));
    print_str("\n");
    return 0;
}

/*@ terminates \true;
    assigns SpinelConsole;
*/
void ext_fini(void)
{
    print_str("sched: unloaded after ");
    print_u64(checkpoints);
    print_str(" checkpoints and ");
    print_u64(resumes);
    print_str(" resumes\n");
}
