//! name unbounded
//! imports print shell
//! handler Shell.Command on_line
/* expect: wp_unbounded_loop.c:20: rejected: this loop may not terminate: give it a `loop variant` WP can prove decreasing (on_line's contract says `terminates \true`) */
/* Waits for a condition that never comes: no variant, no termination. */
#include "spinel/print.h"
#include "spinel/shell.h"

static uint32_t spins;

/*@ requires ShellLine(line);
    terminates \true;
    assigns spins, SpinelConsole, SpinelFuel;
*/
static uint64_t on_line(void *closure, const char *line)
{
    (void)closure;
    (void)line;
    /*@ loop assigns spins, SpinelFuel; */
    while (spins != 7) {
        spinel_spend();
        spins = spins / 2;
    }
    return 0;
}

/*@ terminates \true;
    assigns spins, SpinelEvents;
*/
int ext_init(void)
{
    spins = 0;
    return shell_install(on_line, 0);
}
