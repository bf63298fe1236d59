/* SHA-256 (FIPS 180-4), incremental and one shot: the only primitive of the
 * HSS/LMS signatures (lms.h) with which the kernel checks extension
 * certificates. */
#ifndef SPINEL_SHA256_H
#define SPINEL_SHA256_H

#include <stdint.h>

/* A running hash: h is the hash value so far, block[0 .. fill) the bytes
 * not yet compressed (fill < 64), total the bytes hashed since init. */
struct sha256 {
    uint32_t h[8];
    uint8_t block[64];
    uint32_t fill;
    uint64_t total;
};

#include "crypto/sha256_model.acsl"
#include "crypto/sha256.acsl"

/*@ requires \valid(s);
    terminates \true;
    assigns s->h[0 .. 7], s->fill, s->total;
    ensures Sha256Initial(s);
    ensures s->total == 0 && s->fill == 0;
    ensures Sha256Ok(s);
*/
void sha256_init(struct sha256 *s);

/* Hashes data[0 .. len). The block keeps the last fill bytes of everything
 * hashed so far; h changes only when a block of 64 is complete. */
/*@ requires \valid(s) && Sha256Ok(s);
    requires \valid_read(data + (0 .. len - 1));
    requires \separated(s, data + (0 .. len - 1));
    requires s->total + len < Sha256MaxBytes;
    terminates \true;
    assigns s->h[0 .. 7], s->block[0 .. 63], s->fill, s->total;
    ensures s->total == \old(s->total) + len;
    ensures s->fill == s->total % 64;
    ensures Sha256Ok(s);
    ensures from_data: \forall integer j; 0 <= j < s->fill && s->fill <= j + len ==>
      s->block[j] == data[j + len - s->fill];
    ensures kept: \forall integer j; 0 <= j < s->fill && j + len < s->fill ==>
      s->block[j] == \old(s->block[j]);
    ensures same_h: \old(s->fill) + len < 64 ==> Sha256SameH{Old,Post}(&s->h[0]);
*/
void sha256_update(struct sha256 *s, const uint8_t *data, uint64_t len);

/* Pads the message (0x80, zeros, its length in bits, big-endian), compresses
 * the last block(s) and writes the digest: h[0 .. 7] big-endian. s is spent:
 * its block holds the last padded block, total and fill are left as they were. */
/*@ requires \valid(s) && Sha256Ok(s);
    requires \valid(digest + (0 .. 31));
    requires \separated(s, digest + (0 .. 31));
    terminates \true;
    assigns s->h[0 .. 7], s->block[0 .. 63], digest[0 .. 31];
    ensures Sha256Digest(digest, &s->h[0]);
    ensures length: Be64(&s->block[56]) == 8 * s->total;
    ensures one_block: s->fill < 56 ==> s->block[s->fill] == 0x80 &&
      (\forall integer j; 0 <= j < s->fill ==> s->block[j] == \old(s->block[j])) &&
      (\forall integer j; s->fill < j < 56 ==> s->block[j] == 0);
    ensures two_blocks: s->fill >= 56 ==> \forall integer j; 0 <= j < 56 ==> s->block[j] == 0;
*/
void sha256_final(struct sha256 *s, uint8_t digest[32]);

/* SHA-256 of data[0 .. len), in one call, as the model says
 * (spec/crypto/sha256_model.acsl). digest may overlap data: it is written after
 * the last read. */
/*@ requires \valid_read(data + (0 .. len - 1));
    requires \valid(digest + (0 .. 31));
    requires len < Sha256MaxBytes;
    terminates \true;
    assigns digest[0 .. 31];
    ensures Sha256DigestOf{Post,Pre}(digest, data, len);
*/
void sha256_digest(const uint8_t *data, uint64_t len, uint8_t digest[32]);

#endif
