//! name attr_cleanup
//! imports print shell
//! handler Shell.Command on_line
/* expect: uses an attribute (__attribute__) */
/* attr_cleanup: cleanup runs a function at scope exit that WP never sees called */
#include "spinel/print.h"
#include "spinel/shell.h"

/*@ terminates \true; assigns \nothing; */
static void forget(uint64_t *p) { (void)p; }

/*@ requires ShellLine(line);
    terminates \true;
    assigns SpinelConsole;
*/
static uint64_t on_line(void *closure, const char *line)
{
    (void)closure;
    (void)line;
    uint64_t scratch __attribute__((cleanup(forget))) = 0;
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
