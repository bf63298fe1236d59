//! name gate_void_cast
//! imports print shell
//! handler Shell.Command on_count
/* expect: casts void * to uint64_t * */
/* expect: casts uint64_t * to void * */
/* gate_void_cast: a "generic" helper that bumps a counter passed as
 * void *. Both conversions are implicit in C; Cil makes them casts, and
 * void * to T * (or back) changes the pointee type like any other cast. */
#include "spinel/print.h"
#include "spinel/shell.h"

static uint64_t lines;

/*@ requires \valid((uint64_t *)slot);
    terminates \true;
    assigns *(uint64_t *)slot;
*/
static void add_one(void *slot)
{
    uint64_t *count = slot;
    if (*count < UINT64_MAX)
        (*count)++;
}

/*@ requires ShellLine(line);
    terminates \true;
    assigns lines, SpinelConsole;
*/
static uint64_t on_count(void *closure, const char *line)
{
    (void)closure;
    add_one(&lines);
    if (!shell_word_is(line, "count"))
        return 0;
    print_u64(lines);
    print_str("\n");
    return 1;
}

/*@ terminates \true;
    assigns lines, SpinelEvents;
*/
int ext_init(void)
{
    lines = 0;
    return shell_install(on_count, 0);
}
