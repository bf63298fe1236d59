//! name syscall_unlisted
//! imports syscall
//! handler Trap.Syscall listed
/* expect: rejected: unlisted is passed to syscall_install as a handler, but the manifest does not list it as a handler of Trap.Syscall */
/* syscall_install takes the number first: the gate counts function
 * pointers only, so its handler is still checked against the manifest. */
#include "spinel/syscall.h"

/*@ terminates \true;
    assigns \nothing;
*/
static uint64_t listed(void *closure, const struct spinel_syscall *c)
{
    (void)closure;
    (void)c;
    return 0;
}

/*@ terminates \true;
    assigns \nothing;
*/
static uint64_t unlisted(void *closure, const struct spinel_syscall *c)
{
    (void)closure;
    (void)c;
    return 0;
}

/*@ terminates \true;
    assigns SpinelEvents;
*/
int ext_init(void)
{
    return syscall_install(SYSCALL_FIRST, listed) != SPINEL_OK || syscall_install(SYSCALL_FIRST + 1, unlisted) != SPINEL_OK;
}
