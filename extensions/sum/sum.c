/* sum: "sum TEXT" prints the Fletcher-16 of TEXT, computed by the
 * checksum extension: extension-to-extension linking through Resolve. */
#include "spinel/print.h"
#include "spinel/shell.h"
#include "checksum.h"

/*@ requires ShellLine(line);
    terminates \true;
    assigns \nothing;
*/
static int is_sum(void *closure, const char *line)
{
    (void)closure;
    return shell_word_is(line, "sum");
}

/* The bytes of text before its NUL. */
/*@ requires ShellLine(text);
    requires SpinelFuel >= 127;
    terminates \true;
    assigns SpinelFuel;
    ensures 0 <= \result < 128 && text[\result] == 0 && \valid_read(text + (0 .. \result));
    ensures SpinelFuel == \old(SpinelFuel) - \result;
*/
static uint32_t text_length(const char *text)
{
    uint32_t n = 0;
    /*@ loop invariant 0 <= n < 128;
        loop invariant \forall integer k; 0 <= k < n ==> text[k] != 0;
        loop invariant \valid_read(text + (0 .. n));
        loop invariant SpinelFuel == \at(SpinelFuel, Pre) - n;
        loop assigns n, SpinelFuel;
        loop variant 127 - n;
    */
    while (text[n] != 0 && n < 127) {
        spinel_spend();
        n++;
    }
    return n;
}

/* At most 127 iterations to find the text's end, 127 more to sum it. */
/*@ requires ShellLine(line);
    requires SpinelFuel >= 254;
    terminates \true;
    assigns SpinelConsole, SpinelFuel;
*/
static uint64_t print_sum(void *closure, const char *line)
{
    (void)closure;
    const char *text = shell_args(line);
    uint32_t len = text_length(text);
    print_str("sum: fletcher16 = ");
    print_u64(fletcher16(text, len));
    print_str("\n");
    return 1;
}

/*@ terminates \true;
    assigns SpinelEvents;
*/
int ext_init(void)
{
    int err = shell_install(print_sum, is_sum);
    if (err == SPINEL_OK)
        shell_help_str("sum", "TEXT: the Fletcher-16 of TEXT, computed by checksum"); /* help can do without it */
    return err;
}
