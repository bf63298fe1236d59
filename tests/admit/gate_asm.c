//! name gate_asm
//! imports print shell
//! handler Shell.Command on_tsc
/* expect: uses inline assembly */
/* gate_asm: "tsc" prints the time-stamp counter, read with rdtsc. WP takes
 * an asm statement at its word (-no-asm-contracts or not, it cannot see
 * what the instruction does), so the gate refuses it. */
#include "spinel/print.h"
#include "spinel/shell.h"

/*@ requires ShellLine(line);
    terminates \true;
    assigns SpinelConsole;
*/
static uint64_t on_tsc(void *closure, const char *line)
{
    (void)closure;
    if (!shell_word_is(line, "tsc"))
        return 0;
    uint32_t lo = 0, hi = 0;
    __asm__("rdtsc" : "=a"(lo), "=d"(hi));
    print_str("tsc ");
    print_u64(((uint64_t)hi << 32) | lo);
    print_str("\n");
    return 1;
}

/*@ terminates \true;
    assigns SpinelEvents;
*/
int ext_init(void)
{
    return shell_install(on_tsc, 0);
}
