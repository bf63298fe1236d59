//! name acsl_recursive_logic
//! imports print shell
//! handler Shell.Command on_line
/* expect: in terms of itself */
/* acsl_recursive_logic: a recursive definition with no fixpoint: its axiom is false */
#include "spinel/print.h"
#include "spinel/shell.h"

/*@ logic integer Bad(integer n) = Bad(n) + 1; */

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
