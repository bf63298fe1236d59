//! name msg_loop_assigns
//! imports print shell
//! handler Shell.Command on_line
/* first: tests/admit/messages/msg_loop_assigns.c:30: rejected: this loop has no `loop assigns`, so WP takes it to write any memory: say what it writes (the refusals after this one may all follow from it) */
/* line: tests/admit/messages/msg_loop_assigns.c:34: rejected: precondition `\valid_read(s + (0 .. len - 1))` of print_text may not hold (also at lines 36, 38, 39) */
/* line: extensions/include/spinel/print.h:11: note: the precondition of print_text is stated here */
/* log: wp.log */
/* A loop with no `loop assigns`: WP takes it to write any memory, so the
 * prints after it and the function's assigns clause fail too. The loop is
 * the cause and must be named first. */
#include "spinel/print.h"
#include "spinel/shell.h"

static uint32_t seen[4];

/*@ requires ShellLine(line);
    requires SpinelFuel >= 4;
    terminates \true;
    assigns seen[0 .. 3], SpinelConsole, SpinelFuel;
*/
static uint64_t on_line(void *closure, const char *line)
{
    (void)closure;
    if (!shell_word_is(line, "seen"))
        return 0;
    /*@ loop invariant 0 <= i <= 4;
        loop invariant SpinelFuel == \at(SpinelFuel, Pre) - i;
        loop variant 4 - i;
    */
    for (uint32_t i = 0; i < 4; i++) {
        spinel_spend();
        seen[i] = i;
    }
    print_str("seen ");
    print_u64(seen[0]);
    print_str(" ");
    print_u64(seen[1]);
    print_str(" ");
    print_str("\n");
    return 1;
}

/*@ terminates \true;
    assigns SpinelEvents;
*/
int ext_init(void)
{
    return shell_install(on_line, 0);
}
