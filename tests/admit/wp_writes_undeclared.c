//! name writes_undeclared
//! imports print shell
//! handler Shell.Command on_line
/* expect: rejected: on_line may write memory its contract does not name */
/* Writes a global its contract does not list. */
#include "spinel/print.h"
#include "spinel/shell.h"

static uint32_t a, b;

/*@ requires ShellLine(line);
    terminates \true;
    assigns a;
*/
static uint64_t on_line(void *closure, const char *line)
{
    (void)closure;
    (void)line;
    a = 1;
    b = 2;
    return 0;
}

/*@ terminates \true;
    assigns a, b, SpinelEvents;
*/
int ext_init(void)
{
    a = b = 0;
    return shell_install(on_line, 0);
}
