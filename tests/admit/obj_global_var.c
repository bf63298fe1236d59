//! name obj_global_var
//! imports print shell
//! handler Shell.Command on_line
/* expect: defines a global symbol shared */
/* obj_global_var: a global variable: another extension could declare it and write it */
#include "spinel/print.h"
#include "spinel/shell.h"

uint32_t shared;

/*@ requires ShellLine(line);
    terminates \true;
    assigns SpinelConsole, shared;
*/
static uint64_t on_line(void *closure, const char *line)
{
    (void)closure;
    (void)line;
    if (shared < 100)
        shared++;
    return 1;
}

/*@ terminates \true;
    assigns SpinelEvents;
*/
int ext_init(void)
{
    return shell_install(on_line, 0);
}
