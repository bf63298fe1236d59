/* Minimal test reporting for hosted unit tests: one line per case,
 * "PASS name" or "FAIL name: why", read by tests/run.py. */
#ifndef SPINEL_CHECK_H
#define SPINEL_CHECK_H

#include <stdio.h>

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

#endif
