/* Segment selectors of the kernel GDT (see gdt.c). */
#ifndef SPINEL_GDT_H
#define SPINEL_GDT_H

#include <stdint.h>

#define GDT_KERNEL_CODE 0x08
#define GDT_KERNEL_DATA 0x10
#define GDT_TSS 0x18 /* two entries: 0x18 and 0x20 */
/* sysret takes the user's selectors from one base (STAR[63:48]): SS is
 * base + 8 and CS base + 16, each with RPL 3; so the data entry comes
 * first, right after the TSS. */
#define GDT_SYSRET_BASE 0x20
#define GDT_USER_DATA (0x28 | 3)
#define GDT_USER_CODE (0x30 | 3)
#define IST_DOUBLE_FAULT 1

void gdt_init(void);
/* The stack the CPU switches to on an interrupt from ring 3 (TSS.RSP0). */
void gdt_set_ring0_stack(uint64_t top);

#endif
