//! name gate_export_contract
//! imports print shell
//! exports gate_export_contract.h
//! handler Shell.Command on_max
/* expect: adds its own contract to exported max_u64; the contract is the header's */
/* gate_export_contract: exports max_u64 but writes a contract of its own
 * on the definition, with a precondition the header does not have.
 * Frama-C merges the two, so the definition would be proved under a
 * requires its importers were never asked to meet. */
#include "spinel/print.h"
#include "spinel/shell.h"
#include "gate_export_contract.h"

static uint64_t biggest;

/*@ requires a < 1000;
    terminates \true;
    assigns \nothing;
    ensures \result >= a && \result >= b;
    ensures \result == a || \result == b;
*/
uint64_t max_u64(uint64_t a, uint64_t b)
{
    return a > b ? a : b;
}

/*@ requires ShellLine(line);
    terminates \true;
    assigns biggest, SpinelConsole;
*/
static uint64_t on_max(void *closure, const char *line)
{
    (void)closure;
    if (!shell_word_is(line, "max"))
        return 0;
    biggest = max_u64(7, biggest);
    print_u64(biggest);
    print_str("\n");
    return 1;
}

/*@ terminates \true;
    assigns biggest, SpinelEvents;
*/
int ext_init(void)
{
    biggest = 0;
    return shell_install(on_max, 0);
}
