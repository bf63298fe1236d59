//! name gate_recursion
//! imports print shell
//! handler Shell.Command on_digits
/* expect: recursion: digits calls itself */
/* gate_recursion: "digits" prints how many decimal digits the line count
 * has, computed recursively. Even with a proved decreases clause the
 * stack depth has no static bound. */
#include "spinel/print.h"
#include "spinel/shell.h"

static uint64_t lines;

/*@ terminates \true;
    decreases v;
    assigns \nothing;
    ensures 1 <= \result <= 20;
*/
static uint32_t digits(uint64_t v)
{
    if (v < 10)
        return 1;
    return 1 + digits(v / 10);
}

/*@ requires ShellLine(line);
    terminates \true;
    assigns lines, SpinelConsole;
*/
static uint64_t on_digits(void *closure, const char *line)
{
    (void)closure;
    if (lines < UINT64_MAX)
        lines++;
    if (!shell_word_is(line, "digits"))
        return 0;
    print_u64(digits(lines));
    print_str("\n");
    return 1;
}

/*@ terminates \true;
    assigns lines, SpinelEvents;
*/
int ext_init(void)
{
    lines = 0;
    return shell_install(on_digits, 0);
}
