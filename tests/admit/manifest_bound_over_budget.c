//! name bound_over_budget
//! imports shell
//! handler Shell.Command on_line
//! bound 2000000
/* expect: over the kernel's budget of 1048576 */
/* A manifest asking for more loop iterations per call than the kernel
 * allows any entry point. */
#include "spinel/shell.h"

/*@ requires ShellLine(line);
    terminates \true;
    assigns \nothing;
*/
static uint64_t on_line(void *closure, const char *line)
{
    (void)closure;
    (void)line;
    return 0;
}

/*@ terminates \true;
    assigns SpinelEvents;
*/
int ext_init(void)
{
    return shell_install(on_line, 0);
}
