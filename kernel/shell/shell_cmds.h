/* Commands the shell table names, defined in their own files. */
#ifndef SPINEL_SHELL_CMDS_H
#define SPINEL_SHELL_CMDS_H

#include <stddef.h>
#include <stdint.h>

/* Reads a decimal or 0x-hex number after spaces; advances *s past it. */
int parse_number(const char **s, uint64_t *value);

/* Reads a line from the console into line (at most max - 1 bytes and a
 * NUL): 1 to run it, 0 if it was cancelled (Ctrl-C) or too long, said on
 * the console. */
int read_line(char *line, size_t max);

/* Whether args has more than max words: then prints "NAME: too many
 * arguments (usage: NAME USAGE)". */
int too_many_args(const char *args, uint32_t max, const char *name, const char *usage);

/* The next word of args into out (at most n - 1 bytes); args moves past it. */
int next_word(const char **args, char *out, size_t n);

void cmd_caps(const char *args);
void cmd_cap(const char *args);
void cmd_revoke(const char *args);
void cmd_events(const char *args);
void cmd_domains(const char *args);
void cmd_domain(const char *args);
void cmd_call(const char *args);
void cmd_ext(const char *args);
void cmd_fault(const char *args);
void cmd_strands(const char *args);
void cmd_spawn(const char *args);
void cmd_kill(const char *args);
void cmd_vm(const char *args);
void cmd_apps(const char *args);
void cmd_run(const char *args);
void cmd_net(const char *args);
void cmd_ping(const char *args);

#endif
