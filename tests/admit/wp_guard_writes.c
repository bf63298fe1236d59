//! name guard_writes
//! imports print shell
//! handler Shell.Command on_line
//! guard Shell.Command count_and_pass
/* expect: rejected: count_and_pass does not meet the Shell.Command guard contract */
/* A guard with a side effect: guards must write nothing. */
#include "spinel/print.h"
#include "spinel/shell.h"

static uint32_t asked;

/*@ requires ShellLine(line);
    terminates \true;
    assigns asked;
*/
static int count_and_pass(void *closure, const char *line)
{
    (void)closure;
    (void)line;
    if (asked < 1000)
        asked++;
    return 1;
}

/*@ requires ShellLine(line);
    terminates \true;
    assigns \nothing;
*/
static uint64_t on_line(void *closure, const char *line)
{
    (void)closure;
    (void)line;
    return 0;
}

/*@ terminates \true;
    assigns asked, SpinelEvents;
*/
int ext_init(void)
{
    asked = 0;
    return shell_install(on_line, count_and_pass);
}
