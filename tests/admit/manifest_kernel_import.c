//! name kernel_import
//! imports frames
/* expect: imports 'frames', which is neither an interface */
/* Asks for the kernel's frame allocator, which is no extension interface. */
#include "spinel/ext.h"

/*@ terminates \true;
    assigns \nothing;
*/
int ext_init(void)
{
    return 0;
}
