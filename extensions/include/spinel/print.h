/* Console output for extensions (interface "print"): text and numbers on
 * the kernel's serial console. No formats: a variadic call cannot be
 * proved. */
#ifndef SPINEL_PRINT_H
#define SPINEL_PRINT_H

#include <stdint.h>
#include "ext.h"

/* Prints the len bytes at s (a NUL among them ends the text early). */
/*@ requires \valid_read(s + (0 .. len - 1));
    terminates \true;
    assigns SpinelConsole;
*/
void print_text(const char *s, uint32_t len);

/* Prints a string literal. WP proves a call with the literal's length at
 * once; a NUL-terminated string of unknown length would need a witness
 * for where its NUL is, which the provers do not find. */
/* "" literal: anything but a literal (a pointer, whose sizeof is 8; a ?:
 * of two literals) does not compile. */
#define print_str(literal) print_text(("" literal), sizeof("" literal) - 1)

/* Prints v in decimal. */
/*@ terminates \true;
    assigns SpinelConsole;
*/
void print_u64(uint64_t v);

/* Prints v as 0x followed by hexadecimal digits. */
/*@ terminates \true;
    assigns SpinelConsole;
*/
void print_hex(uint64_t v);

#endif
