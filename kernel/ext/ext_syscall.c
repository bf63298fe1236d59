/* The kernel's side of the "syscall" interface
 * (extensions/include/spinel/syscall.h): an extension's handler on
 * Trap.Syscall runs behind a kernel guard that compares the call's number
 * with the one it was installed for (its closure); one extension per
 * number; the handler's copies reach only the memory of the application
 * whose call is raised, through the proved copy planner. Trusted, as
 * ext_api.c. */
#include <stddef.h>
#include "app/app.h"
#include "app/syscall.h"
#include "app/ucopy.h"
#include "arch.h"
#include "ext/ext.h"
#include "ext/ext_install.h"
#include "ext/ext_syscall.h"
#include "kernel.h"
#include "spinel/abi.h"
#include "spinel/syscall.h"

_Static_assert(offsetof(struct spinel_syscall, number) == offsetof(struct syscall_event, number) &&
                   offsetof(struct spinel_syscall, arg) == offsetof(struct syscall_event, arg) &&
                   sizeof(((struct spinel_syscall *)0)->arg) == sizeof(((struct syscall_event *)0)->arg) &&
                   offsetof(struct spinel_syscall, caller) == offsetof(struct syscall_event, owner) &&
                   sizeof(((struct spinel_syscall *)0)->caller) == sizeof(((struct syscall_event *)0)->owner),
               "system call views differ");
_Static_assert(sizeof(struct spinel_syscall) <= sizeof(struct syscall_event), "system call views differ");
#define SAME(a, b) ((int)(a) == (int)(b))
_Static_assert(SAME(SYSCALL_FIRST, SYS_EXTENSION_BASE) && SAME(SYSCALL_LAST, SYS_NUMBER_MAX) &&
                   (int)SYSCALL_FIRST >= (int)SYS_KERNEL_CALLS,
               "system call numbers differ");
_Static_assert(SAME(SYSCALL_ERR_NO_SUCH_CALL, SYS_ERR_NO_SUCH_CALL) && SAME(SYSCALL_ERR_FAULT, SYS_ERR_FAULT) &&
                   SAME(SYSCALL_ERR_KERNEL, SYS_ERR_KERNEL) && SAME(SYSCALL_ERR_TOO_LONG, SYS_ERR_TOO_LONG) &&
                   SAME(SYSCALL_ERR_NO_SUCH, SYS_ERR_NO_SUCH) && SAME(SYSCALL_ERR_FULL, SYS_ERR_FULL) &&
                   SAME(SYSCALL_ERR_INVALID, SYS_ERR_INVALID) && SAME(SYSCALL_COPY_MAX, UC_MAX_LEN),
               "system call errors differ");

/* Runs a handler only for calls with the number it was installed for. */
static int number_guard(void *closure, const void *args)
{
    return ((const struct syscall_event *)args)->number == (uint64_t)(uintptr_t)closure;
}

int syscall_install(uint64_t number, syscall_handler *h)
{
    const struct extension *e = ext_running();
    if (!e)
        return SPINEL_ERR_NOT_NOW;
    if (number < SYSCALL_FIRST)
        return SPINEL_ERR_DENIED;
    if (number > SYSCALL_LAST)
        return SPINEL_ERR_INVALID;
    uint32_t holder = ext_closure_holder(syscall_event_id(), number_guard, (void *)(uintptr_t)number);
    if (holder)
        return holder == e->installer ? SPINEL_ERR_DUPLICATE : SPINEL_ERR_TAKEN;
    return ext_install_closure(syscall_event_id(), (handler_fn)h, number_guard, (void *)(uintptr_t)number);
}

int syscall_uninstall(uint64_t number, syscall_handler *h)
{
    return ext_uninstall_closure(syscall_event_id(), (handler_fn)h, (void *)(uintptr_t)number);
}

/* The application in the call, if a call is being served at all. */
static const struct app *caller(void)
{
    const struct app *a = syscall_serving();
    return a && a == app_current() ? a : 0;
}

int64_t syscall_copy_in(const struct spinel_syscall *c, uint8_t *dst, uint64_t uaddr, uint64_t len)
{
    (void)c; /* the caller is the kernel's to know */
    const struct app *a = caller();
    if (len > UC_MAX_LEN)
        return -(int64_t)SYS_ERR_TOO_LONG;
    return a ? syscall_copy_error(user_copy_in(a->ctx, dst, uaddr, len)) : -(int64_t)SYS_ERR_FAULT;
}

int64_t syscall_copy_out(const struct spinel_syscall *c, uint64_t uaddr, const uint8_t *src, uint64_t len)
{
    (void)c;
    const struct app *a = caller();
    if (len > UC_MAX_LEN)
        return -(int64_t)SYS_ERR_TOO_LONG;
    return a ? syscall_copy_error(user_copy_out(a->ctx, uaddr, src, len)) : -(int64_t)SYS_ERR_FAULT;
}

void ext_syscall_forget(const struct extension *e)
{
    struct event *ev = dispatch_event(&kernel.events, syscall_event_id());
    uint64_t flags = arch_irq_save();
    for (uint32_t i = ev->count; i-- > 0;)
        if (ev->entry[i].live && ev->entry[i].installer == e->installer)
            event_uninstall(ev, ev->entry[i].fn, ev->entry[i].closure);
    arch_irq_restore(flags);
}
