/* second.c: reads a word's low byte through what it believes is a struct. */
#include "spinel/print.h"
#include "spinel/shell.h"

struct word { uint64_t all; unsigned char low; };
static struct word seen;

/*@ requires ShellLine(line);
    terminates \true;
    assigns seen, SpinelConsole;
*/
uint64_t on_line(void *closure, const char *line)
{
    (void)closure;
    (void)line;
    seen.all = 0x1234;
    print_u64(seen.low);
    return 1;
}
