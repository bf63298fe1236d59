/* Shell commands on capabilities and events: caps, cap, revoke, events. */
#include "console.h"
#include "kernel.h"
#include "shell/shell_cmds.h"

static const char *const cap_err_names[CAP_ERR_COUNT] = {
    "ok", "no such application", "null capability", "unknown object type", "bad rights",
    "table full", "out of range", "issued to another application", "forged (never issued)",
    "stale (revoked)", "wrong type", "missing rights",
};

static const char *const type_names[CAP_TYPE_COUNT] = {
    "?", "frame", "context", "strand", "event", "domain", "interface", "virt", "port",
};

static const char *cap_err_text(int err)
{
    return err >= 0 && err < CAP_ERR_COUNT ? cap_err_names[err] : "unknown error";
}

static void print_object(const struct kobject *obj)
{
    if (obj->type == CAP_EVENT)
        kprintf("event %u (%s)", obj->id, kernel.events.ev[obj->id].name);
    else
        kprintf("%s %u", type_names[obj->type < CAP_TYPE_COUNT ? obj->type : 0], obj->id);
}

void cmd_caps(const char *args)
{
    uint64_t app;
    if (!parse_number(&args, &app) || app >= CAP_APPS) {
        kprintf("usage: caps APP (0..%u)\n", CAP_APPS - 1);
        return;
    }
    uint32_t first = (uint32_t)app * CAP_SLOTS;
    uint32_t live = cap_count_live(&kernel.caps, (uint32_t)app);
    kprintf("application %lu: %u live reference%s\n", app, live, plural(live));
    for (uint32_t k = first; k < first + CAP_SLOTS; k++) {
        const struct cap_slot *s = &kernel.caps.slot[k];
        if (!s->live)
            continue;
        kprintf("  ref %lu: rights %c%c%c%c, ", (uint64_t)s->gen * CAP_TOTAL + k,
                s->rights & CAP_RIGHT_READ ? 'r' : '-', s->rights & CAP_RIGHT_WRITE ? 'w' : '-',
                s->rights & CAP_RIGHT_CALL ? 'c' : '-', s->rights & CAP_RIGHT_GRANT ? 'g' : '-');
        print_object(s->obj);
        kprintf("\n");
    }
}

/* cap APP REF: what the reference names, or why it is refused. */
void cmd_cap(const char *args)
{
    uint64_t app, ref;
    if (!parse_number(&args, &app) || !parse_number(&args, &ref)) {
        kprintf("usage: cap APP REF\n");
        return;
    }
    struct kobject *obj = 0;
    int err = cap_internalize(&kernel.caps, (uint32_t)(app > UINT32_MAX ? UINT32_MAX : app), ref, CAP_EVENT,
                              CAP_RIGHT_READ, &obj);
    if (err != CAP_OK) {
        kprintf("ref %lu: refused: %s (error %d)\n", ref, cap_err_text(err), err);
        return;
    }
    kprintf("ref %lu: ", ref);
    print_object(obj);
    kprintf("\n");
}

void cmd_revoke(const char *args)
{
    uint64_t app, ref;
    if (!parse_number(&args, &app) || !parse_number(&args, &ref)) {
        kprintf("usage: revoke APP REF\n");
        return;
    }
    int err = cap_revoke(&kernel.caps, (uint32_t)(app > UINT32_MAX ? UINT32_MAX : app), ref);
    if (err != CAP_OK)
        kprintf("ref %lu: refused: %s (error %d)\n", ref, cap_err_text(err), err);
    else
        kprintf("ref %lu: revoked\n", ref);
}

void cmd_events(const char *args)
{
    (void)args;
    const struct dispatcher *d = &kernel.events;
    for (uint32_t id = 0; id < d->nevents; id++) {
        const struct event *ev = &d->ev[id];
        kprintf("event %u %s: owner %u, %u handler%s, %lu raise%s, default ran %lu time%s\n", id, ev->name,
                ev->owner, ev->count, plural(ev->count), ev->raises, plural(ev->raises), ev->default_calls,
                plural(ev->default_calls));
        kprintf("  handler %s [%s]\n", ev->prototype, ev->contract);
        for (uint32_t i = 0; i < ev->count; i++) {
            const struct handler_entry *e = &ev->entry[i];
            kprintf("  %u: %p%s, installer %u, ", i, (void *)e->fn, e->guard ? " (guarded)" : "", e->installer);
            /* A slot's run record may be its previous occupant's, from a
             * raise before this entry was installed. */
            if (ev->run[i].ran_in > e->installed_at)
                kprintf("last ran in raise %lu", ev->run[i].ran_in);
            else
                kprintf("not run yet");
            kprintf("%s\n", e->live ? "" : " (uninstalled)");
        }
    }
}
