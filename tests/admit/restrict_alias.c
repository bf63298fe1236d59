//! name restrict_alias
//! imports print shell
//! handler Shell.Command on_line
/* expect: uses restrict */
/* restrict_alias: gcc assumes restrict pointers never alias; WP does not check it */
#include "spinel/print.h"
#include "spinel/shell.h"

/*@ requires \valid(a) && \valid(b); terminates \true; assigns *a, *b; */
static void bump(uint64_t *restrict a, uint64_t *restrict b) { *a = 1; *b = 2; }

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
