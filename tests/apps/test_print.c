/* The user library's formatter (user/lib/print.c), built hosted and
 * compared with the C library's snprintf: every conversion it has, with
 * and without a width and the 0 flag, for edge values and for values from
 * a fixed-seed generator; truncation at every buffer size against
 * snprintf's, with the bytes past the buffer untouched; its own choices
 * where C leaves them open (%p of null, %s of null, unknown conversions,
 * the width cap); and uprintf's single sys_write. */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include <spinel/sys.h>

/* uprintf's sys_write, captured. */
static char written[1024];
static unsigned long written_len;
static int writes;

long sys_write(const void *buf, unsigned long len)
{
    writes++;
    written_len = len;
    memcpy(written, buf, len < sizeof written ? len : sizeof written);
    return (long)len;
}

static unsigned long long rng_state = 0x20u;

/* xorshift64*: a fixed seed, so every run checks the same values. */
static unsigned long next(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (unsigned long)(rng_state * 0x2545F4914F6CDD1Dull);
}

/* A value of 0 to 64 random bits, so small numbers come up as often as
 * large ones. */
static unsigned long value(void)
{
    unsigned bits = (unsigned)(next() % 65);
    return bits == 64 ? next() : next() & ((1ul << bits) - 1);
}

static int mismatches;
static char first_mismatch[512];

static void note(const char *fmt, const char *mine, int n_mine, const char *libc, int n_libc)
{
    if (strcmp(mine, libc) == 0 && n_mine == n_libc)
        return;
    if (!mismatches++)
        snprintf(first_mismatch, sizeof first_mismatch, "%s: \"%s\" (%d), snprintf \"%s\" (%d)", fmt,
                 mine, n_mine, libc, n_libc);
}

/* One format and one argument (evaluated twice: give a variable),
 * through both. */
#define COMPARE(fmt, arg)                                                     \
    do {                                                                      \
        char mine[400], libc[400];                                            \
        int a = uformat(mine, sizeof mine, fmt, arg);                         \
        int b = snprintf(libc, sizeof libc, fmt, arg);                        \
        note(fmt, mine, a, libc, b);                                          \
    } while (0)

/* "%[0][width][l]conv" */
static void make_format(char *fmt, size_t size, const char *len, char conv)
{
    int zero = (int)(next() % 3 == 0);
    unsigned width = (unsigned)(next() % 4 == 0 ? 0 : next() % 26);
    if (width)
        snprintf(fmt, size, "%%%s%u%s%c", zero ? "0" : "", width, len, conv);
    else
        snprintf(fmt, size, "%%%s%c", len, conv);
}

static void integers_random(void)
{
    static const char convs[] = { 'd', 'i', 'u', 'x' };
    char fmt[32];
    for (int i = 0; i < 200000; i++) {
        char conv = convs[next() % 4];
        int lng = (int)(next() % 2);
        make_format(fmt, sizeof fmt, lng ? "l" : "", conv);
        unsigned long v = value();
        if (next() % 2)
            v = 0 - v; /* negative as often as positive */
        if (lng && (conv == 'd' || conv == 'i'))
            COMPARE(fmt, (long)v);
        else if (lng)
            COMPARE(fmt, v);
        else if (conv == 'd' || conv == 'i')
            COMPARE(fmt, (int)v);
        else
            COMPARE(fmt, (unsigned)v);
    }
}

static void integers_edges(void)
{
    static const long longs[] = { 0, 1, -1, 9, 10, -10, 99, 100, INT_MAX, INT_MIN, LONG_MAX, LONG_MIN,
                                  (long)UINT_MAX, -(long)UINT_MAX };
    static const char *const long_fmts[] = { "%ld", "%li", "%lu", "%lx", "%020ld", "%20ld", "%1ld",
                                             "%025lx", "%3lu", "%019ld", "%0ld" };
    static const char *const int_fmts[] = { "%d", "%i", "%u", "%x", "%08d", "%8d", "%011d", "%1x" };
    for (size_t i = 0; i < sizeof longs / sizeof longs[0]; i++) {
        for (size_t f = 0; f < sizeof long_fmts / sizeof long_fmts[0]; f++)
            COMPARE(long_fmts[f], longs[i]);
        for (size_t f = 0; f < sizeof int_fmts / sizeof int_fmts[0]; f++)
            COMPARE(int_fmts[f], (int)longs[i]);
    }
    COMPARE("%lu", ULONG_MAX);
    COMPARE("%lx", ULONG_MAX);
    COMPARE("%u", UINT_MAX);
    COMPARE("%x", UINT_MAX);
}

static void strings_chars_pointers(void)
{
    static const char *const strs[] = { "", "a", "hello from ring 3", "0123456789abcdefghij", "%d" };
    char fmt[32];
    for (int i = 0; i < 5000; i++) {
        make_format(fmt, sizeof fmt, "", 's');
        if (strchr(fmt, '0') == fmt + 1)
            continue; /* the 0 flag with %s: undefined in C */
        const char *str = strs[next() % 5];
        COMPARE(fmt, str);
        make_format(fmt, sizeof fmt, "", 'c');
        if (strchr(fmt, '0') == fmt + 1)
            continue;
        int ch = (int)(' ' + next() % 95);
        COMPARE(fmt, ch);
    }
    for (int i = 0; i < 5000; i++) {
        unsigned long v = value() | 1; /* %p of null is "(nil)" in glibc */
        char mine[64], libc[64];
        int a = uformat(mine, sizeof mine, "%p", (void *)v);
        int b = snprintf(libc, sizeof libc, "0x%lx", v);
        note("%p", mine, a, libc, b);
    }
    COMPARE("%d%%", 50);
    COMPARE("100%% of %s", "it");
}

static void mixed(void)
{
    char mine[256], libc[256];
    int a = uformat(mine, sizeof mine, "a%db%sc%%d%xe%lu%c|%5s|%08lx", -42, "str", 0xbeefu, 7ul, 'z', "ab",
                    0xfffful);
    int b = snprintf(libc, sizeof libc, "a%db%sc%%d%xe%lu%c|%5s|%08lx", -42, "str", 0xbeefu, 7ul, 'z', "ab",
                     0xfffful);
    note("mixed", mine, a, libc, b);
}

static void truncation(void)
{
    const char *fmt = "ring %d: %s at %lx (%u)";
    for (unsigned long size = 0; size <= 48; size++) {
        char mine[64], libc[64];
        memset(mine, '#', sizeof mine);
        memset(libc, '#', sizeof libc);
        int a = uformat(mine, size, fmt, -3, "stack", 0x7ff000000000ul, 4u);
        int b = snprintf(libc, size, fmt, -3, "stack", 0x7ff000000000ul, 4u);
        if (a != b || memcmp(mine, libc, sizeof mine) != 0) {
            if (!mismatches++)
                snprintf(first_mismatch, sizeof first_mismatch, "truncated to %lu: %d vs %d", size, a, b);
        }
    }
}

static int formats_to(const char *want, const char *fmt, ...)
{
    char buf[400];
    va_list ap;
    va_start(ap, fmt);
    int n = uvformat(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (strcmp(buf, want) != 0 || n != (int)strlen(want)) {
        printf("     %s gave \"%s\" (%d), wanted \"%s\"\n", fmt, buf, n, want);
        return 0;
    }
    return 1;
}

static void own_choices(void)
{
    CHECK("%p of null is 0x0", formats_to("0x0", "%p", (void *)0));
    CHECK("%s of null is (null)", formats_to("(null)", "%s", (const char *)0));
    CHECK("an unknown conversion prints as written", formats_to("%q %5z!", "%q %5z!"));
    CHECK("a format ending in % prints it", formats_to("x%", "x%"));
    CHECK("a format ending in %05l prints it", formats_to("x%05l", "x%05l"));
    char wide[300], w255[300];
    uformat(wide, sizeof wide, "%300d", 1);
    snprintf(w255, sizeof w255, "%255d", 1);
    CHECK("a width over 255 counts as 255", strcmp(wide, w255) == 0);
}

static void uprintf_writes_once(void)
{
    writes = 0;
    long r = uprintf("hello %s %d\n", "ring", 3);
    CHECK("uprintf: one sys_write of the formatted line",
          writes == 1 && written_len == 13 && memcmp(written, "hello ring 3\n", 13) == 0 && r == 13);
    char big[600];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    writes = 0;
    r = uprintf("%s", big);
    CHECK("uprintf: longer output is cut to UPRINTF_MAX - 1 bytes, still one write",
          writes == 1 && written_len == UPRINTF_MAX - 1 && r == UPRINTF_MAX - 1 && written[0] == 'x' &&
              written[UPRINTF_MAX - 2] == 'x');
}

int main(void)
{
    integers_edges();
    CHECK("integers: edge values as snprintf", mismatches == 0);
    if (mismatches)
        printf("     first: %s\n", first_mismatch);
    mismatches = 0;
    integers_random();
    CHECK("integers: 200000 random values, widths and flags (seed 0x20) as snprintf", mismatches == 0);
    if (mismatches)
        printf("     %d mismatches, first: %s\n", mismatches, first_mismatch);
    mismatches = 0;
    strings_chars_pointers();
    CHECK("%s %c %p %%: as snprintf", mismatches == 0);
    if (mismatches)
        printf("     first: %s\n", first_mismatch);
    mismatches = 0;
    mixed();
    CHECK("a mixed format as snprintf", mismatches == 0);
    if (mismatches)
        printf("     first: %s\n", first_mismatch);
    mismatches = 0;
    truncation();
    CHECK("truncation at sizes 0..48 as snprintf, nothing past the buffer", mismatches == 0);
    if (mismatches)
        printf("     first: %s\n", first_mismatch);
    own_choices();
    uprintf_writes_once();
    CHECK_EXIT();
}
