//! name msg_missing_import
//! imports shell
//! handler Shell.Command on_line
/* first: tests/admit/messages/msg_missing_import.c:20: rejected: add `print` to the manifest's imports: calls print_text, print_u64, print_hex, which interface print declares (also at lines 21, 22, 23, 24) */
/* lines: 1 */
/* log: gate.log */
/* Prints without importing print: one line, naming the import to add. */
#include "spinel/print.h"
#include "spinel/shell.h"

/*@ requires ShellLine(line);
    terminates \true;
    assigns SpinelConsole;
*/
static uint64_t on_line(void *closure, const char *line)
{
    (void)closure;
    if (!shell_word_is(line, "hi"))
        return 0;
    print_str("hi ");
    print_u64(1);
    print_str(" ");
    print_hex(2);
    print_str("\n");
    return 1;
}

/*@ terminates \true;
    assigns SpinelEvents;
*/
int ext_init(void)
{
    return shell_install(on_line, 0);
}
