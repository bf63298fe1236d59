//! name obj_unlisted_guard
//! imports print shell
//! handler Shell.Command on_line
/* expect: the manifest does not list it as a guard */
/* obj_unlisted_guard: a guard the manifest does not list: never proved to read only the line */
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
static int always(void *closure, const char *line)
{
    (void)closure;
    (void)line;
    return 1;
}

/*@ terminates \true;
    assigns SpinelEvents;
*/
int ext_init(void)
{
    return shell_install(on_line, always);
}
