/* The register frame isr.S builds, and the vectors Spinel installs. */
#ifndef SPINEL_TRAP_H
#define SPINEL_TRAP_H

#include <stdint.h>

#define TRAP_VECTORS 48
#define VECTOR_DF 8
#define VECTOR_PF 14
#define IRQ_BASE 32
#define IRQ_TIMER 0
#define IRQ_COM1 4

struct trap_frame {
    uint64_t r15, r14, r13, r12, r11, r10, r9, r8, rbp, rdi, rsi, rdx, rcx, rbx, rax;
    uint64_t vector, error;
    uint64_t rip, cs, rflags, rsp, ss; /* pushed by the CPU */
};

void idt_init(void);
void trap_dispatch(struct trap_frame *f);

#endif
