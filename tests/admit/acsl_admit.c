//! name acsl_admit
//! imports print shell
//! handler Shell.Command on_line
/* expect: uses 'admit' */
/* acsl_admit: an admitted assertion stands in for a proof */
#include "spinel/print.h"
#include "spinel/shell.h"

static char cells[4];

/*@ requires ShellLine(line);
    terminates \true;
    assigns SpinelConsole, cells[..];
*/
static uint64_t on_line(void *closure, const char *line)
{
    (void)closure;
    uint32_t n = (uint32_t)(unsigned char)shell_args(line)[0];
    //@ admit n < 4;
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
