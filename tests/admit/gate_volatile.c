//! name gate_volatile
//! imports print shell
//! handler Shell.Command on_poll
/* expect: uses volatile (in the type of variable polls) */
/* gate_volatile: a counter declared volatile "in case an interrupt reads
 * it". WP's model has no volatile semantics: it would prove reads return
 * what was last written. */
#include "spinel/print.h"
#include "spinel/shell.h"

static volatile uint64_t polls;

/*@ requires ShellLine(line);
    terminates \true;
    assigns polls, SpinelConsole;
*/
static uint64_t on_poll(void *closure, const char *line)
{
    (void)closure;
    if (!shell_word_is(line, "poll"))
        return 0;
    if (polls < UINT64_MAX)
        polls++;
    print_u64(polls);
    print_str("\n");
    return 1;
}

/*@ terminates \true;
    assigns polls, SpinelEvents;
*/
int ext_init(void)
{
    polls = 0;
    return shell_install(on_poll, 0);
}
