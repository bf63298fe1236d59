//! name obj_unlisted_handler
//! imports print shell
//! handler Shell.Command on_line
/* expect: the manifest does not list it as a handler */
/* obj_unlisted_handler: a second handler passed to shell_install that the manifest never names: never proved against the handler contract */
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
    print_str("ok\n");
    return 1;
}

/*@ requires ShellLine(line);
    terminates \true;
    assigns \nothing;
*/
static uint64_t spin(void *closure, const char *line)
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
    if (shell_install(on_line, 0) != SPINEL_OK)
        return 1;
    return shell_install(spin, 0);
}
