/* Capability tables against a reference model: random externalize,
 * internalize, revoke and revoke-object sequences (fixed seeds) must agree
 * with a plain list of issued references, and every refusal code is
 * checked on a case built for it. */
#include <stdlib.h>
#include <string.h>
#include "cap/cap.h"
#include "check.h"

#define OBJS 24
#define ISSUED_MAX 8192

struct issued {
    cap_ref_t ref;
    uint32_t app, rights;
    struct kobject *obj;
    int live;
};

static struct cap_space cs;
static struct kobject objs[OBJS];
static struct issued issued[ISSUED_MAX];
static int nissued;

static uint32_t live_in_app(uint32_t app)
{
    uint32_t n = 0;
    for (int i = 0; i < nissued; i++)
        n += issued[i].live && issued[i].app == app;
    return n;
}

/* What the model says internalize must return. */
static int model_internalize(uint32_t app, cap_ref_t ref, uint32_t type, uint32_t rights, struct kobject **obj)
{
    for (int i = nissued - 1; i >= 0; i--) {
        if (issued[i].ref != ref)
            continue;
        if (issued[i].app != app)
            return CAP_ERR_FOREIGN;
        if (!issued[i].live)
            return CAP_ERR_STALE;
        if (issued[i].obj->type != type)
            return CAP_ERR_WRONG_TYPE;
        if ((issued[i].rights & rights) != rights)
            return CAP_ERR_RIGHTS;
        *obj = issued[i].obj;
        return CAP_OK;
    }
    return -1; /* never issued: any refusal will do */
}

static int step(void)
{
    uint32_t app = (uint32_t)rand() % (CAP_APPS + 1);
    struct kobject *obj = &objs[rand() % OBJS];
    switch (rand() % 6) {
    case 0:
    case 1: {
        uint32_t rights = (uint32_t)rand() % 17;
        cap_ref_t ref;
        int r = cap_externalize(&cs, app, obj, rights, &ref);
        int want = app >= CAP_APPS ? CAP_ERR_BAD_APP
                   : rights == 0 || rights > CAP_RIGHT_ALL ? CAP_ERR_BAD_RIGHTS
                   : live_in_app(app) == CAP_SLOTS ? CAP_ERR_FULL : CAP_OK;
        if (r != want)
            return 0;
        if (r == CAP_OK && nissued < ISSUED_MAX)
            issued[nissued++] = (struct issued){ ref, app, rights, obj, 1 };
        return 1;
    }
    case 2:
    case 3: {
        if (!nissued)
            return 1;
        struct issued *is = &issued[rand() % nissued];
        uint32_t use_app = rand() % 4 ? is->app : app;
        uint32_t type = rand() % 4 ? is->obj->type : (uint32_t)rand() % CAP_TYPE_COUNT;
        uint32_t rights = (uint32_t)rand() % 16;
        struct kobject *got = 0, *want_obj = 0;
        int r = cap_internalize(&cs, use_app, is->ref, type, rights, &got);
        int want = use_app >= CAP_APPS ? CAP_ERR_BAD_APP : model_internalize(use_app, is->ref, type, rights, &want_obj);
        return r == want && (r != CAP_OK || got == want_obj);
    }
    case 4: {
        if (!nissued)
            return 1;
        struct issued *is = &issued[rand() % nissued];
        int r = cap_revoke(&cs, is->app, is->ref);
        int want = is->live ? CAP_OK : CAP_ERR_STALE;
        is->live = 0;
        return r == want;
    }
    default: {
        if (rand() % 8)
            return 1;
        uint32_t died = cap_revoke_object(&cs, obj), want = 0;
        for (int i = 0; i < nissued; i++)
            if (issued[i].live && issued[i].obj == obj) {
                issued[i].live = 0;
                want++;
            }
        return died == want;
    }
    }
}

static int random_sequences(void)
{
    for (unsigned seed = 1; seed <= 20; seed++) {
        srand(seed);
        cap_space_init(&cs);
        nissued = 0;
        for (int k = 0; k < 3000; k++) {
            if (!step())
                return 0;
            if (nissued == ISSUED_MAX)
                break;
        }
        for (uint32_t app = 0; app < CAP_APPS; app++)
            if (cap_count_live(&cs, app) != live_in_app(app))
                return 0;
    }
    return 1;
}

int main(void)
{
    for (int i = 0; i < OBJS; i++)
        objs[i] = (struct kobject){ (uint32_t)(1 + i % (CAP_TYPE_COUNT - 1)), (uint32_t)i };
    CHECK("random sequences agree with the model", random_sequences());

    struct kobject frame = { CAP_FRAME, 7 }, bad = { 99, 8 }, *out = 0;
    cap_ref_t ref, other;
    cap_space_init(&cs);
    CHECK("externalize ok", cap_externalize(&cs, 3, &frame, CAP_RIGHT_READ | CAP_RIGHT_WRITE, &ref) == CAP_OK);
    CHECK("internalize gives it back",
          cap_internalize(&cs, 3, ref, CAP_FRAME, CAP_RIGHT_READ, &out) == CAP_OK && out == &frame);
    CHECK("another app's table refuses it (foreign)",
          cap_internalize(&cs, 4, ref, CAP_FRAME, CAP_RIGHT_READ, &out) == CAP_ERR_FOREIGN);
    CHECK("wrong type", cap_internalize(&cs, 3, ref, CAP_STRAND, CAP_RIGHT_READ, &out) == CAP_ERR_WRONG_TYPE);
    CHECK("missing right", cap_internalize(&cs, 3, ref, CAP_FRAME, CAP_RIGHT_CALL, &out) == CAP_ERR_RIGHTS);
    CHECK("forged: next generation of a live slot",
          cap_internalize(&cs, 3, ref + CAP_TOTAL, CAP_FRAME, 0, &out) == CAP_ERR_FORGED);
    CHECK("forged: a slot never used",
          cap_internalize(&cs, 3, ref + 1, CAP_FRAME, 0, &out) == CAP_ERR_FORGED);
    CHECK("out of range", cap_internalize(&cs, 3, UINT64_MAX, CAP_FRAME, 0, &out) == CAP_ERR_RANGE);
    CHECK("bad app", cap_internalize(&cs, CAP_APPS, ref, CAP_FRAME, 0, &out) == CAP_ERR_BAD_APP);
    CHECK("revoke ok", cap_revoke(&cs, 3, ref) == CAP_OK);
    CHECK("revoked is stale", cap_internalize(&cs, 3, ref, CAP_FRAME, 0, &out) == CAP_ERR_STALE);
    CHECK("second revoke is stale", cap_revoke(&cs, 3, ref) == CAP_ERR_STALE);
    CHECK("slot reused with a new generation",
          cap_externalize(&cs, 3, &frame, CAP_RIGHT_READ, &other) == CAP_OK && other % CAP_TOTAL == ref % CAP_TOTAL &&
          other != ref);
    CHECK("old reference stays stale after reuse (no ABA)",
          cap_internalize(&cs, 3, ref, CAP_FRAME, 0, &out) == CAP_ERR_STALE);
    CHECK("null refused", cap_externalize(&cs, 3, 0, CAP_RIGHT_READ, &ref) == CAP_ERR_NULL);
    CHECK("unknown object type refused", cap_externalize(&cs, 3, &bad, CAP_RIGHT_READ, &ref) == CAP_ERR_BAD_TYPE);
    CHECK("empty rights refused", cap_externalize(&cs, 3, &frame, 0, &ref) == CAP_ERR_BAD_RIGHTS);
    cap_space_init(&cs);
    int full_ok = 1;
    for (uint32_t i = 0; i < CAP_SLOTS; i++)
        full_ok &= cap_externalize(&cs, 5, &frame, CAP_RIGHT_READ, &ref) == CAP_OK;
    CHECK("a full table is an error", full_ok && cap_externalize(&cs, 5, &frame, CAP_RIGHT_READ, &ref) == CAP_ERR_FULL);
    CHECK("other tables are not full", cap_externalize(&cs, 6, &frame, CAP_RIGHT_READ, &other) == CAP_OK);
    CHECK("revoke object kills it in every table", cap_revoke_object(&cs, &frame) == CAP_SLOTS + 1 &&
          cap_count_live(&cs, 5) == 0 && cap_count_live(&cs, 6) == 0);
    /* A slot whose generation reaches the top is retired, never reused. */
    cap_space_init(&cs);
    cs.slot[7 * CAP_SLOTS].gen = CAP_GEN_MAX - 1;
    CHECK("externalize at the last generation", cap_externalize(&cs, 7, &frame, CAP_RIGHT_READ, &ref) == CAP_OK &&
          ref % CAP_TOTAL == 7 * CAP_SLOTS);
    cap_revoke(&cs, 7, ref);
    CHECK("retired slot is skipped", cap_externalize(&cs, 7, &frame, CAP_RIGHT_READ, &other) == CAP_OK &&
          other % CAP_TOTAL == 7 * CAP_SLOTS + 1);
    CHECK_EXIT();
}
