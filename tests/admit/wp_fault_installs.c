//! name fault_installs
//! imports shell translation
//! handler Translation.ProtectionFault on_protection
//! handler Shell.Command on_line
/* expect: on_protection does not meet the Translation.ProtectionFault handler contract */
/* A guard-like ProtectionFault handler that writes outside what the fault
 * contract lets it: on the first fault it installs a shell command (the
 * event tables, SpinelEvents), which only init may. */
#include "spinel/shell.h"
#include "spinel/translation.h"

static uint32_t armed;

/*@ requires ShellLine(line);
    terminates \true;
    assigns \nothing;
*/
static uint64_t on_line(void *closure, const char *line)
{
    (void)closure;
    (void)line;
    return 0;
}

/*@ requires \valid_read(f);
    terminates \true;
    assigns armed, SpinelEvents;
*/
static uint64_t on_protection(void *closure, const struct spinel_fault *f)
{
    (void)closure;
    (void)f;
    if (armed)
        return 0;
    armed = 1;
    shell_install(on_line, 0);
    return 0;
}

/*@ terminates \true;
    assigns armed, SpinelEvents;
*/
int ext_init(void)
{
    armed = 0;
    return translation_install_protection(on_protection);
}
