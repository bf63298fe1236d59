/* HSS/LMS signature verification (RFC 8554), with SHA-256 only: how the
 * kernel checks that a package was certified by the admission tool, whose
 * private key never enters the tree, the image or the ISO. The kernel holds
 * only the 60-byte public key. */
#ifndef SPINEL_LMS_H
#define SPINEL_LMS_H

#include <stdint.h>

#define LMS_PUBLIC_LEN 60u  /* u32 levels, then the top LMS public key */
#define LMS_KEY_LEN 56u     /* u32 LMS type, u32 LM-OTS type, I[16], T[1][32] */
#define HSS_LEVELS_MAX 2u   /* the admission tool signs with two levels */

/*@ logic integer Be32At(uint8_t *p) = p[0] * 16777216 + p[1] * 65536 + p[2] * 256 + p[3]; */

/* Whether sig[0 .. sig_len) is an HSS signature of msg[0 .. msg_len)
 * under the public key pub (RFC 8554 6.3): 1 if it verifies, else 0. It
 * reads nothing outside the three buffers and stops after at most
 * HSS_LEVELS_MAX levels of at most 265 * 255 hashes each. A 1 also says
 * that the signature has one signed public key fewer than the key has
 * levels, as the RFC requires; that the root it recomputes is the key's
 * is checked with SHA-256; its incremental API, which this uses, has no
 * logic model, so the contract does not say what the root is. */
/*@ requires \valid_read(pub + (0 .. LMS_PUBLIC_LEN - 1));
    requires \valid_read(msg + (0 .. msg_len - 1));
    requires \valid_read(sig + (0 .. sig_len - 1));
    requires msg_len <= 0x1000000000000 && sig_len <= 0x1000000000000;
    terminates \true;
    assigns \nothing;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 ==> 1 <= Be32At(pub) <= HSS_LEVELS_MAX &&
      sig_len >= 4 && Be32At(sig) + 1 == Be32At(pub);
*/
int hss_verify(const uint8_t *pub, const uint8_t *msg, uint64_t msg_len, const uint8_t *sig, uint64_t sig_len);

#endif
