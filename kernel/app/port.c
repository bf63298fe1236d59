/* Ports: see port.h. Every function runs with interrupts off from its
 * first look at a port to its last, so a port's state never changes under
 * it; a strand blocks (strand_wait, strand_handoff) only after its own
 * state says what it waits for, and loops on that state when it runs
 * again, so an early or a stray wake-up is harmless. */
#include "app/app.h"
#include "app/port.h"
#include "app/syscall.h"
#include "app/ucopy.h"
#include "arch.h"
#include "kernel.h"
#include "lib/kstring.h"
#include "spinel/abi.h"
#include "strand/runtime.h"

#define NONE STRANDS
#define WAITING 1 /* a server's wait_result while no call has come */

struct port {
    struct kobject obj; /* CAP_PORT, id = the port's index */
    char name[SYS_PORT_NAME_MAX];
    uint32_t name_len;
    const struct app *server; /* null: the entry is free */
    uint32_t serving;         /* the caller strand being served, or NONE */
    uint8_t waiting;          /* the server is blocked for the next call */
    uint64_t inbox;           /* where it wants that call (checked writable) */
    int64_t wait_result;      /* WAITING, or what its reply_wait returns */
    uint32_t queue[STRANDS];  /* callers not yet served, oldest first */
    uint32_t queued;
};

/* A blocked caller's side of a call, by strand index. */
struct caller {
    struct sys_message msg;
    int64_t answer;
    uint8_t answered;
    uint32_t port; /* 1 + the index of the port it called, or 0 */
};

static struct port ports[APP_PORTS];
static struct caller callers[STRANDS];

static int64_t err(enum sys_err e) { return -(int64_t)e; }

/* The port ref names in a's table, with right: 0, or the refusal. */
static int64_t port_of(const struct app *a, uint64_t ref, uint32_t right, struct port **p)
{
    struct kobject *obj;
    int r = cap_internalize(&kernel.caps, a->table, ref, CAP_PORT, right, &obj);
    if (r != CAP_OK)
        return syscall_ref_error(r);
    *p = &ports[obj->id];
    return 0;
}

/* The name at user address name (1 to SYS_PORT_NAME_MAX bytes) into buf. */
static int64_t name_in(const struct app *a, uint64_t name, uint64_t len, char *buf)
{
    if (len == 0 || len > SYS_PORT_NAME_MAX)
        return err(SYS_ERR_INVALID);
    return syscall_copy_error(user_copy_in(a->ctx, buf, name, len));
}

static struct port *port_named(const char *name, uint64_t len)
{
    for (uint32_t i = 0; i < APP_PORTS; i++)
        if (ports[i].server && ports[i].name_len == len && kmemcmp((const uint8_t *)ports[i].name, (const uint8_t *)name, len) == 0)
            return &ports[i];
    return 0;
}

static struct port *port_free(void)
{
    for (uint32_t i = 0; i < APP_PORTS; i++)
        if (!ports[i].server)
            return &ports[i];
    return 0;
}

/* A reference to p in a's table with rights, or -SYS_ERR_FULL. */
static int64_t reference_to(const struct app *a, struct port *p, uint32_t rights)
{
    cap_ref_t ref;
    return cap_externalize(&kernel.caps, a->table, &p->obj, rights, &ref) == CAP_OK ? (int64_t)ref : err(SYS_ERR_FULL);
}

/* Free entry p becomes the port name[0, len) that a serves: the server's
 * reference, or -SYS_ERR_FULL with the entry left free. */
static int64_t open_port(const struct app *a, struct port *p, const char *name, uint64_t len)
{
    *p = (struct port){ .obj = { CAP_PORT, (uint32_t)(p - ports) }, .name_len = (uint32_t)len, .server = a,
                        .serving = NONE };
    kmemcpy((uint8_t *)p->name, (const uint8_t *)name, len);
    int64_t r = reference_to(a, p, CAP_RIGHT_READ | CAP_RIGHT_WRITE);
    if (r < 0)
        p->server = 0;
    return r;
}

/* The port named name[0, len) in a's memory, with interrupts off: a new
 * one a serves, or (serve 0) a reference to call the one there is. */
static int64_t by_name(const struct app *a, uint64_t name, uint64_t len, int serve)
{
    char buf[SYS_PORT_NAME_MAX];
    int64_t r = name_in(a, name, len, buf);
    if (r)
        return r;
    uint64_t flags = arch_irq_save();
    struct port *p = port_named(buf, len), *spare = port_free();
    if (serve)
        r = p ? err(SYS_ERR_TAKEN) : !spare ? err(SYS_ERR_FULL) : open_port(a, spare, buf, len);
    else
        r = p ? reference_to(a, p, CAP_RIGHT_CALL) : err(SYS_ERR_NO_SUCH);
    arch_irq_restore(flags);
    return r;
}

int64_t port_create(const struct app *a, uint64_t name, uint64_t len) { return by_name(a, name, len, 1); }

int64_t port_connect(const struct app *a, uint64_t name, uint64_t len) { return by_name(a, name, len, 0); }

static void enqueue(struct port *p, uint32_t strand) { p->queue[p->queued++] = strand; }

static uint32_t dequeue(struct port *p)
{
    uint32_t first = p->queue[0];
    p->queued--;
    for (uint32_t i = 0; i < p->queued; i++)
        p->queue[i] = p->queue[i + 1];
    return first;
}

/* The server, waiting (so no call is queued), gets caller's message in
 * its inbox and serves caller. A copy its check did not foresee fails the
 * server's wait instead, and the call stays first in the queue. */
static int deliver(struct port *p, uint32_t caller)
{
    int r = user_copy_out(p->server->ctx, p->inbox, &callers[caller].msg, sizeof(struct sys_message));
    p->waiting = 0;
    p->wait_result = syscall_copy_error(r);
    if (r == UC_OK) {
        p->serving = caller;
        return 1;
    }
    for (uint32_t i = p->queued++; i > 0; i--)
        p->queue[i] = p->queue[i - 1];
    p->queue[0] = caller;
    return 0;
}

int64_t port_call(const struct app *a, uint64_t ref, uint64_t w0, uint64_t w1)
{
    uint64_t flags = arch_irq_save();
    struct port *p = 0;
    int64_t e = port_of(a, ref, CAP_RIGHT_CALL, &p);
    if (e) {
        arch_irq_restore(flags);
        return e;
    }
    if (p->server == a) { /* it would wait for itself */
        arch_irq_restore(flags);
        return err(SYS_ERR_INVALID);
    }
    uint32_t self = a->strand;
    struct caller *c = &callers[self];
    *c = (struct caller){ .msg = { { w0, w1 }, a->owner }, .port = 1 + (uint32_t)(p - ports) };
    if (!p->waiting)
        enqueue(p, self); /* the server is busy: the call waits its turn */
    else if (deliver(p, self))
        strand_handoff(p->server->strand); /* the server runs; this caller blocks */
    else
        strand_wake(p->server->strand); /* its wait returns the failure */
    while (!c->answered)
        strand_wait();
    c->port = 0;
    arch_irq_restore(flags);
    return c->answer;
}

int64_t port_reply_wait(const struct app *a, uint64_t ref, uint64_t answer, uint64_t msg)
{
    uint64_t flags = arch_irq_save();
    struct port *p = 0;
    int64_t e = port_of(a, ref, CAP_RIGHT_WRITE, &p);
    if (!e && p->server != a)
        e = err(SYS_ERR_DENIED);
    if (!e && answer > (uint64_t)SYS_ANSWER_MAX)
        e = err(SYS_ERR_INVALID);
    if (!e)
        e = syscall_copy_error(user_check(a->ctx, msg, sizeof(struct sys_message), TR_PROT_WRITE));
    if (e) {
        arch_irq_restore(flags);
        return e;
    }
    uint32_t replied = p->serving;
    if (replied != NONE) {
        callers[replied].answer = (int64_t)answer;
        callers[replied].answered = 1;
        p->serving = NONE;
    }
    p->inbox = msg;
    p->wait_result = WAITING;
    p->waiting = 1;
    if (p->queued)
        deliver(p, dequeue(p)); /* no block: the oldest call is served now */
    if (replied != NONE && p->waiting)
        strand_handoff(replied); /* the caller runs; the server blocks */
    else if (replied != NONE)
        strand_wake(replied);
    while (p->wait_result == WAITING)
        strand_wait();
    e = p->wait_result;
    arch_irq_restore(flags);
    return e;
}

static void answer_gone(uint32_t strand)
{
    callers[strand] = (struct caller){ .answer = err(SYS_ERR_GONE), .answered = 1 };
    strand_wake(strand);
}

/* Every call on p answers -SYS_ERR_GONE, and every reference to p dies. */
static void port_end(struct port *p)
{
    for (uint32_t i = 0; i < p->queued; i++)
        answer_gone(p->queue[i]);
    if (p->serving != NONE)
        answer_gone(p->serving);
    cap_revoke_object(&kernel.caps, &p->obj);
    *p = (struct port){ .serving = NONE };
}

/* A dead caller is no longer served or queued anywhere. */
static void forget_caller(uint32_t strand)
{
    struct caller *c = &callers[strand];
    if (!c->port)
        return;
    struct port *p = &ports[c->port - 1];
    if (p->serving == strand)
        p->serving = NONE;
    uint32_t k = 0;
    for (uint32_t i = 0; i < p->queued; i++)
        if (p->queue[i] != strand)
            p->queue[k++] = p->queue[i];
    p->queued = k;
    c->port = 0;
}

void port_release(const struct app *a)
{
    if (a->strand < STRANDS)
        forget_caller(a->strand);
    for (uint32_t i = 0; i < APP_PORTS; i++)
        if (ports[i].server == a)
            port_end(&ports[i]);
}

uint32_t port_count(void)
{
    uint32_t n = 0;
    for (uint32_t i = 0; i < APP_PORTS; i++)
        n += ports[i].server != 0;
    return n;
}
