/* The strand runtime: owns the strand table and the stacks, and switches
 * between strands. Every decision of who runs is the proved sched_*'s;
 * this file only carries it out (stacks, registers, the timer). All of it
 * runs with interrupts off, so the timer never sees a table half changed. */
#include "arch.h"
#include "console.h"
#include "kernel.h"
#include "spinel/strand.h"
#include "strand/runtime.h"
#include "uspace.h"
#include "vm/vm.h"
#include "strand/strand_events.h"

/* The idle context's slot in sp[]: not a strand of the table, so the
 * queue never holds it and it never takes a turn from a runnable strand. */
#define IDLE STRANDS

static struct {
    struct sched sched;
    uint64_t sp[STRANDS + 1];   /* saved stack pointers, the idle one last */
    uint64_t stack[STRANDS];    /* stack top from arch_stack_alloc; 0: the boot stack */
    uint64_t ticks[STRANDS];
    uint64_t count[STRANDS];
    uint64_t wake_at[STRANDS];  /* a sleeper's tick; 0: not sleeping */
    uint32_t kept[STRANDS];     /* ticks in a row its policy kept it running */
    const char *name[STRANDS];
    uint32_t ctx[STRANDS];      /* its translation context, or TR_CONTEXTS: the kernel's */
    uint8_t referenced[STRANDS]; /* strand_externalize handed it out: revoke at reap */
    void (*on_reap[STRANDS])(void *); /* strand_on_reap's hook, and its argument */
    void *reap_arg[STRANDS];
    uint32_t current;           /* the running strand, or IDLE */
    int started;
} rt;

static void idle_loop(void *arg)
{
    (void)arg;
    for (;;)
        __asm__ volatile("sti; hlt" ::: "memory");
}

/* The Strand event kind, raised for strand i under its policy. */
static uint64_t raise_for(enum strand_event_kind kind, uint32_t i)
{
    return strand_raise(kind, i, rt.sched.strand[i].policy);
}

/* Runs the head of the queue, or the idle context if none is runnable.
 * The caller has already taken the current strand off the processor
 * (checkpoint, block or kill): sched_pick refuses while one runs. */
static void schedule(void)
{
    uint32_t next = IDLE;
    if (sched_pick(&rt.sched, &next) != SCHED_OK)
        next = IDLE;
    else
        raise_for(STRAND_EV_RESUME, next);
    uint32_t prev = rt.current;
    if (next == prev)
        return;
    rt.current = next;
    uspace_activate(next == IDLE ? 0 : vm_ctx_root(rt.ctx[next]));
    if (next != IDLE && rt.stack[next])
        arch_set_kernel_stack(rt.stack[next]); /* where ring 3 enters it */
    arch_switch(&rt.sp[prev], rt.sp[next]);
    /* Back in prev: a strand preempted inside arch_user_access_begin/end
     * must not lend its SMAP exemption to this one (an interrupt return
     * restores its own flags). */
    arch_user_access_end();
}

void strand_init(void)
{
    uint32_t shell = STRANDS, picked = STRANDS;
    sched_init(&rt.sched);
    if (strand_create(&rt.sched, SCHED_OWNER_KERNEL, SCHED_POLICY_DEFAULT, &shell) != SCHED_OK ||
        sched_unblock(&rt.sched, shell) != SCHED_OK || sched_pick(&rt.sched, &picked) != SCHED_OK ||
        picked != shell)
        panic("strands: cannot make the shell's strand");
    rt.name[shell] = "shell";
    for (uint32_t i = 0; i < STRANDS; i++)
        rt.ctx[i] = TR_CONTEXTS;
    rt.current = shell;
    uint64_t top = arch_stack_alloc();
    if (!top)
        panic("strands: no stack for the idle context");
    rt.sp[IDLE] = arch_strand_frame(top, idle_loop, 0);
    rt.started = 1;
}

/* Dead strands whose stack nobody runs on any more: a strand that ended
 * by itself died on its own stack, so it is freed later, from here. */
static void reap_dead(void)
{
    void (*hook[STRANDS])(void *);
    void *arg[STRANDS];
    uint32_t hooks = 0;
    for (uint32_t i = 0; i < STRANDS; i++)
        if (i != rt.current && rt.sched.strand[i].state == STRAND_DEAD) {
            if (rt.on_reap[i]) {
                hook[hooks] = rt.on_reap[i];
                arg[hooks++] = rt.reap_arg[i];
                rt.on_reap[i] = 0;
            }
            arch_stack_free(rt.stack[i]);
            rt.stack[i] = 0;
            rt.wake_at[i] = 0;
            rt.ctx[i] = TR_CONTEXTS;
            /* Its references die with it: the entry's next strand is
             * not reached through them. strand_externalize is the only
             * way to its object, and the walk of every table costs a
             * fork-join three times over, so a strand never handed out
             * is not walked for. */
            if (rt.referenced[i])
                cap_revoke_object(&kernel.caps, &rt.sched.strand[i].obj);
            rt.referenced[i] = 0;
            strand_reap(&rt.sched, i);
        }
    /* After the loop: a hook may kill or spawn strands, which reaps. */
    for (uint32_t k = 0; k < hooks; k++)
        hook[k](arg[k]);
}

int strand_spawn(const char *name, void (*fn)(void *), void *arg, uint32_t owner, uint32_t *index)
{
    return strand_spawn_scheduled(name, fn, arg, owner, SCHED_POLICY_DEFAULT, index);
}

int strand_spawn_scheduled(const char *name, void (*fn)(void *), void *arg, uint32_t owner, uint32_t policy,
                           uint32_t *index)
{
    /* As strand_schedule_by: a policy schedules only its own strands. */
    if (policy != SCHED_POLICY_DEFAULT && policy != owner)
        return SCHED_ERR_FREE;
    uint64_t flags = arch_irq_save();
    reap_dead();
    uint32_t i = STRANDS;
    int r = strand_create(&rt.sched, owner, policy, &i);
    if (r == SCHED_OK) {
        uint64_t top = arch_stack_alloc();
        if (!top) {
            sched_kill(&rt.sched, i);
            strand_reap(&rt.sched, i);
            r = STRAND_ERR_NO_STACK;
        } else {
            rt.stack[i] = top;
            rt.sp[i] = arch_strand_frame(top, fn, arg);
            rt.name[i] = name;
            rt.ticks[i] = rt.count[i] = rt.wake_at[i] = 0;
            rt.kept[i] = 0;
            r = sched_unblock(&rt.sched, i);
            if (r == SCHED_OK)
                raise_for(STRAND_EV_UNBLOCK, i);
            *index = i;
        }
    }
    arch_irq_restore(flags);
    return r;
}

int strand_kill(uint32_t index)
{
    uint64_t flags = arch_irq_save();
    int r = index == rt.current ? STRAND_ERR_SELF : sched_kill(&rt.sched, index);
    if (r == SCHED_OK)
        reap_dead(); /* not running: its stack is free at once */
    arch_irq_restore(flags);
    return r;
}

void strand_sleep(uint64_t ticks)
{
    uint64_t flags = arch_irq_save();
    rt.wake_at[rt.current] = arch_ticks() + ticks + 1;
    if (sched_block(&rt.sched, rt.current) == SCHED_OK)
        raise_for(STRAND_EV_BLOCK, rt.current);
    schedule();
    arch_irq_restore(flags);
}

_Noreturn void strand_exit(void)
{
    arch_irq_save();
    sched_kill(&rt.sched, rt.current);
    schedule();
    panic("strands: a dead strand ran again");
}

uint32_t strand_self(void) { return rt.current; }

int strand_set_context(uint32_t index, uint32_t ctx)
{
    uint64_t flags = arch_irq_save();
    int r = index >= STRANDS || rt.sched.strand[index].state == STRAND_FREE ? SCHED_ERR_RANGE
            : index == rt.current                                           ? STRAND_ERR_SELF
                                                                            : SCHED_OK;
    if (r == SCHED_OK)
        rt.ctx[index] = ctx < TR_CONTEXTS && vm_ctx_root(ctx) ? ctx : TR_CONTEXTS;
    arch_irq_restore(flags);
    return r;
}

uint32_t strand_context(uint32_t index) { return index < STRANDS ? rt.ctx[index] : TR_CONTEXTS; }

int strand_page_fault(uint64_t vaddr, uint64_t error)
{
    uint32_t ctx = rt.current == IDLE ? TR_CONTEXTS : rt.ctx[rt.current];
    if (ctx >= TR_CONTEXTS || vaddr >= TR_USER_TOP)
        return STRAND_FAULT_NOT_MINE;
    return vm_fault(ctx, vaddr, error) ? STRAND_FAULT_RESOLVED : STRAND_FAULT_UNRESOLVED;
}

_Noreturn void strand_stop(void)
{
    kprintf("strand %u (%s) stopped\n", rt.current, rt.name[rt.current]);
    strand_exit();
}

_Noreturn void strand_user_fault(const char *what, uint64_t rip, uint64_t vaddr)
{
    kprintf("%s (strand %u): killed by %s at rip 0x%lx, address 0x%lx\n", rt.name[rt.current], rt.current, what,
            rip, vaddr);
    strand_stop();
}

void strand_on_reap(uint32_t index, void (*hook)(void *), void *arg)
{
    uint64_t flags = arch_irq_save();
    if (index < STRANDS) {
        rt.on_reap[index] = hook;
        rt.reap_arg[index] = arg;
    }
    arch_irq_restore(flags);
}

void strand_collect(void)
{
    uint64_t flags = arch_irq_save();
    reap_dead();
    arch_irq_restore(flags);
}

volatile uint64_t *strand_counter(uint32_t index) { return index < STRANDS ? &rt.count[index] : 0; }

void strand_timer_tick(void)
{
    if (!rt.started)
        return;
    uint64_t now = arch_ticks();
    for (uint32_t i = 0; i < STRANDS; i++)
        if (rt.wake_at[i] && now >= rt.wake_at[i] && rt.sched.strand[i].state == STRAND_BLOCKED) {
            rt.wake_at[i] = 0;
            if (sched_unblock(&rt.sched, i) == SCHED_OK)
                raise_for(STRAND_EV_UNBLOCK, i);
        }
    uint32_t cur = rt.current;
    if (cur != IDLE) {
        rt.ticks[cur]++;
        /* Its policy may keep it running, a bounded number of ticks. */
        if (raise_for(STRAND_EV_CHECKPOINT, cur) == STRAND_KEEP && rt.kept[cur] < STRAND_KEEP_MAX) {
            rt.kept[cur]++;
            return;
        }
        rt.kept[cur] = 0;
        sched_checkpoint(&rt.sched, cur);
    }
    schedule();
}

int strand_schedule_by(uint32_t index, uint32_t owner, uint32_t policy)
{
    uint64_t flags = arch_irq_save();
    int r = index >= STRANDS ? SCHED_ERR_RANGE
            : rt.sched.strand[index].owner != owner ? SCHED_ERR_FREE
                                                    : sched_set_policy(&rt.sched, index, policy);
    arch_irq_restore(flags);
    return r;
}

void strand_release(uint32_t ext)
{
    uint64_t flags = arch_irq_save();
    sched_release_policy(&rt.sched, ext);
    if (sched_release_owner(&rt.sched, ext) == SCHED_OK)
        reap_dead();
    arch_irq_restore(flags);
}

int strand_externalize(uint32_t index, uint32_t app, uint32_t rights, cap_ref_t *ref)
{
    uint64_t flags = arch_irq_save();
    int r = CAP_ERR_NULL; /* no such strand */
    if (index < STRANDS && rt.sched.strand[index].state != STRAND_FREE) {
        rt.referenced[index] = 1; /* before the reference exists */
        r = cap_externalize(&kernel.caps, app, &rt.sched.strand[index].obj, rights, ref);
    }
    arch_irq_restore(flags);
    return r;
}

uint32_t strand_count(void)
{
    uint32_t n = 0;
    uint64_t flags = arch_irq_save();
    for (uint32_t i = 0; i < STRANDS; i++)
        n += rt.sched.strand[i].state != STRAND_FREE;
    arch_irq_restore(flags);
    return n;
}

/* The strand blocked in strand_wait_interrupt, or STRANDS. */
static uint32_t interrupt_waiter = STRANDS;

void strand_wait_interrupt(void)
{
    uint64_t flags = arch_irq_save();
    if (!rt.started || rt.current == IDLE || sched_block(&rt.sched, rt.current) != SCHED_OK) {
        __asm__ volatile("sti; hlt; cli" ::: "memory"); /* before strands: the boot thread halts */
    } else {
        raise_for(STRAND_EV_BLOCK, rt.current);
        interrupt_waiter = rt.current;
        schedule();
    }
    arch_irq_restore(flags);
}

void strand_interrupt(void)
{
    uint32_t w = interrupt_waiter;
    interrupt_waiter = STRANDS;
    if (w < STRANDS && sched_unblock(&rt.sched, w) == SCHED_OK)
        raise_for(STRAND_EV_UNBLOCK, w);
}

void strand_yield(void)
{
    uint64_t flags = arch_irq_save();
    if (sched_checkpoint(&rt.sched, rt.current) == SCHED_OK)
        schedule();
    arch_irq_restore(flags);
}

void strand_wait(void)
{
    uint64_t flags = arch_irq_save();
    if (sched_block(&rt.sched, rt.current) == SCHED_OK) {
        raise_for(STRAND_EV_BLOCK, rt.current);
        schedule();
    }
    arch_irq_restore(flags);
}

int strand_wake(uint32_t index)
{
    uint64_t flags = arch_irq_save();
    int r = sched_unblock(&rt.sched, index);
    if (r == SCHED_OK)
        raise_for(STRAND_EV_UNBLOCK, index);
    arch_irq_restore(flags);
    return r;
}

void strand_handoff(uint32_t index)
{
    uint64_t flags = arch_irq_save();
    if (sched_unblock(&rt.sched, index) == SCHED_OK)
        raise_for(STRAND_EV_UNBLOCK, index);
    if (sched_block(&rt.sched, rt.current) == SCHED_OK) {
        raise_for(STRAND_EV_BLOCK, rt.current);
        schedule();
    }
    arch_irq_restore(flags);
}

static int alive(uint32_t index)
{
    return index < STRANDS &&
           (rt.sched.strand[index].state == STRAND_RUNNABLE || rt.sched.strand[index].state == STRAND_BLOCKED);
}

void strand_join(uint32_t index)
{
    while (alive(index))
        strand_yield();
}

void strand_await(uint32_t index)
{
    while (alive(index))
        strand_sleep(1);
}

uint32_t strand_list(struct strand_info *out, uint32_t n)
{
    uint32_t k = 0;
    uint64_t flags = arch_irq_save();
    for (uint32_t i = 0; i < STRANDS && k < n; i++) {
        const struct strand *s = &rt.sched.strand[i];
        if (s->state == STRAND_FREE)
            continue;
        out[k++] = (struct strand_info){ .id = s->obj.id, .owner = s->owner, .policy = s->policy,
                                         .state = s->state, .ticks = rt.ticks[i], .count = rt.count[i],
                                         .name = rt.name[i] };
    }
    arch_irq_restore(flags);
    return k;
}

const char *strand_state_name(uint8_t state)
{
    static const char *const names[] = { "free", "runnable", "running", "blocked", "dead" };
    return state < sizeof(names) / sizeof(names[0]) ? names[state] : "?";
}

const char *strand_err_text(int code)
{
    switch (code) {
    case SCHED_OK: return "ok";
    case SCHED_ERR_FULL: return "the strand table is full";
    case SCHED_ERR_RANGE: return "no such strand (out of range)";
    case SCHED_ERR_FREE: return "no such strand";
    case SCHED_ERR_DEAD: return "already dead";
    case SCHED_ERR_TICKETS: return "the run queue's tickets are used up";
    case STRAND_ERR_NO_STACK: return "every strand stack is in use";
    case STRAND_ERR_SELF: return "it is the shell's own strand";
    default: return "refused";
    }
}
