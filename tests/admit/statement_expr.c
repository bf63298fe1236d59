//! name statement_expr
//! imports print shell
//! handler Shell.Command on_line
/* expect: ISO C forbids braced-groups within expressions */
/* statement_expr: a GNU statement expression */
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
    uint64_t n = ({ uint64_t t = 2; t * 2; });
    print_u64(n);
    return 1;
}

/*@ terminates \true;
    assigns SpinelEvents;
*/
int ext_init(void)
{
    return shell_install(on_line, 0);
}
