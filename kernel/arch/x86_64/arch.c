/* The small machine services the portable kernel calls (arch.h). */
#include "arch.h"
#include "cpu.h"
#include "gdt.h"
#include "usermode.h"
#include "pic.h"
#include "serial.h"
#include "trap.h"
#include "arch_init.h"

#define DEBUG_EXIT_PORT 0xF4

uint64_t arch_cycles(void) { return cpu_rdtsc(); }

void arch_touch(uint64_t vaddr) { (void)*(volatile uint8_t *)vaddr; }

void arch_poke(uint64_t vaddr)
{
    volatile uint8_t *p = (volatile uint8_t *)vaddr;
    *p = *p;
}

void arch_call_at(uint64_t vaddr) { ((void (*)(void))vaddr)(); }

uint64_t arch_page_table_root(void) { return cpu_read_cr3() & 0x000FFFFFFFFFF000ull; }
uint64_t arch_irq_save(void)
{
    uint64_t flags;
    __asm__ volatile("pushfq; pop %0; cli" : "=r"(flags) : : "memory");
    return flags & 0x200; /* IF */
}

void arch_irq_restore(uint64_t flags)
{
    if (flags)
        cpu_sti();
}

_Noreturn void arch_halt(enum halt_code code)
{
    cpu_cli();
    outb(DEBUG_EXIT_PORT, (uint8_t)code); /* ends QEMU; ignored elsewhere */
    for (;;)
        cpu_hlt();
}

void arch_early_init(void)
{
    serial_init();
    gdt_init();
    usermode_init();
    idt_init();
    pic_init();
}

void arch_start_interrupts(unsigned tick_hz)
{
    pit_init(tick_hz);
    serial_enable_rx_irq();
    pic_unmask(IRQ_COM1);
    cpu_sti();
}

void arch_interrupts_off(void) { cpu_cli(); }
