/* package_open against packages built here the way admit.py builds them:
 * each refusal by its code, and the parts found where they were put. */
#include <string.h>
#include "check.h"
#include "hmac.h"
#include "package.h"

static const uint8_t key[32] = "0123456789abcdef0123456789abcdef";
static const uint8_t digest[32] = "interface headers digest 32 byte";
static uint8_t pkg[PACKAGE_HEADER + 64 + PACKAGE_MAC];
static const uint64_t len = sizeof pkg;

static void put32(uint8_t *at, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        at[i] = (uint8_t)(v >> (8 * i));
}

/* A package of a 10-byte manifest, 40-byte object and 14-byte summary,
 * its certificate under k. */
static void build(const uint8_t *k, uint32_t ml, uint32_t version)
{
    memcpy(pkg, "SPNLEXT1", 8);
    put32(pkg + 8, version);
    put32(pkg + 12, ml);
    put32(pkg + 16, 40);
    put32(pkg + 20, 14);
    memcpy(pkg + 24, digest, 32);
    for (uint32_t i = 0; i < 64; i++)
        pkg[PACKAGE_HEADER + i] = (uint8_t)i;
    hmac_sha256(k, 32, pkg, len - PACKAGE_MAC, pkg + len - PACKAGE_MAC);
}

static int open_pkg(const uint8_t *k, const uint8_t *d, uint64_t n, struct package *p)
{
    return package_open(pkg, n, k, d, p);
}

int main(void)
{
    struct package p;
    build(key, 10, 1);
    CHECK("a well-formed package opens", open_pkg(key, digest, len, &p) == PACKAGE_OK);
    CHECK("its parts lie end to end", p.manifest == pkg + 56 && p.manifest_len == 10 && p.object == pkg + 66 &&
                                          p.object_len == 40 && p.summary == pkg + 106 && p.summary_len == 14);
    CHECK("too short", open_pkg(key, digest, PACKAGE_HEADER + PACKAGE_MAC - 1, &p) == PACKAGE_ERR_SHORT);
    CHECK("truncated: the certificate no longer matches", open_pkg(key, digest, len - 1, &p) == PACKAGE_ERR_CERTIFICATE);
    uint8_t other[32];
    memcpy(other, key, 32);
    other[31] ^= 1;
    CHECK("another key", open_pkg(other, digest, len, &p) == PACKAGE_ERR_CERTIFICATE);
    int all = 1;
    for (uint64_t byte = 0; byte < len; byte++) {
        pkg[byte] ^= 0x10;
        all &= open_pkg(key, digest, len, &p) == PACKAGE_ERR_CERTIFICATE;
        pkg[byte] ^= 0x10;
    }
    CHECK("any flipped bit, header, parts or certificate, is refused", all);
    CHECK("another interface digest", open_pkg(key, other, len, &p) == PACKAGE_ERR_INTERFACE);
    build(key, 11, 1);
    CHECK("lengths that do not add up", open_pkg(key, digest, len, &p) == PACKAGE_ERR_LENGTHS);
    build(key, 10, 2);
    CHECK("another version", open_pkg(key, digest, len, &p) == PACKAGE_ERR_VERSION);
    build(key, 10, 1);
    pkg[0] = 'X';
    hmac_sha256(key, 32, pkg, len - PACKAGE_MAC, pkg + len - PACKAGE_MAC);
    CHECK("another magic", open_pkg(key, digest, len, &p) == PACKAGE_ERR_MAGIC);
    CHECK("every error has words", strstr(package_err_text(PACKAGE_ERR_CERTIFICATE), "certificate") != 0);
    CHECK_EXIT();
}
