//! name gate_union
//! imports print shell
//! handler Shell.Command on_bits
/* expect: a union (WP's memory model cannot see type punning): union word */
/* gate_union: "bits" shows the low byte of a 64-bit value by type
 * punning through a union. WP "proves" a false value for such reads,
 * silently (DESIGN.md section 3). */
#include "spinel/print.h"
#include "spinel/shell.h"

union word {
    uint64_t whole;
    uint8_t bytes[8];
};

static union word last;

/*@ requires ShellLine(line);
    terminates \true;
    assigns last, SpinelConsole;
*/
static uint64_t on_bits(void *closure, const char *line)
{
    (void)closure;
    if (!shell_word_is(line, "bits"))
        return 0;
    last.whole = 0x0102030405060708u;
    print_hex(last.bytes[0]);
    print_str("\n");
    return 1;
}

/*@ terminates \true;
    assigns last, SpinelEvents;
*/
int ext_init(void)
{
    last.whole = 0;
    return shell_install(on_bits, 0);
}
