//! name asm_label
//! imports print shell
//! handler Shell.Command on_line
/* expect: uses inline assembly (__asm__) */
/* asm_label: an asm label gives a function the symbol name ext_init in the object */
#include "spinel/print.h"
#include "spinel/shell.h"

static uint64_t tally(void) __asm__("ext_init_real");
/*@ terminates \true; assigns \nothing; */
static uint64_t tally(void) { return 1; }

/*@ requires ShellLine(line);
    terminates \true;
    assigns SpinelConsole;
*/
static uint64_t on_line(void *closure, const char *line)
{
    (void)closure;
    (void)line;
    print_str("ok\n");
    return 1;
}

/*@ terminates \true;
    assigns SpinelEvents;
*/
int ext_init(void)
{
    return shell_install(on_line, 0);
}
