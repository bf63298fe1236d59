//! name alignas
//! imports print shell
//! handler Shell.Command on_line
/* expect: uses _Alignas */
/* alignas: Frama-C and gcc fold alignment differently */
#include "spinel/print.h"
#include "spinel/shell.h"

static _Alignas(64) uint64_t slots[2];

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
