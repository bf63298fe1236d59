//! name syscall_unchecked_length
//! imports syscall
//! handler Trap.Syscall on_echo
/* expect: precondition `\valid(dst + (0 .. len - 1))` of syscall_copy_in may not hold */
/* A system call that copies the caller's buffer into a 16-byte one with
 * the length the caller chose, unchecked: a kernel stack overflow the
 * application controls. The copy's contract refuses it. */
#include "spinel/syscall.h"

/*@ requires \valid_read(c);
    terminates \true;
    assigns SpinelUser;
*/
static uint64_t on_echo(void *closure, const struct spinel_syscall *c)
{
    (void)closure;
    uint8_t buf[16] = { 0 };
    if (syscall_copy_in(c, buf, c->arg[0], c->arg[1]) != 0)
        return 1;
    return syscall_copy_out(c, c->arg[2], buf, 16) == 0 ? 16 : 1;
}

/*@ terminates \true;
    assigns SpinelEvents;
*/
int ext_init(void)
{
    return syscall_install(SYSCALL_FIRST, on_echo) != SPINEL_OK;
}
