//! name gate_loop_spend_in_branch
//! imports print shell
//! handler Shell.Command on_line
/* expect: a loop that does not begin with spinel_spend() */
/* The spend under a condition: iterations where it is false are free. */
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
    uint64_t n = 0;
    /*@ loop invariant n <= 1000;
        loop assigns n, SpinelFuel;
        loop variant 1000 - n;
    */
    for (n = 0; n < 1000; n++) {
        if (line[0] == 'x')
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
