/* A static executable with text, read-only data, data and bss: the
 * shape of every user program (tests/unit/test_exec.c, tests/tools/
 * test_exec_plan.py and the exec fuzzer's seeds). Never run. */
static const char greeting[] = "hello from ring 3\n";
static long calls = 1;
static char scratch[3000];

static long sys(long n, long a, long b)
{
    long r;
    __asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b) : "rcx", "r11", "memory");
    return r;
}

void _start(void)
{
    for (unsigned i = 0; i < sizeof greeting; i++)
        scratch[i] = greeting[i];
    calls += sys(0, (long)scratch, sizeof greeting - 1);
    sys(1, calls, 0);
    for (;;)
        ;
}
