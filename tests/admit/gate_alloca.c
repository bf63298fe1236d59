//! name gate_alloca
//! imports print shell
//! handler Shell.Command on_echo
/* expect: uses alloca */
/* gate_alloca: "echo TEXT" copies TEXT into stack memory from alloca,
 * sized by the line: the stack bound would not hold. */
#include "spinel/print.h"
#include "spinel/shell.h"

/*@ requires ShellLine(text);
    terminates \true;
    assigns \nothing;
    ensures 0 <= \result < SHELL_LINE_MAX && \valid_read(text + (0 .. \result));
*/
static uint32_t text_length(const char *text)
{
    uint32_t n = 0;
    /*@ loop invariant 0 <= n < SHELL_LINE_MAX;
        loop invariant \forall integer k; 0 <= k < n ==> text[k] != 0;
        loop invariant \valid_read(text + (0 .. n));
        loop assigns n;
        loop variant SHELL_LINE_MAX - 1 - n;
    */
    while (text[n] != 0 && n < SHELL_LINE_MAX - 1) {
        spinel_spend();
        n++;
    }
    return n;
}

/*@ requires ShellLine(line);
    terminates \true;
    assigns SpinelConsole;
*/
static uint64_t on_echo(void *closure, const char *line)
{
    (void)closure;
    if (!shell_word_is(line, "echo"))
        return 0;
    const char *text = shell_args(line);
    uint32_t len = text_length(text);
    char *copy = __builtin_alloca(len + 1);
    /*@ loop invariant 0 <= i <= len;
        loop assigns i, copy[0 .. len - 1];
        loop variant len - i;
    */
    for (uint32_t i = 0; i < len; i++) {
        spinel_spend();
        copy[i] = text[i];
    }
    print_text(copy, len);
    print_str("\n");
    return 1;
}

/*@ terminates \true;
    assigns SpinelEvents;
*/
int ext_init(void)
{
    return shell_install(on_echo, 0);
}
