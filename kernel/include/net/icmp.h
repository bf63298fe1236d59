/* ICMP echo request and reply (RFC 792): type, code 0, a checksum over
 * the whole message, identifier, sequence number, payload. Model in
 * spec/net/icmp.acsl. */
#ifndef SPINEL_NET_ICMP_H
#define SPINEL_NET_ICMP_H

#include <stdint.h>
#include "net/wire.h"
#include "net/csum.h"

#define ICMP_HDR 8u
#define ICMP_ECHO_REPLY 0u
#define ICMP_ECHO_REQUEST 8u
#define ICMP_MAX 65515u /* an IPv4 datagram's 65535 bytes less its header */

struct icmp_echo {
    uint8_t type;
    uint8_t code;
    uint16_t csum;
    uint16_t id;
    uint16_t seq;
    struct net_view payload;
};

enum icmp_err {
    ICMP_OK = 0,
    ICMP_ERR_SHORT = 330,    /* shorter than ICMP_HDR */
    ICMP_ERR_CHECKSUM = 331, /* the message's sum is not all ones */
    ICMP_ERR_TYPE = 332,     /* not an echo request or reply */
    ICMP_ERR_CODE = 333      /* an echo with a code other than 0 */
};

#include "net/icmp.acsl"

/* Reads the echo message that is the view v of frame[0 .. len) (an IPv4
 * payload). Refusals in this order; *out is written only on success. */
/*@ requires \valid_read(frame + (0 .. len - 1)) && NetViewIn(v, len);
    requires \valid(out) && \separated(out, frame + (0 .. len - 1));
    terminates \true;
    assigns *out;
    behavior short:
      assumes v.len < ICMP_HDR;
      ensures \result == ICMP_ERR_SHORT;
    behavior checksum:
      assumes v.len >= ICMP_HDR && !CsumOk(frame + v.off, v.len, 0);
      ensures \result == ICMP_ERR_CHECKSUM;
    behavior type:
      assumes v.len >= ICMP_HDR && CsumOk(frame + v.off, v.len, 0) && !IcmpEcho(frame + v.off);
      ensures \result == ICMP_ERR_TYPE;
    behavior code:
      assumes v.len >= ICMP_HDR && CsumOk(frame + v.off, v.len, 0) && IcmpEcho(frame + v.off);
      assumes frame[v.off + 1] != 0;
      ensures \result == ICMP_ERR_CODE;
    behavior ok:
      assumes v.len >= ICMP_HDR && CsumOk(frame + v.off, v.len, 0) && IcmpEcho(frame + v.off);
      assumes frame[v.off + 1] == 0;
      ensures \result == ICMP_OK;
      ensures IcmpIs(frame + v.off, v, out);
      ensures NetViewIn(out->payload, len);
    complete behaviors;
    disjoint behaviors;
*/
int icmp_parse(const uint8_t *frame, uint32_t len, struct net_view v, struct icmp_echo *out);

/* Writes an echo header (type, code 0, id, seq) and the checksum of the
 * message buf[0 .. n), whose payload the caller wrote past the header. */
/*@ requires ICMP_HDR <= n <= ICMP_MAX && \valid(buf + (0 .. n - 1));
    terminates \true;
    assigns buf[0 .. ICMP_HDR - 1];
    ensures IcmpBuilt(buf, n, type, id, seq);
*/
void icmp_build(uint8_t *buf, uint32_t n, uint8_t type, uint16_t id, uint16_t seq);

#endif
