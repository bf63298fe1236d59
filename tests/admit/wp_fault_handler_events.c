//! name fault_events
//! imports translation
//! handler Translation.PageNotPresent once
/* expect: rejected: once does not meet the Translation.PageNotPresent handler contract */
/* A fault handler that uninstalls itself: a fault handler runs on the
 * faulting strand in the middle of a raise, and its contract lets it
 * change the VM services (map, protect, allocate), never the event
 * tables (SpinelEvents). */
#include "spinel/translation.h"

/*@ requires \valid_read(f);
    terminates \true;
    assigns SpinelEvents;
*/
static uint64_t once(void *closure, const struct spinel_fault *f)
{
    (void)closure;
    (void)f;
    translation_uninstall_not_present(once);
    return 0;
}

/*@ terminates \true;
    assigns SpinelEvents;
*/
int ext_init(void)
{
    return translation_install_not_present(once);
}
