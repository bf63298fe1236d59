/* Translation and VirtAddr at run time: the proved model decides, then the
 * page tables follow (a leaf written after the model accepted a mapping,
 * cleared before the model forgets one), all with interrupts off. */
#include "arch.h"
#include "kernel.h"
#include "strand/runtime.h"
#include "uspace.h"
#include "vm/vm.h"
#include "vm/vm_internal.h"

static int owns(uint32_t owner, uint32_t ctx)
{
    return ctx < TR_CONTEXTS && vm.tr.ctx[ctx].live && vm.tr.ctx[ctx].owner == owner;
}

int vm_ctx_create(uint32_t owner, uint32_t *ctx)
{
    uint64_t flags = arch_irq_save();
    int r = tr_create(&vm.tr, &vm.phys, owner, ctx);
    if (r == TR_OK)
        vm.root[*ctx] = uspace_create();
    arch_irq_restore(flags);
    return r;
}

/* Every live mapping of context c removed, model and tables. */
static void unmap_all(uint32_t owner, uint32_t c)
{
    for (uint32_t s = 0; s < TR_MAPPINGS; s++)
        if (vm.tr.ctx[c].map[s].live)
            vm_unmap(owner, c, vm.tr.ctx[c].map[s].vaddr);
}

/* The strands running in context ctx killed: one left would run on in
 * whatever context next takes the number. 0 if the caller runs in it. */
static int leave_context(uint32_t ctx)
{
    if (strand_context(strand_self()) == ctx)
        return 0;
    for (uint32_t s = 0; s < STRANDS; s++)
        if (strand_context(s) == ctx)
            strand_kill(s);
    return 1;
}

int vm_ctx_destroy(uint32_t owner, uint32_t ctx)
{
    uint64_t flags = arch_irq_save();
    if (owns(owner, ctx) && !leave_context(ctx)) {
        arch_irq_restore(flags);
        return VM_ERR_CONTEXT_IN_USE;
    }
    /* Other refusals come from the model, which then changes nothing. */
    if (owns(owner, ctx))
        unmap_all(owner, ctx);
    int r = tr_destroy(&vm.tr, &vm.phys, owner, ctx);
    if (r == TR_OK) {
        uspace_destroy(vm.root[ctx]);
        vm.root[ctx] = 0;
        cap_revoke_object(&kernel.caps, &vm.tr.ctx[ctx].obj);
    }
    arch_irq_restore(flags);
    return r;
}

/* W^X per frame, over every context: the model refuses W+X in one
 * mapping; a frame writable in one mapping and executable in another is
 * refused here, with the same code, before the model is asked. */
static int wx_across(uint32_t page, uint32_t prot)
{
    return page < PHYS_PAGES && (((prot & TR_PROT_WRITE) && vm.executable[page]) ||
                                 ((prot & TR_PROT_EXEC) && vm.writable[page]));
}

/* The counts of wx_across, as a mapping of page with prot comes (+1) or
 * goes (-1). */
static void count_mapping(uint32_t page, uint32_t prot, int delta)
{
    if (prot & TR_PROT_WRITE)
        vm.writable[page] = (uint16_t)(vm.writable[page] + delta);
    if (prot & TR_PROT_EXEC)
        vm.executable[page] = (uint16_t)(vm.executable[page] + delta);
}

int vm_map(uint32_t owner, uint32_t ctx, uint64_t vaddr, uint32_t page, uint32_t prot)
{
    uint64_t flags = arch_irq_save();
    int r = wx_across(page, prot) ? TR_ERR_WX : tr_add_mapping(&vm.tr, &vm.phys, ctx, owner, vaddr, page, prot);
    if (r == TR_OK) {
        uspace_map(vm.root[ctx], vaddr, phys_address(&vm.phys, &kernel.frames, page), prot);
        count_mapping(page, prot, 1);
        vm.changes++;
    }
    arch_irq_restore(flags);
    return r;
}


int vm_unmap(uint32_t owner, uint32_t ctx, uint64_t vaddr)
{
    uint64_t flags = arch_irq_save();
    uint32_t page, prot = 0;
    int r;
    /* A refusal is the model's, which then changes nothing; an accepted
     * removal clears the leaf before the model forgets the mapping. */
    if (!owns(owner, ctx))
        r = tr_remove_mapping(&vm.tr, &vm.phys, ctx, owner, vaddr, &page);
    else if ((r = tr_examine_mapping(&vm.tr, &vm.phys, ctx, vaddr, &page, &prot)) == TR_OK) {
        uspace_unmap(vm.root[ctx], vaddr);
        r = tr_remove_mapping(&vm.tr, &vm.phys, ctx, owner, vaddr, &page);
        count_mapping(page, prot, -1);
        vm.changes++;
        /* The alias writable again once no executable mapping is left. */
        if ((prot & TR_PROT_EXEC) && !vm.executable[page])
            uspace_unseal(phys_address(&vm.phys, &kernel.frames, page));
    }
    arch_irq_restore(flags);
    return r;
}

int vm_examine(uint32_t ctx, uint64_t vaddr, uint32_t *page, uint32_t *prot)
{
    uint64_t flags = arch_irq_save();
    int r = tr_examine_mapping(&vm.tr, &vm.phys, ctx, vaddr, page, prot);
    arch_irq_restore(flags);
    return r;
}

int vm_protect(uint32_t owner, uint32_t ctx, uint64_t vaddr, uint32_t prot)
{
    uint64_t flags = arch_irq_save();
    uint32_t page, old;
    int r = ctx >= TR_CONTEXTS || !vm.tr.ctx[ctx].live ? TR_ERR_CONTEXT
            : !owns(owner, ctx)                       ? TR_ERR_NOT_OWNER
                                                      : tr_examine_mapping(&vm.tr, &vm.phys, ctx, vaddr, &page, &old);
    /* AddMapping's own checks of prot, made before the old mapping goes. */
    if (r == TR_OK && (prot == 0 || prot > TR_PROT_ALL))
        r = TR_ERR_PROT;
    if (r == TR_OK && (prot & TR_PROT_WRITE) && (prot & TR_PROT_EXEC))
        r = TR_ERR_WX;
    if (r == TR_OK) {
        vm_unmap(owner, ctx, vaddr);
        r = vm_map(owner, ctx, vaddr, page, prot); /* the slot just freed takes it */
    }
    arch_irq_restore(flags);
    return r;
}

static int virt_code(int r) { return r == VIRT_OK ? 0 : VM_VIRT_ERR_BASE + r; }

int vm_range_alloc(uint32_t owner, uint32_t ctx, uint64_t size, uint32_t attrib, uint16_t *range)
{
    uint64_t flags = arch_irq_save();
    int r = ctx >= TR_CONTEXTS || !vm.tr.ctx[ctx].live ? TR_ERR_CONTEXT
            : !owns(owner, ctx)                       ? TR_ERR_NOT_OWNER
                                                      : virt_code(virt_allocate(&vm.virt, ctx, owner, size, attrib, range));
    arch_irq_restore(flags);
    return r;
}

int vm_range_free(uint32_t owner, uint16_t range)
{
    uint64_t flags = arch_irq_save();
    int r = virt_code(virt_deallocate(&vm.virt, owner, range));
    if (r == 0)
        cap_revoke_object(&kernel.caps, &vm.virt.range[range].obj);
    arch_irq_restore(flags);
    return r;
}

uint64_t vm_ctx_root(uint32_t ctx) { return ctx < TR_CONTEXTS && vm.tr.ctx[ctx].live ? vm.root[ctx] : 0; }
