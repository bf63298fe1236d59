//! name gate_fnptr_field
//! imports print shell
//! handler Shell.Command on_command
/* expect: declares a function-pointer field command.run */
/* gate_fnptr_field: a command table whose entries hold their action as a
 * function pointer: the classic dispatch table, and an indirect call
 * waiting to happen. This one only prints the names. */
#include "spinel/print.h"
#include "spinel/shell.h"

struct command {
    const char *name;
    uint32_t name_len;
    void (*run)(void);
};

static struct command last_command;

/*@ requires ShellLine(line);
    terminates \true;
    assigns last_command, SpinelConsole;
*/
static uint64_t on_command(void *closure, const char *line)
{
    (void)closure;
    if (!shell_word_is(line, "last"))
        return 0;
    last_command.name = "last";
    last_command.name_len = 4;
    print_text(last_command.name, last_command.name_len);
    print_str("\n");
    return 1;
}

/*@ terminates \true;
    assigns last_command, SpinelEvents;
*/
int ext_init(void)
{
    last_command.name = "none";
    last_command.name_len = 4;
    last_command.run = 0;
    return shell_install(on_command, 0);
}
