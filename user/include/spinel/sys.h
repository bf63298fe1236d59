/* The system calls of abi.h as C functions, for applications. Each
 * returns what the kernel put in rax: a result >= 0, or -SYS_ERR_*. */
#ifndef SPINEL_SYS_H
#define SPINEL_SYS_H

#include <spinel/abi.h>

/* The one `syscall` (lib/syscall.S): number n, arguments a..e. */
long sys_call5(long n, long a, long b, long c, long d, long e);

long sys_write(const void *buf, unsigned long len);
_Noreturn void sys_exit(long code);
long sys_yield(void);
long sys_sleep(unsigned long ticks);
long sys_getref(const char *name, unsigned long len);
long sys_dropref(long ref);
long sys_raise(long ref, long arg);
long sys_map(void *vaddr, long prot);
long sys_unmap(void *vaddr);
long sys_port(const char *name, unsigned long len);
long sys_connect(const char *name, unsigned long len);
long sys_port_call(long ref, unsigned long w0, unsigned long w1);
long sys_reply_wait(long ref, long answer, struct sys_message *msg);

/* Formatted output (lib/print.c): %s %c %d %i %u %x %p %%, with l before
 * d, i, u or x for a long, an optional 0 flag and a width. uformat writes
 * at most size bytes into buf, the last a NUL (as vsnprintf does), and
 * returns the length the whole output has; uprintf formats into a buffer
 * of UPRINTF_MAX bytes (longer output is cut) and writes it with one
 * sys_write, returning sys_write's result. */
#include <stdarg.h>
#define UPRINTF_MAX 256
int uvformat(char *buf, unsigned long size, const char *fmt, va_list ap);
int uformat(char *buf, unsigned long size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
long uprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
