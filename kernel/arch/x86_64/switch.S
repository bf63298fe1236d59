/* The strand context switch: the callee-saved registers and the stack
 * pointer are all a strand's context, since a switch is a call (from the
 * timer's trap_dispatch or a strand that blocks) and the caller saved the
 * rest. */
    .text

/* void arch_switch(uint64_t *save_sp, uint64_t next_sp): saves the
 * running strand's registers on its stack and its stack pointer in
 * *save_sp, then resumes the strand whose stack pointer is next_sp. */
    .global arch_switch
arch_switch:
    push %rbx
    push %rbp
    push %r12
    push %r13
    push %r14
    push %r15
    mov %rsp, (%rdi)
    mov %rsi, %rsp
    pop %r15
    pop %r14
    pop %r13
    pop %r12
    pop %rbp
    pop %rbx
    ret

/* Where a new strand's first switch returns to (arch_strand_frame): r12
 * holds its function, r13 its argument. Interrupts on, as in any strand;
 * a function that returns ends the strand. */
    .global arch_strand_start
arch_strand_start:
    mov %r13, %rdi
    sti
    call *%r12
    call strand_exit
1:  hlt
    jmp 1b
