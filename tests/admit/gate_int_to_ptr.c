//! name gate_int_to_ptr
//! imports print shell
//! handler Shell.Command on_peek
/* expect: casts an integer to a pointer */
/* gate_int_to_ptr: "peek" prints the first byte of the VGA text buffer,
 * at a fixed physical address. An extension reaches memory only through
 * pointers it was given. */
#include "spinel/print.h"
#include "spinel/shell.h"

#define VGA_TEXT 0xb8000

/*@ requires ShellLine(line);
    terminates \true;
    assigns SpinelConsole;
*/
static uint64_t on_peek(void *closure, const char *line)
{
    (void)closure;
    if (!shell_word_is(line, "peek"))
        return 0;
    const uint8_t *screen = (const uint8_t *)VGA_TEXT;
    print_hex(screen[0]);
    print_str("\n");
    return 1;
}

/*@ terminates \true;
    assigns SpinelEvents;
*/
int ext_init(void)
{
    return shell_install(on_peek, 0);
}
