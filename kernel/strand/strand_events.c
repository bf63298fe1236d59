/* The Strand events: see strand_events.h. Trusted, like kevents.c. */
#include "console.h"
#include "ext/ext.h"
#include "kernel.h"
#include "spinel/strand.h"
#include "strand/strand_events.h"

static uint32_t ids[STRAND_EV_COUNT];
static int declared; /* no raise before the events exist */

/* Round robin's answers, the default handlers: checkpoint at every tick;
 * nothing to note when a strand blocks, wakes or resumes (the run queue's
 * bookkeeping is the proved sched_*'s, which the runtime calls). */
static uint64_t round_robin(void *closure, void *args)
{
    (void)closure;
    (void)args;
    return STRAND_CHECKPOINT;
}

/* Only an extension that holds a strand reference may install: the
 * authority to schedule comes with the strands, as the seed says. The
 * kernel itself never installs on these events. */
static int holds_strand(uint32_t event, uint32_t installer)
{
    (void)event;
    if (installer < EXT_INSTALLER_BASE || installer >= EXT_INSTALLER_BASE + EXT_MAX)
        return 0;
    uint32_t app = 1 + installer - EXT_INSTALLER_BASE;
    for (uint32_t j = 0; j < CAP_SLOTS; j++) {
        const struct cap_slot *s = &kernel.caps.slot[app * CAP_SLOTS + j];
        if (s->live && s->type == CAP_STRAND)
            return 1;
    }
    return 0;
}

int strand_policy_guard(void *closure, const void *args)
{
    return ((const struct strand_event *)args)->policy == (uint32_t)(uintptr_t)closure;
}

#define STRAND_EVENT(ev)                                                         \
    {                                                                                  \
        .name = "Strand." ev, .prototype = "uint64_t handler(void *closure, const struct strand_event *s)", \
        .contract = "Strand" ev "Handler", .owner = MODULE_KERNEL, .policy = POLICY_FIRST, \
        .fallback = round_robin, .authorise = holds_strand,                            \
    }

static const struct event_decl decls[STRAND_EV_COUNT] = {
    [STRAND_EV_BLOCK] = STRAND_EVENT("Block"),
    [STRAND_EV_UNBLOCK] = STRAND_EVENT("Unblock"),
    [STRAND_EV_CHECKPOINT] = STRAND_EVENT("Checkpoint"),
    [STRAND_EV_RESUME] = STRAND_EVENT("Resume"),
};

void strand_events_declare(struct kernel *k)
{
    for (uint32_t i = 0; i < STRAND_EV_COUNT; i++)
        if (dispatch_declare(&k->events, &decls[i], &ids[i]) != DISPATCH_OK)
            panic("events: cannot declare %s", decls[i].name);
    declared = 1;
}

uint32_t strand_event_id(enum strand_event_kind kind) { return ids[kind]; }

uint64_t strand_raise(enum strand_event_kind kind, uint32_t id, uint32_t policy)
{
    struct strand_event arg = { .id = id, .policy = policy };
    if (!declared)
        return STRAND_CHECKPOINT;
    return event_raise(dispatch_event(&kernel.events, ids[kind]), &arg);
}
