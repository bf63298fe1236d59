/* A fuzzer of the system call interface from ring 3: random numbers and
 * random arguments (small numbers, its own addresses, kernel addresses,
 * any 64-bit value), a bounded number of calls. The kernel must refuse
 * every bad call and keep running; this application may end early by its
 * own fault (unmapping its own code or stack is allowed to it), which
 * kills only it. Exit, sleeps the kernel would accept, and port calls on
 * a port reference it got (a call or a wait that would block for good)
 * are left out, so that it runs on and quickly. */
#include <spinel/sys.h>

#define CALLS 20000

static unsigned long state;

static unsigned long next(void)
{
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
}

static unsigned long data_word;

/* References that port or connect gave it: waits and calls on them would
 * be accepted, and block. */
#define HELD 16
static long held[HELD];
static int nheld;

static int blocks(unsigned long n, unsigned long ref)
{
    for (int i = 0; n == SYS_CALL || n == SYS_REPLY_WAIT ? i < nheld : 0; i++)
        if (held[i] == (long)ref)
            return 1;
    return 0;
}

/* An argument: each kind a quarter of the time. */
static unsigned long argument(void)
{
    unsigned long r = next();
    switch (r & 3) {
    case 0: return r >> 58; /* small */
    case 1: return (r & 1 ? (unsigned long)&data_word : (unsigned long)&r) + ((r >> 8) & 0x1fff) - 0x1000;
    case 2: return 0xffff800000000000ul + ((r >> 2) & 0xffffff); /* the kernel's half */
    default: return next();
    }
}

static unsigned long number(void)
{
    unsigned long r = next();
    return r & 1 ? r % SYS_KERNEL_CALLS : (r >> 1) % (SYS_NUMBER_MAX + 2);
}

int main(void)
{
    long refused = 0, done = 0;
    long seed = sys_raise(sys_getref("App.Time", 8), 0);
    state = 0x9E3779B97F4A7C15ul ^ (unsigned long)seed;
    uprintf("sysfuzz: %d calls\n", CALLS);
    for (int i = 0; i < CALLS; i++) {
        unsigned long n = number(), a = argument(), b = argument(), c = argument(), d = argument(), e = argument();
        if (n == SYS_EXIT)
            continue;
        if (n == SYS_SLEEP && a <= 10000)
            continue; /* an accepted sleep costs a tick: only refused ones are made */
        if (blocks(n, a) || ((n == SYS_PORT || n == SYS_CONNECT) && nheld == HELD))
            continue;
        if (n == SYS_WRITE)
            b &= 7; /* a little output, not megabytes of it */
        long r = sys_call5((long)n, (long)a, (long)b, (long)c, (long)d, (long)e);
        if ((n == SYS_PORT || n == SYS_CONNECT) && r >= 0 && nheld < HELD)
            held[nheld++] = r;
        refused += r < 0;
        done++;
    }
    uprintf("\nsysfuzz: %ld calls made, %ld refused\n", done, refused);
    return 0;
}
