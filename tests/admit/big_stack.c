//! name big_stack
//! imports print shell
//! handler Shell.Command on_line
/* expect: bytes of stack, the kernel gives an extension 2048 */
/* A 4 KiB local buffer: more than an extension's stack. */
#include "spinel/print.h"
#include "spinel/shell.h"

/*@ requires ShellLine(line);
    terminates \true;
    assigns SpinelConsole;
*/
static uint64_t on_line(void *closure, const char *line)
{
    (void)closure;
    char copy[4096] = {0};
    copy[0] = line[0];
    copy[4095] = 0;
    print_text(copy, 1);
    return copy[4095] == 0;
}

/*@ terminates \true;
    assigns SpinelEvents;
*/
int ext_init(void)
{
    return shell_install(on_line, 0);
}
