/* The entry of every application: the kernel enters _start (e_entry) in
 * ring 3 with only rsp set, 16-byte aligned, pointing at argc, then argv
 * (abi.h). _start reads no other register: it clears the frame pointer
 * (the end of a backtrace) and the direction flag (the C ABI wants it
 * clear at every call), calls int main(int argc, char **argv), and passes
 * its result to sys_exit, which does not return. */
        .section .text.start, "ax", @progbits
        .globl _start
        .type _start, @function
_start:
        xorl %ebp, %ebp
        cld
        movq (%rsp), %rdi
        leaq 8(%rsp), %rsi
        /* rsp is 16-byte aligned here, as the ABI wants before a call. */
        call main
        movslq %eax, %rdi
        call sys_exit
        /* sys_exit never returns; should it, fault rather than run on. */
        ud2
        .size _start, . - _start

        .section .note.GNU-stack, "", @progbits
