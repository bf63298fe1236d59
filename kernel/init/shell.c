/* The serial console shell: one command per line, looked up in a table
 * that later subsystems extend. */
#include "arch.h"
#include "console.h"
#include "kernel.h"
#include "kstring.h"

#define LINE_MAX 128
/* Unmapped in the kernel's address space: the boot identity map is gone. */
#define FAULT_ADDRESS 0xdead0000ul

struct command {
    const char *name;
    const char *help;
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
}

static void cmd_ticks(const char *args)
{
    (void)args;
    kprintf("ticks: %lu (%u Hz)\n", arch_ticks(), arch_tick_hz());
}

static void cmd_fault(const char *args)
{
    (void)args;
    kprintf("reading unmapped address 0x%lx\n", FAULT_ADDRESS);
    arch_touch(FAULT_ADDRESS);
    kprintf("fault: no page fault happened\n");
}

static void cmd_halt(const char *args)
{
    (void)args;
    kprintf("halting\n");
    arch_halt(HALT_OK);
}

static const struct command commands[] = {
    { "help", "list commands", cmd_help },
    { "mem", "free and total physical frames", cmd_mem },
    { "ticks", "timer ticks since boot", cmd_ticks },
    { "fault", "touch an unmapped address to show the page-fault report", cmd_fault },
    { "halt", "stop the machine (and QEMU)", cmd_halt },
};
#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static void cmd_help(const char *args)
{
    (void)args;
    for (size_t i = 0; i < NCOMMANDS; i++) {
        kprintf("  %s", commands[i].name);
        for (size_t pad = kstrnlen(commands[i].name, 8); pad < 8; pad++)
            arch_putc(' ');
        kprintf("%s\n", commands[i].help);
    }
}

static size_t read_line(char *line, size_t max)
{
    size_t n = 0;
    for (;;) {
        int c = arch_getc();
        if (c == '\r' || c == '\n') {
            kputs("\n");
            line[n] = '\0';
            return n;
        }
        if ((c == 0x7f || c == 0x08) && n > 0) {
            n--;
            kputs("\b \b");
        } else if (c >= 0x20 && c < 0x7f && n + 1 < max) {
            line[n++] = (char)c;
            arch_putc((char)c);
        }
    }
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
    for (size_t i = 0; i < NCOMMANDS; i++) {
        const char *name = commands[i].name;
        if (kstrnlen(name, LINE_MAX) == len && kmemcmp((const uint8_t *)name, (const uint8_t *)line, len) == 0) {
            commands[i].run(args);
            return;
        }
    }
    line[len] = '\0';
    kprintf("unknown command '%s'; try 'help'\n", line);
}

void shell_run(void)
{
    char line[LINE_MAX];
    kprintf("Type 'help' for commands.\n");
    kputs("spinel> ");
    kernel.prompt_cycles = arch_cycles();
    if (cmdline_has_word(kernel.boot.cmdline, "bench"))
        bench_run();
    for (;;) {
        read_line(line, sizeof(line));
        run_line(line);
        kputs("spinel> ");
    }
}
