//! name msg_smoke_split_over_two_lines
//! imports print shell
//! handler Shell.Command on_line
/* first: tests/admit/messages/msg_smoke.c:18: rejected: a smoke test failed: the code after this point is dead or a precondition is contradictory */
/* lines: 1 */
/* log: wp.log */
/* Dead code: the branch can never run under the helper's precondition. */
#include "spinel/print.h"
#include "spinel/shell.h"

/*@ requires n < 4;
    terminates \true;
    assigns SpinelConsole;
*/
static void show(uint32_t n)
{
    if (n > 8)
        print_str("never\n");
    print_u64(n);
}

/*@ requires ShellLine(line);
    terminates \true;
    assigns SpinelConsole;
*/
static uint64_t on_line(void *closure, const char *line)
{
    (void)closure;
    if (!shell_word_is(line, "smoke"))
        return 0;
    show(3);
    return 1;
}

/*@ terminates \true;
    assigns SpinelEvents;
*/
int ext_init(void)
{
    return shell_install(on_line, 0);
}
