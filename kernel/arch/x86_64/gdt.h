/* Segment selectors of the kernel GDT (see gdt.c). */
#ifndef SPINEL_GDT_H
#define SPINEL_GDT_H

#define GDT_KERNEL_CODE 0x08
#define GDT_KERNEL_DATA 0x10
#define GDT_TSS 0x18
#define IST_DOUBLE_FAULT 1

void gdt_init(void);

#endif
