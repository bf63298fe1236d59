/* Ethernet II headers. */
#include "net/ether.h"

int ether_parse(const uint8_t *frame, uint32_t len, struct ether_hdr *out)
{
    if (len < ETHER_HDR)
        return ETHER_ERR_SHORT;
    uint16_t type = be16(frame + 12);
    if (type < ETHER_TYPE_MIN)
        return ETHER_ERR_LENGTH;
    mac_copy(out->dst, frame);
    mac_copy(out->src, frame + 6);
    out->type = type;
    out->payload.off = ETHER_HDR;
    out->payload.len = len - ETHER_HDR;
    return ETHER_OK;
}

void ether_build(uint8_t *buf, const uint8_t *dst, const uint8_t *src, uint16_t type)
{
    mac_copy(buf, dst);
    mac_copy(buf + 6, src);
    put_be16(buf + 12, type);
}
