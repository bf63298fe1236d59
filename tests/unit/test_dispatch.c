/* The dispatcher against a reference model: random install, uninstall and
 * raise sequences (fixed seeds) must run the same handlers in the same
 * order with the same result; plus the reentrancy cases, and each
 * refusal code on a case built for it. */
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "event/dispatch.h"

#define HANDLERS 6
#define CLOSURES 4
#define LOG_MAX 64

static struct dispatcher d;
static int run_log[LOG_MAX], nlog;
static int guard_says[CLOSURES];
static uint64_t returns[HANDLERS][CLOSURES];
static int closures[CLOSURES];

#define HANDLER(k) \
    static uint64_t h##k(void *c, void *a) { (void)a; return logged((k), *(int *)c); }

static uint64_t logged(int k, int id)
{
    if (nlog < LOG_MAX)
        run_log[nlog++] = k * 10 + id;
    return returns[k][id];
}

HANDLER(0) HANDLER(1) HANDLER(2) HANDLER(3) HANDLER(4) HANDLER(5)
static const handler_fn fns[HANDLERS] = { h0, h1, h2, h3, h4, h5 };

static int guard(void *c, const void *a) { (void)a; return guard_says[*(int *)c]; }

/* The model: each event's live handlers in installation order. */
struct mentry { int fn, closure, guarded; };
struct mevent { struct mentry e[EVENT_HANDLERS]; int n; uint32_t policy; };
static struct mevent model[4];

static int model_find(struct mevent *m, int fn, int c)
{
    for (int i = 0; i < m->n; i++)
        if (m->e[i].fn == fn && m->e[i].closure == c)
            return i;
    return -1;
}

static uint64_t model_raise(struct mevent *m, int *log, int *n)
{
    uint64_t acc = m->policy == POLICY_ALL_TRUE;
    int ran = 0;
    *n = 0;
    for (int i = 0; i < m->n; i++) {
        struct mentry *e = &m->e[i];
        if (e->guarded && !guard_says[e->closure])
            continue;
        uint64_t r = returns[e->fn][e->closure];
        log[(*n)++] = e->fn * 10 + e->closure;
        switch (m->policy) {
        case POLICY_FIRST: acc = ran ? acc : r; break;
        case POLICY_LAST: acc = r; break;
        case POLICY_ALL_TRUE: acc = acc && r; break;
        default: acc = acc || r;
        }
        ran++;
    }
    return ran ? acc : 0; /* none ran, no default handler: 0, whatever the policy */
}

static int step(void)
{
    uint32_t id = (uint32_t)rand() % 4;
    int fn = rand() % HANDLERS, c = rand() % CLOSURES;
    struct mevent *m = &model[id];
    switch (rand() % 4) {
    case 0: {
        int guarded = rand() % 2;
        int r = event_install(dispatch_event(&d, id), fns[fn], guarded ? guard : 0, &closures[c], 1);
        int want = model_find(m, fn, c) >= 0 ? DISPATCH_ERR_DUPLICATE
                   : m->n == EVENT_HANDLERS ? DISPATCH_ERR_FULL : DISPATCH_OK;
        if (r == DISPATCH_OK)
            m->e[m->n++] = (struct mentry){ fn, c, guarded };
        return r == want;
    }
    case 1: {
        int k = model_find(m, fn, c);
        int r = event_uninstall(dispatch_event(&d, id), fns[fn], &closures[c]);
        if (k >= 0) {
            memmove(&m->e[k], &m->e[k + 1], sizeof m->e[0] * (size_t)(m->n - k - 1));
            m->n--;
        }
        return r == (k >= 0 ? DISPATCH_OK : DISPATCH_ERR_ABSENT);
    }
    default: {
        for (int i = 0; i < CLOSURES; i++)
            guard_says[i] = rand() % 2;
        int want_log[EVENT_HANDLERS], want_n;
        uint64_t want = model_raise(m, want_log, &want_n);
        nlog = 0;
        uint64_t got = event_raise(dispatch_event(&d, id), 0);
        return got == want && nlog == want_n && memcmp(run_log, want_log, sizeof(int) * (size_t)nlog) == 0;
    }
    }
}

static int random_sequences(void)
{
    for (unsigned seed = 1; seed <= 20; seed++) {
        srand(seed);
        dispatch_init(&d);
        memset(model, 0, sizeof model);
        for (uint32_t id = 0; id < 4; id++) {
            struct event_decl decl = { "e", "", "", 1, id, 0, 0, 0 };
            uint32_t got;
            if (dispatch_declare(&d, &decl, &got) != DISPATCH_OK || got != id)
                return 0;
            model[id].policy = id;
        }
        for (int h = 0; h < HANDLERS; h++)
            for (int c = 0; c < CLOSURES; c++)
                returns[h][c] = (uint64_t)(rand() % 3);
        for (int k = 0; k < 4000; k++)
            if (!step())
                return 0;
    }
    return 1;
}

/* Reentrancy: handlers that uninstall, install and raise during a raise. */
static uint32_t ev_id;
static uint64_t self_remover(void *c, void *a) { (void)c; (void)a; run_log[nlog++] = 1;
    event_uninstall(dispatch_event(&d, ev_id), self_remover, 0); return 1; }
static uint64_t later(void *c, void *a) { (void)c; (void)a; run_log[nlog++] = 2; return 2; }
static uint64_t remover_of_later(void *c, void *a) { (void)c; (void)a; run_log[nlog++] = 3;
    event_uninstall(dispatch_event(&d, ev_id), later, 0); return 3; }
static uint64_t adder(void *c, void *a) { (void)c; (void)a; run_log[nlog++] = 4;
    event_install(dispatch_event(&d, ev_id), later, 0, 0, 1); return 4; }
static uint64_t nested_raiser(void *c, void *a) { (void)c; (void)a; run_log[nlog++] = 5;
    return event_raise(dispatch_event(&d, ev_id), 0) + 100; }
static uint64_t fallback(void *c, void *a) { (void)c; (void)a; run_log[nlog++] = 9; return 99; }
static int deny_all_but_7(uint32_t event, uint32_t installer) { (void)event; return installer == 7; }

static void fresh(uint32_t policy, handler_fn dflt, authoriser_fn auth)
{
    dispatch_init(&d);
    struct event_decl decl = { "t", "uint64_t h(void *, void *)", "TestHandler", 1, policy, dflt, 0, auth };
    dispatch_declare(&d, &decl, &ev_id);
    nlog = 0;
}

static uint64_t raise_logged(void)
{
    nlog = 0;
    return event_raise(dispatch_event(&d, ev_id), 0);
}

int main(void)
{
    for (int i = 0; i < CLOSURES; i++)
        closures[i] = i;
    CHECK("random sequences agree with the model", random_sequences());

    fresh(POLICY_LAST, 0, 0);
    event_install(dispatch_event(&d, ev_id), self_remover, 0, 0, 1);
    event_install(dispatch_event(&d, ev_id), later, 0, 0, 1);
    CHECK("a handler that uninstalls itself still finishes; the rest run",
          raise_logged() == 2 && nlog == 2 && run_log[0] == 1 && run_log[1] == 2);
    CHECK("and it is gone at the next raise", raise_logged() == 2 && nlog == 1 && run_log[0] == 2);

    fresh(POLICY_LAST, 0, 0);
    event_install(dispatch_event(&d, ev_id), remover_of_later, 0, 0, 1);
    event_install(dispatch_event(&d, ev_id), later, 0, 0, 1);
    CHECK("a handler uninstalled by an earlier one does not run in that raise",
          raise_logged() == 3 && nlog == 1 && run_log[0] == 3);
    CHECK("its tombstone is swept by the next install",
          event_install(dispatch_event(&d, ev_id), later, 0, 0, 1) == DISPATCH_OK && dispatch_event(&d, ev_id)->count == 2);

    fresh(POLICY_FIRST, 0, 0);
    event_install(dispatch_event(&d, ev_id), adder, 0, 0, 1);
    CHECK("a handler installed during a raise does not run in it", raise_logged() == 4 && nlog == 1);
    CHECK("but runs in the next", raise_logged() == 4 && nlog == 2 && run_log[1] == 2);

    fresh(POLICY_FIRST, 0, 0);
    event_install(dispatch_event(&d, ev_id), nested_raiser, 0, 0, 1);
    CHECK("a raise from within the event's own raise is refused",
          raise_logged() == 100 && nlog == 1 && dispatch_event(&d, ev_id)->refused == 1);

    fresh(POLICY_FIRST, fallback, 0);
    CHECK("no handler: the default runs", raise_logged() == 99 && nlog == 1 && run_log[0] == 9);
    event_install(dispatch_event(&d, ev_id), later, guard, &closures[0], 1);
    guard_says[0] = 0;
    CHECK("a guard that says no: the default runs", raise_logged() == 99 && run_log[0] == 9);
    guard_says[0] = 1;
    CHECK("a guard that says yes: its handler runs", raise_logged() == 2 && nlog == 1 && run_log[0] == 2);

    fresh(POLICY_FIRST, 0, 0);
    CHECK("unknown event", event_install(dispatch_event(&d, 5), later, 0, 0, 1) == DISPATCH_ERR_UNKNOWN_EVENT);
    CHECK("null handler", event_install(dispatch_event(&d, ev_id), 0, 0, 0, 1) == DISPATCH_ERR_NULL_HANDLER);
    CHECK("not the owner, no authoriser: denied", event_install(dispatch_event(&d, ev_id), later, 0, 0, 2) == DISPATCH_ERR_DENIED);
    CHECK("installed", event_install(dispatch_event(&d, ev_id), later, 0, 0, 1) == DISPATCH_OK);
    CHECK("twice", event_install(dispatch_event(&d, ev_id), later, 0, 0, 1) == DISPATCH_ERR_DUPLICATE);
    CHECK("absent handler", event_uninstall(dispatch_event(&d, ev_id), adder, 0) == DISPATCH_ERR_ABSENT);
    CHECK("uninstall on unknown event", event_uninstall(dispatch_event(&d, 9), later, 0) == DISPATCH_ERR_UNKNOWN_EVENT);
    for (int i = 0; dispatch_event(&d, ev_id)->count < EVENT_HANDLERS; i++)
        event_install(dispatch_event(&d, ev_id), fns[i % HANDLERS], 0, &closures[i / HANDLERS], 1);
    CHECK("full table", event_install(dispatch_event(&d, ev_id), adder, 0, 0, 1) == DISPATCH_ERR_FULL);
    fresh(POLICY_FIRST, 0, deny_all_but_7);
    CHECK("the authoriser decides: no", event_install(dispatch_event(&d, ev_id), later, 0, 0, 1) == DISPATCH_ERR_DENIED);
    CHECK("the authoriser decides: yes", event_install(dispatch_event(&d, ev_id), later, 0, 0, 7) == DISPATCH_OK);
    struct event_decl bad = { "b", "", "", 1, POLICY_COUNT, 0, 0, 0 };
    uint32_t id;
    CHECK("bad policy", dispatch_declare(&d, &bad, &id) == DISPATCH_ERR_BAD_POLICY);
    /* many-to-one: one handler on two events */
    dispatch_init(&d);
    struct event_decl a = { "a", "", "", 1, POLICY_LAST, 0, 0, 0 };
    uint32_t e1, e2;
    dispatch_declare(&d, &a, &e1);
    dispatch_declare(&d, &a, &e2);
    event_install(dispatch_event(&d, e1), later, 0, 0, 1);
    event_install(dispatch_event(&d, e2), later, 0, 0, 1);
    nlog = 0;
    event_raise(dispatch_event(&d, e1), 0);
    event_raise(dispatch_event(&d, e2), 0);
    CHECK("one handler on many events runs for each", nlog == 2);
    CHECK_EXIT();
}
