/* libFuzzer harness for package_open: any bytes, checked against the
 * build's public key (build/key/admission.pub), so the sample packages the
 * corpus is seeded with open and their mutations exercise the signature's
 * parsing and every refusal. Whatever it accepts must lie inside: the
 * harness touches the first and last byte of every part. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "crypto/lms.h"
#include "crypto/package.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static uint8_t pub[LMS_PUBLIC_LEN];
static volatile uint8_t sink;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    FILE *f = fopen("build/key/admission.pub", "rb");
    if (!f || fread(pub, 1, sizeof pub, f) != sizeof pub) {
        fprintf(stderr, "fuzz_package: no build/key/admission.pub (run make first)\n");
        abort();
    }
    fclose(f);
    return 0;
}

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
    uint8_t digest[32] = { 0 };
    if (size >= PACKAGE_HEADER)
        memcpy(digest, bytes + 24, 32); /* so the interface check passes too */
    struct package p;
    int r = package_open(bytes, size, pub, digest, &p);
    if (r < PACKAGE_OK || r >= PACKAGE_ERR_COUNT)
        abort();
    if (r == PACKAGE_OK) {
        if (PACKAGE_HEADER + (uint64_t)p.manifest_len + p.object_len + p.summary_len + p.signature_len +
                PACKAGE_TRAILER != size)
            abort();
        touch(p.manifest, p.manifest_len);
        touch(p.object, p.object_len);
        touch(p.summary, p.summary_len);
    }
    free(bytes);
    return 0;
}
