//! name gate_extern_write
//! imports print shell
//! handler Shell.Command on_reset
/* expect: writes kernel_ticks, which it does not own */
/* expect: declares extern variable kernel_ticks, which it does not own */
/* gate_extern_write: "reset" zeroes a kernel counter it declares extern.
 * An extension writes its own globals and nothing else. */
#include "spinel/print.h"
#include "spinel/shell.h"

extern uint64_t kernel_ticks;

/*@ requires ShellLine(line);
    terminates \true;
    assigns kernel_ticks, SpinelConsole;
*/
static uint64_t on_reset(void *closure, const char *line)
{
    (void)closure;
    if (!shell_word_is(line, "reset"))
        return 0;
    kernel_ticks = 0;
    print_str("reset\n");
    return 1;
}

/*@ terminates \true;
    assigns SpinelEvents;
*/
int ext_init(void)
{
    return shell_install(on_reset, 0);
}
