/* Translation: addressing contexts and their mappings of user pages to
 * frames held through PhysAddr.T capabilities. This is the proved model;
 * the trusted paging glue under kernel/arch/ writes the page tables after
 * the model accepted a change (and before it removes one), slot by slot. */
#ifndef SPINEL_TRANSLATION_H
#define SPINEL_TRANSLATION_H

#include <stdint.h>
#include "cap/cap.h"
#include "mem/frame.h"
#include "mem/phys.h"

_Static_assert(PHYS_PAGES <= 65536, "a slot names a phys entry in 16 bits");

#define TR_CONTEXTS 16u
#define TR_MAPPINGS 64u
#define TR_PAGE_SIZE 4096u
/* User pages lie below this address (the lower canonical half); the
 * kernel's half is never mapped through this interface. */
#define TR_USER_TOP 0x0000800000000000ull

/* Protections: a bit set; known bits TR_PROT_ALL (2^n - 1). */
#define TR_PROT_READ 1u
#define TR_PROT_WRITE 2u
#define TR_PROT_EXEC 4u
#define TR_PROT_ALL 7u

/* Codes start at 32, apart from enum phys_err's, because vm_deallocate
 * passes phys_deallocate's codes on. */
enum tr_err {
    TR_OK = 0,
    TR_ERR_FULL = 32,         /* no free context */
    TR_ERR_CONTEXT = 33,      /* no such live context */
    TR_ERR_NOT_OWNER = 34,    /* the context is another holder's */
    TR_ERR_UNALIGNED = 35,    /* vaddr is not the start of a page */
    TR_ERR_KERNEL_HALF = 36,  /* the page is not wholly below TR_USER_TOP */
    TR_ERR_PROT = 37,         /* unknown protection bits, or no access at all */
    TR_ERR_WX = 38,           /* writable and executable at once */
    TR_ERR_FRAME = 39,        /* the phys entry is not live or not the holder's */
    TR_ERR_MAPPED = 40,       /* something is already mapped at vaddr */
    TR_ERR_NO_SLOT = 41,      /* the context has no free mapping slot */
    TR_ERR_NOT_MAPPED = 42,   /* nothing is mapped at vaddr */
    TR_ERR_FRAME_MAPPED = 43  /* vm_deallocate: a mapping still names the frame */
};

/* Field types keep WP's typed memory apart: slot fields are 16-bit, which
 * neither the frame allocator (bytes, 64-bit words) nor the phys table
 * (32-bit words) writes; a context's owner and live are 64-bit, which
 * removing a mapping (16-bit writes) leaves alone. */
struct tr_mapping {
    uint64_t vaddr; /* the user page */
    uint16_t page;  /* the phys entry whose frame it maps */
    uint16_t prot;  /* TR_PROT_* bits */
    uint16_t live;  /* 1 while the slot holds a mapping */
};

struct tr_context {
    struct kobject obj; /* CAP_CONTEXT, id = index */
    uint64_t owner;
    uint64_t live;
    struct tr_mapping map[TR_MAPPINGS];
};

struct tr_space {
    struct tr_context ctx[TR_CONTEXTS];
};

#include "mem/translation.acsl"

/* Every context dead and empty, each its own CAP_CONTEXT object. */
/*@ requires \valid(sp) && \valid_read(ph) && \separated(sp, ph);
    terminates \true;
    assigns *sp;
    ensures valid: TrValid(sp, ph);
    ensures empty: \forall integer c; 0 <= c < TR_CONTEXTS ==>
      sp->ctx[c].live == 0 && TrCtxEmpty(sp, c);
*/
void tr_init(struct tr_space *sp, const struct phys_table *ph);

/* Create: a dead context becomes owner's, with no mapping. */
/*@ requires TrValid(sp, ph);
    requires \valid(index) && \separated(index, sp, ph);
    terminates \true;
    assigns sp->ctx[0 .. TR_CONTEXTS - 1].owner, sp->ctx[0 .. TR_CONTEXTS - 1].live, *index;
    ensures valid: TrValid(sp, ph);
    behavior full:
      assumes !TrHasDeadCtx(sp);
      ensures \result == TR_ERR_FULL && TrUnchanged{Pre,Post}(sp);
    behavior ok:
      assumes TrHasDeadCtx(sp);
      ensures \result == TR_OK;
      ensures \let c = *index; 0 <= c < TR_CONTEXTS && \at(sp->ctx[c].live, Pre) == 0;
      ensures TrCtxHeldBy(sp, *index, owner) && TrCtxEmpty(sp, *index);
      ensures others: TrUnchangedExcept{Pre,Post}(sp, *index);
    complete behaviors;
    disjoint behaviors;
*/
int tr_create(struct tr_space *sp, const struct phys_table *ph, uint32_t owner, uint32_t *index);

/* Destroy: every mapping of the context is removed (the runtime has
 * unmapped the same slots from the hardware first), then the context dies. */
/*@ requires TrValid(sp, ph);
    terminates \true;
    assigns sp->ctx[index].live, sp->ctx[index].map[0 .. TR_MAPPINGS - 1].live;
    ensures valid: TrValid(sp, ph);
    behavior dead:
      assumes !TrCtxLive(sp, index);
      ensures \result == TR_ERR_CONTEXT && TrUnchanged{Pre,Post}(sp);
    behavior not_owner:
      assumes TrCtxLive(sp, index) && sp->ctx[index].owner != owner;
      ensures \result == TR_ERR_NOT_OWNER && TrUnchanged{Pre,Post}(sp);
    behavior ok:
      assumes TrCtxHeldBy(sp, index, owner);
      ensures \result == TR_OK;
      ensures sp->ctx[index].live == 0 && TrCtxEmpty(sp, index);
      ensures others: TrUnchangedExcept{Pre,Post}(sp, index);
    complete behaviors;
    disjoint behaviors;
*/
int tr_destroy(struct tr_space *sp, const struct phys_table *ph, uint32_t owner, uint32_t index);

/* AddMapping(ctx, vaddr, page, prot) on behalf of holder. Each refusal,
 * checked in this order, has its own code and changes nothing. */
/*@ requires TrValid(sp, ph);
    terminates \true;
    assigns sp->ctx[ctx].map[0 .. TR_MAPPINGS - 1];
    ensures valid: TrValid(sp, ph);
    behavior context:
      assumes !TrCtxLive(sp, ctx);
      ensures \result == TR_ERR_CONTEXT && TrMapUnchanged{Pre,Post}(sp, ctx);
    behavior not_owner:
      assumes TrCtxLive(sp, ctx) && sp->ctx[ctx].owner != holder;
      ensures \result == TR_ERR_NOT_OWNER && TrMapUnchanged{Pre,Post}(sp, ctx);
    behavior unaligned:
      assumes TrCtxHeldBy(sp, ctx, holder) && vaddr % TR_PAGE_SIZE != 0;
      ensures \result == TR_ERR_UNALIGNED && TrMapUnchanged{Pre,Post}(sp, ctx);
    behavior kernel_half:
      assumes TrCtxHeldBy(sp, ctx, holder) && vaddr % TR_PAGE_SIZE == 0;
      assumes vaddr + TR_PAGE_SIZE > TR_USER_TOP;
      ensures \result == TR_ERR_KERNEL_HALF && TrMapUnchanged{Pre,Post}(sp, ctx);
    behavior prot:
      assumes TrCtxHeldBy(sp, ctx, holder) && TrUserPage(vaddr);
      assumes prot == 0 || prot > TR_PROT_ALL;
      ensures \result == TR_ERR_PROT && TrMapUnchanged{Pre,Post}(sp, ctx);
    behavior wx:
      assumes TrCtxHeldBy(sp, ctx, holder) && TrUserPage(vaddr);
      assumes 0 < prot <= TR_PROT_ALL && TrProtWX(prot);
      ensures \result == TR_ERR_WX && TrMapUnchanged{Pre,Post}(sp, ctx);
    behavior frame:
      assumes TrCtxHeldBy(sp, ctx, holder) && TrUserPage(vaddr) && TrProtOk(prot);
      assumes !PhysHeldBy(ph, page, holder);
      ensures \result == TR_ERR_FRAME && TrMapUnchanged{Pre,Post}(sp, ctx);
    behavior mapped:
      assumes TrCtxHeldBy(sp, ctx, holder) && TrUserPage(vaddr) && TrProtOk(prot);
      assumes PhysHeldBy(ph, page, holder) && TrMapped(sp, ctx, vaddr);
      ensures \result == TR_ERR_MAPPED && TrMapUnchanged{Pre,Post}(sp, ctx);
    behavior no_slot:
      assumes TrCtxHeldBy(sp, ctx, holder) && TrUserPage(vaddr) && TrProtOk(prot);
      assumes PhysHeldBy(ph, page, holder) && !TrMapped(sp, ctx, vaddr);
      assumes !TrHasFreeSlot(sp, ctx);
      ensures \result == TR_ERR_NO_SLOT && TrMapUnchanged{Pre,Post}(sp, ctx);
    behavior ok:
      assumes TrCtxHeldBy(sp, ctx, holder) && TrUserPage(vaddr) && TrProtOk(prot);
      assumes PhysHeldBy(ph, page, holder) && !TrMapped(sp, ctx, vaddr);
      assumes TrHasFreeSlot(sp, ctx);
      ensures \result == TR_OK;
      ensures added: \exists integer s; 0 <= s < TR_MAPPINGS && \at(sp->ctx[ctx].map[s].live, Pre) == 0 &&
        TrSlotMaps(sp, ctx, s, vaddr) && sp->ctx[ctx].map[s].page == page &&
        sp->ctx[ctx].map[s].prot == prot &&
        TrMapUnchangedExcept{Pre,Post}(sp, ctx, s);
    complete behaviors;
    disjoint behaviors;
*/
int tr_add_mapping(struct tr_space *sp, const struct phys_table *ph, uint32_t ctx, uint32_t holder,
                   uint64_t vaddr, uint32_t page, uint32_t prot);

/* RemoveMapping(ctx, vaddr): afterwards nothing is mapped there; *page
 * says which phys entry was (for the glue's invlpg and the caller). */
/*@ requires TrValid(sp, ph);
    requires \valid(page) && \separated(page, sp, ph);
    terminates \true;
    assigns sp->ctx[ctx].map[0 .. TR_MAPPINGS - 1].live, *page;
    ensures valid: TrValid(sp, ph);
    behavior context:
      assumes !TrCtxLive(sp, ctx);
      ensures \result == TR_ERR_CONTEXT && TrMapUnchanged{Pre,Post}(sp, ctx);
    behavior not_owner:
      assumes TrCtxLive(sp, ctx) && sp->ctx[ctx].owner != holder;
      ensures \result == TR_ERR_NOT_OWNER && TrMapUnchanged{Pre,Post}(sp, ctx);
    behavior not_mapped:
      assumes TrCtxHeldBy(sp, ctx, holder) && !TrMapped(sp, ctx, vaddr);
      ensures \result == TR_ERR_NOT_MAPPED && TrMapUnchanged{Pre,Post}(sp, ctx);
    behavior ok:
      assumes TrCtxHeldBy(sp, ctx, holder) && TrMapped(sp, ctx, vaddr);
      ensures \result == TR_OK;
      ensures removed: \exists integer s; 0 <= s < TR_MAPPINGS &&
        \at(TrSlotMaps(sp, ctx, s, vaddr), Pre) && *page == sp->ctx[ctx].map[s].page &&
        sp->ctx[ctx].map[s].live == 0 && TrMapUnchangedExcept{Pre,Post}(sp, ctx, s);
      ensures gone: !TrMapped(sp, ctx, vaddr);
    complete behaviors;
    disjoint behaviors;
*/
int tr_remove_mapping(struct tr_space *sp, const struct phys_table *ph, uint32_t ctx, uint32_t holder,
                      uint64_t vaddr, uint32_t *page);

/* ExamineMapping(ctx, vaddr): the phys entry and protection mapped there. */
/*@ requires TrValid(sp, ph);
    requires \valid(page) && \valid(prot) && \separated(page, prot, sp, ph);
    terminates \true;
    assigns *page, *prot;
    behavior context:
      assumes !TrCtxLive(sp, ctx);
      ensures \result == TR_ERR_CONTEXT;
    behavior not_mapped:
      assumes TrCtxLive(sp, ctx) && !TrMapped(sp, ctx, vaddr);
      ensures \result == TR_ERR_NOT_MAPPED;
    behavior ok:
      assumes TrCtxLive(sp, ctx) && TrMapped(sp, ctx, vaddr);
      ensures \result == TR_OK;
      ensures \exists integer s; 0 <= s < TR_MAPPINGS && TrSlotMaps(sp, ctx, s, vaddr) &&
        *page == sp->ctx[ctx].map[s].page && *prot == sp->ctx[ctx].map[s].prot;
    complete behaviors;
    disjoint behaviors;
*/
int tr_examine_mapping(const struct tr_space *sp, const struct phys_table *ph, uint32_t ctx, uint64_t vaddr,
                       uint32_t *page, uint32_t *prot);

/* Whether any live mapping of any live context names phys entry page. */
/*@ requires TrValid(sp, ph);
    terminates \true;
    assigns \nothing;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 <==> TrPageMapped(sp, page);
*/
int tr_page_mapped(const struct tr_space *sp, const struct phys_table *ph, uint32_t page);

/* Deallocate through the VM: a frame that a mapping still names is
 * refused, so no frame is ever freed while mapped; otherwise exactly
 * phys_deallocate. */
/*@ requires TrValid(sp, ph) && PhysValid(ph, fa);
    requires \separated(sp, fa, fa->state + (0 .. fa->nframes - 1));
    terminates \true;
    assigns ph->page[0 .. PHYS_PAGES - 1].live, fa->state[0 .. fa->nframes - 1];
    ensures valid: TrValid(sp, ph) && PhysValid(ph, fa);
    behavior mapped:
      assumes TrPageMapped(sp, page);
      ensures \result == TR_ERR_FRAME_MAPPED;
      ensures PhysUnchanged{Pre,Post}(ph) && FramesUnchanged{Pre,Post}(fa);
    behavior range:
      assumes !TrPageMapped(sp, page) && page >= PHYS_PAGES;
      ensures \result == PHYS_ERR_RANGE;
      ensures PhysUnchanged{Pre,Post}(ph) && FramesUnchanged{Pre,Post}(fa);
    behavior not_live:
      assumes !TrPageMapped(sp, page) && page < PHYS_PAGES && ph->page[page].live != 1;
      ensures \result == PHYS_ERR_NOT_LIVE;
      ensures PhysUnchanged{Pre,Post}(ph) && FramesUnchanged{Pre,Post}(fa);
    behavior not_owner:
      assumes !TrPageMapped(sp, page) && PhysLive(ph, page) && ph->page[page].owner != owner;
      ensures \result == PHYS_ERR_NOT_OWNER;
      ensures PhysUnchanged{Pre,Post}(ph) && FramesUnchanged{Pre,Post}(fa);
    behavior ok:
      assumes !TrPageMapped(sp, page) && PhysHeldBy(ph, page, owner);
      ensures \result == PHYS_OK;
      ensures released: PhysReleased{Pre,Post}(ph, fa, page);
      ensures frames: FramesUnchangedExcept{Pre,Post}(fa, \at(ph->page[page].frame, Pre));
      ensures others: PhysUnchangedExcept{Pre,Post}(ph, page);
    complete behaviors;
    disjoint behaviors;
*/
int vm_deallocate(const struct tr_space *sp, struct phys_table *ph, struct frame_alloc *fa, uint32_t owner,
                  uint32_t page);

/* At unload, once the runtime has destroyed every context of owner
 * (tr_destroy), so that no mapping names its frames: every frame of owner
 * is freed, exactly as phys_release_owner, and TrValid survives. Returns
 * how many. */
/*@ requires TrValid(sp, ph) && PhysValid(ph, fa);
    requires \separated(sp, fa, fa->state + (0 .. fa->nframes - 1));
    requires no_context: \forall integer c; 0 <= c < TR_CONTEXTS && sp->ctx[c].live == 1 ==>
      sp->ctx[c].owner != owner;
    terminates \true;
    assigns ph->page[0 .. PHYS_PAGES - 1].live, fa->state[0 .. fa->nframes - 1];
    ensures valid: TrValid(sp, ph) && PhysValid(ph, fa);
    ensures count: \result == PhysOwnedCount{Pre}(ph, owner, 0, PHYS_PAGES);
    ensures released: \forall integer k; 0 <= k < PHYS_PAGES ==>
      \at(PhysHeldBy(ph, k, owner), Pre) ==> PhysReleased{Pre,Post}(ph, fa, k);
    ensures others: \forall integer k; 0 <= k < PHYS_PAGES ==>
      !\at(PhysHeldBy(ph, k, owner), Pre) ==> PhysEntrySame{Pre,Post}(ph, k);
    ensures none_left: \forall integer k; 0 <= k < PHYS_PAGES ==> !PhysHeldBy(ph, k, owner);
*/
uint32_t vm_release_frames(const struct tr_space *sp, struct phys_table *ph, struct frame_alloc *fa,
                           uint32_t owner);

#endif
