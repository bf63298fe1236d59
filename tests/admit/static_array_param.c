//! name static_array_param
//! imports print shell
//! handler Shell.Command on_line
/* expect: [static N] */
/* static_array_param: gcc takes [static 4] as a promise that the pointer is valid and non-null */
#include "spinel/print.h"
#include "spinel/shell.h"

/*@ requires \valid_read(s + (0 .. 3)); terminates \true; assigns \nothing; */
static uint64_t count(const char s[static 4]) { return s[0] == 0 ? 0u : 1u; }

/*@ requires ShellLine(line);
    terminates \true;
    assigns SpinelConsole;
*/
static uint64_t on_line(void *closure, const char *line)
{
    (void)closure;
    print_u64(count(shell_args(line)));
    return 1;
}

/*@ terminates \true;
    assigns SpinelEvents;
*/
int ext_init(void)
{
    return shell_install(on_line, 0);
}
