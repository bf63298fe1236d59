/* kstring helpers against libc on random buffers. */
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "lib/kstring.h"

static int sign(int x) { return (x > 0) - (x < 0); }

static void fill(uint8_t *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        b[i] = (uint8_t)(rand() % 4 ? rand() : 0x80 + rand() % 2);
}

static void memmove_overlaps(void)
{
    uint8_t buf[64], ref[64];
    int ok = 1;
    for (int t = 0; t < 2000 && ok; t++) {
        fill(buf, sizeof buf);
        memcpy(ref, buf, sizeof buf);
        size_t from = rand() % 32, to = rand() % 32, n = rand() % 33;
        kmemmove(buf + to, buf + from, n);
        memmove(ref + to, ref + from, n);
        ok = memcmp(buf, ref, sizeof buf) == 0;
    }
    CHECK("kmemmove overlapping both ways equals memmove", ok);
}

static void memcmp_signs(void)
{
    uint8_t a[16], b[16];
    int ok = 1;
    for (int t = 0; t < 5000 && ok; t++) {
        fill(a, sizeof a);
        memcpy(b, a, sizeof b);
        if (rand() % 2)
            b[rand() % 16] = (uint8_t)rand();
        size_t n = rand() % 17;
        ok = sign(kmemcmp(a, b, n)) == sign(memcmp(a, b, n));
    }
    CHECK("kmemcmp sign equals memcmp (unsigned bytes)", ok);
    uint8_t hi = 0xff, lo = 0x01;
    CHECK("kmemcmp compares as unsigned", kmemcmp(&hi, &lo, 1) > 0);
}

static void set_copy(void)
{
    uint8_t a[40], b[40];
    fill(a, sizeof a);
    memcpy(b, a, sizeof b);
    kmemset(a + 5, 0xAB, 10);
    memset(b + 5, 0xAB, 10);
    CHECK("kmemset writes exactly its range", memcmp(a, b, sizeof a) == 0);
    uint8_t c[40];
    memset(c, 0, sizeof c);
    kmemcpy(c + 3, a, 20);
    CHECK("kmemcpy copies exactly its range", memcmp(c + 3, a, 20) == 0 && c[2] == 0 && c[23] == 0);
}

static void strnlen_cases(void)
{
    char s[] = "spinel";
    CHECK("kstrnlen stops at NUL", kstrnlen(s, 100) == 6);
    CHECK("kstrnlen stops at max", kstrnlen(s, 3) == 3);
    CHECK("kstrnlen of empty string", kstrnlen("", 5) == 0);
    CHECK("kstrnlen with max 0", kstrnlen(s, 0) == 0);
    char *heap = malloc(4); /* ASan checks no byte past the NUL is read */
    memcpy(heap, "abc", 4);
    CHECK("kstrnlen reads no further than the NUL", kstrnlen(heap, 1000) == 3);
    free(heap);
}

int main(void)
{
    srand(7);
    memmove_overlaps();
    memcmp_signs();
    set_copy();
    strnlen_cases();
    CHECK_EXIT();
}
