//! name handler_revokes
//! imports print shell refs
//! handler Shell.Command on_line
/* expect: on_line does not meet the Shell.Command handler contract */
/* A handler that changes its capability table: only init and fini may. */
#include "spinel/print.h"
#include "spinel/refs.h"
#include "spinel/shell.h"

static spinel_ref commands;

/*@ requires ShellLine(line);
    terminates \true;
    assigns SpinelRefs;
*/
static uint64_t on_line(void *closure, const char *line)
{
    (void)closure;
    (void)line;
    return (uint64_t)refs_drop(commands);
}

/*@ terminates \true;
    assigns commands, SpinelEvents, SpinelRefs;
*/
int ext_init(void)
{
    if (refs_event_named("Shell.Command", &commands) != SPINEL_OK)
        return 1;
    return shell_install(on_line, 0);
}
