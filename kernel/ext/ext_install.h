/* What every interface for extensions does to install a handler on a
 * kernel event (ext_api.c, ext_vm.c, ext_strand.c): only from the
 * running extension's init or fini, within its quota of handlers per
 * event, with interrupts off so that no raise from the timer or a fault
 * sees the table half changed; dispatcher codes turned into SPINEL_*. */
#ifndef SPINEL_EXT_INSTALL_H
#define SPINEL_EXT_INSTALL_H

#include <stdint.h>
#include "event/event.h"

/* The extension that called the interface function this is used in (a
 * macro: the return address must be that function's own). */
#define EXT_CALLER() ext_of_code((uint64_t)__builtin_return_address(0))

/* How a handler's closure is set: none (the extension's own guard, if
 * any, decides), or the installer's id, which a kernel guard compares
 * with the raise's argument (the context's owner, the frame's holder, the
 * strand's policy). */
enum ext_closure { EXT_CLOSURE_NONE = 0, EXT_CLOSURE_INSTALLER = 1 };

/* Installs h, guarded by g (null: unguarded), on event for the running
 * extension. SPINEL_OK or why not (NOT_NOW, QUOTA, DENIED, DUPLICATE,
 * FULL). */
int ext_install_handler(uint32_t event, handler_fn h, guard_fn g, enum ext_closure c);
/* Uninstalls it: SPINEL_OK, NOT_NOW or ABSENT. */
int ext_uninstall_handler(uint32_t event, handler_fn h, enum ext_closure c);
/* The same with a closure the interface chose (a system call's number,
 * which its kernel guard compares). */
int ext_install_closure(uint32_t event, handler_fn h, guard_fn g, void *closure);
int ext_uninstall_closure(uint32_t event, handler_fn h, void *closure);
/* Who holds the live entry of event behind kernel guard g with that
 * closure (a system call's number, a UDP port): its installer, or 0. */
uint32_t ext_closure_holder(uint32_t event, guard_fn g, void *closure);

#endif
