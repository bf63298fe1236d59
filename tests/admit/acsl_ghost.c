//! name acsl_ghost
//! imports print shell
//! handler Shell.Command on_line
/* expect: uses ghost code */
/* acsl_ghost: ghost code the compiler never sees */
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
    //@ ghost int seen = 1;
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
