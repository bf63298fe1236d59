//! name msg_variant
//! imports print shell
//! handler Shell.Command on_line
/* first: tests/admit/messages/msg_variant.c:27: rejected: loop variant `i` may not decrease at each iteration: the loop may not terminate */
/* lines: 1 */
/* log: wp.log */
/* The variant grows with the loop counter: it does not decrease. */
#include "spinel/print.h"
#include "spinel/shell.h"

static uint32_t seen[4];

/*@ requires ShellLine(line);
    requires SpinelFuel >= 4;
    terminates \true;
    assigns seen[0 .. 3], SpinelConsole, SpinelFuel;
*/
static uint64_t on_line(void *closure, const char *line)
{
    (void)closure;
    (void)line;
    /*@ loop invariant 0 <= i <= 4;
        loop invariant SpinelFuel == \at(SpinelFuel, Pre) - i;
        loop assigns i, seen[0 .. 3], SpinelFuel;
        loop variant i;
    */
    for (uint32_t i = 0; i < 4; i++) {
        spinel_spend();
        seen[i] = i;
    }
    return 0;
}

/*@ terminates \true;
    assigns SpinelEvents;
*/
int ext_init(void)
{
    return shell_install(on_line, 0);
}
