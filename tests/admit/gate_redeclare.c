//! name gate_redeclare
//! imports print shell
//! handler Shell.Command on_hi
/* expect: declares print_u64, a function it does not define, outside the interface headers */
/* gate_redeclare: redeclares an interface function with a contract of its
 * own. Frama-C merges the two contracts, so the extension could promise
 * itself whatever it likes about a kernel function. */
#include "spinel/print.h"
#include "spinel/shell.h"

/*@ terminates \true;
    assigns SpinelConsole;
    ensures \false;
*/
void print_u64(uint64_t v);

/*@ requires ShellLine(line);
    terminates \true;
    assigns SpinelConsole;
*/
static uint64_t on_hi(void *closure, const char *line)
{
    (void)closure;
    if (!shell_word_is(line, "hi"))
        return 0;
    print_u64(1);
    print_str("\n");
    return 1;
}

/*@ terminates \true;
    assigns SpinelEvents;
*/
int ext_init(void)
{
    return shell_install(on_hi, 0);
}
