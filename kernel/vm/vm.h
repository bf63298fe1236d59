/* The VM services at run time: one instance of each proved model
 * (PhysAddr, Translation, VirtAddr) over the kernel's frame allocator,
 * the page tables of each context kept equal to its model (uspace.h), and
 * the events the services raise: PhysAddr.Reclaim when frames run out, and
 * Translation.PageNotPresent, BadAddress and ProtectionFault for faults in
 * a context other than the kernel's. Every call runs with interrupts off,
 * so the timer never sees a model and its page tables disagree.
 *
 * An owner is an application or extension id: 1 the shell, an extension's
 * installer id (16 and up). Results are the models' codes (phys_err,
 * tr_err, virt_err); vm_err_text says them in words. */
#ifndef SPINEL_VM_H
#define SPINEL_VM_H

#include <stdint.h>
#include "mem/phys.h"
#include "mem/translation.h"
#include "mem/virt.h"

/* The kinds of fault, in the order of their events. */
enum vm_fault_kind { VM_PAGE_NOT_PRESENT = 0, VM_BAD_ADDRESS = 1, VM_PROTECTION_FAULT = 2, VM_FAULT_KINDS = 3 };

/* What a fault event's handlers are given (spinel/translation.h's struct
 * spinel_fault is the same layout: ext_vm.c checks). */
struct vm_fault {
    uint64_t vaddr;  /* the faulting address */
    uint32_t access; /* TR_PROT_READ, _WRITE or _EXEC: what was tried */
    uint32_t kind;   /* enum vm_fault_kind */
    uint32_t ctx;    /* the context (kernel-side index) */
    uint32_t owner;  /* its owner: a kernel guard runs only the owner's handlers */
};

/* What PhysAddr.Reclaim's handlers are given. An extension's handler
 * sees the first two fields as spinel/phys.h's struct spinel_reclaim:
 * references in its own table, which ext_vm.c fills in before the raise
 * and reads back after it. */
struct vm_reclaim {
    uint64_t candidate_ref; /* the holder's reference to the candidate */
    uint64_t nominee_ref;   /* an extension's handler may change it to another of its frames */
    uint32_t candidate;     /* the phys entry the kernel would take */
    uint32_t holder;        /* its holder: only the holder's handlers run */
    uint32_t nominee;       /* a kernel handler may change it to another entry of the holder's */
};

struct vm_services {
    struct phys_table phys;
    struct tr_space tr;
    struct virt_table virt;
    uint64_t root[TR_CONTEXTS]; /* each live context's top-level table */
    uint32_t reclaim_cursor;    /* where the next Reclaim candidate is looked for */
    uint32_t reclaim_event, fault_event[VM_FAULT_KINDS];
    uint64_t faults[VM_FAULT_KINDS], resolved, stopped, reclaimed;
    uint64_t changes; /* mappings added or removed so far */
    /* Live mappings of each phys entry that are writable, and that are
     * executable, over every context: W^X per frame in O(1). */
    uint16_t writable[PHYS_PAGES], executable[PHYS_PAGES];
};

extern struct vm_services vm;

/* After paging: the models empty. */
void vm_init(void);
/* Declares Reclaim and the three fault events (from kevents_init). */
void vm_events_declare(void);

/* PhysAddr.Allocate of one frame (zeroed with PHYS_ATTR_ZERO); on
 * exhaustion raises Reclaim once and retries. */
int vm_phys_alloc(uint32_t owner, uint32_t attrib, uint32_t *page);
/* PhysAddr.Deallocate: refused while a mapping names the frame. */
int vm_phys_free(uint32_t owner, uint32_t page);

/* Destroy refused: the calling strand runs in the context. */
#define VM_ERR_CONTEXT_IN_USE 80

/* Translation.Create and Destroy (the strands running in it killed, and
 * every mapping removed, first). */
int vm_ctx_create(uint32_t owner, uint32_t *ctx);
int vm_ctx_destroy(uint32_t owner, uint32_t ctx);
/* AddMapping, RemoveMapping, ExamineMapping, and a change of protection
 * (RemoveMapping then AddMapping of the same frame, both or neither). */
int vm_map(uint32_t owner, uint32_t ctx, uint64_t vaddr, uint32_t page, uint32_t prot);
int vm_unmap(uint32_t owner, uint32_t ctx, uint64_t vaddr);
int vm_examine(uint32_t ctx, uint64_t vaddr, uint32_t *page, uint32_t *prot);
int vm_protect(uint32_t owner, uint32_t ctx, uint64_t vaddr, uint32_t prot);

/* VirtAddr.Allocate in a context owner holds, and Deallocate. */
int vm_range_alloc(uint32_t owner, uint32_t ctx, uint64_t size, uint32_t attrib, uint16_t *range);
int vm_range_free(uint32_t owner, uint16_t range);

/* The top-level table of a live context, for the strand runtime's CR3. */
uint64_t vm_ctx_root(uint32_t ctx);

/* A fault at vaddr in context ctx (error: the #PF error code): raises its
 * event; 1 if a handler resolved it (the access may retry), 0 if the
 * faulting strand must be stopped. */
int vm_fault(uint32_t ctx, uint64_t vaddr, uint64_t error);

/* At unload, in this order: each context of owner destroyed, its frames
 * freed, its ranges released. Returns frames freed. */
uint32_t vm_release_owner(uint32_t owner);

/* How many entries of each table are live. */
void vm_counts(uint32_t *pages, uint32_t *contexts, uint32_t *ranges);
const char *vm_err_text(int code);

#endif
