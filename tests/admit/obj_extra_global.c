//! name obj_extra_global
//! imports print shell
//! handler Shell.Command on_line
/* expect: defines a global symbol helper */
/* obj_extra_global: a global function besides the proved entry points: another object could be linked to it */
#include "spinel/print.h"
#include "spinel/shell.h"

uint64_t helper(void);
/*@ terminates \true; assigns \nothing; */
uint64_t helper(void) { return 7; }

/*@ requires ShellLine(line);
    terminates \true;
    assigns SpinelConsole;
*/
static uint64_t on_line(void *closure, const char *line)
{
    (void)closure;
    (void)line;
    print_u64(helper());
    return 1;
}

/*@ terminates \true;
    assigns SpinelEvents;
*/
int ext_init(void)
{
    return shell_install(on_line, 0);
}
