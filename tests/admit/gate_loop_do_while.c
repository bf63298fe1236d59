//! name gate_loop_do_while
//! imports print shell
//! handler Shell.Command on_line
/* expect: a loop that does not begin with spinel_spend() */
/* A do-while whose body skips the spend with a continue: the test at the
 * end runs the next iteration unpaid. The inner loop is fine. */
#include "spinel/print.h"
#include "spinel/shell.h"

/*@ requires ShellLine(line);
    requires SpinelFuel >= 100;
    terminates \true;
    assigns SpinelConsole, SpinelFuel;
*/
static uint64_t on_line(void *closure, const char *line)
{
    (void)closure;
    (void)line;
    uint64_t n = 0;
    /*@ loop assigns n, SpinelFuel;
        loop variant 100 - n;
    */
    do {
        n++;
        if (n < 50)
            continue;
        for (uint32_t k = 0; k < 1; k++) {
            spinel_spend();
        }
    } while (n < 100);
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
