/* IDT: the 32 exception vectors and the 16 remapped PIC lines. */
#include <stdint.h>
#include "cpu.h"
#include "gdt.h"
#include "trap.h"

struct __attribute__((packed)) idt_gate {
    uint16_t offset_low;
    uint16_t selector;
    uint8_t ist;
    uint8_t type; /* present, DPL 0, 64-bit interrupt gate */
    uint16_t offset_mid;
    uint32_t offset_high;
    uint32_t reserved;
};

extern const uint64_t isr_stubs[TRAP_VECTORS];
static struct idt_gate idt[256];

static void set_gate(int vector, uint64_t handler, uint8_t ist)
{
    idt[vector] = (struct idt_gate){
        .offset_low = handler & 0xFFFF,
        .selector = GDT_KERNEL_CODE,
        .ist = ist,
        .type = 0x8E,
        .offset_mid = (handler >> 16) & 0xFFFF,
        .offset_high = handler >> 32,
    };
}

void idt_init(void)
{
    for (int v = 0; v < TRAP_VECTORS; v++)
        set_gate(v, isr_stubs[v], v == VECTOR_DF ? IST_DOUBLE_FAULT : 0);
    struct descriptor_ptr ptr = { sizeof(idt) - 1, (uint64_t)idt };
    __asm__ volatile("lidt %0" : : "m"(ptr));
}
