/* Ring 3 and back: the syscall entry and the first entry of an
 * application. Top-level assembly, as DESIGN.md says (inline asm around a
 * ring switch lost r11). One processor: the kernel stack pointer is one
 * variable, set at each strand switch (usermode.c). */
    .text

/* syscall: RCX = the user's RIP, R11 = its RFLAGS, interrupts off (FMASK),
 * RSP still the user's. Builds a struct syscall_frame (usermode.h) on the
 * strand's kernel stack: every register the kernel reads, or that C
 * code may change, is saved and put back, so nothing of the kernel's
 * leaks to ring 3 and the call clobbers only rax, rcx and r11. */
    .global syscall_entry
syscall_entry:
    mov %rsp, syscall_user_rsp(%rip)
    mov syscall_kernel_rsp(%rip), %rsp
    pushq syscall_user_rsp(%rip)
    push %r11
    push %rcx
    push %r9
    push %r8
    push %r10
    push %rdx
    push %rsi
    push %rdi
    push %rax
    mov %rsp, %rdi
    sti
    call syscall_dispatch /* returns the result in rax */
    cli
    add $8, %rsp /* the number */
    /* sysret to a non-canonical RIP faults in ring 0 on the user's stack
     * (CVE-2012-0217): a syscall in the last user page ends its strand. */
    movabs $0x00007ffffffff000, %rdi
    cmp %rdi, 48(%rsp)
    jae syscall_bad_return
    pop %rdi
    pop %rsi
    pop %rdx
    pop %r10
    pop %r8
    pop %r9
    pop %rcx
    pop %r11
    pop %rsp
    sysretq

/* _Noreturn void arch_enter_user(uint64_t rip, uint64_t rsp): the first
 * entry into ring 3, through iretq, with every other register zero. */
    .global arch_enter_user
arch_enter_user:
    cli
    pushq $0x2b /* GDT_USER_DATA */
    push %rsi
    pushq $0x202 /* IF */
    pushq $0x33 /* GDT_USER_CODE */
    push %rdi
    xor %eax, %eax
    xor %ebx, %ebx
    xor %ecx, %ecx
    xor %edx, %edx
    xor %esi, %esi
    xor %edi, %edi
    xor %ebp, %ebp
    xor %r8d, %r8d
    xor %r9d, %r9d
    xor %r10d, %r10d
    xor %r11d, %r11d
    xor %r12d, %r12d
    xor %r13d, %r13d
    xor %r14d, %r14d
    xor %r15d, %r15d
    iretq

    .bss
    .align 8
    .global syscall_kernel_rsp
syscall_kernel_rsp:
    .quad 0
syscall_user_rsp:
    .quad 0
