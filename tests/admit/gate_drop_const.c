//! name gate_drop_const
//! imports print shell
//! handler Shell.Command on_spaces
/* expect: casts const char * to char * (drops const) */
/* gate_drop_const: "spaces" counts the spaces in the line with a helper
 * written without const. The helper only reads, but once the const is
 * cast away nothing stops the next version from writing the shell's
 * line, which is lent read-only. */
#include "spinel/print.h"
#include "spinel/shell.h"

/*@ requires ShellLine(s);
    terminates \true;
    assigns \nothing;
    ensures \result < SHELL_LINE_MAX;
*/
static uint32_t count_spaces(char *s)
{
    uint32_t n = 0, spaces = 0;
    /*@ loop invariant 0 <= spaces <= n < SHELL_LINE_MAX;
        loop invariant \forall integer k; 0 <= k < n ==> s[k] != 0;
        loop invariant \valid_read(s + (0 .. n));
        loop assigns n, spaces;
        loop variant SHELL_LINE_MAX - 1 - n;
    */
    while (s[n] != 0 && n < SHELL_LINE_MAX - 1) {
        spinel_spend();
        if (s[n] == ' ')
            spaces++;
        n++;
    }
    return spaces;
}

/*@ requires ShellLine(line);
    terminates \true;
    assigns SpinelConsole;
*/
static uint64_t on_spaces(void *closure, const char *line)
{
    (void)closure;
    if (!shell_word_is(line, "spaces"))
        return 0;
    print_u64(count_spaces((char *)line));
    print_str(" spaces\n");
    return 1;
}

/*@ terminates \true;
    assigns SpinelEvents;
*/
int ext_init(void)
{
    return shell_install(on_spaces, 0);
}
