//! name register_rsp
//! imports print shell
//! handler Shell.Command on_line
/* expect: declares a register variable */
/* register_rsp: register ... asm("rsp") reads the kernel's stack pointer */
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
    register uint64_t sp = 0;
    print_u64(sp);
    return 1;
}

/*@ terminates \true;
    assigns SpinelEvents;
*/
int ext_init(void)
{
    return shell_install(on_line, 0);
}
