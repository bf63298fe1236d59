//! name gate_recursion
//! imports print shell
//! handler Shell.Command on_stars
/* expect: recursion: print_stars calls itself */
/* gate_recursion: "stars" prints a bar of up to seven stars, one per line
 * seen (modulo 8), drawn recursively. Even with a proved decreases
 * clause, recursion gives the stack no static bound. */
#include "spinel/print.h"
#include "spinel/shell.h"

static uint64_t lines;

/*@ requires n < 8;
    terminates \true;
    decreases n;
    assigns SpinelConsole;
*/
static void print_stars(uint32_t n)
{
    if (n == 0)
        return;
    print_str("*");
    print_stars(n - 1);
}

/*@ requires ShellLine(line);
    terminates \true;
    assigns lines, SpinelConsole;
*/
static uint64_t on_stars(void *closure, const char *line)
{
    (void)closure;
    if (lines < UINT64_MAX)
        lines++;
    if (!shell_word_is(line, "stars"))
        return 0;
    print_stars((uint32_t)(lines % 8));
    print_str("\n");
    return 1;
}

/*@ terminates \true;
    assigns lines, SpinelEvents;
*/
int ext_init(void)
{
    lines = 0;
    return shell_install(on_stars, 0);
}
