//! name noreturn
//! imports print shell
//! handler Shell.Command on_line
/* expect: uses _Noreturn */
/* noreturn: gcc deletes what follows a call to a _Noreturn function */
#include "spinel/print.h"
#include "spinel/shell.h"

/*@ terminates \true; assigns \nothing; */
static _Noreturn void stop(void) { for (;;) { spinel_spend(); } }

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

/*@ terminates \true;
    assigns SpinelEvents;
*/
int ext_init(void)
{
    return shell_install(on_line, 0);
}
