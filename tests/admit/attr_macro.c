//! name attr_macro
//! imports print shell
//! handler Shell.Command on_line
/* expect: uses an attribute (__attribute__) */
/* attr_macro: an attribute spelled through a macro: nonnull lets gcc delete the null check WP proved */
#include "spinel/print.h"
#include "spinel/shell.h"

#define CHECKED(f) __attribute__((nonnull)) f
/*@ terminates \true; assigns \nothing; */
static int CHECKED(first(const char *s));
/*@ terminates \true; assigns \nothing; */
static int first(const char *s) { return s ? s[0] : 0; }

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
