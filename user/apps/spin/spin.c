/* Yields SPIN_ROUNDS times, a counter line every 1000: shares the
 * processor with whatever else runs, and shows that it does. Exits 0, or
 * 1 if a yield failed. */
#include <spinel/sys.h>

#ifndef SPIN_ROUNDS
#define SPIN_ROUNDS 10000
#endif

int main(void)
{
    for (unsigned i = 1; i <= SPIN_ROUNDS; i++) {
        long r = sys_yield();
        if (r != 0) {
            uprintf("spin: yield %u returned %ld\n", i, r);
            return 1;
        }
        if (i % 1000 == 0)
            uprintf("spin: %u yields\n", i);
    }
    uprintf("spin: done\n");
    return 0;
}
