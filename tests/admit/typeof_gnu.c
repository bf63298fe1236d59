//! name typeof_gnu
//! imports print shell
//! handler Shell.Command on_line
/* expect: uses __typeof__ */
/* typeof_gnu: a GNU extension with no C11 meaning */
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
    __typeof__(1u) n = 1;
    print_u64(n);
    return 1;
}

/*@ terminates \true;
    assigns SpinelEvents;
*/
int ext_init(void)
{
    return shell_install(on_line, 0);
}
