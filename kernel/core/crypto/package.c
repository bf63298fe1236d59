/* Extension packages: see package.h. */
#include "lib/bytes.h"
#include "crypto/lms.h"
#include "crypto/package.h"

static const uint8_t magic[8] = { 'S', 'P', 'N', 'L', 'E', 'X', 'T', '1' };

/*@ requires \valid_read(a + (0 .. n - 1)) && \valid_read(b + (0 .. n - 1));
    terminates \true;
    assigns \nothing;
    ensures \result == 1 <==> (\forall integer i; 0 <= i < n ==> a[i] == b[i]);
    ensures \result == 0 || \result == 1;
*/
static int same(const uint8_t *a, const uint8_t *b, uint32_t n)
{
    /*@ loop invariant 0 <= i <= n && \forall integer k; 0 <= k < i ==> a[k] == b[k];
        loop assigns i;
        loop variant n - i;
    */
    for (uint32_t i = 0; i < n; i++)
        if (a[i] != b[i])
            return 0;
    return 1;
}

int package_open(const uint8_t *bytes, uint64_t len, const uint8_t *pub, const uint8_t *digest,
                 struct package *p)
{
    if (len < PACKAGE_HEADER + PACKAGE_TRAILER)
        return PACKAGE_ERR_SHORT;
    uint64_t sig_len = le32(bytes + len - PACKAGE_TRAILER);
    if (sig_len > len - PACKAGE_HEADER - PACKAGE_TRAILER)
        return PACKAGE_ERR_CERTIFICATE;
    uint64_t body = len - PACKAGE_TRAILER - sig_len;
    if (!hss_verify(pub, bytes, body, bytes + body, sig_len))
        return PACKAGE_ERR_CERTIFICATE;
    if (!same(bytes, magic, 8))
        return PACKAGE_ERR_MAGIC;
    if (le32(bytes + 8) != PACKAGE_VERSION)
        return PACKAGE_ERR_VERSION;
    uint64_t ml = le32(bytes + 12), ol = le32(bytes + 16), sl = le32(bytes + 20);
    if (PACKAGE_HEADER + ml + ol + sl != body)
        return PACKAGE_ERR_LENGTHS;
    if (!same(bytes + 24, digest, 32))
        return PACKAGE_ERR_INTERFACE;
    p->manifest = bytes + PACKAGE_HEADER;
    p->manifest_len = (uint32_t)ml;
    p->object = p->manifest + ml;
    p->object_len = (uint32_t)ol;
    p->summary = p->object + ol;
    p->summary_len = (uint32_t)sl;
    p->signature_len = (uint32_t)sig_len;
    return PACKAGE_OK;
}

const char *package_err_text(int err)
{
    switch (err) {
    case PACKAGE_OK: return "ok";
    case PACKAGE_ERR_SHORT: return "too short to be a package";
    case PACKAGE_ERR_CERTIFICATE: return "certificate does not match (tampered, or signed by another key)";
    case PACKAGE_ERR_MAGIC: return "not a Spinel extension package";
    case PACKAGE_ERR_VERSION: return "package version not supported";
    case PACKAGE_ERR_LENGTHS: return "package parts do not add up to its size";
    case PACKAGE_ERR_INTERFACE: return "proved against other interface headers than this kernel's";
    default: return "unknown package error";
    }
}
