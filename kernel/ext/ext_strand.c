/* The kernel's side of the "strand" interface
 * (extensions/include/spinel/strand.h): handlers on the Strand events,
 * guarded by the strand's policy; demo strands owned by an extension,
 * named by references in its table; its policy put on them. Trusted, as
 * ext_api.c. Strand events are raised with interrupts off, so every
 * change to their handler tables is made with interrupts off too. */
#include "arch.h"
#include "ext/ext.h"
#include "ext/ext_install.h"
#include "ext/ext_strand.h"
#include "kernel.h"
#include "spinel/strand.h"
#include "strand/demos.h"
#include "strand/runtime.h"
#include "strand/strand_events.h"

#define CALLER() EXT_CALLER()

/* Its handlers run behind the kernel's guard, which compares the strand's
 * policy with the installer's id. */
static int install(enum strand_event_kind kind, strand_handler *h)
{
    return ext_install_handler(strand_event_id(kind), (handler_fn)h, strand_policy_guard, EXT_CLOSURE_INSTALLER);
}

static int uninstall(enum strand_event_kind kind, strand_handler *h)
{
    return ext_uninstall_handler(strand_event_id(kind), (handler_fn)h, EXT_CLOSURE_INSTALLER);
}

int strand_install_block(strand_handler *h) { return install(STRAND_EV_BLOCK, h); }
int strand_install_unblock(strand_handler *h) { return install(STRAND_EV_UNBLOCK, h); }
int strand_install_checkpoint(strand_handler *h) { return install(STRAND_EV_CHECKPOINT, h); }
int strand_install_resume(strand_handler *h) { return install(STRAND_EV_RESUME, h); }
int strand_uninstall_block(strand_handler *h) { return uninstall(STRAND_EV_BLOCK, h); }
int strand_uninstall_unblock(strand_handler *h) { return uninstall(STRAND_EV_UNBLOCK, h); }
int strand_uninstall_checkpoint(strand_handler *h) { return uninstall(STRAND_EV_CHECKPOINT, h); }
int strand_uninstall_resume(strand_handler *h) { return uninstall(STRAND_EV_RESUME, h); }

int strand_spawn_demo(const char *name, uint32_t len, spinel_ref *ref, uint32_t *id)
{
    const struct extension *e = ext_running();
    if (!e || CALLER() != e)
        return SPINEL_ERR_NOT_NOW;
    const struct strand_demo *d = strand_demo_named(name, len);
    uint32_t index = STRANDS;
    cap_ref_t r;
    if (!d)
        return SPINEL_ERR_NO_SUCH;
    if (strand_spawn(d->name, d->run, 0, e->installer, &index) != SCHED_OK)
        return SPINEL_ERR_FULL;
    if (strand_externalize(index, e->app, CAP_RIGHT_READ | CAP_RIGHT_WRITE, &r) != CAP_OK) {
        strand_kill(index);
        return SPINEL_ERR_FULL;
    }
    *ref = r;
    *id = index;
    return SPINEL_OK;
}

int strand_set_policy(spinel_ref ref)
{
    const struct extension *e = CALLER();
    struct kobject *obj;
    if (!e || cap_internalize(&kernel.caps, e->app, ref, CAP_STRAND, CAP_RIGHT_WRITE, &obj) != CAP_OK)
        return SPINEL_ERR_BAD_REF;
    /* Owned by e, and live: a reference outliving its strand (killed from
     * the shell) names no strand of e's, even if the entry was reused. */
    return strand_schedule_by(obj->id, e->installer, e->installer) == SCHED_OK ? SPINEL_OK : SPINEL_ERR_BAD_REF;
}

void ext_strand_forget(const struct extension *e)
{
    uint64_t flags = arch_irq_save();
    strand_release(e->installer);
    for (uint32_t k = 0; k < STRAND_EV_COUNT; k++) {
        struct event *ev = dispatch_event(&kernel.events, strand_event_id((enum strand_event_kind)k));
        for (uint32_t i = ev->count; i-- > 0;)
            if (ev->entry[i].live && ev->entry[i].installer == e->installer)
                event_uninstall(ev, ev->entry[i].fn, ev->entry[i].closure);
    }
    arch_irq_restore(flags);
}
