/* The narrow interface between the portable kernel and kernel/arch/:
 * everything the portable code needs from the machine, and nothing more. */
#ifndef SPINEL_ARCH_H
#define SPINEL_ARCH_H

#include <stdint.h>

/* Exit codes for QEMU's isa-debug-exit device: QEMU exits with (code << 1) | 1,
 * so a clean halt (33) is told apart from a triple fault (0) or a QEMU error (1). */
enum halt_code { HALT_OK = 0x10, HALT_PANIC = 0x11 };

void arch_putc(char c);
/* Blocks until a console byte arrives; ARCH_LOAD_PENDING instead when the
 * load port (COM2) has a byte first. */
int arch_getc(void);
#define ARCH_LOAD_PENDING (-2)
/* A console byte if one has arrived, else -1: never blocks, so a long
 * shell command can look for Ctrl-C between its steps. */
int arch_poll_getc(void);
/* The load port, COM2, polled: a byte, or -1 if none came within ticks
 * timer ticks; and one byte out. */
int arch_load_getc(uint64_t ticks);
void arch_load_putc(char c);
uint64_t arch_ticks(void);       /* timer ticks since the timer started */
uint32_t arch_tick_hz(void);
uint64_t arch_cycles(void);      /* TSC: guest instructions under -icount shift=0 */
/* Deliberate accesses, to show that protections hold (each should fault). */
void arch_touch(uint64_t vaddr);      /* one read at vaddr */
void arch_poke(uint64_t vaddr);       /* one write of the byte already there */
void arch_call_at(uint64_t vaddr);    /* a call to vaddr */
uint64_t arch_page_table_root(void); /* the top-level table's frame (CR3) */
void arch_interrupts_off(void);
/* Interrupts off, returning whether they were on; and back as they were. */
uint64_t arch_irq_save(void);
void arch_irq_restore(uint64_t flags);

/* Devices (pci.c, device.c, trap.c). PCI configuration space through
 * ports 0xCF8/0xCFC: bdf is bus << 8 | slot << 3 | function, off a byte
 * offset (read32 aligns it down to 4, write16 to 2). */
uint32_t arch_pci_read32(uint32_t bdf, uint32_t off);
void arch_pci_write16(uint32_t bdf, uint32_t off, uint16_t v);
/* A device's registers, bytes at physical paddr, mapped uncached, RW and
 * NX, into the kernel's half; the address of paddr there, or 0 when the
 * window for devices is used up. Never unmapped. */
volatile uint8_t *arch_map_device(uint64_t paddr, uint64_t bytes);
/* fn runs on each interrupt of ISA line irq (0-15) before its EOI, with
 * interrupts off; the line is unmasked. */
void arch_irq_handler(unsigned irq, void (*fn)(void));

/* Strands (kernel/strand/): stacks, each with an unmapped guard page below,
 * and the switch. Called with interrupts off. */
#define ARCH_STRAND_STACKS 9u
#define ARCH_STRAND_STACK_SIZE 16384u
/* The top of a free strand stack, or 0 if none is left. */
uint64_t arch_stack_alloc(void);
void arch_stack_free(uint64_t top);
/* The stack pointer of a strand that never ran: the first arch_switch to
 * it calls entry(arg) with interrupts on; if entry returns, strand_exit. */
uint64_t arch_strand_frame(uint64_t top, void (*entry)(void *), void *arg);
/* Saves the running strand's stack pointer in *save_sp and resumes the one
 * at next_sp; returns when some strand switches back to this one. */
void arch_switch(uint64_t *save_sp, uint64_t next_sp);
_Noreturn void arch_halt(enum halt_code code);

/* Ring 3 (usermode.c, syscall.S). What CR4 protects: the kernel never runs
 * (SMEP) or, outside arch_user_access_begin/end, touches (SMAP) a user
 * page; each only where CPUID has it. */
#define ARCH_SMEP 1u
#define ARCH_SMAP 2u
uint64_t arch_user_protections(void);
/* The running strand's kernel stack top: where an interrupt or a syscall
 * from ring 3 lands. Set at each switch. */
void arch_set_kernel_stack(uint64_t top);
/* Into ring 3 at rip with stack rsp, interrupts on, every other register
 * zero; the strand comes back only through syscalls and interrupts. */
_Noreturn void arch_enter_user(uint64_t rip, uint64_t rsp);
/* Around a ring-0 access to a user page (the VM demos): SMAP allows it. */
void arch_user_access_begin(void);
void arch_user_access_end(void);
/* What syscall_entry saves and hands to syscall_dispatch (kernel/app/):
 * the number (rax), the arguments (rdi, rsi, rdx, r10, r8, r9), and where
 * ring 3 resumes. */
struct syscall_frame {
    uint64_t number;
    uint64_t arg[6];
    uint64_t rip, rflags, rsp;
};
uint64_t syscall_dispatch(struct syscall_frame *f);
/* A syscall whose return would be to the last user page: ends the strand. */
_Noreturn void syscall_bad_return(void);

#endif
