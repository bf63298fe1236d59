//! name index_overflow
//! imports print shell
//! handler Shell.Command on_line
/* expect: rejected: arithmetic may overflow */
/* An index computed from a counter that can wrap. */
#include "spinel/print.h"
#include "spinel/shell.h"

static uint32_t lines;
static uint8_t slots[16];

/*@ requires ShellLine(line);
    terminates \true;
    assigns lines, slots[0 .. 15], SpinelConsole;
*/
static uint64_t on_line(void *closure, const char *line)
{
    (void)closure;
    (void)line;
    lines = lines + 1;
    slots[lines % 16] = 1;
    return 0;
}

/*@ terminates \true;
    assigns lines, slots[0 .. 15], SpinelEvents;
*/
int ext_init(void)
{
    lines = 0;
    return shell_install(on_line, 0);
}
