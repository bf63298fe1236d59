/* Kernel stacks: the boot stack (boot/entry.S), which the kernel runs on,
 * the double fault's IST1 stack and the strands' stacks, handed out and
 * taken back by the strand runtime. Below each lies a guard page that is
 * left unmapped, so an overflow faults instead of overwriting what lies
 * below, and the fault report can name the stack. */
#include "arch.h"
#include "boot_abi.h"
#include "kstack.h"
#include "paging.h"

extern uint8_t boot_stack_guard[];

/* The guard first: members keep their order, so it is the page below. */
static struct {
    uint8_t guard[STACK_GUARD_SIZE];
    uint8_t stack[8192];
} ist1 __attribute__((aligned(STACK_GUARD_SIZE)));

static struct {
    uint8_t guard[STACK_GUARD_SIZE];
    uint8_t stack[ARCH_STRAND_STACK_SIZE];
} strand_stacks[ARCH_STRAND_STACKS] __attribute__((aligned(STACK_GUARD_SIZE)));
static uint8_t strand_stack_used[ARCH_STRAND_STACKS];

static const struct {
    const char *name;
    const uint8_t *guard;
} stacks[] = { { "boot", boot_stack_guard }, { "IST1", ist1.guard } };
#define NSTACKS (sizeof(stacks) / sizeof(stacks[0]))

uint64_t kstack_ist1_top(void) { return (uint64_t)(ist1.stack + sizeof(ist1.stack)); }

unsigned kstack_unmap_guards(void)
{
    for (unsigned i = 0; i < NSTACKS; i++)
        paging_unmap((uint64_t)stacks[i].guard);
    for (unsigned i = 0; i < ARCH_STRAND_STACKS; i++)
        paging_unmap((uint64_t)strand_stacks[i].guard);
    return NSTACKS + ARCH_STRAND_STACKS;
}

const char *kstack_guard_hit(uint64_t vaddr, uint64_t *guard)
{
    for (unsigned i = 0; i < NSTACKS; i++) {
        uint64_t g = (uint64_t)stacks[i].guard;
        if (vaddr - g < STACK_GUARD_SIZE) {
            *guard = g;
            return stacks[i].name;
        }
    }
    for (unsigned i = 0; i < ARCH_STRAND_STACKS; i++) {
        uint64_t g = (uint64_t)strand_stacks[i].guard;
        if (vaddr - g < STACK_GUARD_SIZE) {
            *guard = g;
            return "a strand's";
        }
    }
    return 0;
}

/* Callers run with interrupts off (the strand runtime), so no lock. */
uint64_t arch_stack_alloc(void)
{
    for (unsigned i = 0; i < ARCH_STRAND_STACKS; i++)
        if (!strand_stack_used[i]) {
            strand_stack_used[i] = 1;
            return (uint64_t)(strand_stacks[i].stack + ARCH_STRAND_STACK_SIZE);
        }
    return 0;
}

void arch_stack_free(uint64_t top)
{
    for (unsigned i = 0; i < ARCH_STRAND_STACKS; i++)
        if (top == (uint64_t)(strand_stacks[i].stack + ARCH_STRAND_STACK_SIZE))
            strand_stack_used[i] = 0;
}

extern char arch_strand_start[];

/* The frame arch_switch pops for a strand that never ran: six callee-saved
 * registers (r12 the function, r13 its argument), then arch_strand_start
 * as the return address, placed so that the call there is 16-byte aligned
 * as the ABI wants. */
uint64_t arch_strand_frame(uint64_t top, void (*entry)(void *), void *arg)
{
    uint64_t *p = (uint64_t *)(top - 72);
    for (unsigned i = 0; i < 9; i++)
        p[i] = 0;
    p[3] = (uint64_t)entry; /* r12: pops come r15, r14, r13, r12, rbp, rbx */
    p[2] = (uint64_t)arg;   /* r13 */
    p[6] = (uint64_t)arch_strand_start;
    return (uint64_t)p;
}
