//! name line_forged
//! imports print shell
//! handler Shell.Command on_line
/* expect: uses inline assembly */
/* line_forged: #line claims the interface header, so a gate trusting locations skipped the asm */
#include "spinel/print.h"
#include "spinel/shell.h"

#line 20 "extensions/include/spinel/print.h"
__asm__(".globl print_u64\nprint_u64: hlt");
#line 40 "line_forged.c"

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
