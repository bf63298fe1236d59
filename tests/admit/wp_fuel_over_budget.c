//! name fuel_over_budget
//! imports print shell
//! handler Shell.Command on_line
/* expect: loop invariant of on_line is not proved: SpinelFuel */
/* 2^63 iterations with a valid variant and a spend in each: terminating,
 * but far over the kernel's budget, so the fuel runs out at the loop. */
#include "spinel/print.h"
#include "spinel/shell.h"

/*@ requires ShellLine(line);
    terminates \true;
    assigns SpinelConsole, SpinelFuel;
*/
static uint64_t on_line(void *closure, const char *line)
{
    (void)closure;
    (void)line;
    uint64_t n = 0;
    /*@ loop invariant n <= 9223372036854775808;
        loop invariant SpinelFuel >= 9223372036854775808 - n;
        loop assigns n, SpinelFuel;
        loop variant 9223372036854775808 - n;
    */
    while (n < 9223372036854775808u) {
        spinel_spend();
        n++;
    }
    print_u64(n);
    return 0;
}

/*@ terminates \true;
    assigns SpinelEvents;
*/
int ext_init(void)
{
    return shell_install(on_line, 0);
}
