/* HSS/LMS verification (RFC 8554), see lms.h. Names and steps follow the
 * RFC: Algorithm 4b (the LM-OTS candidate key), 6a (the LMS root), 6.3
 * (HSS). Every hash input is assembled in a small local buffer. */
#include "crypto/lms.h"
#include "crypto/sha256.h"

#define D_PBLC 0x8080u
#define D_MESG 0x8181u
#define D_LEAF 0x8282u
#define D_INTR 0x8383u
/* A chain hash's input: I[16] q[4] i[2] j[1] tmp[32]. */
#define CHAIN_LEN 55u
#define CHAIN_TMP 23u
/* A tree hash's input: I[16] node[4] D[2] left[32] right[32]. */
#define NODE_LEN 86u

/*@ requires \valid_read(p + (0 .. 3));
    terminates \true;
    assigns \nothing;
    ensures \result == Be32At(p);
*/
static uint32_t be32(const uint8_t *p)
{
    return p[0] * 16777216u + p[1] * 65536u + p[2] * 256u + p[3];
}

/*@ requires \valid(p + (0 .. 3));
    terminates \true;
    assigns p[0 .. 3];
*/
static void put32(uint8_t *p, uint32_t x)
{
    p[0] = (uint8_t)(x / 16777216u);
    p[1] = (uint8_t)(x / 65536u % 256u);
    p[2] = (uint8_t)(x / 256u % 256u);
    p[3] = (uint8_t)(x % 256u);
}

/*@ requires \valid(p + (0 .. 1)) && x <= 65535;
    terminates \true;
    assigns p[0 .. 1];
*/
static void put16(uint8_t *p, uint32_t x)
{
    p[0] = (uint8_t)(x / 256u);
    p[1] = (uint8_t)(x % 256u);
}

/*@ requires \valid(dst + (0 .. n - 1)) && \valid_read(src + (0 .. n - 1));
    requires \separated(dst + (0 .. n - 1), src + (0 .. n - 1));
    terminates \true;
    assigns dst[0 .. n - 1];
    ensures \forall integer k; 0 <= k < n ==> dst[k] == src[k];
*/
static void copy(uint8_t *dst, const uint8_t *src, uint32_t n)
{
    /*@ loop invariant 0 <= i <= n && \forall integer k; 0 <= k < i ==> dst[k] == src[k];
        loop assigns i, dst[0 .. n - 1];
        loop variant n - i;
    */
    for (uint32_t i = 0; i < n; i++)
        dst[i] = src[i];
}

/*@ requires \valid_read(a + (0 .. 31)) && \valid_read(b + (0 .. 31));
    terminates \true;
    assigns \nothing;
    ensures \result == 0 || \result == 1;
*/
static int same32(const uint8_t *a, const uint8_t *b)
{
    int same = 1;
    /*@ loop invariant 0 <= i <= 32 && (same == 0 || same == 1);
        loop assigns i, same;
        loop variant 32 - i;
    */
    for (uint32_t i = 0; i < 32; i++)
        if (a[i] != b[i])
            same = 0;
    return same;
}

/* The prefix of every hash: I, then the 32-bit q (or node number), then a
 * 16-bit value (a domain separator or a chain index). */
/*@ requires \valid(buf + (0 .. 21)) && \valid_read(I + (0 .. 15));
    requires \separated(buf + (0 .. 21), I + (0 .. 15));
    requires d <= 65535;
    terminates \true;
    assigns buf[0 .. 21];
*/
static void put_prefix(uint8_t *buf, const uint8_t *I, uint32_t q, uint32_t d)
{
    copy(buf, I, 16);
    put32(buf + 16, q);
    put16(buf + 20, d);
}

/*@ predicate OtsParams(integer w, integer p, integer ls, integer max) =
      (w == 1 && p == 265 && ls == 7 && max == 1) || (w == 2 && p == 133 && ls == 6 && max == 3) ||
      (w == 4 && p == 67 && ls == 4 && max == 15) || (w == 8 && p == 34 && ls == 0 && max == 255);
*/

/* LM-OTS types 1 .. 4 (RFC 8554 4.1): Winternitz width w, chains p, the
 * checksum's left shift ls, and the top digit max = 2^w - 1. */
/*@ requires \valid(w) && \valid(p) && \valid(ls) && \valid(max);
    requires \separated(w, p, ls, max);
    terminates \true;
    assigns *w, *p, *ls, *max;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 ==> OtsParams(*w, *p, *ls, *max);
*/
static int ots_params(uint32_t type, uint32_t *w, uint32_t *p, uint32_t *ls, uint32_t *max)
{
    switch (type) {
    case 1: *w = 1; *p = 265; *ls = 7; *max = 1; return 1;
    case 2: *w = 2; *p = 133; *ls = 6; *max = 3; return 1;
    case 3: *w = 4; *p = 67; *ls = 4; *max = 15; return 1;
    case 4: *w = 8; *p = 34; *ls = 0; *max = 255; return 1;
    default: return 0;
    }
}

/* LMS types 5 .. 9 (RFC 8554 5.1): the tree's height h and its 2^h leaves. */
/*@ requires \valid(h) && \valid(leaves) && \separated(h, leaves);
    terminates \true;
    assigns *h, *leaves;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 ==> 5 <= *h <= 25 && 32 <= *leaves <= 33554432;
*/
static int lms_height(uint32_t type, uint32_t *h, uint32_t *leaves)
{
    switch (type) {
    case 5: *h = 5; *leaves = 32u; return 1;
    case 6: *h = 10; *leaves = 1024u; return 1;
    case 7: *h = 15; *leaves = 32768u; return 1;
    case 8: *h = 20; *leaves = 1048576u; return 1;
    case 9: *h = 25; *leaves = 33554432u; return 1;
    default: return 0;
    }
}

/* Digit i of the 34 bytes at s, w bits wide (RFC 8554 3.1.3). */
/*@ requires \valid_read(s + (0 .. 33));
    requires OtsParams(w, p, ls, max) && i < p;
    terminates \true;
    assigns \nothing;
    ensures \result <= max;
*/
static uint32_t coef(const uint8_t *s, uint32_t i, uint32_t w, uint32_t p, uint32_t ls, uint32_t max)
{
    (void)p;
    (void)ls;
    /* w divides 8: a digit never straddles two bytes. */
    uint32_t bit = i * w;
    return ((uint32_t)s[bit / 8u] >> (8u - w - bit % 8u)) % (max + 1u);
}

/* Appends the checksum of the digest s[0 .. 31] as s[32 .. 33]. */
/*@ requires \valid(s + (0 .. 33));
    requires OtsParams(w, p, ls, max);
    terminates \true;
    assigns s[32 .. 33];
*/
static void put_checksum(uint8_t *s, uint32_t w, uint32_t p, uint32_t ls, uint32_t max)
{
    uint32_t sum = 0, digits = 256u / w;
    /*@ loop invariant 0 <= i <= digits <= 256 && sum <= i * 255;
        loop assigns i, sum;
        loop variant digits - i;
    */
    for (uint32_t i = 0; i < digits; i++)
        sum += max - coef(s, i, w, p, ls, max);
    uint32_t v = sum % 65536u;
    /*@ loop invariant 0 <= k <= ls && v < 65536;
        loop assigns k, v;
        loop variant ls - k;
    */
    for (uint32_t k = 0; k < ls; k++)
        v = v * 2u % 65536u;
    put16(s + 32, v);
}

/* Q and its checksum (Algorithm 4b, steps 3-4): the digits to sign. */
/*@ requires \valid_read(I + (0 .. 15)) && \valid_read(C + (0 .. 31));
    requires \valid_read(msg + (0 .. msg_len - 1)) && msg_len <= 0x1000000000000;
    requires \valid(S + (0 .. 33));
    requires OtsParams(w, p, ls, max);
    terminates \true;
    assigns S[0 .. 33];
*/
static void message_digits(const uint8_t *I, uint32_t q, const uint8_t *C, const uint8_t *msg,
                           uint64_t msg_len, uint8_t *S, uint32_t w, uint32_t p, uint32_t ls, uint32_t max)
{
    struct sha256 h;
    uint8_t prefix[22];
    put_prefix(prefix, I, q, D_MESG);
    sha256_init(&h);
    sha256_update(&h, prefix, 22);
    sha256_update(&h, C, 32);
    sha256_update(&h, msg, msg_len);
    sha256_final(&h, S);
    put_checksum(S, w, p, ls, max);
}

/* Runs a chain from digit a to the top: buf's tmp becomes z. */
/*@ requires \valid(buf + (0 .. CHAIN_LEN - 1));
    requires a <= max <= 255;
    terminates \true;
    assigns buf[22 .. CHAIN_LEN - 1];
*/
static void chain(uint8_t *buf, uint32_t a, uint32_t max)
{
    /*@ loop invariant a <= j <= max;
        loop assigns j, buf[22 .. CHAIN_LEN - 1];
        loop variant max - j;
    */
    for (uint32_t j = a; j < max; j++) {
        buf[22] = (uint8_t)j;
        sha256_digest(buf, CHAIN_LEN, buf + CHAIN_TMP);
    }
}

/* The LM-OTS public key the signature ots (type, C, y[p]) claims for
 * msg at leaf q (Algorithm 4b). */
/*@ requires \valid_read(I + (0 .. 15));
    requires OtsParams(w, p, ls, max);
    requires \valid_read(ots + (0 .. 36 + 32 * p - 1));
    requires \valid_read(msg + (0 .. msg_len - 1)) && msg_len <= 0x1000000000000;
    requires \valid(kc + (0 .. 31));
    terminates \true;
    assigns kc[0 .. 31];
*/
static void ots_candidate(const uint8_t *I, uint32_t q, const uint8_t *ots, const uint8_t *msg, uint64_t msg_len,
                          uint8_t *kc, uint32_t w, uint32_t p, uint32_t ls, uint32_t max)
{
    uint8_t S[34], buf[CHAIN_LEN], prefix[22];
    struct sha256 pub;
    message_digits(I, q, ots + 4, msg, msg_len, S, w, p, ls, max);
    put_prefix(prefix, I, q, D_PBLC);
    sha256_init(&pub);
    sha256_update(&pub, prefix, 22);
    copy(buf, I, 16);
    put32(buf + 16, q);
    /*@ loop invariant 0 <= i <= p;
        loop invariant Sha256Ok(&pub) && pub.total == 22 + 32 * i;
        loop assigns i, pub, buf[16 .. CHAIN_LEN - 1];
        loop variant p - i;
    */
    for (uint32_t i = 0; i < p; i++) {
        put16(buf + 20, i);
        copy(buf + CHAIN_TMP, ots + 36 + 32 * i, 32);
        chain(buf, coef(S, i, w, p, ls, max), max);
        sha256_update(&pub, buf + CHAIN_TMP, 32);
    }
    sha256_final(&pub, kc);
}

/* The root of an LMS tree of height h from leaf q's key kc and its
 * authentication path (Algorithm 6a, steps 4-5). */
/*@ requires \valid_read(I + (0 .. 15)) && \valid_read(kc + (0 .. 31));
    requires 5 <= h <= 25 && leaves <= 33554432 && q < leaves;
    requires \valid_read(path + (0 .. 32 * h - 1));
    requires \valid(root + (0 .. 31));
    requires \separated(root + (0 .. 31), path + (0 .. 32 * h - 1));
    terminates \true;
    assigns root[0 .. 31];
*/
static void tree_root(const uint8_t *I, uint32_t q, uint32_t h, uint32_t leaves, const uint8_t *kc,
                      const uint8_t *path, uint8_t *root)
{
    uint8_t buf[NODE_LEN];
    uint32_t node = leaves + q;
    put_prefix(buf, I, node, D_LEAF);
    copy(buf + 22, kc, 32);
    sha256_digest(buf, 54, root);
    /*@ loop invariant 0 <= i <= h;
        loop assigns i, node, buf[0 .. NODE_LEN - 1], root[0 .. 31];
        loop variant h - i;
    */
    for (uint32_t i = 0; i < h; i++) {
        put_prefix(buf, I, node / 2u, D_INTR);
        if (node % 2u) {
            copy(buf + 22, path + 32 * i, 32);
            copy(buf + 54, root, 32);
        } else {
            copy(buf + 22, root, 32);
            copy(buf + 54, path + 32 * i, 32);
        }
        sha256_digest(buf, NODE_LEN, root);
        node /= 2u;
    }
}

/* Bytes of the LMS signature at s, by its own type fields; 0 if they are
 * unknown or it does not fit in avail. */
/*@ requires \valid_read(s + (0 .. avail - 1)) && avail <= 0x1000000000000;
    terminates \true;
    assigns \nothing;
    ensures \result <= avail;
*/
static uint64_t lms_sig_len(const uint8_t *s, uint64_t avail)
{
    uint32_t w, p, ls, max, h, leaves;
    if (avail < 8 || !ots_params(be32(s + 4), &w, &p, &ls, &max))
        return 0;
    uint64_t ots_len = 36u + 32u * (uint64_t)p;
    if (avail < 4 + ots_len + 4 || !lms_height(be32(s + 4 + ots_len), &h, &leaves))
        return 0;
    uint64_t n = 4 + ots_len + 4 + 32u * (uint64_t)h;
    return n <= avail ? n : 0;
}

/* Whether sig[0 .. sig_len) is an LMS signature of msg under the LMS
 * public key key[0 .. 55] (RFC 8554 5.4.2). */
/*@ requires \valid_read(key + (0 .. LMS_KEY_LEN - 1));
    requires \valid_read(msg + (0 .. msg_len - 1)) && msg_len <= 0x1000000000000;
    requires \valid_read(sig + (0 .. sig_len - 1)) && sig_len <= 0x1000000000000;
    terminates \true;
    assigns \nothing;
    ensures \result == 0 || \result == 1;
*/
static int lms_verify(const uint8_t *key, const uint8_t *msg, uint64_t msg_len, const uint8_t *sig, uint64_t sig_len)
{
    uint32_t w, p, ls, max, h, leaves;
    uint32_t lms_type = be32(key), ots_type = be32(key + 4);
    if (!lms_height(lms_type, &h, &leaves) || !ots_params(ots_type, &w, &p, &ls, &max))
        return 0;
    uint64_t ots_len = 36u + 32u * (uint64_t)p;
    if (sig_len != 4 + ots_len + 4 + 32u * (uint64_t)h)
        return 0;
    if (be32(sig + 4) != ots_type || be32(sig + 4 + ots_len) != lms_type)
        return 0;
    uint32_t q = be32(sig);
    if (q >= leaves)
        return 0;
    uint8_t kc[32], root[32];
    ots_candidate(key + 8, q, sig + 4, msg, msg_len, kc, w, p, ls, max);
    tree_root(key + 8, q, h, leaves, kc, sig + 8 + ots_len, root);
    return same32(root, key + 24);
}

int hss_verify(const uint8_t *pub, const uint8_t *msg, uint64_t msg_len, const uint8_t *sig, uint64_t sig_len)
{
    uint8_t key[LMS_KEY_LEN];
    uint32_t levels = be32(pub);
    if (levels < 1 || levels > HSS_LEVELS_MAX || sig_len < 4 || be32(sig) != levels - 1)
        return 0;
    copy(key, pub + 4, LMS_KEY_LEN);
    uint64_t at = 4;
    /*@ loop invariant 0 <= l <= levels - 1 && 4 <= at <= sig_len;
        loop assigns l, at, key[0 .. LMS_KEY_LEN - 1];
        loop variant levels - 1 - l;
    */
    for (uint32_t l = 0; l + 1 < levels; l++) {
        uint64_t n = lms_sig_len(sig + at, sig_len - at);
        if (n == 0 || sig_len - at - n < LMS_KEY_LEN)
            return 0;
        if (!lms_verify(key, sig + at + n, LMS_KEY_LEN, sig + at, n))
            return 0;
        copy(key, sig + at + n, LMS_KEY_LEN);
        at += n + LMS_KEY_LEN;
    }
    uint64_t n = lms_sig_len(sig + at, sig_len - at);
    if (n == 0 || n != sig_len - at)
        return 0;
    return lms_verify(key, msg, msg_len, sig + at, n);
}
