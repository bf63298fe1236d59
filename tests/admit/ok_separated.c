//! name ok_separated
//! imports print shell
//! handler Shell.Command on_line
/* ok_separated: must be admitted. The handler writes its own global and
 * then reads the line: that the line is none of the extension's globals
 * is the kernel's promise in the handler contract, and the handler's own
 * contract may rely on it. */
#include "spinel/print.h"
#include "spinel/shell.h"

static uint64_t lines;
static uint8_t last[4];

/*@ requires \valid(slots + (0 .. 3));
    terminates \true;
    assigns slots[0 .. 3];
*/
static void clear(uint8_t *slots)
{
    slots[0] = slots[1] = slots[2] = slots[3] = 0;
}

/*@ requires ShellLine(line);
    requires \separated(line + (0 .. 127), &lines, &last[..]);
    terminates \true;
    assigns lines, last[..], SpinelConsole;
*/
static uint64_t on_line(void *closure, const char *line)
{
    (void)closure;
    if (lines < UINT64_MAX)
        lines++;
    clear(last);
    last[lines % 4] = 1;
    if (!shell_word_is(line, "lines"))
        return 0;
    print_u64(lines);
    print_str("\n");
    return 1;
}

/*@ terminates \true;
    assigns lines, last[..], SpinelEvents;
*/
int ext_init(void)
{
    lines = 0;
    return shell_install(on_line, 0);
}
