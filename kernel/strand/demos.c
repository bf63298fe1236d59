/* Demo strands for the shell's `spawn`: one that computes without end (the
 * timer must preempt it), one that sleeps and is woken by the timer. */
#include "lib/kstring.h"
#include "strand/demos.h"
#include "strand/runtime.h"

/* Counts as fast as it can; it never gives the processor up by itself. */
static void spin(void *arg)
{
    (void)arg;
    volatile uint64_t *count = strand_counter(strand_self());
    for (;;)
        (*count)++;
}

/* Counts once every 10 ticks: blocked in between, unblocked by the timer. */
static void sleeper(void *arg)
{
    (void)arg;
    volatile uint64_t *count = strand_counter(strand_self());
    for (;;) {
        (*count)++;
        strand_sleep(10);
    }
}

static const struct strand_demo demos[] = {
    { "spin", "counts without end; only the timer stops it", spin },
    { "sleeper", "counts once every 10 ticks, blocked in between", sleeper },
};

const struct strand_demo *strand_demo_named(const char *name, uint32_t len)
{
    for (uint32_t i = 0; i < sizeof(demos) / sizeof(demos[0]); i++)
        if (kstrnlen(demos[i].name, 16) == len && kmemcmp((const uint8_t *)demos[i].name, (const uint8_t *)name, len) == 0)
            return &demos[i];
    return 0;
}
