//! name gate_ptr_to_int
//! imports print shell
//! handler Shell.Command on_where
/* expect: casts a pointer to an integer */
/* gate_ptr_to_int: "where" prints the address of the line buffer. An
 * address as a number is how a pointer gets forged back later. */
#include "spinel/print.h"
#include "spinel/shell.h"

/*@ requires ShellLine(line);
    terminates \true;
    assigns SpinelConsole;
*/
static uint64_t on_where(void *closure, const char *line)
{
    (void)closure;
    if (!shell_word_is(line, "where"))
        return 0;
    uintptr_t at = (uintptr_t)line;
    print_str("line at ");
    print_hex(at);
    print_str("\n");
    return 1;
}

/*@ terminates \true;
    assigns SpinelEvents;
*/
int ext_init(void)
{
    return shell_install(on_where, 0);
}
