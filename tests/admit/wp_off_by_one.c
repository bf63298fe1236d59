//! name off_by_one
//! imports print shell
//! handler Shell.Command on_line
/* expect: rejected: index may be out of bounds */
/* A loop that runs one step too far writes past its table. */
#include "spinel/print.h"
#include "spinel/shell.h"

static uint64_t seen[8];

/*@ requires ShellLine(line);
    requires SpinelFuel >= 9;
    terminates \true;
    assigns seen[0 .. 7], SpinelConsole, SpinelFuel;
*/
static uint64_t on_line(void *closure, const char *line)
{
    (void)closure;
    (void)line;
    /*@ loop invariant 0 <= i <= 9;
        loop invariant SpinelFuel == \at(SpinelFuel, Pre) - i;
        loop assigns i, seen[0 .. 7], SpinelFuel;
        loop variant 8 - i;
    */
    for (uint32_t i = 0; i <= 8; i++) {
        spinel_spend();
        seen[i]++;
    }
    return 0;
}

/*@ terminates \true;
    assigns seen[0 .. 7], SpinelEvents;
*/
int ext_init(void)
{
    return shell_install(on_line, 0);
}
