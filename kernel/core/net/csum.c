/* The Internet checksum: an integer sum of the words, then the carries
 * folded back in (RFC 1071, section 4.1). */
#include "net/csum.h"

uint64_t csum_add(uint64_t acc, const uint8_t *p, uint32_t n)
{
    uint64_t sum = acc;
    uint32_t w;
    /*@ loop invariant 0 <= w <= n / 2;
        loop invariant sum == acc + CsumPlain(p, n, w);
        loop invariant sum <= acc + 65535 * w;
        loop assigns w, sum;
        loop variant n / 2 - w; */
    for (w = 0; w < n / 2; w++)
        sum += 256u * p[2 * w] + p[2 * w + 1];
    if (n % 2 != 0) {
        //@ assert CsumWords(n) == w + 1;
        sum += 256u * p[n - 1];
    }
    return sum;
}

uint16_t csum_fold(uint64_t x)
{
    uint64_t s = x;
    /*@ loop invariant CsumFold(s) == CsumFold(x);
        loop invariant s % 65535 == x % 65535;
        loop invariant s == 0 <==> x == 0;
        loop assigns s;
        loop variant s; */
    while (s > 65535u) {
        //@ assert s == 65536 * (s / 65536) + s % 65536;
        s = s % 65536u + s / 65536u;
    }
    return (uint16_t)s;
}

uint16_t csum_sum(uint64_t acc, const uint8_t *p, uint32_t n) { return csum_fold(csum_add(acc, p, n)); }

/* Writes c into the zero field p[pos .. pos + 2): the field's word goes
 * from 0 to c and the others stay, so the plain sum grows by c. The
 * induction on the words is ghost code: nothing at run time. */
/*@ requires \valid(p + (0 .. n - 1));
    requires pos % 2 == 0 && pos + 1 < n && Be16(p + pos) == 0;
    terminates \true;
    assigns p[pos .. pos + 1];
    ensures Be16(p + pos) == c;
    ensures CsumPlain(p, n, CsumWords(n)) == \old(CsumPlain(p, n, CsumWords(n))) + c;
*/
static void csum_put(uint8_t *p, uint32_t n, uint32_t pos, uint16_t c)
{
    (void)n; /* the contract's and the ghost induction's bound */
    put_be16(p + pos, c);
    //@ ghost uint32_t k = 0;
    /*@ ghost
      /@ loop invariant 0 <= k <= CsumWords(n);
         loop invariant CsumPlain(p, n, k) == CsumPlain{Pre}(p, n, k) + (k > pos / 2 ? c : 0);
         loop assigns k;
         loop variant CsumWords(n) - k; @/
      while (k < n / 2 + n % 2)
          k++;
    */
    //@ assert pos / 2 < CsumWords(n) && k == CsumWords(n);
}

/* The complement c of the sum with the field zero makes the whole sum
 * acc + S + c a positive multiple of 65535, whose fold is 0xffff. */
void csum_store(uint8_t *p, uint32_t n, uint32_t pos, uint64_t acc, int nonzero)
{
    put_be16(p + pos, 0);
    uint64_t s = csum_add(acc, p, n);
    uint16_t f = csum_fold(s);
    uint16_t c = (uint16_t)(65535u - f);
    if (c == 0 && nonzero)
        c = 65535u;
    csum_put(p, n, pos, c);
    //@ assert whole: s + c == acc + CsumPlain(p, n, CsumWords(n));
    /* The fold of the new sum, whose residue and sign give 0xffff: a few
     * instructions, for the proof. */
    uint16_t t = csum_fold(s + c);
    //@ assert t == 65535;
    //@ assert t == CsumSum(p, n, acc);
    (void)t;
}
