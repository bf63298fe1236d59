//! name fuel_bound_small
//! imports print shell
//! handler Shell.Command on_line
//! bound 10
/* expect: does not meet the Shell.Command handler contract: precondition of on_line SpinelFuel */
/* The manifest promises 10 iterations per call; the loop makes 20. */
#include "spinel/print.h"
#include "spinel/shell.h"

static uint64_t total;

/*@ requires ShellLine(line);
    requires SpinelFuel >= 20;
    terminates \true;
    assigns total, SpinelFuel;
*/
static uint64_t on_line(void *closure, const char *line)
{
    (void)closure;
    (void)line;
    /*@ loop invariant 0 <= i <= 20;
        loop invariant SpinelFuel == \at(SpinelFuel, Pre) - i;
        loop assigns i, total, SpinelFuel;
        loop variant 20 - i;
    */
    for (uint32_t i = 0; i < 20; i++) {
        spinel_spend();
        total = total / 2 + i;
    }
    return 0;
}

/*@ terminates \true;
    assigns total, SpinelEvents;
*/
int ext_init(void)
{
    total = 0;
    return shell_install(on_line, 0);
}
