//! name pragma_gcc
//! imports print shell
//! handler Shell.Command on_line
/* expect: uses a directive gcc obeys and WP ignores */
/* pragma_gcc: #pragma GCC optimize changes the code gcc makes, unseen by WP */
#include "spinel/print.h"
#include "spinel/shell.h"

#pragma GCC optimize ("O0")

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
