//! name acsl_admit_requires
//! imports print shell
//! handler Shell.Command on_line
/* expect: uses 'admit' */
/* acsl_admit_requires: admit requires: a precondition nobody proves */
#include "spinel/print.h"
#include "spinel/shell.h"

static char cells[4];
/*@ admit requires n < 4; terminates \true; assigns cells[n]; */
static void put(uint32_t n) { cells[n] = 1; }

/*@ requires ShellLine(line);
    terminates \true;
    assigns SpinelConsole, cells[..];
*/
static uint64_t on_line(void *closure, const char *line)
{
    (void)closure;
    (void)line;
    put(9);
    return 1;
}

/*@ terminates \true;
    assigns SpinelEvents;
*/
int ext_init(void)
{
    return shell_install(on_line, 0);
}
