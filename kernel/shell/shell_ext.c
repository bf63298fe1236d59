/* The shell's ext command: list, load, unload and describe extensions. */
#include "arch.h"
#include "console.h"
#include "ext/ext.h"
#include "kernel.h"
#include "lib/kstring.h"
#include "paging.h"
#include "shell/shell_cmds.h"

static void list(void)
{
    uint32_t n = 0;
    for (uint32_t i = 0; i < EXT_MAX; i++) {
        const struct extension *e = ext_at(i);
        if (!e)
            continue;
        n++;
        kprintf("  %s: installer %u, image %p, %lu bytes, imports", e->name, e->installer,
                (void *)e->kd->d.image, e->kd->d.plan.image_size);
        for (uint32_t k = 0; k < e->nimports; k++)
            kprintf(" %s", e->imports[k]);
        kprintf("\n");
    }
    kprintf("%u extension%s loaded\n", n, plural(n));
}

/* Where each loaded section was placed, by ELF section index: what gdb's
 * add-symbol-file needs (boot/gdbinit's spinel-ext reads the same). */
static void placement(const struct domain *d)
{
    kprintf("  sections:");
    for (uint32_t i = 0; i < d->plan.nsections; i++)
        if (d->section_addr[i])
            kprintf(" %u@%p", i, (void *)d->section_addr[i]);
    kprintf("\n");
}

static void info(const char *name)
{
    const struct extension *e = ext_find(name);
    if (!e) {
        kprintf("ext %s: not loaded\n", name);
        return;
    }
    kprintf("%s: ", e->name);
    for (uint32_t i = 0; i < e->summary_len; i++)
        kprintf("%c", e->summary[i]);
    placement(&e->kd->d);
}

static void load(const char *name)
{
    const struct boot_module *m = boot_module_named("ext ", name);
    if (!m) {
        kprintf("ext load: no boot module 'ext %s'\n", name);
        return;
    }
    if (ext_load(phys_to_virt(m->base), m->len))
        kprintf("ext %s: loaded\n", name);
}

/* A shell command ends: at most this many cycles at once (about a minute
 * under QEMU's emulation), and Ctrl-C stops them sooner. */
#define EXT_CYCLE_MAX 10000
#define CTRL_C 0x03

/* Loads and unloads n times, then compares free frames with before. A
 * byte typed meanwhile is read between cycles: Ctrl-C stops, others are
 * dropped. */
static void cycle(const char *name, const char *args)
{
    uint64_t n, i, before = frame_count(&kernel.frames, FRAME_FREE);
    const struct boot_module *m = boot_module_named("ext ", name);
    if (!m || !parse_number(&args, &n)) {
        kprintf("usage: ext cycle NAME N (NAME a boot module 'ext NAME', not loaded)\n");
        return;
    }
    if (n > EXT_CYCLE_MAX) {
        kprintf("ext cycle: at most %u cycles at once\n", EXT_CYCLE_MAX);
        return;
    }
    for (i = 0; i < n; i++) {
        if (arch_poll_getc() == CTRL_C) {
            kprintf("ext cycle: interrupted (Ctrl-C) after %lu of %lu cycle%s\n", i, n, plural(n));
            break;
        }
        if (!ext_load(phys_to_virt(m->base), m->len) || ext_unload(name) != 0) {
            kprintf("ext cycle: stopped at cycle %lu\n", i);
            return;
        }
    }
    uint64_t after = frame_count(&kernel.frames, FRAME_FREE);
    kprintf("ext cycle: %lu load%s and unload%s of %s; free frames %lu before, %lu after\n", i, plural(i), plural(i),
            name, before, after);
}

/* The verbs of ext: whether a NAME follows, and how many words after it. */
enum verb { VERB_LIST, VERB_LOAD, VERB_UNLOAD, VERB_INFO, VERB_CYCLE, VERB_COUNT };
static const struct {
    const char *word, *usage;
    uint8_t named, rest;
} verbs[VERB_COUNT] = {
    { "list", "list", 0, 0 },      { "load", "load NAME", 1, 0 },   { "unload", "unload NAME", 1, 0 },
    { "info", "info NAME", 1, 0 }, { "cycle", "cycle NAME N", 1, 1 },
};

static enum verb verb_named(const char *word)
{
    uint32_t v = 0;
    for (; v < VERB_COUNT; v++)
        if (kmemcmp((const uint8_t *)word, (const uint8_t *)verbs[v].word, kstrnlen(verbs[v].word, 8) + 1) == 0)
            break;
    return (enum verb)v;
}

void cmd_ext(const char *args)
{
    char word[16], name[DOMAIN_NAME_MAX];
    enum verb v = next_word(&args, word, sizeof word) ? verb_named(word) : VERB_LIST;
    if (v == VERB_COUNT || (verbs[v].named && !next_word(&args, name, sizeof name))) {
        kprintf("usage: ext [list | load NAME | unload NAME | info NAME | cycle NAME N]\n");
        return;
    }
    if (too_many_args(args, verbs[v].rest, "ext", verbs[v].usage))
        return;
    if (v == VERB_LIST)
        list();
    else if (v == VERB_LOAD)
        load(name);
    else if (v == VERB_UNLOAD && ext_unload(name) == 0)
        kprintf("ext %s: unloaded\n", name);
    else if (v == VERB_INFO)
        info(name);
    else if (v == VERB_CYCLE)
        cycle(name, args);
}
