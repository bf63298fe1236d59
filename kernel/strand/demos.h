/* Demo strands the shell can spawn (demos.c). */
#ifndef SPINEL_STRAND_DEMOS_H
#define SPINEL_STRAND_DEMOS_H

#include <stdint.h>

struct strand_demo {
    const char *name;
    const char *what;
    void (*run)(void *arg);
};

/* The demo with this name (len bytes), or 0. */
const struct strand_demo *strand_demo_named(const char *name, uint32_t len);

#endif
