/* gate_export_contract: what the extension exports, with the contract
 * its importers are proved against. */
#ifndef GATE_EXPORT_CONTRACT_H
#define GATE_EXPORT_CONTRACT_H

#include <stdint.h>
#include "spinel/ext.h"

/* The larger of a and b. */
/*@ terminates \true;
    assigns \nothing;
    ensures \result >= a && \result >= b;
    ensures \result == a || \result == b;
*/
uint64_t max_u64(uint64_t a, uint64_t b);

#endif
