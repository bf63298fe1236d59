/* Installing extensions' handlers: see ext_install.h. */
#include "arch.h"
#include "ext/ext.h"
#include "ext/ext_install.h"
#include "kernel.h"
#include "spinel/ext.h"

static int spinel_code(int dispatch_err)
{
    switch (dispatch_err) {
    case DISPATCH_OK: return SPINEL_OK;
    case DISPATCH_ERR_DENIED: return SPINEL_ERR_DENIED;
    case DISPATCH_ERR_DUPLICATE: return SPINEL_ERR_DUPLICATE;
    case DISPATCH_ERR_FULL: return SPINEL_ERR_FULL;
    default: return SPINEL_ERR_ABSENT;
    }
}

/* Live handlers of installer on ev. */
static uint32_t installed_by(const struct event *ev, uint32_t installer)
{
    uint32_t n = 0;
    for (uint32_t i = 0; i < ev->count; i++)
        n += ev->entry[i].live && ev->entry[i].installer == installer;
    return n;
}

static void *closure_for(const struct extension *e, enum ext_closure c)
{
    return c == EXT_CLOSURE_INSTALLER ? (void *)(uintptr_t)e->installer : 0;
}

int ext_install_closure(uint32_t event, handler_fn h, guard_fn g, void *closure)
{
    const struct extension *e = ext_running();
    if (!e)
        return SPINEL_ERR_NOT_NOW;
    struct event *ev = dispatch_event(&kernel.events, event);
    uint64_t flags = arch_irq_save();
    int r = installed_by(ev, e->installer) >= SPINEL_HANDLER_QUOTA
                ? SPINEL_ERR_QUOTA
                : spinel_code(event_install(ev, h, g, closure, e->installer));
    arch_irq_restore(flags);
    return r;
}

int ext_uninstall_closure(uint32_t event, handler_fn h, void *closure)
{
    if (!ext_running())
        return SPINEL_ERR_NOT_NOW;
    uint64_t flags = arch_irq_save();
    int r = spinel_code(event_uninstall(dispatch_event(&kernel.events, event), h, closure));
    arch_irq_restore(flags);
    return r;
}

uint32_t ext_closure_holder(uint32_t event, guard_fn g, void *closure)
{
    const struct event *ev = dispatch_event(&kernel.events, event);
    for (uint32_t i = 0; i < ev->count; i++) {
        const struct handler_entry *h = &ev->entry[i];
        if (h->live && h->guard == g && h->closure == closure)
            return h->installer;
    }
    return 0;
}

int ext_install_handler(uint32_t event, handler_fn h, guard_fn g, enum ext_closure c)
{
    const struct extension *e = ext_running();
    return e ? ext_install_closure(event, h, g, closure_for(e, c)) : SPINEL_ERR_NOT_NOW;
}

int ext_uninstall_handler(uint32_t event, handler_fn h, enum ext_closure c)
{
    const struct extension *e = ext_running();
    return e ? ext_uninstall_closure(event, h, closure_for(e, c)) : SPINEL_ERR_NOT_NOW;
}
