/* libFuzzer harness for capabilities and the dispatcher: the bytes are an
 * operation sequence. After each operation the table and event invariants
 * (CapSpaceValid, EventValid) must hold and every reference the harness
 * was given must internalize exactly as the operations so far imply. */
#include <stdlib.h>
#include <string.h>
#include "cap/cap.h"
#include "event/dispatch.h"

static struct cap_space cs;
static struct dispatcher d;
static struct kobject objs[8];
static cap_ref_t refs[64];
static uint8_t ref_app[64], ref_live[64], ref_obj[64];
static int nrefs;
static int flag[4];

static uint64_t handler(void *c, void *a) { (void)a; return (uint64_t)(uintptr_t)c; }
static uint64_t uninstaller(void *c, void *a) { (void)a; event_uninstall(dispatch_event(&d, 0), handler, c); return 1; }
static int guard(void *c, const void *a) { (void)a; return flag[(uintptr_t)c % 4]; }

static void check_invariants(void)
{
    for (uint32_t k = 0; k < CAP_TOTAL; k++) {
        const struct cap_slot *s = &cs.slot[k];
        if (s->live > 1 || (s->live && (!s->obj || s->gen == CAP_GEN_MAX || !s->rights)))
            abort();
    }
    for (int i = 0; i < nrefs; i++) {
        struct kobject *out = 0;
        int r = cap_internalize(&cs, ref_app[i], refs[i], objs[ref_obj[i]].type, 0, &out);
        if (ref_live[i] ? (r != CAP_OK || out != &objs[ref_obj[i]]) : r != CAP_ERR_STALE)
            abort();
        if (cap_internalize(&cs, (ref_app[i] + 1) % CAP_APPS, refs[i], objs[ref_obj[i]].type, 0, &out) == CAP_OK)
            abort();
    }
    for (uint32_t e = 0; e < d.nevents; e++) {
        const struct event *ev = &d.ev[e];
        if (ev->count > EVENT_HANDLERS || ev->raising)
            abort();
        for (uint32_t i = 0; i < ev->count; i++)
            if (ev->entry[i].live > 1 || (ev->entry[i].live && !ev->entry[i].fn))
                abort();
    }
}

static void op(uint8_t a, uint8_t b)
{
    uint32_t app = b % CAP_APPS, o = (b >> 4) % 8;
    void *closure = (void *)(uintptr_t)(b % 8);
    switch (a % 8) {
    case 0:
        if (nrefs < 64 && cap_externalize(&cs, app, &objs[o], 1 + b % 15, &refs[nrefs]) == CAP_OK) {
            ref_app[nrefs] = (uint8_t)app, ref_live[nrefs] = 1, ref_obj[nrefs] = (uint8_t)o;
            nrefs++;
        }
        break;
    case 1:
        if (nrefs && cap_revoke(&cs, ref_app[b % nrefs], refs[b % nrefs]) == CAP_OK)
            ref_live[b % nrefs] = 0;
        break;
    case 2: {
        cap_revoke_object(&cs, &objs[o]);
        for (int i = 0; i < nrefs; i++)
            if (ref_obj[i] == o)
                ref_live[i] = 0;
        break;
    }
    case 3: {
        struct kobject *out;
        cap_internalize(&cs, app, ((cap_ref_t)b << 40) ^ (cap_ref_t)a * 977, b % 8, b % 16, &out);
        break;
    }
    case 4:
        event_install(dispatch_event(&d, b % 3), handler, b & 8 ? guard : 0, closure, 1);
        break;
    case 5:
        event_install(dispatch_event(&d, b % 3), uninstaller, 0, closure, 1);
        break;
    case 6:
        event_uninstall(dispatch_event(&d, b % 3), b & 8 ? handler : uninstaller, closure);
        break;
    default:
        flag[b % 4] = !flag[b % 4];
        event_raise(&d.ev[b % 2], 0);
        break;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    cap_space_init(&cs);
    dispatch_init(&d);
    nrefs = 0;
    for (uint32_t i = 0; i < 8; i++)
        objs[i] = (struct kobject){ 1 + i % (CAP_TYPE_COUNT - 1), i };
    for (uint32_t e = 0; e < 2; e++) {
        struct event_decl decl = { "f", "", "", 1, e, 0, 0, 0 };
        uint32_t id;
        dispatch_declare(&d, &decl, &id);
    }
    for (size_t i = 0; i + 1 < size; i += 2) {
        op(data[i], data[i + 1]);
        check_invariants();
    }
    return 0;
}
