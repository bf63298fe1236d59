/* The Internet checksum (RFC 1071): the one's-complement sum of 16-bit
 * big-endian words, proved against the model in spec/net/csum.acsl. A
 * message is right when the sum over all of it, its checksum field
 * included, is all ones (CsumOk). */
#ifndef SPINEL_NET_CSUM_H
#define SPINEL_NET_CSUM_H

#include <stdint.h>
#include "net/wire.h"

/* The largest starting sum (a pseudo-header's is under 2^19): a sum of up
 * to 2^31 words then stays below 2^64. */
#define CSUM_ACC_MAX 281474976710656ull /* 2^48 */

#include "net/csum.acsl"

/* acc plus the words of p[0 .. n), as an integer (no folding). */
/*@ requires \valid_read(p + (0 .. n - 1));
    requires acc <= CSUM_ACC_MAX;
    terminates \true;
    assigns \nothing;
    ensures \result == acc + CsumPlain(p, n, CsumWords(n));
    ensures \result <= acc + 65535 * CsumWords(n);
*/
uint64_t csum_add(uint64_t acc, const uint8_t *p, uint32_t n);

/* The end-around carry fold of x. The fold keeps x's residue modulo
 * 65535 (2^16 = 1 there) and is 0 only for 0. */
/*@ terminates \true;
    assigns \nothing;
    ensures \result == CsumFold(x);
    ensures \result % 65535 == x % 65535;
    ensures \result == 0 <==> x == 0;
*/
uint16_t csum_fold(uint64_t x);

/* RFC 1071's sum of p[0 .. n) after acc: CsumOk exactly when it is 0xffff. */
/*@ requires \valid_read(p + (0 .. n - 1));
    requires acc <= CSUM_ACC_MAX;
    terminates \true;
    assigns \nothing;
    ensures \result == CsumSum(p, n, acc);
*/
uint16_t csum_sum(uint64_t acc, const uint8_t *p, uint32_t n);

/* Fills the checksum field p[pos .. pos + 2) of the message p[0 .. n)
 * (summed after acc) so that the message is right. With nonzero, a field
 * that would be 0 is written 0xffff, the same in one's complement (UDP,
 * where 0 means no checksum). Writes only the field. */
/*@ requires \valid(p + (0 .. n - 1));
    requires pos % 2 == 0 && pos + 1 < n;
    requires acc <= CSUM_ACC_MAX;
    terminates \true;
    assigns p[pos .. pos + 1];
    ensures ok: CsumOk(p, n, acc);
    ensures nonzero: nonzero != 0 ==> Be16(p + pos) != 0;
*/
void csum_store(uint8_t *p, uint32_t n, uint32_t pos, uint64_t acc, int nonzero);

#endif
