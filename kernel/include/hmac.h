/* HMAC-SHA-256 (RFC 2104 with SHA-256, RFC 4231's test vectors): the MAC
 * the kernel checks extension certificates with, and a constant-time
 * comparison of two MACs. */
#ifndef SPINEL_HMAC_H
#define SPINEL_HMAC_H

#include <stdint.h>
#include "sha256.h"

/* mac = HMAC-SHA-256(key, msg). A key longer than the 64-byte block is
 * hashed first. mac may overlap key or msg: it is written last. */
/*@ requires \valid_read(key + (0 .. key_len - 1));
    requires \valid_read(msg + (0 .. msg_len - 1));
    requires \valid(mac + (0 .. 31));
    requires key_len < Sha256MaxBytes;
    requires 64 + msg_len < Sha256MaxBytes;
    terminates \true;
    assigns mac[0 .. 31];
*/
void hmac_sha256(const uint8_t *key, uint64_t key_len, const uint8_t *msg, uint64_t msg_len,
                 uint8_t mac[32]);

/* 1 if a and b hold the same 32 bytes, else 0, in a time that does not
 * depend on where they differ: every byte is read, no early exit. */
/*@ requires \valid_read(a + (0 .. 31)) && \valid_read(b + (0 .. 31));
    terminates \true;
    assigns \nothing;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 <==> (\forall integer i; 0 <= i < 32 ==> a[i] == b[i]);
*/
int hmac_sha256_equal(const uint8_t a[32], const uint8_t b[32]);

#endif
