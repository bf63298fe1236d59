/* Frame allocator against a reference model: random operation sequences
 * (fixed seeds) must give the same results and states as a plain array. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "mem/frame.h"

#define N 512 /* frames under test: 2 MiB */

struct model {
    uint8_t state[N];
};

static void model_add(struct model *m, uint64_t base, uint64_t len)
{
    for (uint64_t j = 0; j < N; j++) {
        unsigned __int128 lo = (unsigned __int128)j * FRAME_SIZE, hi = lo + FRAME_SIZE;
        if (base <= lo && hi <= (unsigned __int128)base + len && m->state[j] == FRAME_ABSENT)
            m->state[j] = FRAME_FREE;
    }
}

static void model_reserve(struct model *m, uint64_t base, uint64_t len)
{
    for (uint64_t j = 0; j < N; j++) {
        unsigned __int128 lo = (unsigned __int128)j * FRAME_SIZE, hi = lo + FRAME_SIZE;
        if (len > 0 && lo < (unsigned __int128)base + len && base < hi)
            m->state[j] = FRAME_ABSENT;
    }
}

static int model_free(struct model *m, uint64_t paddr)
{
    if (paddr % FRAME_SIZE)
        return FRAME_ERR_UNALIGNED;
    uint64_t j = paddr / FRAME_SIZE;
    if (j >= N || m->state[j] == FRAME_ABSENT)
        return FRAME_ERR_FOREIGN;
    if (m->state[j] == FRAME_FREE)
        return FRAME_ERR_DOUBLE_FREE;
    m->state[j] = FRAME_FREE;
    return FRAME_OK;
}

static uint64_t model_count(const struct model *m, uint8_t s)
{
    uint64_t n = 0;
    for (int j = 0; j < N; j++)
        n += m->state[j] == s;
    return n;
}

static uint64_t rnd(void) { return ((uint64_t)rand() << 32) ^ ((uint64_t)rand() << 8) ^ (uint64_t)rand(); }

/* An address near the managed range, often but not always a frame start. */
static uint64_t random_addr(void)
{
    switch (rand() % 4) {
    case 0: return (uint64_t)(rand() % (N + 8)) * FRAME_SIZE;
    case 1: return (uint64_t)(rand() % (N * FRAME_SIZE));
    case 2: return rnd();
    default: return UINT64_MAX - (uint64_t)(rand() % (3 * FRAME_SIZE));
    }
}

static uint64_t random_len(void)
{
    switch (rand() % 3) {
    case 0: return (uint64_t)(rand() % 64) * FRAME_SIZE;
    case 1: return (uint64_t)(rand() % (64 * FRAME_SIZE));
    default: return rnd();
    }
}

/* One random operation on both; returns 0 if they disagree. */
static int step(struct frame_alloc *fa, struct model *m)
{
    uint64_t a = random_addr(), len = random_len(), p = 0;
    switch (rand() % 8) {
    case 0: frame_add_region(fa, a % (N * FRAME_SIZE), len % (128 * FRAME_SIZE)); model_add(m, a % (N * FRAME_SIZE), len % (128 * FRAME_SIZE)); return 1;
    case 1: frame_add_region(fa, a, len); model_add(m, a, len); return 1;
    case 2: frame_reserve_region(fa, a, len % (8 * FRAME_SIZE)); model_reserve(m, a, len % (8 * FRAME_SIZE)); return 1;
    case 3:
    case 4: {
        int have_free = model_count(m, FRAME_FREE) > 0;
        int r = frame_alloc(fa, &p);
        if (!have_free)
            return r == FRAME_ERR_EXHAUSTED;
        if (r != FRAME_OK || p % FRAME_SIZE || p / FRAME_SIZE >= N || m->state[p / FRAME_SIZE] != FRAME_FREE)
            return 0;
        m->state[p / FRAME_SIZE] = FRAME_USED;
        return 1;
    }
    default: return frame_free(fa, a) == model_free(m, a);
    }
}

static int same_state(const struct frame_alloc *fa, const struct model *m)
{
    return memcmp(fa->state, m->state, N) == 0 &&
           frame_count(fa, FRAME_FREE) == model_count(m, FRAME_FREE) &&
           frame_count(fa, FRAME_USED) == model_count(m, FRAME_USED) &&
           frame_count(fa, FRAME_ABSENT) == model_count(m, FRAME_ABSENT);
}

static void random_sequences(void)
{
    static uint8_t state[N];
    for (unsigned seed = 1; seed <= 40; seed++) {
        struct frame_alloc fa;
        struct model m = { { 0 } };
        int ok = 1;
        srand(seed);
        frame_alloc_init(&fa, state, N);
        for (int i = 0; i < 2000 && ok; i++)
            ok = step(&fa, &m) && same_state(&fa, &m);
        char name[64];
        snprintf(name, sizeof name, "random sequence, seed %u, 2000 ops", seed);
        CHECK(name, ok);
    }
}

static void setup(struct frame_alloc *fa, uint8_t *state)
{
    frame_alloc_init(fa, state, N);
    frame_add_region(fa, 0, N * FRAME_SIZE);
}

static void refusals(void)
{
    static uint8_t state[N], before[N];
    struct frame_alloc fa;
    uint64_t p;
    setup(&fa, state);
    CHECK("alloc from a fresh region", frame_alloc(&fa, &p) == FRAME_OK && p % FRAME_SIZE == 0);
    CHECK("free of a used frame", frame_free(&fa, p) == FRAME_OK && state[p / FRAME_SIZE] == FRAME_FREE);
    memcpy(before, state, N);
    CHECK("double free refused", frame_free(&fa, p) == FRAME_ERR_DOUBLE_FREE);
    CHECK("double free changes nothing", memcmp(before, state, N) == 0);
    CHECK("unaligned free refused", frame_free(&fa, p + 1) == FRAME_ERR_UNALIGNED);
    CHECK("free past the managed range refused", frame_free(&fa, (uint64_t)N * FRAME_SIZE) == FRAME_ERR_FOREIGN);
    frame_reserve_region(&fa, 0, FRAME_SIZE);
    CHECK("free of a reserved frame refused", frame_free(&fa, 0) == FRAME_ERR_FOREIGN);
    CHECK("refusals change nothing else", memcmp(before + 1, state + 1, N - 1) == 0);
}

static void exhaustion(void)
{
    static uint8_t state[N];
    struct frame_alloc fa;
    uint64_t p, got = 0;
    setup(&fa, state);
    while (frame_alloc(&fa, &p) == FRAME_OK)
        got++;
    CHECK("every frame handed out once", got == N && frame_count(&fa, FRAME_USED) == N);
    CHECK("exhausted allocator refuses", frame_alloc(&fa, &p) == FRAME_ERR_EXHAUSTED);
    CHECK("free after exhaustion", frame_free(&fa, 7 * FRAME_SIZE) == FRAME_OK);
    CHECK("the freed frame comes back", frame_alloc(&fa, &p) == FRAME_OK && p == 7 * FRAME_SIZE);
}

static void regions(void)
{
    static uint8_t state[N];
    struct frame_alloc fa;
    frame_alloc_init(&fa, state, N);
    frame_add_region(&fa, FRAME_SIZE + 1, 3 * FRAME_SIZE);
    CHECK("partial frames at both ends are not added",
          frame_count(&fa, FRAME_FREE) == 2 && state[2] == FRAME_FREE && state[3] == FRAME_FREE);
    frame_reserve_region(&fa, 3 * FRAME_SIZE + 100, 1);
    CHECK("a one-byte reservation takes its frame", state[3] == FRAME_ABSENT && state[2] == FRAME_FREE);
    frame_add_region(&fa, UINT64_MAX - 10, 100);
    frame_reserve_region(&fa, UINT64_MAX - 10, 100);
    CHECK("regions wrapping the address space are clipped", frame_count(&fa, FRAME_FREE) == 1);
    frame_reserve_region(&fa, 2 * FRAME_SIZE, 0);
    CHECK("an empty reservation changes nothing", state[2] == FRAME_FREE);
}

int main(void)
{
    refusals();
    exhaustion();
    regions();
    random_sequences();
    CHECK_EXIT();
}
