/* The kernel's side of the interfaces "phys", "virt" and "translation"
 * (extensions/include/spinel/): every frame, range and context an
 * extension holds is a reference in its own table, checked on each use;
 * its owner id in the VM services is its installer id; the models decide
 * and their refusals become SPINEL_* codes. Handlers on the VM events run
 * behind a kernel guard: only for faults in the installer's contexts, and
 * Reclaims of the installer's frames. Trusted, as ext_api.c. Every call
 * runs with interrupts off: a fault handler on a strand and the
 * extension's shell handler never interleave on its table. */
#include <stddef.h>
#include "arch.h"
#include "ext/ext.h"
#include "ext/ext_install.h"
#include "ext/ext_vm.h"
#include "kernel.h"
#include "spinel/phys.h"
#include "spinel/translation.h"
#include "spinel/virt.h"
#include "strand/runtime.h"
#include "vm/vm.h"
#include "vm/vm_demo.h"
#include "vm/vm_internal.h"

_Static_assert(sizeof(struct spinel_fault) == sizeof(struct vm_fault), "fault views differ");
_Static_assert(offsetof(struct spinel_fault, vaddr) == offsetof(struct vm_fault, vaddr), "fault views differ");
_Static_assert(offsetof(struct spinel_fault, access) == offsetof(struct vm_fault, access), "fault views differ");
_Static_assert(offsetof(struct spinel_fault, kind) == offsetof(struct vm_fault, kind), "fault views differ");
_Static_assert(offsetof(struct spinel_fault, ctx) == offsetof(struct vm_fault, ctx), "fault views differ");
_Static_assert(offsetof(struct spinel_fault, owner) == offsetof(struct vm_fault, owner), "fault views differ");
_Static_assert(offsetof(struct spinel_reclaim, candidate) == offsetof(struct vm_reclaim, candidate_ref) &&
                   offsetof(struct spinel_reclaim, nominee) == offsetof(struct vm_reclaim, nominee_ref),
               "reclaim views differ");
_Static_assert(TRANSLATION_READ == TR_PROT_READ && TRANSLATION_WRITE == TR_PROT_WRITE &&
                   TRANSLATION_EXEC == TR_PROT_EXEC && VIRT_GUARD == VIRT_ATTR_GUARD,
               "interface bits differ");
_Static_assert((int)SPINEL_FAULT_NOT_PRESENT == (int)VM_PAGE_NOT_PRESENT &&
                   (int)SPINEL_FAULT_BAD_ADDRESS == (int)VM_BAD_ADDRESS &&
                   (int)SPINEL_FAULT_PROTECTION == (int)VM_PROTECTION_FAULT,
               "fault kinds differ");

#define CALLER() EXT_CALLER()

#define RIGHTS (CAP_RIGHT_READ | CAP_RIGHT_WRITE)

/* A model's refusal (vm.h's codes), as an extension's code. Not live, not
 * the holder's: what a reference check refuses. */
static int spinel_code(int r)
{
    switch (r) {
    case 0: return SPINEL_OK;
    case PHYS_ERR_FULL: case TR_ERR_FULL: case TR_ERR_NO_SLOT: return SPINEL_ERR_FULL;
    case VM_VIRT_ERR_BASE + VIRT_ERR_FULL: return SPINEL_ERR_FULL;
    case PHYS_ERR_EXHAUSTED: case VM_VIRT_ERR_BASE + VIRT_ERR_NO_SPACE: return SPINEL_ERR_NO_MEMORY;
    case TR_ERR_UNALIGNED: return SPINEL_ERR_UNALIGNED;
    case TR_ERR_KERNEL_HALF: return SPINEL_ERR_KERNEL_HALF;
    case TR_ERR_PROT: return SPINEL_ERR_PROT;
    case TR_ERR_WX: return SPINEL_ERR_WX;
    case TR_ERR_MAPPED: return SPINEL_ERR_MAPPED;
    case TR_ERR_NOT_MAPPED: return SPINEL_ERR_NOT_MAPPED;
    case TR_ERR_FRAME_MAPPED: case VM_ERR_CONTEXT_IN_USE: return SPINEL_ERR_IN_USE;
    case VM_VIRT_ERR_BASE + VIRT_ERR_SIZE: case VM_VIRT_ERR_BASE + VIRT_ERR_ATTRIB: return SPINEL_ERR_INVALID;
    default: return SPINEL_ERR_BAD_REF;
    }
}

/* The kernel object a live reference of e's names, if of that type: its
 * index in its table; or -1. */
static int64_t object_of(const struct extension *e, spinel_ref ref, uint32_t type)
{
    struct kobject *obj;
    if (!e || cap_internalize(&kernel.caps, e->app, ref, type, RIGHTS, &obj) != CAP_OK)
        return -1;
    return obj->id;
}

/* --- events ------------------------------------------------------------ */

/* Runs a fault handler only for a fault in its installer's context. */
static int fault_guard(void *closure, const void *args)
{
    return ((const struct vm_fault *)args)->owner == (uint32_t)(uintptr_t)closure;
}

/* Runs a Reclaim handler only for its installer's candidate. */
static int reclaim_guard(void *closure, const void *args)
{
    return ((const struct vm_reclaim *)args)->holder == (uint32_t)(uintptr_t)closure;
}

static int install(uint32_t event, handler_fn h, guard_fn g)
{
    return ext_install_handler(event, h, g, EXT_CLOSURE_INSTALLER);
}

static int uninstall(uint32_t event, handler_fn h) { return ext_uninstall_handler(event, h, EXT_CLOSURE_INSTALLER); }

#define FAULT(kind) vm.fault_event[kind]
int translation_install_not_present(translation_handler *h)
{
    return install(FAULT(VM_PAGE_NOT_PRESENT), (handler_fn)h, fault_guard);
}
int translation_install_bad_address(translation_handler *h)
{
    return install(FAULT(VM_BAD_ADDRESS), (handler_fn)h, fault_guard);
}
int translation_install_protection(translation_handler *h)
{
    return install(FAULT(VM_PROTECTION_FAULT), (handler_fn)h, fault_guard);
}
int translation_uninstall_not_present(translation_handler *h) { return uninstall(FAULT(VM_PAGE_NOT_PRESENT), (handler_fn)h); }
int translation_uninstall_bad_address(translation_handler *h) { return uninstall(FAULT(VM_BAD_ADDRESS), (handler_fn)h); }
int translation_uninstall_protection(translation_handler *h) { return uninstall(FAULT(VM_PROTECTION_FAULT), (handler_fn)h); }
int phys_install(phys_reclaim_handler *h) { return install(vm.reclaim_event, (handler_fn)h, reclaim_guard); }
int phys_uninstall(phys_reclaim_handler *h) { return uninstall(vm.reclaim_event, (handler_fn)h); }

static const struct extension *holder_ext(uint32_t holder)
{
    for (uint32_t i = 0; i < EXT_MAX; i++) {
        const struct extension *e = ext_at(i);
        if (e && e->installer == holder)
            return e;
    }
    return 0;
}

void ext_vm_reclaim_refs(struct vm_reclaim *r)
{
    const struct extension *e = holder_ext(r->holder);
    r->candidate_ref = r->nominee_ref = PHYS_NO_REF;
    for (uint32_t j = 0; e && j < CAP_SLOTS; j++) {
        const struct cap_slot *s = &kernel.caps.slot[e->app * CAP_SLOTS + j];
        if (s->live && s->obj == &vm.phys.page[r->candidate].obj) {
            r->candidate_ref = r->nominee_ref = (cap_ref_t)s->gen * CAP_TOTAL + e->app * CAP_SLOTS + j;
            return;
        }
    }
}

void ext_vm_reclaim_nominee(struct vm_reclaim *r)
{
    int64_t nominee = r->nominee_ref == r->candidate_ref ? -1
                                                         : object_of(holder_ext(r->holder), r->nominee_ref, CAP_FRAME);
    if (nominee >= 0)
        r->nominee = (uint32_t)nominee;
}

/* --- PhysAddr ---------------------------------------------------------- */

static int alloc_frame(const struct extension *e, spinel_ref *frame)
{
    uint32_t page;
    cap_ref_t ref;
    int r = spinel_code(vm_phys_alloc(e->installer, PHYS_ATTR_ZERO, &page));
    if (r != SPINEL_OK)
        return r;
    if (cap_externalize(&kernel.caps, e->app, &vm.phys.page[page].obj, RIGHTS, &ref) != CAP_OK) {
        vm_phys_free(e->installer, page);
        return SPINEL_ERR_FULL;
    }
    *frame = ref;
    return SPINEL_OK;
}

int phys_alloc(spinel_ref *frame)
{
    const struct extension *e = CALLER();
    uint64_t flags = arch_irq_save();
    int r = e ? alloc_frame(e, frame) : SPINEL_ERR_BAD_REF;
    arch_irq_restore(flags);
    return r;
}

int phys_free(spinel_ref frame)
{
    const struct extension *e = CALLER();
    uint64_t flags = arch_irq_save();
    int64_t page = object_of(e, frame, CAP_FRAME);
    /* Freed, the entry's references are revoked (vm_phys_free). */
    int r = page < 0 ? SPINEL_ERR_BAD_REF : spinel_code(vm_phys_free(e->installer, (uint32_t)page));
    arch_irq_restore(flags);
    return r;
}

/* --- VirtAddr ---------------------------------------------------------- */

static int alloc_range(const struct extension *e, int64_t ctx, uint64_t size, uint32_t attrib, spinel_ref *range,
                       uint64_t *base)
{
    uint16_t i;
    cap_ref_t ref;
    if (ctx < 0)
        return SPINEL_ERR_BAD_REF;
    int r = spinel_code(vm_range_alloc(e->installer, (uint32_t)ctx, size, attrib, &i));
    if (r != SPINEL_OK)
        return r;
    if (cap_externalize(&kernel.caps, e->app, &vm.virt.range[i].obj, RIGHTS, &ref) != CAP_OK) {
        vm_range_free(e->installer, i);
        return SPINEL_ERR_FULL;
    }
    *range = ref;
    *base = vm.virt.range[i].base;
    return SPINEL_OK;
}

int virt_alloc(spinel_ref ctx, uint64_t size, uint32_t attrib, spinel_ref *range, uint64_t *base)
{
    const struct extension *e = CALLER();
    uint64_t flags = arch_irq_save();
    int r = e ? alloc_range(e, object_of(e, ctx, CAP_CONTEXT), size, attrib, range, base) : SPINEL_ERR_BAD_REF;
    arch_irq_restore(flags);
    return r;
}

int virt_free(spinel_ref range)
{
    const struct extension *e = CALLER();
    uint64_t flags = arch_irq_save();
    int64_t i = object_of(e, range, CAP_VIRT);
    int r = i < 0 ? SPINEL_ERR_BAD_REF : spinel_code(vm_range_free(e->installer, (uint16_t)i));
    arch_irq_restore(flags);
    return r;
}

/* --- Translation ------------------------------------------------------- */

static int create(const struct extension *e, spinel_ref *ref, uint32_t *number)
{
    uint32_t ctx;
    cap_ref_t r;
    if (vm_ctx_create(e->installer, &ctx) != TR_OK)
        return SPINEL_ERR_FULL;
    if (cap_externalize(&kernel.caps, e->app, &vm.tr.ctx[ctx].obj, RIGHTS, &r) != CAP_OK) {
        vm_ctx_destroy(e->installer, ctx);
        return SPINEL_ERR_FULL;
    }
    *ref = r;
    *number = ctx;
    return SPINEL_OK;
}

int translation_create(spinel_ref *ctx, uint32_t *number)
{
    const struct extension *e = CALLER();
    uint64_t flags = arch_irq_save();
    int r = e ? create(e, ctx, number) : SPINEL_ERR_BAD_REF;
    arch_irq_restore(flags);
    return r;
}

/* The context with its strands and mappings (vm_ctx_destroy), then, once
 * it is gone, the caller's ranges in it: a refusal changes nothing. */
static int destroy(const struct extension *e, uint32_t ctx)
{
    int r = vm_ctx_destroy(e->installer, ctx);
    for (uint16_t i = 0; r == 0 && i < VIRT_RANGES; i++)
        if (vm.virt.range[i].live && vm.virt.range[i].ctx == ctx && vm.virt.range[i].owner == e->installer)
            vm_range_free(e->installer, i);
    return spinel_code(r);
}

int translation_destroy(spinel_ref ctx)
{
    const struct extension *e = CALLER();
    uint64_t flags = arch_irq_save();
    int64_t c = object_of(e, ctx, CAP_CONTEXT);
    int r = c < 0 ? SPINEL_ERR_BAD_REF : destroy(e, (uint32_t)c);
    arch_irq_restore(flags);
    return r;
}

int translation_map(spinel_ref ctx, uint64_t vaddr, spinel_ref frame, uint32_t prot)
{
    const struct extension *e = CALLER();
    uint64_t flags = arch_irq_save();
    int64_t c = object_of(e, ctx, CAP_CONTEXT), page = object_of(e, frame, CAP_FRAME);
    int r = c < 0 || page < 0 ? SPINEL_ERR_BAD_REF
                              : spinel_code(vm_map(e->installer, (uint32_t)c, vaddr, (uint32_t)page, prot));
    arch_irq_restore(flags);
    return r;
}

int translation_unmap(spinel_ref ctx, uint64_t vaddr)
{
    const struct extension *e = CALLER();
    uint64_t flags = arch_irq_save();
    int64_t c = object_of(e, ctx, CAP_CONTEXT);
    int r = c < 0 ? SPINEL_ERR_BAD_REF : spinel_code(vm_unmap(e->installer, (uint32_t)c, vaddr));
    arch_irq_restore(flags);
    return r;
}

int translation_examine(spinel_ref ctx, uint64_t vaddr, uint32_t *prot)
{
    const struct extension *e = CALLER();
    uint64_t flags = arch_irq_save();
    int64_t c = object_of(e, ctx, CAP_CONTEXT);
    uint32_t page, p;
    int r = c < 0 ? SPINEL_ERR_BAD_REF : spinel_code(vm_examine((uint32_t)c, vaddr, &page, &p));
    if (r == SPINEL_OK)
        *prot = p;
    arch_irq_restore(flags);
    return r;
}

int translation_protect(spinel_ref ctx, uint64_t vaddr, uint32_t prot)
{
    const struct extension *e = CALLER();
    uint64_t flags = arch_irq_save();
    int64_t c = object_of(e, ctx, CAP_CONTEXT);
    int r = c < 0 ? SPINEL_ERR_BAD_REF : spinel_code(vm_protect(e->installer, (uint32_t)c, vaddr, prot));
    arch_irq_restore(flags);
    return r;
}

/* --- the touch workload ------------------------------------------------ */

/* Each touch strand's record, by strand index: it is written after the
 * spawn, before the strand first runs (interrupts stay off), and the
 * strand finds it by its own index. */
static struct vm_touch touches[STRANDS];

static void touch_entry(void *arg)
{
    (void)arg;
    vm_touch_run(&touches[strand_self()]);
}

static int touch(const struct extension *e, int64_t ctx, int64_t range)
{
    uint32_t index;
    if (ctx < 0 || range < 0 || vm.virt.range[range].ctx != (uint32_t)ctx)
        return SPINEL_ERR_BAD_REF;
    if (strand_spawn("touch", touch_entry, 0, e->installer, &index) != SCHED_OK)
        return SPINEL_ERR_FULL;
    uint64_t pages = vm.virt.range[range].pages;
    touches[index] = (struct vm_touch){ .base = vm.virt.range[range].base,
                                        .pages = pages < TR_MAPPINGS ? (uint32_t)pages : TR_MAPPINGS };
    if (strand_set_context(index, (uint32_t)ctx) != SCHED_OK) {
        strand_kill(index);
        return SPINEL_ERR_FULL;
    }
    return SPINEL_OK;
}

int translation_touch(spinel_ref ctx, spinel_ref range)
{
    const struct extension *e = CALLER();
    uint64_t flags = arch_irq_save();
    int r = e ? touch(e, object_of(e, ctx, CAP_CONTEXT), object_of(e, range, CAP_VIRT)) : SPINEL_ERR_BAD_REF;
    arch_irq_restore(flags);
    return r;
}

void ext_vm_forget(const struct extension *e)
{
    uint64_t flags = arch_irq_save();
    vm_release_owner(e->installer);
    arch_irq_restore(flags);
}
