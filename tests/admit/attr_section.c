//! name attr_section
//! imports print shell
//! handler Shell.Command on_line
/* expect: uses an attribute (__attribute__) */
/* attr_section: gcc pastes a section name into its assembly: instructions could be injected */
#include "spinel/print.h"
#include "spinel/shell.h"

static uint64_t hits __attribute__((section(".data"))) = 0;

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
