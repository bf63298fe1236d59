//! name gate_fnptr_call
//! imports print shell
//! handler Shell.Command on_twice
/* expect: calls through a function pointer */
/* expect: declares a function-pointer parameter */
/* expect: takes the address of function say_hi other than as a handler or guard passed to the dispatcher */
/* gate_fnptr_call: "twice" runs a printer twice through a helper that
 * takes the printer as a pointer. WP 25 cannot prove an indirect call's
 * target (\valid_function is not implemented). */
#include "spinel/print.h"
#include "spinel/shell.h"

/*@ terminates \true;
    assigns SpinelConsole;
*/
static void say_hi(void)
{
    print_str("hi\n");
}

/*@ terminates \true;
    assigns SpinelConsole;
*/
static void twice(void (*say)(void))
{
    say();
    say();
}

/*@ requires ShellLine(line);
    terminates \true;
    assigns SpinelConsole;
*/
static uint64_t on_twice(void *closure, const char *line)
{
    (void)closure;
    if (!shell_word_is(line, "twice"))
        return 0;
    twice(say_hi);
    return 1;
}

/*@ terminates \true;
    assigns SpinelEvents;
*/
int ext_init(void)
{
    return shell_install(on_twice, 0);
}
