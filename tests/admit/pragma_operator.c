//! name pragma_operator
//! imports print shell
//! handler Shell.Command on_line
/* expect: uses a directive gcc obeys and WP ignores */
/* pragma_operator: _Pragma, the operator form, built by a macro */
#include "spinel/print.h"
#include "spinel/shell.h"

#define QUIET(x) _Pragma(#x)
QUIET(GCC diagnostic ignored "-Wall")

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
