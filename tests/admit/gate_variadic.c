//! name gate_variadic
//! imports print shell
//! handler Shell.Command on_sum3
/* expect: variadic function add_all */
/* gate_variadic: a helper taking a count and that many numbers. WP has
 * no model of the arguments behind "...". */
#include "spinel/print.h"
#include "spinel/shell.h"

/*@ requires count <= 3;
    terminates \true;
    assigns \nothing;
*/
static uint64_t add_all(uint32_t count, ...)
{
    return count;
}

/*@ requires ShellLine(line);
    terminates \true;
    assigns SpinelConsole;
*/
static uint64_t on_sum3(void *closure, const char *line)
{
    (void)closure;
    if (!shell_word_is(line, "sum3"))
        return 0;
    print_u64(add_all(3, 1, 2, 3));
    print_str("\n");
    return 1;
}

/*@ terminates \true;
    assigns SpinelEvents;
*/
int ext_init(void)
{
    return shell_install(on_sum3, 0);
}
