/* Extension packages: the certificate is checked over every byte before
 * any field is read; then the header names the manifest, the object and
 * the proof summary. The layout is extensions/admit/package.py's. */
#ifndef SPINEL_PACKAGE_H
#define SPINEL_PACKAGE_H

#include <stdint.h>

#define PACKAGE_HEADER 56u /* magic, version, three lengths, interface digest */
#define PACKAGE_MAC 32u
#define PACKAGE_VERSION 1u

enum package_err {
    PACKAGE_OK = 0,
    PACKAGE_ERR_SHORT = 1,       /* too short to hold a header and a certificate */
    PACKAGE_ERR_CERTIFICATE = 2, /* the HMAC does not match: tampered, or another key */
    PACKAGE_ERR_MAGIC = 3,
    PACKAGE_ERR_VERSION = 4,
    PACKAGE_ERR_LENGTHS = 5,     /* the parts do not add up to the package */
    PACKAGE_ERR_INTERFACE = 6,   /* proved against other interface headers */
    PACKAGE_ERR_COUNT = 7
};

struct package {
    const uint8_t *manifest, *object, *summary;
    uint32_t manifest_len, object_len, summary_len;
};

/* Opens the len bytes at bytes as a package certified under key (32
 * bytes) and proved against the interface whose digest is digest: the
 * certificate first, then the header; on success p points into bytes. */
/*@ requires len <= 0x1000000000000;
    requires \valid_read(bytes + (0 .. len - 1)) && \valid_read(key + (0 .. 31)) &&
             \valid_read(digest + (0 .. 31)) && \valid(p);
    requires \separated(p, bytes + (0 .. len - 1), key + (0 .. 31), digest + (0 .. 31));
    terminates \true;
    assigns *p;
    ensures PACKAGE_OK <= \result < PACKAGE_ERR_COUNT;
    ensures len < PACKAGE_HEADER + PACKAGE_MAC <==> \result == PACKAGE_ERR_SHORT;
    ensures \result == PACKAGE_OK ==>
      (\forall integer i; 0 <= i < 32 ==> bytes[24 + i] == digest[i]) &&
      p->manifest == bytes + PACKAGE_HEADER &&
      p->object == p->manifest + p->manifest_len &&
      p->summary == p->object + p->object_len &&
      PACKAGE_HEADER + p->manifest_len + p->object_len + p->summary_len + PACKAGE_MAC == len;
*/
int package_open(const uint8_t *bytes, uint64_t len, const uint8_t *key, const uint8_t *digest,
                 struct package *p);

/* Words for a package_err. */
/*@ terminates \true;
    assigns \nothing;
*/
const char *package_err_text(int err);

#endif
