/* The shell's fault command: accesses the kernel's protections must
 * refuse, made on purpose. Each faults and halts the machine with an
 * exception report; a line saying no fault happened means a protection
 * is broken (the boot tests look for both). */
#include "arch.h"
#include "console.h"
#include "ext/ext.h"
#include "kernel.h"
#include "lib/kstring.h"
#include "paging.h"
#include "shell/shell_cmds.h"

/* Unmapped in the kernel's address space: the boot identity map is gone. */
#define FAULT_ADDRESS 0xdead0000ul
#define FAULT_USAGE "[read|write|exec|stack|table|alias [EXT]]"

/* A data byte that is a `ret` instruction: calling it must fault (NX). */
static uint8_t ret_in_data = 0xC3;

/* Never cleared, but gcc must assume it may be: the recursion may stop. */
static volatile int keep_recursing = 1;

/* Recurses until the kernel stack runs into its guard page. Each frame
 * hands its buffer to the next and reads it back after the call, so gcc
 * can neither turn the recursion into a loop nor drop the frames. */
static void overflow_stack(volatile uint8_t *caller)
{
    volatile uint8_t frame[256];
    frame[0] = caller[0];
    if (keep_recursing)
        overflow_stack(frame);
    caller[0] = frame[0];
}

static int is(const char *word, const char *name)
{
    return kmemcmp((const uint8_t *)word, (const uint8_t *)name, kstrnlen(name, 16) + 1) == 0;
}

/* W^X for aliases: the physmap page of a frame of sealed code or of a
 * page table is read-only, like every other mapping of it. */
static void write_alias(uint64_t paddr)
{
    uint64_t alias = (uint64_t)phys_to_virt(paddr);
    kprintf(" (frame 0x%lx) through its physmap alias 0x%lx\n", paddr, alias);
    arch_poke(alias);
}

/* The first code page of a loaded extension, or the kernel's text. */
static int fault_alias(const char *args)
{
    char name[DOMAIN_NAME_MAX];
    if (!next_word(&args, name, sizeof name)) {
        kprintf("writing kernel text at %p", (void *)fault_alias);
        write_alias(paging_frame_of((uint64_t)fault_alias));
        return 1;
    }
    const struct extension *e = ext_find(name);
    if (!e || e->kd->d.plan.rx_size == 0) {
        kprintf("fault alias: no extension %s with code loaded\n", name);
        return 0;
    }
    kprintf("writing %s's code at %p", e->name, (void *)e->kd->d.image);
    write_alias(paging_frame_of((uint64_t)e->kd->d.image));
    return 1;
}

void cmd_fault(const char *args)
{
    char word[16];
    int named = next_word(&args, word, sizeof word);
    if (named && !is(word, "alias") && too_many_args(args, 0, "fault", FAULT_USAGE))
        return;
    if (!named || is(word, "read")) {
        kprintf("reading unmapped address 0x%lx\n", FAULT_ADDRESS);
        arch_touch(FAULT_ADDRESS);
    } else if (is(word, "write")) {
        kprintf("writing kernel text at %p\n", (void *)cmd_fault);
        arch_poke((uint64_t)cmd_fault);
    } else if (is(word, "exec")) {
        kprintf("calling into kernel data at %p\n", (void *)&ret_in_data);
        arch_call_at((uint64_t)&ret_in_data);
    } else if (is(word, "stack")) {
        kprintf("recursing until the kernel stack overflows\n");
        volatile uint8_t seed = 0;
        overflow_stack(&seed);
    } else if (is(word, "table")) {
        kprintf("writing the PML4 from CR3");
        write_alias(arch_page_table_root());
    } else if (is(word, "alias")) {
        if (!fault_alias(args))
            return;
    } else {
        kprintf("usage: fault %s\n", FAULT_USAGE);
        return;
    }
    kprintf("fault: no fault happened: protection is broken\n");
}
