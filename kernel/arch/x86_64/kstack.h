/* Kernel stacks and the guard page below each (see kstack.c). */
#ifndef SPINEL_KSTACK_H
#define SPINEL_KSTACK_H

#include <stdint.h>

/* The top of the double fault's IST1 stack, for the TSS. */
uint64_t kstack_ist1_top(void);
/* Unmaps every guard page, once the final page tables are live; returns
 * how many. */
unsigned kstack_unmap_guards(void);
/* The name of the stack whose guard page holds vaddr, with that page's
 * address in *guard; 0 when vaddr is in no guard page. */
const char *kstack_guard_hit(uint64_t vaddr, uint64_t *guard);

#endif
