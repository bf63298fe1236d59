//! name acsl_inductive
//! imports print shell
//! handler Shell.Command on_line
/* expect: declares an inductive predicate */
/* acsl_inductive: WP takes an inductive's cases as axioms */
#include "spinel/print.h"
#include "spinel/shell.h"

/*@ inductive Odd(integer n) { case odd: \forall integer n; !Odd(n) ==> Odd(n); } */

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
