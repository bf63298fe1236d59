/* tracer: one handler on two events (many-to-one): it counts the raises
 * of Shell.Command and of Ext.Loaded it has seen, and answers "tracer"
 * with the count. */
#include "spinel/loads.h"
#include "spinel/print.h"
#include "spinel/shell.h"

static uint64_t raises;

/* Both events give a string: a command line, or a loaded extension's name. */
/*@ requires ShellLine(text);
    terminates \true;
    assigns raises, SpinelConsole;
    ensures raises == \old(raises) + 1 || raises == \old(raises);
*/
static uint64_t trace(void *closure, const char *text)
{
    (void)closure;
    if (raises < UINT64_MAX)
        raises++;
    if (!shell_word_is(text, "tracer"))
        return 0;
    print_str("tracer: ");
    print_u64(raises);
    print_str(" raises of Shell.Command and Ext.Loaded\n");
    return 1;
}

/*@ terminates \true;
    assigns raises, SpinelEvents;
*/
int ext_init(void)
{
    raises = 0;
    int err = shell_install(trace, 0);
    return err != SPINEL_OK ? err : loads_install(trace);
}
