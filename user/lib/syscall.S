/* The one ring switch of the library: the `syscall` instruction with the
 * number in rax and the arguments in rdi, rsi, rdx, r10, r8 (abi.h). It is
 * an assembly function, not inline asm, so the compiler sees an ordinary
 * call (rcx and r11, which `syscall` overwrites, are caller-saved anyway).
 *
 *   long sys_call5(long n, long a, long b, long c, long d, long e);
 *
 * C passes n, a, b, c, d, e in rdi, rsi, rdx, rcx, r8, r9: each argument
 * moves down one register, and c goes to r10 since `syscall` takes rcx. */
        .text
        .globl sys_call5
        .type sys_call5, @function
sys_call5:
        movq %rdi, %rax
        movq %rsi, %rdi
        movq %rdx, %rsi
        movq %rcx, %rdx
        movq %r8, %r10
        movq %r9, %r8
        syscall
        ret
        .size sys_call5, . - sys_call5

        .section .note.GNU-stack, "", @progbits
