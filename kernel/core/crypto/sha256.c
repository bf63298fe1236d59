/* SHA-256 (FIPS 180-4). Contracts in sha256.h. Sums are taken in uint64_t
 * and reduced modulo 2^32, and a rotation's left half is a 64-bit product
 * reduced the same way, so no unsigned operation wraps (the proof checks
 * this); gcc -O2 still emits 32-bit adds and ror. */
#include "crypto/sha256.h"

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

/* A sum of words, modulo 2^32. */
/*@ terminates \true;
    assigns \nothing;
    ensures \result == sum % 4294967296;
*/
static uint32_t wrap(uint64_t sum) { return (uint32_t)(sum % 4294967296u); }

/* One operation each, as the model names them (spec/crypto/sha256_model.acsl says
 * why); gcc -O2 inlines them back into expressions. */
/*@ terminates \true;
    assigns \nothing;
    ensures \result == Sha256And(x, y); */
static uint32_t and32(uint32_t x, uint32_t y) { return x & y; }

/*@ terminates \true;
    assigns \nothing;
    ensures \result == Sha256Xor(x, y); */
static uint32_t xor32(uint32_t x, uint32_t y) { return x ^ y; }

/*@ terminates \true;
    assigns \nothing;
    ensures \result == Sha256Or(x, y); */
static uint32_t or32(uint32_t x, uint32_t y) { return x | y; }

/*@ terminates \true;
    assigns \nothing;
    ensures \result == Sha256Not(x); */
static uint32_t not32(uint32_t x) { return 4294967295u - x; }

/*@ requires 0 < n < 32;
    terminates \true;
    assigns \nothing;
    ensures \result == Sha256Shr(x, n); */
static uint32_t shr32(uint32_t x, uint32_t n) { return x >> n; }

/* 2^n for n < 32: a table, which gcc folds for the constant rotation
 * counts (a computed power would not fold, and costs 8x). */
static const uint32_t powers_of_two[32] = {
    1u, 2u, 4u, 8u, 16u, 32u, 64u, 128u, 256u, 512u, 1024u, 2048u, 4096u, 8192u, 16384u, 32768u,
    65536u, 131072u, 262144u, 524288u, 1048576u, 2097152u, 4194304u, 8388608u, 16777216u,
    33554432u, 67108864u, 134217728u, 268435456u, 536870912u, 1073741824u, 2147483648u,
};

/*@ requires n <= 31;
    terminates \true;
    assigns \nothing;
    ensures \result == Sha256Pow2(n) && \result <= 2147483648;
*/
static uint32_t pow2(uint32_t n) { return powers_of_two[n]; }

/* x times a power of two, modulo 2^32: a left shift that drops the bits
 * leaving the word, computed in 64 bits so that no operation wraps. */
/*@ requires 0 < n < 32;
    terminates \true;
    assigns \nothing;
    ensures \result == Sha256Shl(x, n); */
static uint32_t shl32(uint32_t x, uint32_t n) { return (uint32_t)((uint64_t)x * pow2(n) % 4294967296u); }

/*@ requires 0 < n < 32;
    terminates \true;
    assigns \nothing;
    ensures \result == Sha256Rotr(x, n); */
static uint32_t rotr(uint32_t x, uint32_t n) { return or32(shr32(x, n), shl32(x, 32 - n)); }

/* The functions of FIPS 180-4 4.1.2. */
/*@ terminates \true;
    assigns \nothing;
    ensures \result == Sha256BigSigma0(x); */
static uint32_t big_sigma0(uint32_t x) { return xor32(xor32(rotr(x, 2), rotr(x, 13)), rotr(x, 22)); }

/*@ terminates \true;
    assigns \nothing;
    ensures \result == Sha256BigSigma1(x); */
static uint32_t big_sigma1(uint32_t x) { return xor32(xor32(rotr(x, 6), rotr(x, 11)), rotr(x, 25)); }

/*@ terminates \true;
    assigns \nothing;
    ensures \result == Sha256SmallSigma0(x); */
static uint32_t small_sigma0(uint32_t x) { return xor32(xor32(rotr(x, 7), rotr(x, 18)), shr32(x, 3)); }

/*@ terminates \true;
    assigns \nothing;
    ensures \result == Sha256SmallSigma1(x); */
static uint32_t small_sigma1(uint32_t x) { return xor32(xor32(rotr(x, 17), rotr(x, 19)), shr32(x, 10)); }

/*@ terminates \true;
    assigns \nothing;
    ensures \result == Sha256Ch(x, y, z); */
static uint32_t ch(uint32_t x, uint32_t y, uint32_t z) { return xor32(and32(x, y), and32(not32(x), z)); }

/*@ terminates \true;
    assigns \nothing;
    ensures \result == Sha256Maj(x, y, z); */
static uint32_t maj(uint32_t x, uint32_t y, uint32_t z)
{
    return xor32(xor32(and32(x, y), and32(x, z)), and32(y, z));
}

/*@ requires t < 64;
    terminates \true;
    assigns \nothing;
    ensures \result == Sha256K(t); */
static uint32_t round_constant(uint32_t t) { return k[t]; }

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

/* W[16 .. 64) of the message schedule from W[0 .. 16) (FIPS 180-4 6.2.2
 * step 1). The ghost parameters name the block of the model that W[0 .. 16)
 * came from, when it came from one. */
/*@ requires \valid(w + (0 .. 63));
    terminates \true;
    assigns w[16 .. 63];
    behavior message:
      assumes \forall integer t; 0 <= t < 16 ==> w[t] == Sha256W(d, len, blk, t);
      ensures \forall integer t; 0 <= t < 64 ==> w[t] == Sha256W(d, len, blk, t);
*/
static void expand(uint32_t w[64]) /*@ ghost (const uint8_t *d, uint64_t len, uint64_t blk) */
{
    /*@ loop invariant 16 <= t <= 64;
        for message: loop invariant \forall integer i; 0 <= i < t ==> w[i] == Sha256W(d, len, blk, i);
        loop assigns t, w[16 .. 63];
        loop variant 64 - t; */
    for (uint32_t t = 16; t < 64; t++) {
        w[t] = wrap((uint64_t)small_sigma1(w[t - 2]) + w[t - 7] + small_sigma0(w[t - 15]) + w[t - 16]);
        //@ for message: assert next: w[t] == Sha256W(d, len, blk, t);
        //@ assert kept: \forall integer i; 0 <= i < t ==> w[i] == \at(w[i], LoopCurrent);
    }
}

/* The working variables a .. h of FIPS 180-4 6.2.2. */
struct vars {
    uint32_t a, b, c, d, e, f, g, h;
};

/* One round (6.2.2 step 3) with K_t and W_t. */
/*@ terminates \true;
    assigns \nothing;
    ensures \result.a == (Sha256T1(v.e, v.f, v.g, v.h, k, w) + Sha256T2(v.a, v.b, v.c)) % 4294967296;
    ensures \result.b == v.a && \result.c == v.b && \result.d == v.c;
    ensures \result.e == (v.d + Sha256T1(v.e, v.f, v.g, v.h, k, w)) % 4294967296;
    ensures \result.f == v.e && \result.g == v.f && \result.h == v.g;
*/
static struct vars step(struct vars v, uint32_t k, uint32_t w)
{
    uint32_t t1 = wrap((uint64_t)v.h + big_sigma1(v.e) + ch(v.e, v.f, v.g) + k + w);
    uint32_t t2 = wrap((uint64_t)big_sigma0(v.a) + maj(v.a, v.b, v.c));
    struct vars n = { wrap((uint64_t)t1 + t2), v.a, v.b, v.c, wrap((uint64_t)v.d + t1), v.e, v.f, v.g };
    return n;
}

/* Working variable i (0 .. 7 for a .. h). */
/*@ requires i < 8;
    terminates \true;
    assigns \nothing;
    ensures \result == (i == 0 ? v.a : i == 1 ? v.b : i == 2 ? v.c : i == 3 ? v.d :
                        i == 4 ? v.e : i == 5 ? v.f : i == 6 ? v.g : v.h);
*/
static uint32_t working_variable(struct vars v, uint32_t i)
{
    switch (i) {
    case 0: return v.a;
    case 1: return v.b;
    case 2: return v.c;
    case 3: return v.d;
    case 4: return v.e;
    case 5: return v.f;
    case 6: return v.g;
    default: return v.h;
    }
}

/* The 64 rounds of one block from h, h[0 .. 7] then adding the result
 * (6.2.2 steps 2 to 4). */
/*@ requires \valid(h + (0 .. 7)) && \valid_read(w + (0 .. 63));
    requires \separated(h + (0 .. 7), w + (0 .. 63));
    terminates \true;
    assigns h[0 .. 7];
    behavior message:
      assumes \forall integer t; 0 <= t < 64 ==> w[t] == Sha256W(d, len, blk, t);
      ensures Sha256Compressed{Pre,Post}(h, d, len, blk);
*/
static void rounds(uint32_t h[8], const uint32_t w[64]) /*@ ghost (const uint8_t *d, uint64_t len, uint64_t blk) */
{
    struct vars v = { h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7] };
    /*@ loop invariant 0 <= t <= 64;
        for message: loop invariant
          v.a == Sha256R(d, len, blk, \at(h[0], Pre), \at(h[1], Pre), \at(h[2], Pre), \at(h[3], Pre),
                         \at(h[4], Pre), \at(h[5], Pre), \at(h[6], Pre), \at(h[7], Pre), t, 0) &&
          v.b == Sha256R(d, len, blk, \at(h[0], Pre), \at(h[1], Pre), \at(h[2], Pre), \at(h[3], Pre),
                         \at(h[4], Pre), \at(h[5], Pre), \at(h[6], Pre), \at(h[7], Pre), t, 1) &&
          v.c == Sha256R(d, len, blk, \at(h[0], Pre), \at(h[1], Pre), \at(h[2], Pre), \at(h[3], Pre),
                         \at(h[4], Pre), \at(h[5], Pre), \at(h[6], Pre), \at(h[7], Pre), t, 2) &&
          v.d == Sha256R(d, len, blk, \at(h[0], Pre), \at(h[1], Pre), \at(h[2], Pre), \at(h[3], Pre),
                         \at(h[4], Pre), \at(h[5], Pre), \at(h[6], Pre), \at(h[7], Pre), t, 3) &&
          v.e == Sha256R(d, len, blk, \at(h[0], Pre), \at(h[1], Pre), \at(h[2], Pre), \at(h[3], Pre),
                         \at(h[4], Pre), \at(h[5], Pre), \at(h[6], Pre), \at(h[7], Pre), t, 4) &&
          v.f == Sha256R(d, len, blk, \at(h[0], Pre), \at(h[1], Pre), \at(h[2], Pre), \at(h[3], Pre),
                         \at(h[4], Pre), \at(h[5], Pre), \at(h[6], Pre), \at(h[7], Pre), t, 5) &&
          v.g == Sha256R(d, len, blk, \at(h[0], Pre), \at(h[1], Pre), \at(h[2], Pre), \at(h[3], Pre),
                         \at(h[4], Pre), \at(h[5], Pre), \at(h[6], Pre), \at(h[7], Pre), t, 6) &&
          v.h == Sha256R(d, len, blk, \at(h[0], Pre), \at(h[1], Pre), \at(h[2], Pre), \at(h[3], Pre),
                         \at(h[4], Pre), \at(h[5], Pre), \at(h[6], Pre), \at(h[7], Pre), t, 7);
        loop assigns t, v;
        loop variant 64 - t; */
    for (uint32_t t = 0; t < 64; t++)
        v = step(v, round_constant(t), w[t]);
    /*@ loop invariant 0 <= i <= 8;
        loop invariant \forall integer j; i <= j < 8 ==> h[j] == \at(h[j], Pre);
        for message: loop invariant \forall integer j; 0 <= j < i ==>
          h[j] == (\at(h[j], Pre) + Sha256R(d, len, blk, \at(h[0], Pre), \at(h[1], Pre), \at(h[2], Pre),
            \at(h[3], Pre), \at(h[4], Pre), \at(h[5], Pre), \at(h[6], Pre), \at(h[7], Pre), 64, j)) % 4294967296;
        loop assigns i, h[0 .. 7];
        loop variant 8 - i; */
    for (uint32_t i = 0; i < 8; i++)
        h[i] = wrap((uint64_t)h[i] + working_variable(v, i));
}

/* Folds one 64-byte block into the hash value h: the running hash's path,
 * whose blocks the model does not name. */
/*@ requires \valid(h + (0 .. 7)) && \valid_read(block + (0 .. 63));
    requires \separated(h + (0 .. 7), block + (0 .. 63));
    terminates \true;
    assigns h[0 .. 7];
*/
static void compress(uint32_t h[8], const uint8_t block[64])
{
    uint32_t w[64];
    /*@ loop invariant 0 <= t <= 16;
        loop assigns t, w[0 .. 15];
        loop variant 16 - t; */
    for (uint32_t t = 0; t < 16; t++)
        w[t] = load_be32(block + 4 * t);
    expand(w) /*@ ghost (block, 0, 0) */;
    rounds(h, w) /*@ ghost (block, 0, 0) */;
}

/*@ requires \valid(h + (0 .. 7));
    terminates \true;
    assigns h[0 .. 7];
    ensures \forall integer i; 0 <= i < 8 ==> h[i] == Sha256H0(i);
*/
static void initial_hash(uint32_t h[8])
{
    h[0] = 0x6a09e667;
    h[1] = 0xbb67ae85;
    h[2] = 0x3c6ef372;
    h[3] = 0xa54ff53a;
    h[4] = 0x510e527f;
    h[5] = 0x9b05688c;
    h[6] = 0x1f83d9ab;
    h[7] = 0x5be0cd19;
}

void sha256_init(struct sha256 *s)
{
    initial_hash(s->h);
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

/* x without its n lowest bytes, the low byte of that: one byte of the
 * length field. */
/*@ requires n < 8;
    terminates \true;
    assigns \nothing;
    ensures \result == Sha256Shift256(x, n) % 256;
*/
static uint8_t length_byte(uint64_t x, uint64_t n)
{
    uint64_t rest = x;
    /*@ loop invariant 0 <= i <= n;
        loop invariant rest == Sha256Shift256(x, i);
        loop assigns i, rest;
        loop variant n - i; */
    for (uint64_t i = 0; i < n; i++)
        rest /= 256;
    return (uint8_t)(rest % 256);
}

/* Byte j of the padded message (FIPS 180-4 5.1.1). */
/*@ requires \valid_read(d + (0 .. len - 1)) && len < Sha256MaxBytes;
    requires j < 64 * Sha256Blocks(len);
    terminates \true;
    assigns \nothing;
    ensures \result == Sha256Pad(d, len, j);
*/
static uint8_t padded_byte(const uint8_t *d, uint64_t len, uint64_t j)
{
    uint64_t end = 64 * ((len + 8) / 64 + 1);
    if (j < len)
        return d[j];
    if (j == len)
        return 0x80;
    if (j < end - 8)
        return 0;
    return length_byte(8 * len, end - 1 - j);
}

/*@ requires \valid_read(d + (0 .. len - 1)) && len < Sha256MaxBytes;
    requires j + 3 < 64 * Sha256Blocks(len);
    terminates \true;
    assigns \nothing;
    ensures \result == Sha256Word(d, len, j);
*/
static uint32_t padded_word(const uint8_t *d, uint64_t len, uint64_t j)
{
    return ((padded_byte(d, len, j) * 256u + padded_byte(d, len, j + 1)) * 256u +
            padded_byte(d, len, j + 2)) * 256u + padded_byte(d, len, j + 3);
}

/* Folds block blk of the padded message d[0 .. len) into h. */
/*@ requires \valid(h + (0 .. 7)) && \valid_read(d + (0 .. len - 1));
    requires \separated(h + (0 .. 7), d + (0 .. len - 1));
    requires len < Sha256MaxBytes && blk < Sha256Blocks(len);
    requires Sha256HashIs(d, len, blk, h);
    terminates \true;
    assigns h[0 .. 7];
    ensures Sha256HashIs(d, len, blk + 1, h);
*/
static void compress_padded(uint32_t h[8], const uint8_t *d, uint64_t len, uint64_t blk)
{
    uint32_t w[64];
    /*@ loop invariant 0 <= t <= 16;
        loop invariant \forall integer i; 0 <= i < t ==> w[i] == Sha256W(d, len, blk, i);
        loop assigns t, w[0 .. 15];
        loop variant 16 - t; */
    for (uint32_t t = 0; t < 16; t++)
        w[t] = padded_word(d, len, 64 * blk + 4 * t);
    expand(w) /*@ ghost (d, len, blk) */;
    rounds(h, w) /*@ ghost (d, len, blk) */;
}

/* Hashes the padded message block by block; the message is read in place,
 * its padding computed byte by byte. */
void sha256_digest(const uint8_t *data, uint64_t len, uint8_t digest[32])
{
    uint32_t h[8];
    uint64_t blocks = (len + 8) / 64 + 1;
    uint64_t blk;
    initial_hash(h);
    /*@ loop invariant 0 <= blk <= blocks;
        loop invariant Sha256HashIs(data, len, blk, &h[0]);
        loop assigns blk, h[0 .. 7];
        loop variant blocks - blk; */
    for (blk = 0; blk < blocks; blk++)
        compress_padded(h, data, len, blk);
    //@ assert last: blk == Sha256Blocks(len);
    //@ assert done: Sha256HashIs(data, len, Sha256Blocks(len), &h[0]);
    put_digest(digest, h);
}
