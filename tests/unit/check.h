/* Minimal test reporting for hosted unit tests: one line per case,
 * "PASS name" or "FAIL name: why", read by tests/run.py; and loading a
 * file the tests read. */
#ifndef SPINEL_CHECK_H
#define SPINEL_CHECK_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static int check_failures;

#define CHECK(name, cond)                                                        \
    do {                                                                         \
        if (cond) {                                                              \
            printf("PASS %s\n", name);                                           \
        } else {                                                                 \
            printf("FAIL %s: %s (%s:%d)\n", name, #cond, __FILE__, __LINE__);    \
            check_failures++;                                                    \
        }                                                                        \
    } while (0)

#define CHECK_EXIT() return check_failures ? 1 : 0

/* A whole file, malloc'ed (its exact size, so ASan sees a read past the
 * end), or null. */
static inline uint8_t *load(const char *path, uint64_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *b = malloc(n > 0 ? (size_t)n : 1);
    if (b && fread(b, 1, (size_t)n, f) != (size_t)n) {
        free(b);
        b = 0;
    }
    fclose(f);
    *len = (uint64_t)n;
    return b;
}

#endif
