//! name gate_builtin_call
//! imports print shell
//! handler Shell.Command on_swap
/* expect: calls __builtin_bswap64, which no imported interface declares */
/* gate_builtin_call: "swap" prints the line count byte-swapped with a GCC
 * builtin. A builtin is a function the kernel does not export (GCC may
 * inline it, or may emit a call to a libgcc routine that is not there). */
#include "spinel/print.h"
#include "spinel/shell.h"

static uint64_t lines;

/*@ requires ShellLine(line);
    terminates \true;
    assigns lines, SpinelConsole;
*/
static uint64_t on_swap(void *closure, const char *line)
{
    (void)closure;
    if (lines < UINT64_MAX)
        lines++;
    if (!shell_word_is(line, "swap"))
        return 0;
    print_hex(__builtin_bswap64(lines));
    print_str("\n");
    return 1;
}

/*@ terminates \true;
    assigns lines, SpinelEvents;
*/
int ext_init(void)
{
    lines = 0;
    return shell_install(on_swap, 0);
}
