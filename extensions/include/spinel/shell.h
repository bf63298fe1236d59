/* The Shell.Command event for extensions (interface "shell"): raised with
 * every line typed at the shell, before the shell's own commands. A
 * handler that returns nonzero has handled the line: the shell then does
 * not call it an unknown command. */
#ifndef SPINEL_SHELL_H
#define SPINEL_SHELL_H

#include <stdint.h>
#include "ext.h"

/* The longest line, with its NUL. */
#define SHELL_LINE_MAX 128

/* A handler: closure is always null for extensions (state lives in the
 * extension's globals). */
typedef uint64_t shell_handler(void *closure, const char *line);
/* A guard: nonzero to run its handler on this line. */
typedef int shell_guard(void *closure, const char *line);

/* The handler contract of Shell.Command (ShellCommandHandler): every
 * extension handler on it is proved against exactly this. It may write
 * its own globals and the console, and use the VM services (a command
 * that maps a page or starts a workload), nothing else; it may not keep
 * line. The kernel's line is never in the extension's globals. It makes
 * at most SpinelBound loop iterations (spec/ext/ext.acsl). */
/*@ requires ShellLine(line);
    requires SpinelFuel >= SpinelBound;
    requires \separated(line + (0 .. 127), &SpinelStateAt);
    terminates \true;
    assigns SpinelState, SpinelConsole, SpinelFuel, SpinelServices;
*/
uint64_t shell_handler_contract(void *closure, const char *line);

/* The guard contract: reads the line, writes nothing (but spends its
 * ghost fuel). */
/*@ requires ShellLine(line);
    requires SpinelFuel >= SpinelBound;
    requires \separated(line + (0 .. 127), &SpinelStateAt);
    terminates \true;
    assigns SpinelFuel;
*/
int shell_guard_contract(void *closure, const char *line);

/* Installs h (guarded by g, or always run if g is null) last on
 * Shell.Command. From init only. */
/*@ terminates \true;
    assigns SpinelEvents;
    ensures \result == SPINEL_OK || \result == SPINEL_ERR_DENIED || \result == SPINEL_ERR_DUPLICATE ||
            \result == SPINEL_ERR_FULL || \result == SPINEL_ERR_NOT_NOW || \result == SPINEL_ERR_QUOTA;
*/
int shell_install(shell_handler *h, shell_guard *g);

/* Uninstalls h. From init or fini only. */
/*@ terminates \true;
    assigns SpinelEvents;
    ensures \result == SPINEL_OK || \result == SPINEL_ERR_ABSENT || \result == SPINEL_ERR_NOT_NOW;
*/
int shell_uninstall(shell_handler *h);

/* Adds a line to the shell's help, under "extensions:", for a command its
 * handler answers: name (name_len bytes) and what follows it
 * (text_len bytes, e.g. "TEXT: the Fletcher-16 of TEXT"). The kernel
 * copies at most 15 bytes of the name and 95 of the text, stops at a NUL,
 * shows control bytes as '?', and drops the extension's lines when it
 * unloads (or its init fails). At most SPINEL_HANDLER_QUOTA lines per
 * extension (then SPINEL_ERR_QUOTA), 16 in all (SPINEL_ERR_FULL). From
 * init, as installs are (SPINEL_ERR_NOT_NOW outside init and fini): the
 * help lines belong to the event tables' state, SpinelEvents. */
/*@ requires \valid_read(name + (0 .. name_len - 1));
    requires \valid_read(text + (0 .. text_len - 1));
    terminates \true;
    assigns SpinelEvents;
    ensures \result == SPINEL_OK || \result == SPINEL_ERR_FULL || \result == SPINEL_ERR_NOT_NOW ||
            \result == SPINEL_ERR_QUOTA;
*/
int shell_help(const char *name, uint32_t name_len, const char *text, uint32_t text_len);

/* shell_help with string literals. */
#define shell_help_str(name, text) shell_help((name), sizeof(name) - 1, (text), sizeof(text) - 1)

/* Whether line's first word is the len bytes at word: they are followed
 * by a space or the end of the line. */
/*@ requires ShellLine(line) && \valid_read(word + (0 .. len - 1));
    terminates \true;
    assigns \nothing;
    ensures \result == 0 || \result == 1;
*/
int shell_word(const char *line, const char *word, uint32_t len);

/* shell_word with a string literal. */
#define shell_word_is(line, literal) shell_word((line), (literal), sizeof(literal) - 1)

/* The rest of line after its first word and the spaces that follow: a
 * pointer into line, a ShellLine itself. */
/*@ requires ShellLine(line);
    terminates \true;
    assigns \nothing;
    ensures ShellLine(\result);
    ensures \exists integer k; 0 <= k < SHELL_LINE_MAX && \result == line + k;
*/
const char *shell_args(const char *line);

#endif
