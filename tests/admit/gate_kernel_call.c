//! name gate_kernel_call
//! imports print shell
//! handler Shell.Command on_grab
/* expect: calls frame_alloc, which no imported interface declares */
/* expect: declares frame_alloc, a function it does not define, outside the interface headers */
/* gate_kernel_call: "grab" asks the kernel's frame allocator for a page,
 * declaring the kernel function itself. The manifest imports print and
 * shell only; frame_alloc is in neither. */
#include "spinel/print.h"
#include "spinel/shell.h"

/*@ terminates \true;
    assigns \nothing;
*/
uint64_t frame_alloc(void);

/*@ requires ShellLine(line);
    terminates \true;
    assigns SpinelConsole;
*/
static uint64_t on_grab(void *closure, const char *line)
{
    (void)closure;
    if (!shell_word_is(line, "grab"))
        return 0;
    print_hex(frame_alloc());
    print_str("\n");
    return 1;
}

/*@ terminates \true;
    assigns SpinelEvents;
*/
int ext_init(void)
{
    return shell_install(on_grab, 0);
}
