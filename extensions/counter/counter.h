/* counter: what it exports. counter_lines takes nothing and needs
 * nothing, so the shell may run it: `call counter counter_lines`. */
#ifndef SPINEL_EXT_COUNTER_H
#define SPINEL_EXT_COUNTER_H

#include <stdint.h>
#include "spinel/ext.h"

/* The lines counted so far. */
/*@ terminates \true;
    assigns \nothing;
*/
uint64_t counter_lines(void);

#endif
