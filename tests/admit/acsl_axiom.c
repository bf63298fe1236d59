//! name acsl_axiom
//! imports print shell
//! handler Shell.Command on_line
/* expect: declares an axiom */
/* acsl_axiom: a false axiom proves anything */
#include "spinel/print.h"
#include "spinel/shell.h"

static char cells[4];
/*@ axiomatic Lies { predicate Small(integer n); axiom small: \forall integer n; Small(n) && n < 4; } */

/*@ requires ShellLine(line);
    terminates \true;
    assigns SpinelConsole, cells[..];
*/
static uint64_t on_line(void *closure, const char *line)
{
    (void)closure;
    uint32_t n = (uint32_t)(unsigned char)shell_args(line)[0];
    //@ assert Small(n);
    cells[n] = 1;
    return 1;
}

/*@ terminates \true;
    assigns SpinelEvents;
*/
int ext_init(void)
{
    return shell_install(on_line, 0);
}
