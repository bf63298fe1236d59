/* Kernel console output on the serial port. */
#ifndef SPINEL_CONSOLE_H
#define SPINEL_CONSOLE_H

#include <stdarg.h>
#include <stdint.h>

/* One byte of output; a newline goes out as CR LF. */
void kputc(char c);
void kputs(const char *s);
/* "s" unless n is 1: kprintf("%lu handler%s", n, plural(n)). */
const char *plural(uint64_t n);
/* printf subset: %s %c %d %u %x %p, with l/ll/z lengths, 0-padding and width. */
void kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void kvprintf(const char *fmt, va_list ap);
_Noreturn void panic(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
