//! name acsl_false_lemma
//! imports print shell
//! handler Shell.Command on_line
/* expect: lemma */
/* acsl_false_lemma: a lemma that does not hold; WP's lemma goals must be read */
#include "spinel/print.h"
#include "spinel/shell.h"

/*@ lemma everything_small: \forall integer n; n < 4; */

/*@ requires ShellLine(line);
    terminates \true;
    assigns SpinelConsole;
*/
static uint64_t on_line(void *closure, const char *line)
{
    (void)closure;
    (void)line;
    print_str("ok\n");
    return 1;
}

/*@ terminates \true;
    assigns SpinelEvents;
*/
int ext_init(void)
{
    return shell_install(on_line, 0);
}
