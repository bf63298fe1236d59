//! name gate_uninit_scalar
//! imports print shell
//! handler Shell.Command on_line
/* expect: declares count without initialising it */
/* gate_uninit_scalar: a local set on one path only, then printed. */
#include "spinel/print.h"
#include "spinel/shell.h"

/*@ requires ShellLine(line);
    terminates \true;
    assigns SpinelConsole;
*/
static uint64_t on_line(void *closure, const char *line)
{
    (void)closure;
    uint64_t count;
    if (line[0] == 'c')
        count = 1;
    else
        count = 2;
    print_u64(count);
    return 1;
}

/*@ terminates \true;
    assigns SpinelEvents;
*/
int ext_init(void)
{
    return shell_install(on_line, 0);
}
