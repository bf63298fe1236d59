//! name gate_redeclare
//! imports print shell
//! handler Shell.Command on_rest
/* expect: declares shell_args, a function it does not define, outside the interface headers */
/* gate_redeclare: redeclares an interface function with a contract of its
 * own. Frama-C merges the two contracts, so the extension's proof would
 * rely on a promise (here, that the arguments start at the line) the
 * kernel never made. */
#include "spinel/print.h"
#include "spinel/shell.h"

/*@ requires ShellLine(line);
    terminates \true;
    assigns \nothing;
    ensures \result == line;
*/
const char *shell_args(const char *line);

/*@ requires ShellLine(line);
    terminates \true;
    assigns SpinelConsole;
*/
static uint64_t on_rest(void *closure, const char *line)
{
    (void)closure;
    if (!shell_word_is(line, "rest"))
        return 0;
    const char *rest = shell_args(line);
    if (rest[0] == 0)
        print_str("no arguments\n");
    else
        print_str("arguments\n");
    return 1;
}

/*@ terminates \true;
    assigns SpinelEvents;
*/
int ext_init(void)
{
    return shell_install(on_rest, 0);
}
