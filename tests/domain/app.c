/* An application domain for the linker tests: imports from lib.c (code
 * and data) and from a module domain (host_note), keeps a pointer table
 * in data (absolute relocations) and calls across. */
extern unsigned lib_checksum(const unsigned char *p, unsigned long n);
extern int lib_counter(void);
extern unsigned long lib_calls;
extern int lib_seed;
extern void host_note(const char *what, unsigned long value);

static const char message[] = "spinel";
static int (*const counters[2])(void) = { lib_counter, lib_counter };

unsigned long app_main(void)
{
    lib_seed = 9;
    unsigned sum = lib_checksum((const unsigned char *)message, sizeof message - 1);
    int c = counters[0]() + counters[1]();
    host_note(message, sum);
    return sum + lib_calls * 1000u + (unsigned long)c * 100000u;
}
