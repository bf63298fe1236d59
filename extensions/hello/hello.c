/* hello: a guard-filtered handler. The guard picks the lines whose first
 * word is "hello"; only those run the handler, which greets back and
 * counts the greetings. */
#include "spinel/print.h"
#include "spinel/shell.h"

static uint64_t greetings;

/*@ requires ShellLine(line);
    terminates \true;
    assigns \nothing;
*/
static int is_hello(void *closure, const char *line)
{
    (void)closure;
    return shell_word_is(line, "hello");
}

/*@ requires ShellLine(line);
    terminates \true;
    assigns greetings, SpinelConsole;
    ensures greetings >= \old(greetings);
*/
static uint64_t greet(void *closure, const char *line)
{
    (void)closure;
    (void)line;
    if (greetings < UINT64_MAX)
        greetings++;
    print_str("hello from an extension (greeting ");
    print_u64(greetings);
    print_str(")\n");
    return 1;
}

/*@ terminates \true;
    assigns greetings, SpinelEvents;
*/
int ext_init(void)
{
    greetings = 0;
    int err = shell_install(greet, is_hello);
    if (err == SPINEL_OK)
        shell_help_str("hello", "[WORDS]: greets back and counts the greetings"); /* help can do without it */
    return err;
}
