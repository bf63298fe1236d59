//! name gate_mutual_recursion
//! imports print shell
//! handler Shell.Command on_parity
/* expect: recursion: is_even -> is_odd -> is_even */
/* gate_mutual_recursion: "parity" says whether the number of lines seen
 * is even, by two functions calling each other. */
#include "spinel/print.h"
#include "spinel/shell.h"

static uint64_t lines;

static int is_odd(uint64_t n);

/*@ terminates \true;
    decreases n;
    assigns \nothing;
    ensures \result == 0 || \result == 1;
*/
static int is_even(uint64_t n)
{
    if (n == 0)
        return 1;
    return is_odd(n - 1);
}

/*@ terminates \true;
    decreases n;
    assigns \nothing;
    ensures \result == 0 || \result == 1;
*/
static int is_odd(uint64_t n)
{
    if (n == 0)
        return 0;
    return is_even(n - 1);
}

/*@ requires ShellLine(line);
    terminates \true;
    assigns lines, SpinelConsole;
*/
static uint64_t on_parity(void *closure, const char *line)
{
    (void)closure;
    if (lines < UINT64_MAX)
        lines++;
    if (!shell_word_is(line, "parity"))
        return 0;
    if (is_even(lines))
        print_str("even\n");
    else
        print_str("odd\n");
    return 1;
}

/*@ terminates \true;
    assigns lines, SpinelEvents;
*/
int ext_init(void)
{
    lines = 0;
    return shell_install(on_parity, 0);
}
