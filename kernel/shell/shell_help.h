/* Help lines: the shell's own, and those extensions add for the commands
 * their Shell.Command handlers answer (shell_help, spinel/shell.h). */
#ifndef SPINEL_SHELL_HELP_H
#define SPINEL_SHELL_HELP_H

#include <stdint.h>
#include "spinel/ext.h"

/* Entries in all, and per extension (so that none fills the table). */
#define SHELL_HELP_MAX 16
#define SHELL_HELP_QUOTA SPINEL_HANDLER_QUOTA
/* Bytes kept of a command's name and of its line, with the NUL. */
#define SHELL_HELP_NAME 16
#define SHELL_HELP_TEXT 96

/* Prints "  NAME    ARGS: " (ARGS: only if args), the start of a help line. */
void shell_help_line(const char *name, const char *args);
/* Copies an entry for installer: SPINEL_OK, SPINEL_ERR_QUOTA or
 * SPINEL_ERR_FULL. Bytes past the sizes above, or after a NUL, are
 * dropped; control bytes become '?'. */
int shell_help_add(uint32_t installer, const char *name, uint32_t name_len, const char *text, uint32_t text_len);
/* Drops every entry of installer: the extension is gone. */
void shell_help_drop(uint32_t installer);
/* "extensions:" and the entries, in the order they were added; nothing
 * if there are none. */
void shell_help_print_extensions(void);

#endif
