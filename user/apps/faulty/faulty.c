/* Misbehaving applications, one per case, chosen at build time with
 * -DCASE=n (the Makefile builds each as faulty-NAME.elf): what the kernel
 * must survive and refuse, each saying what it is about to do first.
 *   1 null:   reads address 0 (below SYS_USER_MIN, never mapped)
 *   2 priv:   runs hlt, privileged in ring 3 (#GP)
 *   3 kptr:   sys_write of a kernel pointer and of an unmapped user
 *             pointer, printing the errors; exits 7
 *   4 forged: sys_dropref and sys_raise of references never issued
 *             (0, 12345, -1), printing the errors; exits 8
 *   5 exit:   returns 3 from main */
#include <spinel/sys.h>

#ifndef CASE
#error "build with -DCASE=1..5"
#endif

/* An address in the user half that nothing maps: far above any
 * executable's segments and far below the stack. */
#define UNMAPPED_USER 0x100000000000ul
#define KERNEL_ADDR 0xffff800000000000ul

#if CASE == 1
/* The address comes from a volatile, so the compiler cannot see the null
 * and replace the read by a trap of its own (ud2) after it. */
static volatile unsigned long null_address = 0;

int main(void)
{
    uprintf("faulty-null: reading address 0\n");
    const volatile int *p = (const volatile int *)null_address;
    uprintf("faulty-null: read %d: NOT STOPPED\n", *p);
    return 1;
}
#elif CASE == 2
/* hlt from C: a one-instruction assembly function would do as well; the
 * asm here has no operands and clobbers nothing, so nothing is lost. */
int main(void)
{
    uprintf("faulty-priv: running hlt in ring 3\n");
    __asm__ volatile("hlt");
    uprintf("faulty-priv: hlt returned: NOT STOPPED\n");
    return 1;
}
#elif CASE == 3
static void try_write(const char *what, unsigned long addr)
{
    long r = sys_write((const void *)addr, 16);
    uprintf("faulty-kptr: write from %s %p: %ld\n", what, (void *)addr, r);
}

int main(void)
{
    try_write("kernel", KERNEL_ADDR);
    try_write("unmapped", UNMAPPED_USER);
    return 7;
}
#elif CASE == 4
int main(void)
{
    static const long forged[] = { 0, 12345, -1 };
    for (unsigned i = 0; i < sizeof forged / sizeof forged[0]; i++) {
        long d = sys_dropref(forged[i]);
        long r = sys_raise(forged[i], 0);
        uprintf("faulty-forged: ref %ld: dropref %ld, raise %ld\n", forged[i], d, r);
    }
    return 8;
}
#elif CASE == 5
int main(void)
{
    uprintf("faulty-exit: returning 3\n");
    return 3;
}
#else
#error "CASE is 1..5"
#endif
