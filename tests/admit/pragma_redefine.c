//! name pragma_redefine
//! imports print shell
//! handler Shell.Command on_line
/* expect: uses a directive gcc obeys and WP ignores */
/* pragma_redefine: #pragma redefine_extname gives ext_init's name to another function */
#include "spinel/print.h"
#include "spinel/shell.h"

#pragma redefine_extname helper ext_init

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
