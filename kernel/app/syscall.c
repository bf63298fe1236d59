/* System calls: the entry (syscall_dispatch) raises Trap.Syscall; the
 * kernel's calls are its default handler. Trusted runtime. A user value
 * is never used as a kernel pointer: buffers go through the proved copy
 * planner (user_copy_in), kernel objects through the application's
 * reference table (cap_internalize). */
#include "app/app.h"
#include "app/port.h"
#include "app/syscall.h"
#include "app/ucopy.h"
#include "arch.h"
#include "console.h"
#include "ext/ext.h"
#include "kernel.h"
#include "lib/kstring.h"
#include "spinel/abi.h"
#include "strand/runtime.h"
#include "vm/vm.h"

#define CHUNK 256u       /* bytes of a write copied at a time */
#define NAME_MAX_LEN 32u /* getref's longest name */
#define SLEEP_MAX 10000u /* ticks: a longer sleep is refused */

static uint32_t syscall_event, time_event;
/* The application whose call is being raised (interrupts are off then). */
static const struct app *serving;

uint32_t syscall_event_id(void) { return syscall_event; }

const struct app *syscall_serving(void) { return serving; }

static int64_t err(enum sys_err e) { return -(int64_t)e; }

int64_t syscall_copy_error(int r)
{
    return r == UC_OK             ? 0
           : r == UC_ERR_TOO_LONG ? err(SYS_ERR_TOO_LONG)
           : r == UC_ERR_KERNEL   ? err(SYS_ERR_KERNEL)
                                  : err(SYS_ERR_FAULT);
}

/* The whole buffer is checked first, so a bad one prints nothing. */
static int64_t sys_write(const struct syscall_event *c)
{
    uint64_t buf = c->arg[0], len = c->arg[1];
    int r = user_check(c->ctx, buf, len, TR_PROT_READ);
    if (r != UC_OK)
        return syscall_copy_error(r);
    char chunk[CHUNK];
    for (uint64_t done = 0; done < len;) {
        uint64_t n = len - done < CHUNK ? len - done : CHUNK;
        if ((r = user_copy_in(c->ctx, chunk, buf + done, n)) != UC_OK)
            return syscall_copy_error(r);
        for (uint64_t i = 0; i < n; i++)
            kputc(chunk[i]);
        done += n;
    }
    return (int64_t)len;
}

int64_t syscall_ref_error(int r)
{
    switch (r) {
    case CAP_ERR_FOREIGN: return err(SYS_ERR_FOREIGN_REF);
    case CAP_ERR_STALE: return err(SYS_ERR_STALE_REF);
    case CAP_ERR_WRONG_TYPE: return err(SYS_ERR_WRONG_TYPE);
    case CAP_ERR_RIGHTS: return err(SYS_ERR_DENIED);
    default: return err(SYS_ERR_BAD_REF);
    }
}

static int app_event(const struct event *ev)
{
    return kstrnlen(ev->name, 8) >= 4 && kmemcmp((const uint8_t *)ev->name, (const uint8_t *)"App.", 4) == 0;
}

/* getref(name, len): a reference to the App.* event so named. */
static int64_t sys_getref(const struct syscall_event *c)
{
    char name[NAME_MAX_LEN + 1];
    uint64_t len = c->arg[1];
    if (len == 0 || len > NAME_MAX_LEN)
        return err(SYS_ERR_INVALID);
    int r = user_copy_in(c->ctx, name, c->arg[0], len);
    if (r != UC_OK)
        return syscall_copy_error(r);
    for (uint32_t id = 0; id < kernel.events.nevents; id++) {
        struct event *ev = &kernel.events.ev[id];
        if (app_event(ev) && kstrnlen(ev->name, NAME_MAX_LEN + 1) == len &&
            kmemcmp((const uint8_t *)ev->name, (const uint8_t *)name, len) == 0) {
            cap_ref_t ref;
            r = cap_externalize(&kernel.caps, c->table, &ev->obj, CAP_RIGHT_READ | CAP_RIGHT_CALL, &ref);
            return r == CAP_OK ? (int64_t)ref : err(SYS_ERR_FULL);
        }
    }
    return err(SYS_ERR_NO_SUCH);
}

static int64_t sys_dropref(const struct syscall_event *c)
{
    int r = cap_revoke(&kernel.caps, c->table, c->arg[0]);
    return r == CAP_OK ? 0 : syscall_ref_error(r);
}

/* raise(ref, arg): the event the reference names, with the caller said. */
static int64_t sys_raise(const struct syscall_event *c)
{
    struct kobject *obj;
    int r = cap_internalize(&kernel.caps, c->table, c->arg[0], CAP_EVENT, CAP_RIGHT_CALL, &obj);
    if (r != CAP_OK)
        return syscall_ref_error(r);
    struct app_raise a = { .arg = c->arg[1], .owner = c->owner };
    return (int64_t)event_raise(dispatch_event(&kernel.events, obj->id), &a);
}

/* map(vaddr, prot): a fresh zeroed frame of the caller's, read-only or
 * read-write (never executable: code comes only from the executable). */
static int64_t sys_map(const struct syscall_event *c)
{
    uint64_t prot = c->arg[1];
    uint32_t page;
    if (prot != SYS_PROT_READ && prot != (SYS_PROT_READ | SYS_PROT_WRITE))
        return err(SYS_ERR_INVALID);
    if (vm_phys_alloc(c->owner, PHYS_ATTR_ZERO, &page) != PHYS_OK)
        return err(SYS_ERR_FULL);
    int r = vm_map(c->owner, c->ctx, c->arg[0], page, (uint32_t)prot);
    if (r != TR_OK) {
        vm_phys_free(c->owner, page);
        return r == TR_ERR_UNALIGNED || r == TR_ERR_MAPPED ? err(SYS_ERR_INVALID)
               : r == TR_ERR_KERNEL_HALF                  ? err(SYS_ERR_KERNEL)
                                                          : err(SYS_ERR_FULL);
    }
    return 0;
}

/* unmap(vaddr): the mapping removed and its frame freed. */
static int64_t sys_unmap(const struct syscall_event *c)
{
    uint32_t page, prot;
    if (vm_examine(c->ctx, c->arg[0], &page, &prot) != TR_OK)
        return err(SYS_ERR_INVALID);
    if (vm_unmap(c->owner, c->ctx, c->arg[0]) != TR_OK)
        return err(SYS_ERR_INVALID);
    vm_phys_free(c->owner, page);
    return 0;
}

/* The kernel's calls: Trap.Syscall's default handler. */
static uint64_t then(struct syscall_event *c, enum syscall_then what, uint64_t arg)
{
    c->then = what;
    c->then_arg = arg;
    return 0;
}

static uint64_t kernel_calls(void *closure, void *args)
{
    (void)closure;
    struct syscall_event *c = args;
    switch (c->number) {
    case SYS_WRITE: return (uint64_t)sys_write(c);
    case SYS_EXIT: return then(c, THEN_EXIT, c->arg[0]);
    case SYS_YIELD: return then(c, THEN_YIELD, 0);
    case SYS_SLEEP: return c->arg[0] > SLEEP_MAX ? (uint64_t)err(SYS_ERR_INVALID) : then(c, THEN_SLEEP, c->arg[0]);
    case SYS_GETREF: return (uint64_t)sys_getref(c);
    case SYS_DROPREF: return (uint64_t)sys_dropref(c);
    case SYS_RAISE: return (uint64_t)sys_raise(c);
    case SYS_MAP: return (uint64_t)sys_map(c);
    case SYS_UNMAP: return (uint64_t)sys_unmap(c);
    case SYS_PORT: return (uint64_t)port_create(serving, c->arg[0], c->arg[1]);
    case SYS_CONNECT: return (uint64_t)port_connect(serving, c->arg[0], c->arg[1]);
    case SYS_CALL: return then(c, THEN_CALL, 0);
    case SYS_REPLY_WAIT: return then(c, THEN_REPLY_WAIT, 0);
    default: return (uint64_t)err(SYS_ERR_NO_SUCH_CALL);
    }
}

uint64_t syscall_dispatch(struct syscall_frame *f)
{
    const struct app *a = app_current();
    if (!a) /* only applications run in ring 3 */
        strand_stop();
    struct syscall_event c = { .number = f->number, .owner = a->owner, .table = a->table, .ctx = a->ctx };
    for (uint32_t i = 0; i < 5; i++)
        c.arg[i] = f->arg[i];
    /* Interrupts off: no other strand's call meets the event raising. */
    uint64_t flags = arch_irq_save();
    serving = a;
    uint64_t r = event_raise(dispatch_event(&kernel.events, syscall_event), &c);
    serving = 0;
    arch_irq_restore(flags);
    switch (c.then) {
    case THEN_EXIT: app_exit(a, (int64_t)c.then_arg);
    case THEN_YIELD: strand_yield(); break;
    case THEN_SLEEP: strand_sleep(c.then_arg); break;
    case THEN_CALL: return (uint64_t)port_call(a, c.arg[0], c.arg[1], c.arg[2]);
    case THEN_REPLY_WAIT: return (uint64_t)port_reply_wait(a, c.arg[0], c.arg[1], c.arg[2]);
    default: break;
    }
    return r;
}

_Noreturn void syscall_bad_return(void)
{
    kprintf("syscall: a return into the last user page is refused\n");
    strand_stop();
}

/* App.Time: the timer's ticks since boot. */
static uint64_t ticks_now(void *closure, void *args)
{
    (void)closure;
    (void)args;
    return arch_ticks();
}

/* Extensions install on Trap.Syscall, through the "syscall" interface
 * only (kernel/ext/ext_syscall.c), which guards each handler with its
 * number. */
static int extensions(uint32_t event, uint32_t installer)
{
    (void)event;
    return installer >= EXT_INSTALLER_BASE;
}

/* App.Time is the kernel's alone. */
static int nobody(uint32_t event, uint32_t installer)
{
    (void)event;
    (void)installer;
    return 0;
}

static const struct event_decl trap_syscall = {
    .name = "Trap.Syscall",
    .prototype = "uint64_t handler(void *closure, const struct syscall_event *c)",
    .contract = "SyscallHandler",
    .owner = MODULE_KERNEL,
    .policy = POLICY_FIRST,
    .fallback = kernel_calls,
    .authorise = extensions,
};

static const struct event_decl app_time = {
    .name = "App.Time",
    .prototype = "uint64_t handler(void *closure, const struct app_raise *a)",
    .contract = "AppTimeHandler",
    .owner = MODULE_KERNEL,
    .policy = POLICY_FIRST,
    .fallback = ticks_now,
    .authorise = nobody,
};

void syscall_events_declare(struct kernel *k)
{
    if (dispatch_declare(&k->events, &trap_syscall, &syscall_event) != DISPATCH_OK ||
        dispatch_declare(&k->events, &app_time, &time_event) != DISPATCH_OK)
        panic("events: cannot declare Trap.Syscall and App.Time");
}
