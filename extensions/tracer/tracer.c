/* tracer: one handler on two events (many-to-one): it counts the raises
 * of Shell.Command and Ext.Loaded it has seen, and answers "tracer" with
 * that count and with the kernel's own counts, read through capabilities
 * it holds to both events; a reference it did not get is refused. */
#include "spinel/loads.h"
#include "spinel/print.h"
#include "spinel/refs.h"
#include "spinel/shell.h"

static uint64_t raises;
static spinel_ref commands, loads;

/* The kernel's count of raises of the event ref names, or why not. */
/*@ terminates \true;
    assigns SpinelConsole;
*/
static void print_raises(spinel_ref ref)
{
    uint64_t n = 0;
    if (refs_raises(ref, &n) == SPINEL_OK)
        print_u64(n);
    else
        print_str("refused");
}

/*@ terminates \true;
    assigns SpinelConsole;
*/
static void report(void)
{
    print_str("tracer: ");
    print_u64(raises);
    if (raises == 1)
        print_str(" raise");
    else
        print_str(" raises");
    print_str(" of Shell.Command and Ext.Loaded; the kernel counts ");
    print_raises(commands);
    print_str(" and ");
    print_raises(loads);
    print_str("; a forged reference: ");
    print_raises(commands ^ 2); /* a slot of its table never issued */
    print_str("\n");
}

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
    report();
    return 1;
}

/*@ terminates \true;
    assigns raises, commands, loads, SpinelEvents, SpinelRefs;
*/
int ext_init(void)
{
    raises = 0;
    if (refs_event_named("Shell.Command", &commands) != SPINEL_OK ||
        refs_event_named("Ext.Loaded", &loads) != SPINEL_OK)
        return 1;
    int err = shell_install(trace, 0);
    if (err == SPINEL_OK)
        err = loads_install(trace);
    if (err == SPINEL_OK)
        shell_help_str("tracer", "the raises it saw of Shell.Command and Ext.Loaded, and the kernel's counts");
    return err;
}
