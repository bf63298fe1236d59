/* first.c: init, and a macro that outlives this file in the unit. */
#include "spinel/shell.h"

uint64_t on_line(void *closure, const char *line);

/*@ terminates \true;
    assigns SpinelEvents;
*/
int ext_init(void)
{
    return shell_install(on_line, 0);
}

#define struct union
