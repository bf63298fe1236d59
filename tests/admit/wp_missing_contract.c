//! name missing_contract
//! imports print shell
//! handler Shell.Command on_line
/* expect: rejected: on_line does not meet the Shell.Command handler contract */
/* A handler with no contract at all: nothing says it terminates. */
#include "spinel/print.h"
#include "spinel/shell.h"

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
