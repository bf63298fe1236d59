//! name gate_fnptr_var
//! imports print shell
//! handler Shell.Command on_hi
/* expect: declares a function-pointer variable chosen */
/* expect: takes the address of function on_hi other than as a handler or guard passed to the dispatcher */
/* gate_fnptr_var: init picks its handler into a variable before
 * installing it. A function pointer held in a variable can be called or
 * passed on without WP knowing its target. */
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
    shell_handler *chosen = on_hi;
    return shell_install(chosen, 0);
}
