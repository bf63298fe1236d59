//! name gate_asm_global
//! imports print shell
//! handler Shell.Command on_line
/* expect: uses inline assembly */
/* gate_asm_global: a file-scope asm block defining a symbol the C code
 * never mentions: code the proof never sees. */
#include "spinel/print.h"
#include "spinel/shell.h"

__asm__(".globl spin_forever\nspin_forever: jmp spin_forever\n");

/*@ requires ShellLine(line);
    terminates \true;
    assigns SpinelConsole;
*/
static uint64_t on_line(void *closure, const char *line)
{
    (void)closure;
    if (!shell_word_is(line, "spin"))
        return 0;
    print_str("not spinning\n");
    return 1;
}

/*@ terminates \true;
    assigns SpinelEvents;
*/
int ext_init(void)
{
    return shell_install(on_line, 0);
}
