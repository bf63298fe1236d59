/* Long-mode GDT with a TSS whose IST1 stack (kstack.c) serves the double
 * fault, so a kernel stack overflow is still reported instead of
 * triple-faulting, and whose RSP0 is the running strand's kernel stack,
 * for interrupts from ring 3. The user segments follow, in sysret's order. */
#include <stdint.h>
#include "cpu.h"
#include "gdt.h"
#include "kstack.h"

struct __attribute__((packed)) tss {
    uint32_t reserved0;
    uint64_t rsp[3];
    uint64_t reserved1;
    uint64_t ist[7];
    uint64_t reserved2;
    uint16_t reserved3;
    uint16_t iomap_base;
};

static struct tss tss;
static uint64_t gdt[7];

static void set_tss_descriptor(void)
{
    uint64_t base = (uint64_t)&tss;
    uint64_t limit = sizeof(tss) - 1;
    gdt[GDT_TSS / 8] = (limit & 0xFFFF) | ((base & 0xFFFFFF) << 16) |
                       (0x89ull << 40) | /* present, 64-bit available TSS */
                       (((limit >> 16) & 0xF) << 48) | (((base >> 24) & 0xFF) << 56);
    gdt[GDT_TSS / 8 + 1] = base >> 32;
}

void gdt_init(void)
{
    gdt[0] = 0;
    gdt[GDT_KERNEL_CODE / 8] = 0x00AF9A000000FFFFull;
    gdt[GDT_KERNEL_DATA / 8] = 0x00CF92000000FFFFull;
    gdt[GDT_USER_DATA / 8] = 0x00CFF2000000FFFFull; /* DPL 3, writable */
    gdt[GDT_USER_CODE / 8] = 0x00AFFA000000FFFFull; /* DPL 3, 64-bit */
    tss.ist[0] = kstack_ist1_top();
    tss.iomap_base = sizeof(tss);
    set_tss_descriptor();
    struct descriptor_ptr ptr = { sizeof(gdt) - 1, (uint64_t)gdt };
    __asm__ volatile("lgdt %0\n\t"
                     "pushq %1\n\t"
                     "leaq 1f(%%rip), %%rax\n\t"
                     "pushq %%rax\n\t"
                     "lretq\n"
                     "1:\n\t"
                     "mov %2, %%ds\n\t"
                     "mov %2, %%es\n\t"
                     "mov %2, %%ss\n\t"
                     "ltr %3"
                     :
                     : "m"(ptr), "i"((uint64_t)GDT_KERNEL_CODE), "r"((uint16_t)GDT_KERNEL_DATA),
                       "r"((uint16_t)GDT_TSS)
                     : "rax", "memory");
}

void gdt_set_ring0_stack(uint64_t top) { tss.rsp[0] = top; }
