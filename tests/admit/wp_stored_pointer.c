//! name stored_pointer
//! imports print shell
//! handler Shell.Command on_line
/* expect: on_line does not meet the Shell.Command handler contract */
/* Keeps the line it was given, to read it in a later call: the line is
 * gone by then. The handler contract lets it write only its globals, and
 * this handler's own contract cannot promise that the old line is valid. */
#include "spinel/print.h"
#include "spinel/shell.h"

static const char *last;

/*@ requires ShellLine(line);
    requires last != \null ==> \valid_read(last);
    terminates \true;
    assigns last, SpinelConsole;
*/
static uint64_t on_line(void *closure, const char *line)
{
    (void)closure;
    uint64_t same = last != 0 && *last == line[0];
    last = line;
    return same;
}

/*@ terminates \true;
    assigns last, SpinelEvents;
*/
int ext_init(void)
{
    last = 0;
    return shell_install(on_line, 0);
}
