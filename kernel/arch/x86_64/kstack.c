/* Kernel stacks: the boot stack (boot/entry.S), which the kernel runs on,
 * and the double fault's IST1 stack. Below each lies a guard page that is
 * left unmapped, so an overflow faults instead of overwriting what lies
 * below, and the fault report can name the stack. */
#include "boot_abi.h"
#include "kstack.h"
#include "paging.h"

extern uint8_t boot_stack_guard[];

/* The guard first: members keep their order, so it is the page below. */
static struct {
    uint8_t guard[STACK_GUARD_SIZE];
    uint8_t stack[8192];
} ist1 __attribute__((aligned(STACK_GUARD_SIZE)));

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
    return NSTACKS;
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
    return 0;
}
