/* Formatted output for applications: a small printf (the conversions
 * sys.h lists) into a bounded buffer, then one sys_write, so that a line
 * reaches the console whole. Pure C without the library, so that the
 * formatter also builds hosted and is tested against the C library's
 * snprintf (tests/apps/test_print.c). */
#include <spinel/sys.h>

/* A width larger than this counts as this much, so that a format string
 * cannot ask for an unbounded number of pad characters to be counted. */
#define WIDTH_MAX 255

struct out {
    char *buf;
    unsigned long size;
    unsigned long len; /* the whole output's length, even past size */
};

static void put(struct out *o, char c)
{
    if (o->len + 1 < o->size)
        o->buf[o->len] = c;
    o->len++;
}

static void pad(struct out *o, char c, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        put(o, c);
}

static void put_str(struct out *o, const char *s, unsigned width)
{
    if (!s)
        s = "(null)";
    unsigned n = 0;
    while (s[n] && n < width)
        n++;
    pad(o, ' ', width - n);
    while (*s)
        put(o, *s++);
}

/* v in base 10 or 16, after the prefix (a '-' or "0x", or none), right
 * justified in width with spaces before the prefix or zeros after it. */
static void put_num(struct out *o, unsigned long v, unsigned base, const char *prefix,
                    unsigned width, int zero)
{
    char digits[24];
    unsigned n = 0;
    do {
        digits[n++] = "0123456789abcdef"[v % base];
        v /= base;
    } while (v);
    unsigned plen = 0;
    while (prefix[plen])
        plen++;
    unsigned fill = width > n + plen ? width - n - plen : 0;
    if (!zero)
        pad(o, ' ', fill);
    while (*prefix)
        put(o, *prefix++);
    if (zero)
        pad(o, '0', fill);
    while (n)
        put(o, digits[--n]);
}

static void put_signed(struct out *o, long v, unsigned width, int zero)
{
    /* 0 - v in unsigned arithmetic: right for LONG_MIN too. */
    if (v < 0)
        put_num(o, 0ul - (unsigned long)v, 10, "-", width, zero);
    else
        put_num(o, (unsigned long)v, 10, "", width, zero);
}

int uvformat(char *buf, unsigned long size, const char *fmt, va_list ap)
{
    struct out o = { buf, size, 0 };
    while (*fmt) {
        char c = *fmt++;
        if (c != '%') {
            put(&o, c);
            continue;
        }
        const char *start = fmt - 1;
        int zero = 0, lng = 0;
        unsigned width = 0;
        while (*fmt == '0') {
            zero = 1;
            fmt++;
        }
        while (*fmt >= '0' && *fmt <= '9') {
            width = width * 10 + (unsigned)(*fmt++ - '0');
            if (width > WIDTH_MAX)
                width = WIDTH_MAX;
        }
        if (*fmt == 'l') {
            lng = 1;
            fmt++;
        }
        switch (*fmt) {
        case 'd':
        case 'i':
            put_signed(&o, lng ? va_arg(ap, long) : va_arg(ap, int), width, zero);
            break;
        case 'u':
            put_num(&o, lng ? va_arg(ap, unsigned long) : va_arg(ap, unsigned), 10, "", width,
                    zero);
            break;
        case 'x':
            put_num(&o, lng ? va_arg(ap, unsigned long) : va_arg(ap, unsigned), 16, "", width,
                    zero);
            break;
        case 'p':
            put_num(&o, (unsigned long)va_arg(ap, void *), 16, "0x", width, zero);
            break;
        case 'c':
            pad(&o, ' ', width > 1 ? width - 1 : 0);
            put(&o, (char)va_arg(ap, int));
            break;
        case 's':
            put_str(&o, va_arg(ap, const char *), width);
            break;
        case '%':
            put(&o, '%');
            break;
        default:
            /* Not a conversion this printf knows (or the format's end):
             * the text as written, so the mistake shows. */
            while (start < fmt)
                put(&o, *start++);
            continue;
        }
        fmt++;
    }
    if (size)
        buf[o.len < size ? o.len : size - 1] = '\0';
    return o.len > 0x7fffffff ? 0x7fffffff : (int)o.len;
}

int uformat(char *buf, unsigned long size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = uvformat(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

long uprintf(const char *fmt, ...)
{
    char buf[UPRINTF_MAX];
    va_list ap;
    va_start(ap, fmt);
    int n = uvformat(buf, sizeof buf, fmt, ap);
    va_end(ap);
    unsigned long len = (unsigned long)n < sizeof buf ? (unsigned long)n : sizeof buf - 1;
    return sys_write(buf, len);
}
