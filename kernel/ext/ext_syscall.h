/* The kernel's side of the "syscall" interface (ext_syscall.c). */
#ifndef SPINEL_EXT_SYSCALL_KERNEL_H
#define SPINEL_EXT_SYSCALL_KERNEL_H

struct extension;

/* At unload (ext.c's forget): with interrupts off, so that no application's
 * call meets the table half changed, e's handlers on Trap.Syscall are
 * uninstalled; their numbers answer -SYS_ERR_NO_SUCH_CALL again. */
void ext_syscall_forget(const struct extension *e);

#endif
