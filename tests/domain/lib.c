/* A library domain for the linker tests: code, read-only data, data and
 * bss, exported to app.c through Resolve. */
static const unsigned char weights[8] = { 1, 3, 5, 7, 11, 13, 17, 19 };
unsigned long lib_calls;
int lib_seed = 7;

unsigned lib_checksum(const unsigned char *p, unsigned long n)
{
    unsigned s = (unsigned)lib_seed;
    for (unsigned long i = 0; i < n; i++)
        s = s * 31u + p[i] * weights[i & 7];
    lib_calls++;
    return s;
}

int lib_counter(void)
{
    static int count;
    return ++count;
}
