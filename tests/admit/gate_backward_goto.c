//! name gate_backward_goto
//! imports print shell
//! handler Shell.Command on_skip
/* expect: goto backwards (WP cannot handle it) */
/* gate_backward_goto: skips leading spaces with a goto loop. WP aborts
 * on it ("Non natural loop") or cannot give it a variant. */
#include "spinel/print.h"
#include "spinel/shell.h"

/*@ requires ShellLine(line);
    terminates \true;
    assigns SpinelConsole;
*/
static uint64_t on_skip(void *closure, const char *line)
{
    (void)closure;
    if (!shell_word_is(line, "skip"))
        return 0;
    const char *rest = shell_args(line);
    uint32_t n = 0;
again:
    if (n < 8 && rest[n] == ' ') {
        n++;
        goto again;
    }
    print_u64(n);
    print_str(" spaces\n");
    return 1;
}

/*@ terminates \true;
    assigns SpinelEvents;
*/
int ext_init(void)
{
    return shell_install(on_skip, 0);
}
