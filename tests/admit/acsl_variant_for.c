//! name acsl_variant_for
//! imports print shell
//! handler Shell.Command on_line
/* expect: uses 'for' in an annotation */
/* acsl_variant_for: a variant for a relation that is not well founded */
#include "spinel/print.h"
#include "spinel/shell.h"

/*@ predicate Up(integer a, integer b) = a > b; */

/*@ requires ShellLine(line);
    terminates \true;
    assigns SpinelConsole;
*/
static uint64_t on_line(void *closure, const char *line)
{
    (void)closure;
    (void)line;
    uint32_t i = 0;
    /*@ loop assigns i;
        loop variant i for Up; */
    while (i < 3)
        i++;
    return 1;
}

/*@ terminates \true;
    assigns SpinelEvents;
*/
int ext_init(void)
{
    return shell_install(on_line, 0);
}
