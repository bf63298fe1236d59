/* checksum: Fletcher-16 over bytes, a service other extensions import
 * (manifest: imports checksum). */
#ifndef SPINEL_EXT_CHECKSUM_H
#define SPINEL_EXT_CHECKSUM_H

#include <stdint.h>
#include "spinel/ext.h"

/*@ // Fletcher-16's two running sums over data[0 .. n), each mod 255.
    logic integer FletcherA(char *data, integer n) =
      n <= 0 ? 0 : (FletcherA(data, n - 1) + (data[n - 1] + 256) % 256) % 255;
    logic integer FletcherB(char *data, integer n) =
      n <= 0 ? 0 : (FletcherB(data, n - 1) + FletcherA(data, n)) % 255;
*/

/* Fletcher-16 of the len bytes at data (as unsigned bytes): B in the high
 * byte, A in the low. One loop iteration per byte. */
/*@ requires \valid_read(data + (0 .. len - 1));
    requires SpinelFuel >= len;
    terminates \true;
    assigns SpinelFuel;
    ensures SpinelFuel == \old(SpinelFuel) - len;
    ensures \result == FletcherB(data, len) * 256 + FletcherA(data, len);
*/
uint32_t fletcher16(const char *data, uint32_t len);

#endif
