//! name gate_fnptr_addr
//! imports print shell
//! handler Shell.Command on_hi
/* expect: takes the address of function on_hi other than as a handler or guard passed to the dispatcher */
/* gate_fnptr_addr: init reports whether its handler is linked (its
 * address is not null) before installing it. Only a handler or guard
 * named as the argument of the dispatcher's install may have its address
 * taken. */
#include "spinel/print.h"
#include "spinel/shell.h"

/*@ requires ShellLine(line);
    terminates \true;
    assigns SpinelConsole;
*/
static uint64_t on_hi(void *closure, const char *line)
{
    (void)closure;
    if (!shell_word_is(line, "hi"))
        return 0;
    print_str("hi\n");
    return 1;
}

/*@ terminates \true;
    assigns SpinelConsole, SpinelEvents;
*/
int ext_init(void)
{
    print_str("hi linked: ");
    print_u64((uint64_t)(on_hi != 0));
    print_str("\n");
    return shell_install(on_hi, 0);
}
