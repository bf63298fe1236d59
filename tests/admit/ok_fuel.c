//! name ok_fuel
//! imports print shell
//! handler Shell.Command on_line
//! bound 40
/* ok_fuel: must be admitted, with 40 loop iterations per call. Loops of
 * each kind, each beginning with spinel_spend(): a for with a print in
 * its body, a while with a two-part test, a do-while, a nested pair, and
 * a helper whose contract states the fuel it uses. */
#include "spinel/print.h"
#include "spinel/shell.h"

static uint64_t total;

/* The bytes of line before its NUL, at most 7. */
/*@ requires ShellLine(line);
    requires SpinelFuel >= 7;
    terminates \true;
    assigns SpinelFuel;
    ensures 0 <= \result <= 7;
    ensures SpinelFuel == \old(SpinelFuel) - \result;
*/
static uint32_t short_length(const char *line)
{
    uint32_t n = 0;
    /*@ loop invariant 0 <= n <= 7;
        loop invariant \forall integer k; 0 <= k < n ==> line[k] != 0;
        loop invariant SpinelFuel == \at(SpinelFuel, Pre) - n;
        loop assigns n, SpinelFuel;
        loop variant 7 - n;
    */
    while (n < 7 && line[n] != 0) {
        spinel_spend();
        n++;
    }
    return n;
}

/*@ requires ShellLine(line);
    requires SpinelFuel >= 40;
    terminates \true;
    assigns total, SpinelConsole, SpinelFuel;
*/
static uint64_t on_line(void *closure, const char *line)
{
    (void)closure;
    if (!shell_word_is(line, "fuel"))
        return 0;
    /*@ loop invariant 0 <= i <= 3;
        loop invariant SpinelFuel == \at(SpinelFuel, Pre) - i;
        loop assigns i, SpinelConsole, SpinelFuel;
        loop variant 3 - i;
    */
    for (uint32_t i = 0; i < 3; i++) {
        spinel_spend();
        print_u64(i);
    }
    uint32_t j = 0;
    /*@ loop invariant 0 <= j <= 3;
        loop invariant SpinelFuel == \at(SpinelFuel, Pre) - 3 - j;
        loop assigns j, SpinelFuel;
        loop variant 4 - j;
    */
    do {
        spinel_spend();
        j++;
    } while (j < 4);
    /*@ loop invariant 0 <= a <= 4;
        loop invariant SpinelFuel == \at(SpinelFuel, Pre) - 7 - 5 * a;
        loop assigns a, total, SpinelFuel;
        loop variant 4 - a;
    */
    for (uint32_t a = 0; a < 4; a++) {
        spinel_spend();
        /*@ loop invariant 0 <= b <= 4;
            loop invariant SpinelFuel == \at(SpinelFuel, Pre) - 7 - 5 * a - 1 - b;
            loop assigns b, total, SpinelFuel;
            loop variant 4 - b;
        */
        for (uint32_t b = 0; b < 4; b++) {
            spinel_spend();
            total = total / 2 + a + b;
        }
    }
    print_u64(short_length(line));
    print_str(" fuel\n");
    return 1;
}

/*@ terminates \true;
    assigns total, SpinelEvents;
*/
int ext_init(void)
{
    total = 0;
    return shell_install(on_line, 0);
}
