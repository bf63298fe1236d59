//! name gate_loop_no_spend
//! imports print shell
//! handler Shell.Command on_line
/* expect: a loop that does not begin with spinel_spend() */
/* A loop with a variant but no fuel: termination is not bounded time
 * (a variant of 2^63 would hang the kernel for centuries). */
#include "spinel/print.h"
#include "spinel/shell.h"

/*@ requires ShellLine(line);
    terminates \true;
    assigns SpinelConsole;
*/
static uint64_t on_line(void *closure, const char *line)
{
    (void)closure;
    (void)line;
    uint64_t n = 0;
    /*@ loop invariant n <= 1000;
        loop assigns n;
        loop variant 1000 - n;
    */
    while (n < 1000)
        n++;
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
