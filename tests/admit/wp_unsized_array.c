//! name wp_unsized_array
//! imports print shell
//! handler Shell.Command on_line
/* expect: rejected: */
/* wp_unsized_array: a flexible array member: WP does not implement it, which must be a refusal, not a tool error */
#include "spinel/print.h"
#include "spinel/shell.h"

struct box { uint32_t n; char data[]; };
static struct box boxed;

/*@ requires ShellLine(line);
    terminates \true;
    assigns SpinelConsole;
*/
static uint64_t on_line(void *closure, const char *line)
{
    (void)closure;
    (void)line;
    print_u64((uint64_t)boxed.data[boxed.n]);
    return 1;
}

/*@ terminates \true;
    assigns SpinelEvents;
*/
int ext_init(void)
{
    return shell_install(on_line, 0);
}
