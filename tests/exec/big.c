/* A static executable with a large table and a bss of several pages,
 * and a second function in its own section: segments of many pages. */
static const unsigned table[4096] = {1, 2, 3, [4095] = 7};
static unsigned long big[100000];
unsigned long data_word = 42;

__attribute__((noinline, section(".text.other"))) static unsigned long sum(unsigned n)
{
    unsigned long s = 0;
    for (unsigned i = 0; i < n; i++)
        s += table[i % 4096] + big[i];
    return s;
}

void _start(void)
{
    big[7] = data_word;
    data_word = sum(100000);
    for (;;)
        ;
}
