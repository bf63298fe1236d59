//! name msg_call_pre
//! imports print shell
//! handler Shell.Command on_line
/* first: tests/admit/messages/msg_call_pre.c:32: rejected: precondition `i < 4` of bump may not hold */
/* second: tests/admit/messages/msg_call_pre.c:13: note: the precondition of bump is stated here */
/* log: wp.log */
/* Calls its own helper without meeting the helper's precondition. */
#include "spinel/print.h"
#include "spinel/shell.h"

static uint32_t table[4];

/*@ requires i < 4;
    terminates \true;
    assigns table[i];
*/
static void bump(uint32_t i)
{
    table[i] = 1;
}

/*@ requires ShellLine(line);
    terminates \true;
    assigns table[0 .. 3], SpinelConsole;
*/
static uint64_t on_line(void *closure, const char *line)
{
    (void)closure;
    if (!shell_word_is(line, "bump"))
        return 0;
    bump(2);
    bump(7);
    return 1;
}

/*@ terminates \true;
    assigns SpinelEvents;
*/
int ext_init(void)
{
    return shell_install(on_line, 0);
}
