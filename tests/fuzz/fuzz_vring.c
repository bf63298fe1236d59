/* libFuzzer harness for the split-ring bookkeeping: the bytes are a
 * device that lies, each byte pair an operation (post a buffer, or read
 * the used ring at an arbitrary used idx naming an arbitrary id). A shadow
 * of who holds each descriptor, kept by the harness, must agree with
 * every answer: a post only hands out a descriptor the driver held, a
 * release succeeds only for one the device held, pending never exceeds
 * the ring, and a refusal changes nothing. */
#include <stdlib.h>
#include <string.h>
#include "net/vring.h"

static struct vring v;
static uint8_t device_holds[VRING_SIZE];

static uint32_t pending(void) { return (uint16_t)(v.avail_idx - v.last_used); }

static void check(void)
{
    uint32_t held = 0;
    for (uint32_t d = 0; d < VRING_SIZE; d++) {
        if (v.owner[d] != (device_holds[d] ? VRING_DEVICE : VRING_FREE))
            abort();
        held += device_holds[d];
    }
    if (pending() > VRING_SIZE || pending() > held)
        abort();
}

static void post(void)
{
    struct vring before = v;
    uint16_t d, slot;
    int r = vring_post(&v, &d, &slot);
    if (r == VRING_ERR_FULL) {
        if (memcmp(&before, &v, sizeof v))
            abort();
        return;
    }
    if (r != VRING_OK || d >= VRING_SIZE || device_holds[d] || slot != before.avail_idx % VRING_SIZE)
        abort();
    device_holds[d] = 1;
}

static void used(uint16_t used_idx, uint32_t id)
{
    struct vring before = v;
    uint16_t slot;
    int r = vring_used(&v, used_idx, &slot);
    if (r != VRING_OK)
        return;
    r = vring_release(&v, id);
    if (r == VRING_OK) {
        if (id >= VRING_SIZE || !device_holds[id] || v.last_used != (uint16_t)(before.last_used + 1))
            abort();
        device_holds[id] = 0;
    } else if (memcmp(&before, &v, sizeof v)) {
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    vring_init(&v);
    memset(device_holds, 0, sizeof device_holds);
    uint16_t used_idx = 0;
    for (size_t i = 0; i + 1 < size; i += 2) {
        uint8_t op = data[i], arg = data[i + 1];
        if (op < 128) {
            post();
        } else {
            used_idx = (uint16_t)(op & 64 ? used_idx + (arg & 7) : v.last_used + arg);
            used(used_idx, op & 32 ? arg : arg % VRING_SIZE);
        }
        check();
    }
    return 0;
}
