//! name pp_framac
//! imports print shell
//! handler Shell.Command on_line
/* expect: may be out of bounds */
/* pp_framac: the proof once read the safe branch under __FRAMAC__; gcc compiled the other */
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
#ifdef __FRAMAC__
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
