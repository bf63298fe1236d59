//! name msg_null
//! imports print shell
//! handler Shell.Command on_line
/* first: tests/admit/messages/msg_null.c:18: rejected: *p: p may be null or invalid; the contract of read_at does not require \valid_read(p) (rte mem_access) */
/* lines: 1 */
/* log: wp.log */
/* Reads through a pointer parameter its contract does not require valid. */
#include "spinel/print.h"
#include "spinel/shell.h"

static uint32_t value = 5;

/*@ terminates \true;
    assigns \nothing;
*/
static uint32_t read_at(const uint32_t *p)
{
    return *p;
}

/*@ requires ShellLine(line);
    terminates \true;
    assigns SpinelConsole;
*/
static uint64_t on_line(void *closure, const char *line)
{
    (void)closure;
    if (!shell_word_is(line, "null"))
        return 0;
    print_u64(read_at(&value));
    return 1;
}

/*@ terminates \true;
    assigns SpinelEvents;
*/
int ext_init(void)
{
    return shell_install(on_line, 0);
}
