//! name gate_fnptr_addr
//! imports print shell
//! handler Shell.Command on_hi
/* expect: takes the address of function on_hi other than as a handler or guard passed to the dispatcher */
/* gate_fnptr_addr: init checks its handler's address before installing
 * it. Only a handler or guard named as the argument of the dispatcher's
 * install has its address taken. */
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
    assigns SpinelEvents;
*/
int ext_init(void)
{
    if (on_hi == 0)
        return 1;
    return shell_install(on_hi, 0);
}
