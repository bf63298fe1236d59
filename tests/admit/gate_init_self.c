//! name gate_init_self
//! imports print shell
//! handler Shell.Command on_line
/* expect: initialises spare from itself */
/* gate_init_self: an initialiser that reads the variable it initialises. */
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
    uint8_t spare = (uint8_t)(spare & 1u);
    print_u64(spare);
    return 1;
}

/*@ terminates \true;
    assigns SpinelEvents;
*/
int ext_init(void)
{
    return shell_install(on_line, 0);
}
