//! name breaks_contract
//! imports print shell
//! handler Shell.Command on_line
/* expect: rejected: on_line does not meet the Shell.Command handler contract */
/* A handler whose own contract asks more of its caller than the event
 * promises: it wants a line of at least 4 bytes. */
#include "spinel/print.h"
#include "spinel/shell.h"

/*@ requires ShellLine(line) && \valid_read(line + (0 .. 3));
    terminates \true;
    assigns \nothing;
*/
static uint64_t on_line(void *closure, const char *line)
{
    (void)closure;
    return line[3] == 'x';
}

/*@ terminates \true;
    assigns SpinelEvents;
*/
int ext_init(void)
{
    return shell_install(on_line, 0);
}
