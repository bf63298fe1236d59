/* Extension packages: the certificate, an HSS/LMS signature (lms.h) under
 * the machine's signing key, is checked over every byte before any field
 * is read; then the header names the manifest, the object and the proof
 * summary. The layout is extensions/admit/package.py's: header, parts,
 * signature, and the signature's length in the last 4 bytes. */
#ifndef SPINEL_PACKAGE_H
#define SPINEL_PACKAGE_H

#include <stdint.h>

#define PACKAGE_HEADER 56u /* magic, version, three lengths, interface digest */
#define PACKAGE_TRAILER 4u /* the signature's length */
#define PACKAGE_VERSION 2u

enum package_err {
    PACKAGE_OK = 0,
    PACKAGE_ERR_SHORT = 1,       /* too short to hold a header and a certificate */
    PACKAGE_ERR_CERTIFICATE = 2, /* the signature does not verify: tampered, or another key */
    PACKAGE_ERR_MAGIC = 3,
    PACKAGE_ERR_VERSION = 4,
    PACKAGE_ERR_LENGTHS = 5,     /* the parts do not add up to the package */
    PACKAGE_ERR_INTERFACE = 6,   /* proved against other interface headers */
    PACKAGE_ERR_COUNT = 7
};

struct package {
    const uint8_t *manifest, *object, *summary;
    uint32_t manifest_len, object_len, summary_len;
    uint32_t signature_len;
};

/* Opens the len bytes at bytes as a package signed under the HSS public
 * key pub (LMS_PUBLIC_LEN bytes) and proved against the interface whose
 * digest is digest: the signature first, over every byte before it, then
 * the header; on success p points into bytes. */
/*@ requires len <= 0x1000000000000;
    requires \valid_read(bytes + (0 .. len - 1)) && \valid_read(pub + (0 .. 59)) &&
             \valid_read(digest + (0 .. 31)) && \valid(p);
    requires \separated(p, bytes + (0 .. len - 1), pub + (0 .. 59), digest + (0 .. 31));
    terminates \true;
    assigns *p;
    ensures PACKAGE_OK <= \result < PACKAGE_ERR_COUNT;
    ensures len < PACKAGE_HEADER + PACKAGE_TRAILER <==> \result == PACKAGE_ERR_SHORT;
    ensures \result == PACKAGE_OK ==>
      (\forall integer i; 0 <= i < 32 ==> bytes[24 + i] == digest[i]) &&
      p->signature_len == Le32(bytes + len - PACKAGE_TRAILER) &&
      p->manifest == bytes + PACKAGE_HEADER &&
      p->object == p->manifest + p->manifest_len &&
      p->summary == p->object + p->object_len &&
      PACKAGE_HEADER + p->manifest_len + p->object_len + p->summary_len + p->signature_len + PACKAGE_TRAILER == len;
*/
int package_open(const uint8_t *bytes, uint64_t len, const uint8_t *pub, const uint8_t *digest,
                 struct package *p);

/* Words for a package_err. */
/*@ terminates \true;
    assigns \nothing;
*/
const char *package_err_text(int err);

#endif
