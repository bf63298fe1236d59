/* SHA-256 (FIPS 180-4). Contracts in sha256.h. Sums are taken in uint64_t
 * and reduced modulo 2^32, and a rotation's left half is a 64-bit product
 * reduced the same way, so no unsigned operation wraps (the proof checks
 * this); gcc -O2 still emits 32-bit adds and ror. */
#include "sha256.h"

/* FIPS 180-4 4.2.2: the first 32 bits of the fractional parts of the cube
 * roots of the first 64 primes. */
static const uint32_t k[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

/* x rotated right by n (0 < n < 32): the bits shifted out at the bottom
 * come back at the top, x * 2^(32 - n) modulo 2^32. */
#define ROTR(x, n) (((x) >> (n)) | (uint32_t)((uint64_t)(x) * ((uint64_t)1 << (32 - (n))) % 4294967296u))

/* A sum of words, modulo 2^32. */
/*@ terminates \true;
    assigns \nothing;
    ensures \result == sum % 4294967296;
*/
static uint32_t wrap(uint64_t sum) { return (uint32_t)(sum % 4294967296u); }

/* The functions of FIPS 180-4 4.1.2. */
/*@ terminates \true;
    assigns \nothing; */
static uint32_t big_sigma0(uint32_t x) { return ROTR(x, 2) ^ ROTR(x, 13) ^ ROTR(x, 22); }

/*@ terminates \true;
    assigns \nothing; */
static uint32_t big_sigma1(uint32_t x) { return ROTR(x, 6) ^ ROTR(x, 11) ^ ROTR(x, 25); }

/*@ terminates \true;
    assigns \nothing; */
static uint32_t small_sigma0(uint32_t x) { return ROTR(x, 7) ^ ROTR(x, 18) ^ (x >> 3); }

/*@ terminates \true;
    assigns \nothing; */
static uint32_t small_sigma1(uint32_t x) { return ROTR(x, 17) ^ ROTR(x, 19) ^ (x >> 10); }

/*@ terminates \true;
    assigns \nothing; */
static uint32_t ch(uint32_t x, uint32_t y, uint32_t z) { return (x & y) ^ (~x & z); }

/*@ terminates \true;
    assigns \nothing; */
static uint32_t maj(uint32_t x, uint32_t y, uint32_t z) { return (x & y) ^ (x & z) ^ (y & z); }

/*@ requires \valid_read(p + (0 .. 3));
    terminates \true;
    assigns \nothing;
    ensures \result == Be32(p);
*/
static uint32_t load_be32(const uint8_t *p)
{
    return ((p[0] * 256u + p[1]) * 256u + p[2]) * 256u + p[3];
}

/*@ requires \valid(p + (0 .. 3));
    terminates \true;
    assigns p[0 .. 3];
    ensures Be32(p) == x;
*/
static void store_be32(uint8_t *p, uint32_t x)
{
    p[3] = (uint8_t)(x % 256u);
    p[2] = (uint8_t)(x / 256u % 256u);
    p[1] = (uint8_t)(x / 65536u % 256u);
    p[0] = (uint8_t)(x / 16777216u);
}

/* The message schedule W[0 .. 64) of one block (FIPS 180-4 6.2.2 step 1). */
/*@ requires \valid(w + (0 .. 63)) && \valid_read(block + (0 .. 63));
    requires \separated(w + (0 .. 63), block + (0 .. 63));
    terminates \true;
    assigns w[0 .. 63];
*/
static void schedule(uint32_t w[64], const uint8_t block[64])
{
    /*@ loop invariant 0 <= t <= 16;
        loop assigns t, w[0 .. 15];
        loop variant 16 - t; */
    for (uint32_t t = 0; t < 16; t++)
        w[t] = load_be32(block + 4 * t);
    /*@ loop invariant 16 <= t <= 64;
        loop assigns t, w[16 .. 63];
        loop variant 64 - t; */
    for (uint32_t t = 16; t < 64; t++)
        w[t] = wrap((uint64_t)small_sigma1(w[t - 2]) + w[t - 7] + small_sigma0(w[t - 15]) + w[t - 16]);
}

/* The working variables a .. h of FIPS 180-4 6.2.2. */
struct vars {
    uint32_t a, b, c, d, e, f, g, h;
};

/* One round (6.2.2 step 3), kw being K[t] + W[t] modulo 2^32. */
/*@ terminates \true;
    assigns \nothing; */
static struct vars step(struct vars v, uint32_t kw)
{
    uint32_t t1 = wrap((uint64_t)v.h + big_sigma1(v.e) + ch(v.e, v.f, v.g) + kw);
    uint32_t t2 = wrap((uint64_t)big_sigma0(v.a) + maj(v.a, v.b, v.c));
    struct vars n = { wrap((uint64_t)t1 + t2), v.a, v.b, v.c, wrap((uint64_t)v.d + t1), v.e, v.f, v.g };
    return n;
}

/* The 64 rounds of one block from h, h[0 .. 7] then adding the result
 * (6.2.2 steps 2 to 4). */
/*@ requires \valid(h + (0 .. 7)) && \valid_read(w + (0 .. 63));
    requires \separated(h + (0 .. 7), w + (0 .. 63));
    terminates \true;
    assigns h[0 .. 7];
*/
static void rounds(uint32_t h[8], const uint32_t w[64])
{
    struct vars v = { h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7] };
    /*@ loop invariant 0 <= t <= 64;
        loop assigns t, v;
        loop variant 64 - t; */
    for (uint32_t t = 0; t < 64; t++)
        v = step(v, wrap((uint64_t)k[t] + w[t]));
    h[0] = wrap((uint64_t)h[0] + v.a);
    h[1] = wrap((uint64_t)h[1] + v.b);
    h[2] = wrap((uint64_t)h[2] + v.c);
    h[3] = wrap((uint64_t)h[3] + v.d);
    h[4] = wrap((uint64_t)h[4] + v.e);
    h[5] = wrap((uint64_t)h[5] + v.f);
    h[6] = wrap((uint64_t)h[6] + v.g);
    h[7] = wrap((uint64_t)h[7] + v.h);
}

/* Folds one 64-byte block into the hash value h. */
/*@ requires \valid(h + (0 .. 7)) && \valid_read(block + (0 .. 63));
    requires \separated(h + (0 .. 7), block + (0 .. 63));
    terminates \true;
    assigns h[0 .. 7];
*/
static void compress(uint32_t h[8], const uint8_t block[64])
{
    uint32_t w[64];
    schedule(w, block);
    rounds(h, w);
}

void sha256_init(struct sha256 *s)
{
    s->h[0] = 0x6a09e667;
    s->h[1] = 0xbb67ae85;
    s->h[2] = 0x3c6ef372;
    s->h[3] = 0xa54ff53a;
    s->h[4] = 0x510e527f;
    s->h[5] = 0x9b05688c;
    s->h[6] = 0x1f83d9ab;
    s->h[7] = 0x5be0cd19;
    s->fill = 0;
    s->total = 0;
}

/* Appends one byte to the block, compressing it when it is full; returns
 * the new fill. */
/*@ requires \valid(h + (0 .. 7)) && \valid(block + (0 .. 63));
    requires \separated(h + (0 .. 7), block + (0 .. 63));
    requires fill < 64;
    terminates \true;
    assigns h[0 .. 7], block[fill];
    ensures \result == (fill + 1) % 64;
    ensures block[fill] == b;
    ensures fill < 63 ==> Sha256SameH{Pre,Post}(h);
*/
static uint32_t absorb(uint32_t h[8], uint8_t block[64], uint32_t fill, uint8_t b)
{
    block[fill] = b;
    if (fill < 63)
        return fill + 1;
    compress(h, block);
    return 0;
}

void sha256_update(struct sha256 *s, const uint8_t *data, uint64_t len)
{
    uint32_t fill = s->fill;
    /*@ loop invariant 0 <= i <= len;
        loop invariant fill == (\at(s->total, Pre) + i) % 64;
        loop invariant \forall integer j; 0 <= j < fill && fill <= j + i ==>
          s->block[j] == data[j + i - fill];
        loop invariant \forall integer j; 0 <= j < fill && j + i < fill ==>
          s->block[j] == \at(s->block[j], Pre);
        loop invariant \at(s->fill, Pre) + i < 64 ==> Sha256SameH{Pre,Here}(&s->h[0]);
        loop assigns i, fill, s->h[0 .. 7], s->block[0 .. 63];
        loop variant len - i; */
    for (uint64_t i = 0; i < len; i++)
        fill = absorb(s->h, s->block, fill, data[i]);
    s->fill = fill;
    s->total += len;
}

/*@ requires \valid(block + (from .. to - 1));
    requires from <= to;
    terminates \true;
    assigns block[from .. to - 1];
    ensures \forall integer j; from <= j < to ==> block[j] == 0;
*/
static void zero(uint8_t *block, uint32_t from, uint32_t to)
{
    /*@ loop invariant from <= i <= to;
        loop invariant \forall integer j; from <= j < i ==> block[j] == 0;
        loop assigns i, block[from .. to - 1];
        loop variant to - i; */
    for (uint32_t i = from; i < to; i++)
        block[i] = 0;
}

/* The length field: the message length in bits, big-endian. */
/*@ requires \valid(p + (0 .. 7));
    terminates \true;
    assigns p[0 .. 7];
    ensures Be64(p) == bits;
*/
static void store_be64(uint8_t *p, uint64_t bits)
{
    store_be32(p, (uint32_t)(bits / 4294967296u));
    store_be32(p + 4, (uint32_t)(bits % 4294967296u));
}

/* The last block when fill < 56 bytes wait: 0x80, zeros, the length. */
/*@ requires \valid(block + (0 .. 63));
    requires fill < 56;
    terminates \true;
    assigns block[fill .. 63];
    ensures block[fill] == 0x80;
    ensures \forall integer j; fill < j < 56 ==> block[j] == 0;
    ensures Be64(block + 56) == bits;
*/
static void pad_one(uint8_t block[64], uint32_t fill, uint64_t bits)
{
    block[fill] = 0x80;
    zero(block, fill + 1, 56);
    store_be64(block + 56, bits);
}

/* When fill >= 56 bytes wait, the length no longer fits: 0x80 and zeros
 * end this block, then a block of zeros and the length. */
/*@ requires \valid(h + (0 .. 7)) && \valid(block + (0 .. 63));
    requires \separated(h + (0 .. 7), block + (0 .. 63));
    requires 56 <= fill < 64;
    terminates \true;
    assigns h[0 .. 7], block[0 .. 63];
    ensures \forall integer j; 0 <= j < 56 ==> block[j] == 0;
    ensures Be64(block + 56) == bits;
*/
static void pad_two(uint32_t h[8], uint8_t block[64], uint32_t fill, uint64_t bits)
{
    block[fill] = 0x80;
    zero(block, fill + 1, 64);
    compress(h, block);
    zero(block, 0, 56);
    store_be64(block + 56, bits);
}

/*@ requires \valid(digest + (0 .. 31)) && \valid_read(h + (0 .. 7));
    requires \separated(digest + (0 .. 31), h + (0 .. 7));
    terminates \true;
    assigns digest[0 .. 31];
    ensures Sha256Digest(digest, h);
*/
static void put_digest(uint8_t digest[32], const uint32_t h[8])
{
    /*@ loop invariant 0 <= i <= 8;
        loop invariant \forall integer j; 0 <= j < i ==> Be32(digest + 4 * j) == h[j];
        loop assigns i, digest[0 .. 31];
        loop variant 8 - i; */
    for (uint32_t i = 0; i < 8; i++) {
        store_be32(digest + 4 * i, h[i]);
        //@ assert kept: \forall integer j; 0 <= j < 4 * i ==> digest[j] == \at(digest[j], LoopCurrent);
    }
}

void sha256_final(struct sha256 *s, uint8_t digest[32])
{
    if (s->fill < 56)
        pad_one(s->block, s->fill, s->total * 8);
    else
        pad_two(s->h, s->block, s->fill, s->total * 8);
    compress(s->h, s->block);
    put_digest(digest, s->h);
}

void sha256_digest(const uint8_t *data, uint64_t len, uint8_t digest[32])
{
    struct sha256 s;
    sha256_init(&s);
    sha256_update(&s, data, len);
    sha256_final(&s, digest);
}
