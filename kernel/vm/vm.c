/* The VM services' state, PhysAddr (with Reclaim) and release at unload:
 * see vm.h. Translation and VirtAddr are in vm_ctx.c, faults in
 * vm_fault.c, the events' declarations in vm_events.c. */
#include "arch.h"
#include "ext/ext_vm.h"
#include "kernel.h"
#include "lib/kstring.h"
#include "paging.h"
#include "uspace.h"
#include "vm/vm.h"
#include "vm/vm_internal.h"

struct vm_services vm;

void vm_init(void)
{
    phys_init(&vm.phys, &kernel.frames);
    tr_init(&vm.tr, &vm.phys);
    virt_init(&vm.virt);
}

/* Every mapping of entry page, in whatever context: the frame is about to
 * leave its holder. The holder owns every context that maps it (AddMapping
 * asks both of one holder). */
static void unmap_everywhere(uint32_t page)
{
    for (uint32_t c = 0; c < TR_CONTEXTS; c++)
        for (uint32_t s = 0; s < TR_MAPPINGS; s++) {
            const struct tr_mapping *m = &vm.tr.ctx[c].map[s];
            if (vm.tr.ctx[c].live && m->live && m->page == page)
                vm_unmap((uint32_t)vm.tr.ctx[c].owner, c, m->vaddr);
        }
}

/* The entry dies: its frame back to the allocator, and every reference
 * to it stale, so a later holder of the entry is not reached through it. */
static void take_back(uint32_t page)
{
    unmap_everywhere(page);
    cap_revoke_object(&kernel.caps, &vm.phys.page[page].obj);
    phys_reclaim(&vm.phys, &kernel.frames, page);
    vm.reclaimed++;
}

/* Reclaim: each live entry in turn, from the cursor, is offered to its
 * holder's handlers; the first holder that agrees (a handler returns
 * nonzero) gives the candidate, or the entry of its own it nominated.
 * Nobody agrees: nothing is taken. */
static int reclaim(void)
{
    for (uint32_t tried = 0; tried < PHYS_PAGES; tried++) {
        uint32_t candidate;
        if (phys_candidate(&vm.phys, vm.reclaim_cursor, &candidate) != PHYS_OK)
            return 0;
        vm.reclaim_cursor = (candidate + 1) % PHYS_PAGES;
        struct vm_reclaim r = { .candidate = candidate, .holder = vm.phys.page[candidate].owner, .nominee = candidate };
        ext_vm_reclaim_refs(&r);
        if (!event_raise(dispatch_event(&kernel.events, vm.reclaim_event), &r))
            continue;
        ext_vm_reclaim_nominee(&r);
        take_back(phys_nominee_ok(&vm.phys, candidate, r.nominee) ? r.nominee : candidate);
        return 1;
    }
    return 0;
}

static void zero_frame(uint32_t page)
{
    kmemset(phys_to_virt(phys_address(&vm.phys, &kernel.frames, page)), 0, FRAME_SIZE);
}

int vm_phys_alloc(uint32_t owner, uint32_t attrib, uint32_t *page)
{
    uint64_t flags = arch_irq_save();
    int r = phys_allocate(&vm.phys, &kernel.frames, owner, FRAME_SIZE, attrib, page);
    if ((r == PHYS_ERR_FULL || r == PHYS_ERR_EXHAUSTED) && reclaim())
        r = phys_allocate(&vm.phys, &kernel.frames, owner, FRAME_SIZE, attrib, page);
    if (r == PHYS_OK && (attrib & PHYS_ATTR_ZERO))
        zero_frame(*page);
    arch_irq_restore(flags);
    return r;
}

int vm_phys_free(uint32_t owner, uint32_t page)
{
    uint64_t flags = arch_irq_save();
    int r = vm_deallocate(&vm.tr, &vm.phys, &kernel.frames, owner, page);
    if (r == PHYS_OK)
        cap_revoke_object(&kernel.caps, &vm.phys.page[page].obj);
    arch_irq_restore(flags);
    return r;
}

/* Stale references to every dead entry of owner's, after a release. */
static void revoke_released(uint32_t owner)
{
    for (uint32_t p = 0; p < PHYS_PAGES; p++)
        if (vm.phys.page[p].owner == owner && !vm.phys.page[p].live)
            cap_revoke_object(&kernel.caps, &vm.phys.page[p].obj);
    for (uint32_t i = 0; i < VIRT_RANGES; i++)
        if (vm.virt.range[i].owner == owner && !vm.virt.range[i].live)
            cap_revoke_object(&kernel.caps, &vm.virt.range[i].obj);
}

uint32_t vm_release_owner(uint32_t owner)
{
    uint64_t flags = arch_irq_save();
    for (uint32_t c = 0; c < TR_CONTEXTS; c++)
        if (vm.tr.ctx[c].live && vm.tr.ctx[c].owner == owner)
            vm_ctx_destroy(owner, c);
    uint32_t frames = vm_release_frames(&vm.tr, &vm.phys, &kernel.frames, owner);
    virt_release_owner(&vm.virt, owner);
    revoke_released(owner);
    arch_irq_restore(flags);
    return frames;
}

void vm_counts(uint32_t *pages, uint32_t *contexts, uint32_t *ranges)
{
    *pages = *contexts = *ranges = 0;
    for (uint32_t p = 0; p < PHYS_PAGES; p++)
        *pages += vm.phys.page[p].live;
    for (uint32_t c = 0; c < TR_CONTEXTS; c++)
        *contexts += vm.tr.ctx[c].live ? 1 : 0;
    for (uint32_t i = 0; i < VIRT_RANGES; i++)
        *ranges += vm.virt.range[i].live;
}

const char *vm_err_text(int code)
{
    switch (code) {
    case 0: return "ok";
    case PHYS_ERR_SIZE: return "a PhysAddr.T is one frame";
    case PHYS_ERR_ATTRIB: return "unknown attributes";
    case PHYS_ERR_FULL: return "the frame table is full, and Reclaim gave nothing";
    case PHYS_ERR_EXHAUSTED: return "no free frame, and Reclaim gave nothing";
    case PHYS_ERR_RANGE: case PHYS_ERR_NOT_LIVE: return "no such frame";
    case PHYS_ERR_NOT_OWNER: return "the frame is another holder's";
    case TR_ERR_FULL: return "no free context";
    case TR_ERR_CONTEXT: return "no such context";
    case TR_ERR_NOT_OWNER: return "the context is another holder's";
    case TR_ERR_UNALIGNED: return "the address is not the start of a page";
    case TR_ERR_KERNEL_HALF: return "the address is in the kernel's half";
    case TR_ERR_PROT: return "unknown protection, or none";
    case TR_ERR_WX: return "writable and executable at once";
    case TR_ERR_FRAME: return "the frame is not the holder's";
    case TR_ERR_MAPPED: return "something is mapped there already";
    case TR_ERR_NO_SLOT: return "the context's mappings are full";
    case TR_ERR_NOT_MAPPED: return "nothing is mapped there";
    case TR_ERR_FRAME_MAPPED: return "a mapping still names the frame";
    case VM_ERR_CONTEXT_IN_USE: return "the calling strand runs in the context";
    case VM_VIRT_ERR_BASE + VIRT_ERR_SIZE: return "range size 0 or too large";
    case VM_VIRT_ERR_BASE + VIRT_ERR_ATTRIB: return "unknown range attributes";
    case VM_VIRT_ERR_BASE + VIRT_ERR_FULL: return "the range table is full";
    case VM_VIRT_ERR_BASE + VIRT_ERR_NO_SPACE: return "no room for the range in the context";
    case VM_VIRT_ERR_BASE + VIRT_ERR_NOT_LIVE: return "no such range";
    case VM_VIRT_ERR_BASE + VIRT_ERR_NOT_OWNER: return "the range is another holder's";
    default: return "refused";
    }
}
