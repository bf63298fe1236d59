//! name gate_loop_continue_first
//! imports print shell
//! handler Shell.Command on_line
/* expect: a loop that does not begin with spinel_spend() */
/* A continue before the spend: odd iterations would run for free. */
#include "spinel/print.h"
#include "spinel/shell.h"

/*@ requires ShellLine(line);
    requires SpinelFuel >= 1000;
    terminates \true;
    assigns SpinelConsole, SpinelFuel;
*/
static uint64_t on_line(void *closure, const char *line)
{
    (void)closure;
    (void)line;
    uint64_t n = 0;
    /*@ loop invariant n <= 1000;
        loop assigns n, SpinelFuel;
        loop variant 1000 - n;
    */
    while (n < 1000) {
        n++;
        if (n % 2 == 1)
            continue;
        spinel_spend();
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
