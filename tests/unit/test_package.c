/* package_open against packages signed here the way admit.py signs them,
 * with a throwaway HSS key (tests/unit/make_package_fixture.py): each
 * refusal by its code, and the parts found where they were put. */
#include <string.h>
#include "check.h"
#include "crypto/lms.h"
#include "crypto/package.h"

#define FIXTURE "build/unit/package-fixture/"

static const uint8_t digest[32] = "interface headers digest 32 byte";
static uint8_t pub[LMS_PUBLIC_LEN];

static int open_file(const char *name, struct package *p)
{
    uint64_t len;
    uint8_t *b = load(name, &len);
    if (!b)
        return -1;
    int r = package_open(b, len, pub, digest, p);
    free(b);
    return r;
}

int main(void)
{
    struct package p;
    uint64_t len, publen;
    uint8_t *key = load(FIXTURE "pub", &publen);
    uint8_t *pkg = load(FIXTURE "good.pkg", &len);
    if (!key || publen != LMS_PUBLIC_LEN || !pkg) {
        printf("FAIL fixture: run tests/unit/make_package_fixture.py %s\n", FIXTURE);
        return 1;
    }
    memcpy(pub, key, LMS_PUBLIC_LEN);
    CHECK("a well-formed package opens", package_open(pkg, len, pub, digest, &p) == PACKAGE_OK);
    CHECK("its parts lie end to end", p.manifest == pkg + 56 && p.manifest_len == 10 && p.object == pkg + 66 &&
                                          p.object_len == 40 && p.summary == pkg + 106 && p.summary_len == 14 &&
                                          120 + p.signature_len + 4 == len);
    CHECK("too short", package_open(pkg, PACKAGE_HEADER + PACKAGE_TRAILER - 1, pub, digest, &p) == PACKAGE_ERR_SHORT);
    CHECK("truncated: the signature no longer verifies",
          package_open(pkg, len - 1, pub, digest, &p) == PACKAGE_ERR_CERTIFICATE);
    uint8_t other[LMS_PUBLIC_LEN];
    memcpy(other, pub, LMS_PUBLIC_LEN);
    other[LMS_PUBLIC_LEN - 1] ^= 1;
    CHECK("another key", package_open(pkg, len, other, digest, &p) == PACKAGE_ERR_CERTIFICATE);
    /* Every byte of the body and trailer, and every 61st of the signature. */
    int all = 1;
    for (uint64_t byte = 0; byte < len; byte += (byte >= 120 && byte + 4 < len) ? 61 : 1) {
        pkg[byte] ^= 0x10;
        all &= package_open(pkg, len, pub, digest, &p) == PACKAGE_ERR_CERTIFICATE;
        pkg[byte] ^= 0x10;
    }
    CHECK("any flipped bit, header, parts, signature or its length, is refused", all);
    uint8_t other_digest[32];
    memcpy(other_digest, digest, 32);
    other_digest[0] ^= 1;
    CHECK("another interface digest", package_open(pkg, len, pub, other_digest, &p) == PACKAGE_ERR_INTERFACE);
    CHECK("lengths that do not add up", open_file(FIXTURE "lengths.pkg", &p) == PACKAGE_ERR_LENGTHS);
    CHECK("another version", open_file(FIXTURE "version.pkg", &p) == PACKAGE_ERR_VERSION);
    CHECK("another magic", open_file(FIXTURE "magic.pkg", &p) == PACKAGE_ERR_MAGIC);
    CHECK("every error has words", strstr(package_err_text(PACKAGE_ERR_CERTIFICATE), "certificate") != 0);
    free(key);
    free(pkg);
    CHECK_EXIT();
}
