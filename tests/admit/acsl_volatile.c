//! name acsl_volatile
//! imports print shell
//! handler Shell.Command on_line
/* expect: uses a volatile clause */
/* acsl_volatile: volatile clauses name accessors WP trusts */
#include "spinel/print.h"
#include "spinel/shell.h"

static uint64_t reg;
/*@ volatile reg reads read_reg; */
/*@ terminates \true; assigns \nothing; */
static uint64_t read_reg(volatile uint64_t *p) { (void)p; return 0; }

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
