//! name unchecked
//! imports print shell
//! handler Shell.Command on_line
/* expect: may be out of bounds (rte mem_access) */
/* Reads the line's tenth byte without checking the line is that long. */
#include "spinel/print.h"
#include "spinel/shell.h"

/*@ requires ShellLine(line);
    terminates \true;
    assigns SpinelConsole;
*/
static uint64_t on_line(void *closure, const char *line)
{
    (void)closure;
    return line[200] == 'x';
}

/*@ terminates \true;
    assigns SpinelEvents;
*/
int ext_init(void)
{
    return shell_install(on_line, 0);
}
