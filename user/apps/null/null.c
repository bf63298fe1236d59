/* The null system call, timed from ring 3 for make bench: a call nobody
 * serves (Trap.Syscall raised, the kernel's calls answer "no such call"),
 * there and back, in instructions under -icount (rdtsc counts them), less
 * the loop's own. Prints a BENCH row as the kernel's benches do. */
#include <spinel/sys.h>

#define ROUNDS 1000

static unsigned long cycles(void)
{
    unsigned lo, hi;
    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return (unsigned long)hi << 32 | lo;
}

int main(void)
{
    sys_call5(SYS_KERNEL_CALLS, 0, 0, 0, 0, 0); /* the first call's misses out of the count */
    unsigned long start = cycles();
    for (volatile int i = 0; i < ROUNDS; i = i + 1)
        ;
    unsigned long loop = cycles() - start;
    start = cycles();
    for (volatile int i = 0; i < ROUNDS; i = i + 1)
        sys_call5(SYS_KERNEL_CALLS, 0, 0, 0, 0, 0);
    unsigned long total = cycles() - start;
    uprintf("BENCH sys_null %lu instructions indirect_call\n", total > loop ? (total - loop) / ROUNDS : 0);
    return 0;
}
