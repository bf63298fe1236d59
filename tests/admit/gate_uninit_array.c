//! name gate_uninit_array
//! imports print shell
//! handler Shell.Command on_line
/* expect: declares seen without initialising it */
/* gate_uninit_array: CWE-457 as the Juliet suite writes it. Only some
 * bytes of a local array are written before all of it is printed: the
 * rest is whatever the kernel's stack held (its addresses). WP without
 * -rte-initialized proved it; gcc's -Wuninitialized misses arrays. */
#include "spinel/print.h"
#include "spinel/shell.h"

/*@ requires ShellLine(line);
    terminates \true;
    assigns SpinelConsole;
*/
static uint64_t on_line(void *closure, const char *line)
{
    (void)closure;
    uint8_t seen[16];
    seen[0] = (uint8_t)(line[0] == 'x');
    /*@ loop invariant 0 <= i <= 16;
        loop assigns i, SpinelConsole;
        loop variant 16 - i;
    */
    for (uint32_t i = 0; i < 16; i++) {
        spinel_spend();
        print_hex(seen[i]);
    }
    return 1;
}

/*@ terminates \true;
    assigns SpinelEvents;
*/
int ext_init(void)
{
    return shell_install(on_line, 0);
}
