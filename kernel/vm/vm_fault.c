/* Faults in translation contexts: classified by the models, raised as
 * Translation events, and checked again afterwards. A handler resolves a
 * fault only by changing the model (AddMapping, a change of protection),
 * so "resolved" is read off the model, never off a handler's word. */
#include "console.h"
#include "kernel.h"
#include "vm/vm.h"

#define PF_PRESENT 0x1ull
#define PF_WRITE 0x2ull
#define PF_FETCH 0x10ull
/* The same address faulting again this many times in a row, with no
 * mapping changed since the last fault there was "resolved", means the
 * tables and the model disagree: stop the strand rather than loop. A
 * fault at an address whose mapping was changed meanwhile (a write-watch
 * protecting the page again) starts the count afresh. */
#define VM_FAULT_REPEATS 4

static uint64_t last_vaddr, changes_then;
static uint32_t repeats;

static uint32_t access_of(uint64_t error)
{
    return error & PF_FETCH ? TR_PROT_EXEC : error & PF_WRITE ? TR_PROT_WRITE : TR_PROT_READ;
}

static const char *const kind_names[VM_FAULT_KINDS] = { "PageNotPresent", "BadAddress", "ProtectionFault" };
static const char *const access_names[] = { "", "read", "write", "", "execute" };

/* Mapped: a protection fault; else inside a range: not present; else bad. */
static uint32_t classify(uint32_t ctx, uint64_t page)
{
    uint32_t p, prot;
    uint16_t range;
    if (vm_examine(ctx, page, &p, &prot) == TR_OK)
        return VM_PROTECTION_FAULT;
    return virt_find(&vm.virt, ctx, page, &range) ? VM_PAGE_NOT_PRESENT : VM_BAD_ADDRESS;
}

/* Whether the model now lets the access happen. Any mapping is readable. */
static int allowed(uint32_t ctx, uint64_t page, uint32_t access)
{
    uint32_t p, prot;
    return vm_examine(ctx, page, &p, &prot) == TR_OK && (access == TR_PROT_READ || (prot & access));
}

int vm_fault(uint32_t ctx, uint64_t vaddr, uint64_t error)
{
    uint64_t page = vaddr & ~(uint64_t)(TR_PAGE_SIZE - 1);
    struct vm_fault f = { vaddr, access_of(error), classify(ctx, page), ctx, (uint32_t)vm.tr.ctx[ctx].owner };
    if (f.kind == VM_PROTECTION_FAULT && !(error & PF_PRESENT))
        f.kind = VM_PAGE_NOT_PRESENT; /* the model maps it, the tables do not: let a handler see it */
    vm.faults[f.kind]++;
    uint64_t before = vm.changes;
    event_raise(dispatch_event(&kernel.events, vm.fault_event[f.kind]), &f);
    repeats = vaddr == last_vaddr && before == changes_then ? repeats + 1 : 0;
    last_vaddr = vaddr;
    changes_then = vm.changes;
    if (allowed(ctx, page, f.access) && repeats < VM_FAULT_REPEATS) {
        vm.resolved++;
        return 1;
    }
    vm.stopped++;
    repeats = 0;
    kprintf("Translation.%s at 0x%lx (%s) in context %u: not resolved\n", kind_names[f.kind], vaddr,
            access_names[f.access], ctx);
    return 0;
}
