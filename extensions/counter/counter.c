/* counter: counts the lines typed at the shell, answers "counter" with
 * the count so far, and says how many it saw when it is unloaded. */
#include "spinel/print.h"
#include "spinel/shell.h"
#include "counter.h"

static uint64_t lines;

/* " 1 line" or " N lines", and the end of the line. */
/*@ terminates \true;
    assigns SpinelConsole;
*/
static void print_lines(uint64_t n)
{
    print_u64(n);
    if (n == 1)
        print_str(" line\n");
    else
        print_str(" lines\n");
}

/*@ requires ShellLine(line);
    terminates \true;
    assigns lines, SpinelConsole;
    ensures lines == \old(lines) + 1 || lines == \old(lines);
*/
static uint64_t on_command(void *closure, const char *line)
{
    (void)closure;
    if (lines < UINT64_MAX)
        lines++;
    if (!shell_word_is(line, "counter"))
        return 0;
    print_str("counter: ");
    print_lines(lines);
    return 1;
}

uint64_t counter_lines(void)
{
    return lines;
}

/*@ terminates \true;
    assigns lines, SpinelEvents;
*/
int ext_init(void)
{
    lines = 0;
    int err = shell_install(on_command, 0);
    if (err == SPINEL_OK)
        shell_help_str("counter", "the lines typed at the shell so far"); /* help can do without it */
    return err;
}

/* Says goodbye with the count: the kernel runs it at unload. */
/*@ terminates \true;
    assigns SpinelConsole;
*/
void ext_fini(void)
{
    print_str("counter: unloaded after ");
    print_lines(lines);
}
