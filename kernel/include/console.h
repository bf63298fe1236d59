/* Kernel console output on the serial port. */
#ifndef SPINEL_CONSOLE_H
#define SPINEL_CONSOLE_H

#include <stdarg.h>

void kputs(const char *s);
/* printf subset: %s %c %d %u %x %p, with l/ll/z lengths, 0-padding and width. */
void kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void kvprintf(const char *fmt, va_list ap);
_Noreturn void panic(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
