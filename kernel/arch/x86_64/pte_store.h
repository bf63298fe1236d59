/* The one way the kernel writes a page-table entry. Every page-table
 * frame is read-only through every mapping (its physmap alias included:
 * spec/README.md, "The physmap"), so a store into a table is made with
 * CR0.WP clear, which lets ring 0 write a read-only page. The window is
 * this one store: interrupts are off around it and the kernel runs on one
 * CPU, so no other code runs while WP is clear (NMIs and machine checks,
 * which the kernel does not use, would halt it anyway).
 *
 * Why not a writable window mapping: the table holding the window's own
 * entry would have to stay writable through some mapping, which is what
 * the invariant forbids; and a freshly allocated table is filled before
 * it is sealed, so only single entries ever go through here. */
#ifndef SPINEL_PTE_STORE_H
#define SPINEL_PTE_STORE_H

#include <stdint.h>
#include "cpu.h"

#define CR0_WP (1ull << 16)

static inline void pte_store(uint64_t *entry, uint64_t value)
{
    uint64_t flags = cpu_irq_save();
    uint64_t cr0 = cpu_read_cr0();
    cpu_write_cr0(cr0 & ~CR0_WP);
    *(volatile uint64_t *)entry = value;
    cpu_write_cr0(cr0);
    cpu_irq_restore(flags);
}

#endif
