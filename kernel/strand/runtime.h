/* The strand runtime: kernel threads with their own stacks, preempted by
 * the timer, scheduled by the proved bookkeeping in strand/sched.h. */
#ifndef SPINEL_STRAND_RUNTIME_H
#define SPINEL_STRAND_RUNTIME_H

#include <stdint.h>
#include "strand/sched.h"

/* Refusals of the runtime itself, numbered after enum sched_err. */
enum strand_err {
    STRAND_ERR_NO_STACK = 100, /* every strand stack is in use */
    STRAND_ERR_SELF = 101      /* the calling strand may not kill itself */
};

/* What `strands` shows of one strand. */
struct strand_info {
    uint32_t id, owner, policy;
    uint8_t state;
    uint64_t ticks; /* timer ticks it was running at */
    uint64_t count; /* its demo's counter */
    const char *name;
};

/* The boot thread becomes the shell's strand, running; an idle context
 * runs when no strand is runnable. Before the timer starts. */
void strand_init(void);
/* A new strand running fn(arg), owned by owner, under the default policy,
 * at the back of the run queue; its index in *index. SCHED_OK or why not. */
int strand_spawn(const char *name, void (*fn)(void *), void *arg, uint32_t owner, uint32_t *index);
/* strand_spawn under policy from its birth, so its first Unblock already
 * goes to the policy: SCHED_POLICY_DEFAULT, or owner itself (SCHED_ERR_FREE
 * for any other, as strand_schedule_by). */
int strand_spawn_scheduled(const char *name, void (*fn)(void *), void *arg, uint32_t owner, uint32_t policy,
                           uint32_t *index);
/* Kills strand index (not the caller) and frees its stack and entry. */
int strand_kill(uint32_t index);
/* The caller blocks until ticks timer ticks have passed. */
void strand_sleep(uint64_t ticks);
/* Ends the calling strand (also where a strand's function returns to). */
_Noreturn void strand_exit(void);
/* The calling strand's index. */
uint32_t strand_self(void);
/* Strand index (not the caller, which is running) runs in translation
 * context ctx from its next turn: CR3 holds the context's tables while it
 * runs. A ctx that is not live means the kernel's. */
int strand_set_context(uint32_t index, uint32_t ctx);
/* Its context, or TR_CONTEXTS for the kernel's. */
uint32_t strand_context(uint32_t index);
/* A page fault at vaddr (error: the #PF error code), interrupts off:
 * NOT_MINE if it is not the running strand's in its own context's user
 * half (in ring 0, the kernel's fault: the trap handler halts); RESOLVED
 * if a Translation handler resolved it (retry the access); UNRESOLVED
 * otherwise: the trap handler stops the strand. */
enum strand_fault { STRAND_FAULT_NOT_MINE = 0, STRAND_FAULT_RESOLVED = 1, STRAND_FAULT_UNRESOLVED = 2 };
int strand_page_fault(uint64_t vaddr, uint64_t error);
/* Ends the running strand with a report naming it. */
_Noreturn void strand_stop(void);
/* An exception in ring 3 that nothing resolved: a report naming the
 * strand (an application's bears its name), what (the exception), where
 * (rip) and the address (a page fault's), then strand_stop. */
_Noreturn void strand_user_fault(const char *what, uint64_t rip, uint64_t vaddr);
/* hook(arg) runs once strand index is dead and its entry reaped, with
 * interrupts off, outside the strand (an application's resources are
 * freed there: its context cannot be destroyed while it runs in it). */
void strand_on_reap(uint32_t index, void (*hook)(void *), void *arg);
/* Reaps the dead strands now (their hooks run). */
void strand_collect(void);
/* Counter of strand index, for demos (0 if index is out of range). */
volatile uint64_t *strand_counter(uint32_t index);
/* Copies the live and dead strands into out (at most n); returns how many. */
uint32_t strand_list(struct strand_info *out, uint32_t n);
/* The timer interrupt, after its EOI, interrupts off: wakes sleepers,
 * sends the running strand to the back of the queue and runs the head. */
void strand_timer_tick(void);
/* Puts strand index, if owner owns it, under policy: SCHED_OK, or
 * SCHED_ERR_FREE if it is not owner's, or sched_set_policy's refusal. */
int strand_schedule_by(uint32_t index, uint32_t owner, uint32_t policy);
/* Extension ext is unloaded: the strands it scheduled fall back to round
 * robin, those it owns are killed and their stacks freed. */
void strand_release(uint32_t ext);
/* A reference to live strand index in application app's table: CAP_OK
 * or cap_externalize's refusal (CAP_ERR_NULL: no such strand). The only
 * way to a strand's kernel object, so that its reaping revokes the
 * references of exactly the strands that were ever handed out. */
int strand_externalize(uint32_t index, uint32_t app, uint32_t rights, cap_ref_t *ref);
/* Strands in the table, live or dead (not yet reaped). */
uint32_t strand_count(void);
/* The caller goes to the back of the run queue and the head runs. */
void strand_yield(void);
/* The caller blocks until the next device interrupt (strand_interrupt),
 * letting other strands run: how the shell waits for input. */
void strand_wait_interrupt(void);
/* A device interrupt came, interrupts off: the waiter runs again. */
void strand_interrupt(void);
/* The caller blocks until strand_wake. */
void strand_wait(void);
/* Strand index, blocked, becomes runnable: SCHED_OK or why not. */
int strand_wake(uint32_t index);
/* strand_wake(index) then strand_wait, in one step: no tick comes between
 * (a partner preempted between the two would leave both blocked). */
void strand_handoff(uint32_t index);
/* The caller yields until strand index is neither runnable nor blocked
 * (not the caller, which is running). */
void strand_join(uint32_t index);
/* strand_join, sleeping a timer tick at a time instead of yielding: out
 * of the run queue meanwhile, so the strands it waits for do not share
 * the processor with it (what a measurement of them needs). */
void strand_await(uint32_t index);
/* Words for a sched_err or strand_err code. */
const char *strand_err_text(int code);
const char *strand_state_name(uint8_t state);

#endif
