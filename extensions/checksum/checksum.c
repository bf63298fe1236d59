/* checksum: Fletcher-16 for other extensions (see checksum.h). It handles
 * no event; its init has nothing to install. */
#include "checksum.h"

uint32_t fletcher16(const char *data, uint32_t len)
{
    uint32_t a = 0, b = 0;
    /*@ loop invariant 0 <= i <= len;
        loop invariant a == FletcherA(data, i) && b == FletcherB(data, i);
        loop invariant 0 <= a < 255 && 0 <= b < 255;
        loop invariant SpinelFuel == \at(SpinelFuel, Pre) - i;
        loop assigns i, a, b, SpinelFuel;
        loop variant len - i;
    */
    for (uint32_t i = 0; i < len; i++) {
        spinel_spend();
        a = (a + (uint32_t)(data[i] + 256) % 256) % 255; /* the byte, unsigned */
        b = (b + a) % 255;
    }
    return b * 256 + a;
}

/*@ terminates \true;
    assigns \nothing;
*/
int ext_init(void)
{
    return 0;
}
