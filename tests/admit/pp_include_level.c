//! name pp_include_level
//! imports print shell
//! handler Shell.Command on_line
/* expect: may be out of bounds */
/* pp_include_level: __INCLUDE_LEVEL__ was 0 for the gate and 1 in the compiled unit */
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
#if __INCLUDE_LEVEL__ == 0
    (void)line;
    print_str("ok\n");
    return 1;
#else
    uint32_t n = shell_word_is(line, "poke") ? 9u : 0u;
    cells[n] = 1;
    print_u64((uint64_t)cells[0]);
    return 1;
#endif
}

/*@ terminates \true;
    assigns SpinelEvents;
*/
int ext_init(void)
{
    return shell_install(on_line, 0);
}
