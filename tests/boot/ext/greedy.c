//! name greedy
//! imports print shell
//! handler Shell.Command take1
//! handler Shell.Command take2
//! handler Shell.Command take3
//! handler Shell.Command take4
//! handler Shell.Command take5
/* greedy: five handlers on one event, over the per-extension quota of
 * four (SPINEL_HANDLER_QUOTA); init prints what each install answered.
 * A boot test admits it, loads it and expects 0 0 0 0 8. */
#include "spinel/print.h"
#include "spinel/shell.h"

/*@ requires ShellLine(line);
    terminates \true;
    assigns \nothing;
*/
static uint64_t take1(void *closure, const char *line)
{
    (void)closure;
    (void)line;
    return 0;
}

/*@ requires ShellLine(line);
    terminates \true;
    assigns \nothing;
*/
static uint64_t take2(void *closure, const char *line)
{
    (void)closure;
    (void)line;
    return 0;
}

/*@ requires ShellLine(line);
    terminates \true;
    assigns \nothing;
*/
static uint64_t take3(void *closure, const char *line)
{
    (void)closure;
    (void)line;
    return 0;
}

/*@ requires ShellLine(line);
    terminates \true;
    assigns \nothing;
*/
static uint64_t take4(void *closure, const char *line)
{
    (void)closure;
    (void)line;
    return 0;
}

/*@ requires ShellLine(line);
    terminates \true;
    assigns \nothing;
*/
static uint64_t take5(void *closure, const char *line)
{
    (void)closure;
    (void)line;
    return 0;
}

/*@ terminates \true;
    assigns SpinelEvents, SpinelConsole;
*/
int ext_init(void)
{
    print_str("greedy:");
    print_str(" ");
    print_u64((uint64_t)shell_install(take1, 0));
    print_str(" ");
    print_u64((uint64_t)shell_install(take2, 0));
    print_str(" ");
    print_u64((uint64_t)shell_install(take3, 0));
    print_str(" ");
    print_u64((uint64_t)shell_install(take4, 0));
    print_str(" ");
    print_u64((uint64_t)shell_install(take5, 0));
    print_str("\n");
    return 0;
}
