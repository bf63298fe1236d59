//! name builtin_call
//! imports print shell
//! handler Shell.Command on_line
/* expect: uses the compiler builtin __builtin_trap */
/* builtin_call: a builtin gcc expands to an instruction */
#include "spinel/print.h"
#include "spinel/shell.h"

/*@ requires ShellLine(line);
    terminates \true;
    assigns SpinelConsole;
*/
static uint64_t on_line(void *closure, const char *line)
{
    (void)closure;
    (void)line;
    if (0)
        __builtin_trap();
    return 1;
}

/*@ terminates \true;
    assigns SpinelEvents;
*/
int ext_init(void)
{
    return shell_install(on_line, 0);
}
