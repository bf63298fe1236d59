/* The serial console shell: one command per line, looked up in a table
 * that later subsystems extend. */
#include "arch.h"
#include "console.h"
#include "strand/runtime.h"
#include "ext/ext.h"
#include "kernel.h"
#include "lib/kstring.h"
#include "paging.h"
#include "uspace.h"
#include "vm/vm.h"
#include "shell/shell_cmds.h"
#include "shell/shell_help.h"

#define LINE_MAX 128

struct command {
    const char *name;
    const char *args;
    const char *help;
    uint32_t max_args;
    void (*run)(const char *args);
};

static void cmd_help(const char *args);

static void cmd_mem(const char *args)
{
    (void)args;
    const struct frame_alloc *fa = &kernel.frames;
    uint64_t free = frame_count(fa, FRAME_FREE), used = frame_count(fa, FRAME_USED);
    kprintf("frames: %lu free / %lu total (%lu used), %lu KiB free\n", free, free + used, used,
            free * (FRAME_SIZE / 1024));
    const struct paging_stats *s = paging_stats();
    struct paging_audit a;
    paging_audit(&a);
    for (uint32_t c = 0; c < TR_CONTEXTS; c++)
        if (vm_ctx_root(c))
            uspace_audit(vm_ctx_root(c), &a);
    kprintf("physmap: %lu pages read-only (sealed code and data, page tables), %lu of 2 MiB split; "
            "W^X broken by %lu of %lu pages and %lu tables\n",
            s->physmap_sealed, s->physmap_split, a.broken, a.pages, a.tables);
}

static void cmd_ticks(const char *args)
{
    (void)args;
    kprintf("ticks: %lu (%u Hz)\n", arch_ticks(), arch_tick_hz());
}

static const char *skip_spaces(const char *s)
{
    while (*s == ' ')
        s++;
    return s;
}

int parse_number(const char **s, uint64_t *value)
{
    const char *p = skip_spaces(*s);
    uint64_t base = 10, v = 0;
    if (p[0] == '0' && p[1] == 'x') {
        base = 16;
        p += 2;
    }
    const char *start = p;
    for (;; p++) {
        uint64_t digit;
        if (*p >= '0' && *p <= '9')
            digit = (uint64_t)(*p - '0');
        else if (base == 16 && *p >= 'a' && *p <= 'f')
            digit = (uint64_t)(*p - 'a' + 10);
        else
            break;
        if (v > (UINT64_MAX - digit) / base)
            return 0; /* too big: refuse rather than wrap */
        v = v * base + digit;
    }
    if (p == start || (*p != ' ' && *p != '\0'))
        return 0;
    *value = v;
    *s = p;
    return 1;
}

static void cmd_halt(const char *args)
{
    (void)args;
    kprintf("halting\n");
    arch_halt(HALT_OK);
}

/* args: what follows the name in help and usage lines; max_args: more
 * words than this are refused before the command runs (ext's depend on
 * its verb: it checks them itself). */
#define ARGS_CHECKED_BY_COMMAND UINT32_MAX
static const struct command commands[] = {
    { "help", 0, "list commands", 0, cmd_help },
    { "mem", 0, "free and total physical frames; physmap pages sealed, and a W^X check of every mapping", 0, cmd_mem },
    { "ticks", 0, "timer ticks since boot", 0, cmd_ticks },
    { "fault", "[read|write|exec|stack|table|alias [EXT]]",
      "read unmapped memory, write text, run data, overflow the stack, write a page table or code through the physmap",
      2, cmd_fault },
    { "strands", 0, "list the strands: state, owner, policy, ticks run", 0, cmd_strands },
    { "spawn", "DEMO", "start a demo strand (spin, sleeper)", 1, cmd_spawn },
    { "kill", "N", "kill strand N (an application's too)", 1, cmd_kill },
    { "apps", 0, "applications known (boot modules \"app NAME\", spinel run) and running", 0, cmd_apps },
    { "run", "NAME [ARGS]", "start an application in ring 3, in its own context, with the words ARGS", LINE_MAX,
      cmd_run }, /* app_run refuses too many */
    { "vm", "[touch N [map|ro|bad] | fill]",
      "VM services: frames, contexts, ranges, faults; the touch demo in a context; fill the frame table", 3, cmd_vm },
    { "net", 0, "the network: device, address, each layer's counters, drops by reason, the ARP cache", 0, cmd_net },
    { "ping", "A.B.C.D [COUNT]", "ICMP echo requests (COUNT, default 3) and their replies", 2, cmd_ping },
    { "caps", "APP", "an application's live references", 1, cmd_caps },
    { "cap", "APP REF", "what a reference names, or why it is refused", 2, cmd_cap },
    { "revoke", "APP REF", "kill a reference", 2, cmd_revoke },
    { "events", 0, "events, owners, handlers and raise counts", 0, cmd_events },
    { "domains", 0, "domains: kind, exports, imports, sections, sealed", 0, cmd_domains },
    { "domain", "NAME", "a domain's exports and imports", 1, cmd_domain },
    { "call", "DOMAIN SYMBOL", "call an exported function of a sealed domain", 2, cmd_call },
    { "ext", "[list|load|unload|info|cycle] NAME", "extensions", ARGS_CHECKED_BY_COMMAND, cmd_ext },
    { "halt", 0, "stop the machine (and QEMU)", 0, cmd_halt },
};
#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static void cmd_help(const char *args)
{
    (void)args;
    for (size_t i = 0; i < NCOMMANDS; i++) {
        const struct command *c = &commands[i];
        shell_help_line(c->name, c->args);
        kprintf("%s\n", c->help);
    }
    shell_help_print_extensions();
}

static uint32_t count_words(const char *s)
{
    uint32_t n = 0;
    for (s = skip_spaces(s); *s; s = skip_spaces(s)) {
        n++;
        while (*s && *s != ' ')
            s++;
    }
    return n;
}

int too_many_args(const char *args, uint32_t max, const char *name, const char *usage)
{
    if (count_words(args) <= max)
        return 0;
    kprintf("%s: too many arguments (usage: %s%s%s)\n", name, name, usage ? " " : "", usage ? usage : "");
    return 1;
}

static void run_line(char *line)
{
    while (*line == ' ')
        line++;
    size_t len = 0;
    while (line[len] && line[len] != ' ')
        len++;
    if (len == 0)
        return;
    char *args = line + len;
    /* Strands that ended since (an application's exit) are reaped first,
     * so what a command lists or frees is what is really held. */
    strand_collect();
    /* Extensions see every line first; nonzero: one of them handled it. */
    uint64_t handled = event_raise(&kernel.events.ev[kernel.command_event], line);
    for (size_t i = 0; i < NCOMMANDS; i++) {
        const char *name = commands[i].name;
        if (kstrnlen(name, LINE_MAX) == len && kmemcmp((const uint8_t *)name, (const uint8_t *)line, len) == 0) {
            if (!too_many_args(args, commands[i].max_args, name, commands[i].args))
                commands[i].run(args);
            return;
        }
    }
    if (handled)
        return;
    line[len] = '\0';
    kprintf("unknown command '%s'; try 'help'\n", line);
}

void shell_run(void)
{
    char line[LINE_MAX];
    kprintf("Type 'help' for commands.\n");
    kputs("spinel> ");
    kernel.prompt_cycles = arch_cycles();
    if (cmdline_has_word((const char *)kernel.boot.cmdline, "bench"))
        bench_run();
    for (;;) {
        if (read_line(line, sizeof(line)))
            run_line(line);
        kputs("spinel> ");
    }
}
