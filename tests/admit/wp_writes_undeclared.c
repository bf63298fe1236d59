//! name writes_undeclared
//! imports print shell
//! handler Shell.Command on_line
/* expect: wp_writes_undeclared.c:20: rejected: on_line writes `b`, which its assigns clause does not name (assigns a) */
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
