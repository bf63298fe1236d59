/* Formatted console output: a printf subset, enough for kernel messages. */
#include <stdint.h>
#include "arch.h"
#include "console.h"

/* Every byte of console output passes here: a line ends in exactly CR LF
 * whoever printed it (kprintf, %c, an extension's print_text). */
void kputc(char c)
{
    if (c == '\n')
        arch_putc('\r'); /* a terminal wants CR LF */
    arch_putc(c);
}

void kputs(const char *s)
{
    for (; *s; s++)
        kputc(*s);
}

const char *plural(uint64_t n) { return n == 1 ? "" : "s"; }

struct spec {
    int width;
    char pad;
    int is_long;
};

static void put_padded(const char *digits, int n, const struct spec *sp)
{
    for (int i = n; i < sp->width; i++)
        arch_putc(sp->pad);
    while (n > 0)
        arch_putc(digits[--n]);
}

static void put_unsigned(uint64_t v, unsigned base, const struct spec *sp)
{
    char digits[20]; /* least significant first */
    int n = 0;
    do {
        digits[n++] = "0123456789abcdef"[v % base];
        v /= base;
    } while (v);
    put_padded(digits, n, sp);
}

static void put_signed(int64_t v, const struct spec *sp)
{
    if (v < 0) {
        arch_putc('-');
        put_unsigned((uint64_t)0 - (uint64_t)v, 10, sp);
    } else {
        put_unsigned((uint64_t)v, 10, sp);
    }
}

static const char *parse_spec(const char *fmt, struct spec *sp)
{
    *sp = (struct spec){ 0, ' ', 0 };
    if (*fmt == '0') {
        sp->pad = '0';
        fmt++;
    }
    for (; *fmt >= '0' && *fmt <= '9'; fmt++)
        sp->width = sp->width * 10 + (*fmt - '0');
    for (; *fmt == 'l' || *fmt == 'z'; fmt++)
        sp->is_long = 1;
    return fmt;
}

static void put_conversion(char c, const struct spec *sp, va_list *ap)
{
    switch (c) {
    case 's': {
        const char *s = va_arg(*ap, const char *);
        kputs(s ? s : "(null)");
        break;
    }
    case 'c': kputc((char)va_arg(*ap, int)); break;
    case 'd': put_signed(sp->is_long ? va_arg(*ap, int64_t) : va_arg(*ap, int), sp); break;
    case 'u': put_unsigned(sp->is_long ? va_arg(*ap, uint64_t) : va_arg(*ap, unsigned), 10, sp); break;
    case 'x': put_unsigned(sp->is_long ? va_arg(*ap, uint64_t) : va_arg(*ap, unsigned), 16, sp); break;
    case 'p':
        kputs("0x");
        put_unsigned((uint64_t)va_arg(*ap, void *), 16, &(struct spec){ 16, '0', 1 });
        break;
    case '%': arch_putc('%'); break;
    default: arch_putc('?'); break;
    }
}

void kvprintf(const char *fmt, va_list ap)
{
    va_list args;
    va_copy(args, ap);
    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            kputc(*fmt);
            continue;
        }
        struct spec sp;
        fmt = parse_spec(fmt + 1, &sp);
        if (!*fmt)
            break;
        put_conversion(*fmt, &sp, &args);
    }
    va_end(args);
}

void kprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    kvprintf(fmt, ap);
    va_end(ap);
}

_Noreturn void panic(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    kputs("\npanic: ");
    kvprintf(fmt, ap);
    va_end(ap);
    kputs("\nSystem halted.\n");
    arch_halt(HALT_PANIC);
}
