/* libFuzzer harness for package_open: any bytes. Half the inputs (first
 * byte odd) get a valid certificate under the harness's key first, so the
 * header checks behind it are reached too. Whatever it accepts must lie
 * inside: the harness touches the first and last byte of every part. */
#include <stdlib.h>
#include <string.h>
#include "hmac.h"
#include "package.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const uint8_t key[32] = { 1, 2, 3 };
static volatile uint8_t sink;

static void touch(const uint8_t *part, uint32_t len)
{
    if (len) {
        sink = part[0];
        sink = part[len - 1];
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t *bytes = malloc(size ? size : 1);
    memcpy(bytes, data, size);
    if (size >= PACKAGE_HEADER + PACKAGE_MAC && (data[0] & 1))
        hmac_sha256(key, sizeof key, bytes, size - PACKAGE_MAC, bytes + size - PACKAGE_MAC);
    uint8_t digest[32] = { 0 };
    if (size >= PACKAGE_HEADER)
        memcpy(digest, bytes + 24, 32); /* so the interface check passes too */
    struct package p;
    int r = package_open(bytes, size, key, digest, &p);
    if (r < PACKAGE_OK || r >= PACKAGE_ERR_COUNT)
        abort();
    if (r == PACKAGE_OK) {
        if (PACKAGE_HEADER + (uint64_t)p.manifest_len + p.object_len + p.summary_len + PACKAGE_MAC != size)
            abort();
        touch(p.manifest, p.manifest_len);
        touch(p.object, p.object_len);
        touch(p.summary, p.summary_len);
    }
    free(bytes);
    return 0;
}
