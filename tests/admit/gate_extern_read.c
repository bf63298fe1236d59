//! name gate_extern_read
//! imports print shell
//! handler Shell.Command on_ticks
/* expect: uses kernel_ticks, a global it does not own */
/* expect: declares extern variable kernel_ticks, which it does not own */
/* gate_extern_read: "ticks" prints a kernel counter it declares extern.
 * Kernel state reaches an extension through interface functions only. */
#include "spinel/print.h"
#include "spinel/shell.h"

extern uint64_t kernel_ticks;

/*@ requires ShellLine(line);
    terminates \true;
    assigns SpinelConsole;
*/
static uint64_t on_ticks(void *closure, const char *line)
{
    (void)closure;
    if (!shell_word_is(line, "ticks"))
        return 0;
    print_u64(kernel_ticks);
    print_str("\n");
    return 1;
}

/*@ terminates \true;
    assigns SpinelEvents;
*/
int ext_init(void)
{
    return shell_install(on_ticks, 0);
}
