//! name unknown_event
//! imports print shell
//! handler Net.Packet on_packet
/* expect: handles 'Net.Packet', which is not an event */
#include "spinel/shell.h"

/*@ terminates \true;
    assigns \nothing;
*/
int ext_init(void)
{
    return 0;
}
