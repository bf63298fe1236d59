/* The shell's strand commands: strands, spawn DEMO, kill N. */
#include "console.h"
#include "shell/shell_cmds.h"
#include "strand/demos.h"
#include "strand/runtime.h"

void cmd_strands(const char *args)
{
    (void)args;
    struct strand_info s[STRANDS];
    uint32_t n = strand_list(s, STRANDS);
    kprintf("%u strand%s (the shell's is %u)\n", n, n == 1 ? "" : "s", strand_self());
    for (uint32_t i = 0; i < n; i++)
        kprintf("  strand %u %s: %s, owner %u, policy %u, %lu ticks, count %lu\n", s[i].id,
                s[i].name ? s[i].name : "?", strand_state_name(s[i].state), s[i].owner, s[i].policy,
                s[i].ticks, s[i].count);
}

void cmd_spawn(const char *args)
{
    char name[16];
    const struct strand_demo *d = 0;
    if (next_word(&args, name, sizeof name)) {
        uint32_t len = 0;
        while (name[len])
            len++;
        d = strand_demo_named(name, len);
    }
    if (!d) {
        kprintf("usage: spawn DEMO, DEMO one of: spin (%s), sleeper (%s)\n",
                strand_demo_named("spin", 4)->what, strand_demo_named("sleeper", 7)->what);
        return;
    }
    uint32_t index = 0;
    int r = strand_spawn(d->name, d->run, 0, SCHED_OWNER_KERNEL, &index);
    if (r == SCHED_OK)
        kprintf("spawned strand %u (%s)\n", index, d->name);
    else
        kprintf("spawn: refused: %s (error %d)\n", strand_err_text(r), r);
}

void cmd_kill(const char *args)
{
    uint64_t n;
    if (!parse_number(&args, &n)) {
        kprintf("usage: kill N (a strand's number, see 'strands')\n");
        return;
    }
    int r = strand_kill(n > UINT32_MAX ? UINT32_MAX : (uint32_t)n);
    if (r == SCHED_OK)
        kprintf("killed strand %lu\n", n);
    else
        kprintf("kill: strand %lu: refused: %s (error %d)\n", n, strand_err_text(r), r);
}
