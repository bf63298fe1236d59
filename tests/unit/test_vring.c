/* The split-ring bookkeeping (net/vring.h) against a device model: a
 * simple FIFO of posted descriptors that returns them in order, run across
 * the 16-bit wrap of both indexes; and every refusal with its own code. */
#include "check.h"
#include "net/vring.h"

/* A device that uses the buffers in the order they were made available,
 * writing each one's id in its used ring. */
struct model {
    uint16_t fifo[VRING_SIZE];
    uint32_t head, count;
    uint16_t used_idx;
    uint32_t used_ring[VRING_SIZE];
};

static int post(struct vring *v, struct model *m)
{
    uint16_t d, slot, before = v->avail_idx;
    if (vring_post(v, &d, &slot) != VRING_OK || slot != before % VRING_SIZE || d >= VRING_SIZE)
        return 0;
    for (uint32_t k = 0; k < m->count; k++)
        if (m->fifo[(m->head + k) % VRING_SIZE] == d)
            return 0; /* handed out twice */
    m->fifo[(m->head + m->count++) % VRING_SIZE] = d;
    return 1;
}

static void device_uses(struct model *m, uint32_t n)
{
    for (; n && m->count; n--, m->count--, m->head++)
        m->used_ring[m->used_idx++ % VRING_SIZE] = m->fifo[m->head % VRING_SIZE];
}

static int driver_reaps(struct vring *v, const struct model *m)
{
    uint16_t slot;
    while (vring_used(v, m->used_idx, &slot) == VRING_OK)
        if (slot != v->last_used % VRING_SIZE || vring_release(v, m->used_ring[slot]) != VRING_OK)
            return 0;
    return v->last_used == m->used_idx;
}

static void test_wraps(void)
{
    static struct vring v;
    static struct model m;
    vring_init(&v);
    int ok = 1;
    uint32_t posted = 0;
    for (uint32_t r = 0; posted < 70000 && ok; r++) {
        for (uint32_t i = 0; i < 1 + r % 7 && m.count < VRING_SIZE && ok; i++, posted++)
            ok = post(&v, &m);
        device_uses(&m, 1 + r % 5);
        ok = ok && driver_reaps(&v, &m);
    }
    CHECK("vring: 70000 buffers through the ring, the indexes wrap at 2^16", ok && posted >= 70000);
    CHECK("vring: the avail index wrapped", v.avail_idx == (uint16_t)posted);
}

static void test_refusals(void)
{
    static struct vring v;
    uint16_t d, slot;
    vring_init(&v);
    CHECK("vring: nothing used at first", vring_used(&v, 0, &slot) == VRING_ERR_NONE);
    CHECK("vring: nothing to release at first", vring_release(&v, 0) == VRING_ERR_NONE);
    for (uint32_t i = 0; i < VRING_SIZE; i++)
        if (vring_post(&v, &d, &slot) != VRING_OK || d != i)
            CHECK("vring: the lowest free descriptor first", 0);
    CHECK("vring: full after VRING_SIZE posts", vring_post(&v, &d, &slot) == VRING_ERR_FULL);
    CHECK("vring: a used idx past what is pending is refused", vring_used(&v, VRING_SIZE + 1, &slot) == VRING_ERR_USED);
    CHECK("vring: a used idx within is read", vring_used(&v, 3, &slot) == VRING_OK && slot == 0);
    CHECK("vring: an id out of range is refused", vring_release(&v, VRING_SIZE) == VRING_ERR_ID);
    CHECK("vring: descriptor 5 returns", vring_release(&v, 5) == VRING_OK && v.owner[5] == VRING_FREE);
    CHECK("vring: descriptor 5 twice is refused", vring_release(&v, 5) == VRING_ERR_ID && v.last_used == 1);
    CHECK("vring: the freed descriptor is the next one out", vring_post(&v, &d, &slot) == VRING_OK && d == 5 && slot == 0);
}

int main(void)
{
    test_refusals();
    test_wraps();
    CHECK_EXIT();
}
