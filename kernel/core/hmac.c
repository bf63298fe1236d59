/* HMAC-SHA-256 (RFC 2104): H((K ^ opad) || H((K ^ ipad) || msg)), K the
 * key as one 64-byte block. Contracts in hmac.h. */
#include "hmac.h"

/* K: the key, or its digest if it is longer than a block (RFC 2104 step 1),
 * then zeros to 64 bytes. */
/*@ requires \valid(k + (0 .. 63)) && \valid_read(key + (0 .. key_len - 1));
    requires \separated(k + (0 .. 63), key + (0 .. key_len - 1));
    requires key_len < Sha256MaxBytes;
    terminates \true;
    assigns k[0 .. 63];
    ensures short: key_len <= 64 ==> (\forall integer i; 0 <= i < key_len ==> k[i] == key[i]) &&
      (\forall integer i; key_len <= i < 64 ==> k[i] == 0);
    ensures long: key_len > 64 ==> \forall integer i; 32 <= i < 64 ==> k[i] == 0;
*/
static void block_key(uint8_t k[64], const uint8_t *key, uint64_t key_len)
{
    uint32_t from = 32;
    if (key_len > 64) {
        sha256_digest(key, key_len, k);
    } else {
        from = (uint32_t)key_len;
        /*@ loop invariant 0 <= i <= key_len;
            loop invariant \forall integer j; 0 <= j < i ==> k[j] == key[j];
            loop assigns i, k[0 .. 63];
            loop variant key_len - i; */
        for (uint32_t i = 0; i < key_len; i++)
            k[i] = key[i];
    }
    /*@ loop invariant from <= i <= 64;
        loop invariant \forall integer j; from <= j < i ==> k[j] == 0;
        loop invariant \forall integer j; 0 <= j < from ==> k[j] == \at(k[j], LoopEntry);
        loop assigns i, k[from .. 63];
        loop variant 64 - i; */
    for (uint32_t i = from; i < 64; i++)
        k[i] = 0;
}

/* out = SHA-256((K ^ pad) || msg): the inner hash with ipad, the outer one
 * with opad. */
/*@ requires \valid_read(k + (0 .. 63)) && \valid_read(msg + (0 .. len - 1));
    requires \valid(out + (0 .. 31));
    requires 64 + len < Sha256MaxBytes;
    terminates \true;
    assigns out[0 .. 31];
*/
static void keyed_hash(const uint8_t k[64], uint8_t pad, const uint8_t *msg, uint64_t len,
                       uint8_t out[32])
{
    uint8_t padded[64];
    struct sha256 s;
    /*@ loop invariant 0 <= i <= 64;
        loop assigns i, padded[0 .. 63];
        loop variant 64 - i; */
    for (uint32_t i = 0; i < 64; i++)
        padded[i] = (uint8_t)(((uint32_t)k[i] ^ pad) & 0xffu);
    sha256_init(&s);
    sha256_update(&s, padded, 64);
    sha256_update(&s, msg, len);
    sha256_final(&s, out);
}

void hmac_sha256(const uint8_t *key, uint64_t key_len, const uint8_t *msg, uint64_t msg_len,
                 uint8_t mac[32])
{
    uint8_t k[64], inner[32];
    block_key(k, key, key_len);
    keyed_hash(k, 0x36, msg, msg_len, inner);
    keyed_hash(k, 0x5c, inner, 32, mac);
}

/* 0 exactly when x == y, without a branch. */
/*@ terminates \true;
    assigns \nothing;
    ensures \result == 0 <==> x == y;
*/
static uint32_t byte_diff(uint8_t x, uint8_t y) { return (uint32_t)x ^ y; }

int hmac_sha256_equal(const uint8_t a[32], const uint8_t b[32])
{
    uint32_t diff = 0;
    /*@ loop invariant 0 <= i <= 32;
        loop invariant diff == 0 <==> (\forall integer j; 0 <= j < i ==> a[j] == b[j]);
        loop assigns i, diff;
        loop variant 32 - i; */
    for (uint32_t i = 0; i < 32; i++)
        diff |= byte_diff(a[i], b[i]);
    return diff == 0;
}
