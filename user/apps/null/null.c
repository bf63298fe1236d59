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

#define KV_COUNT (SYS_EXTENSION_BASE + 2)

/* Instructions per call of number n, less the loop's own. */
static unsigned long per_call(long n)
{
    sys_call5(n, 0, 0, 0, 0, 0); /* the first call's misses out of the count */
    unsigned long start = cycles();
    for (volatile int i = 0; i < ROUNDS; i = i + 1)
        ;
    unsigned long loop = cycles() - start;
    start = cycles();
    for (volatile int i = 0; i < ROUNDS; i = i + 1)
        sys_call5(n, 0, 0, 0, 0, 0);
    unsigned long total = cycles() - start;
    return total > loop ? (total - loop) / ROUNDS : 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        uprintf("BENCH sys_null %lu instructions indirect_call\n", per_call(SYS_KERNEL_CALLS));
        return 0;
    }
    long keys = sys_call5(KV_COUNT, 0, 0, 0, 0, 0);
    if (keys < 0 || argv[1][0] != 'k') {
        uprintf("null: no kv count call to time (%ld)\n", keys);
        return 1;
    }
    uprintf("BENCH sys_ext_kv_count %lu instructions indirect_call\n", per_call(KV_COUNT));
    return 0;
}
