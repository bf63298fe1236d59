//! name gate_undeclared_call
//! imports print shell
//! handler Shell.Command on_len
/* expect: calls strlen, which no imported interface declares */
/* gate_undeclared_call: "len" calls strlen, which nothing declares (the
 * extension is freestanding: there is no libc). C would declare it
 * implicitly; the kernel would have nothing to link it to. */
#include "spinel/print.h"
#include "spinel/shell.h"

/*@ requires ShellLine(line);
    terminates \true;
    assigns SpinelConsole;
*/
static uint64_t on_len(void *closure, const char *line)
{
    (void)closure;
    if (!shell_word_is(line, "len"))
        return 0;
    print_u64(strlen(line));
    print_str("\n");
    return 1;
}

/*@ terminates \true;
    assigns SpinelEvents;
*/
int ext_init(void)
{
    return shell_install(on_len, 0);
}
