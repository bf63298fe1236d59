/* Laws of the translation model, proved from the contracts in
 * translation.h alone: what the issue promises of AddMapping,
 * RemoveMapping and ExamineMapping. Not linked anywhere. */
#include "mem/translation.h"

/* After AddMapping, ExamineMapping gives that page and protection. */
/*@ requires TrValid(sp, ph) && TrCtxHeldBy(sp, ctx, holder);
    requires TrUserPage(vaddr) && TrProtOk(prot) && PhysHeldBy(ph, page, holder);
    requires !TrMapped(sp, ctx, vaddr) && TrHasFreeSlot(sp, ctx);
    requires \valid(p) && \valid(q) && \separated(p, q, sp, ph);
    terminates \true;
    assigns sp->ctx[ctx].map[0 .. TR_MAPPINGS - 1], *p, *q;
    ensures \result == TR_OK && *p == page && *q == prot;
*/
int law_add_then_examine(struct tr_space *sp, const struct phys_table *ph, uint32_t ctx, uint32_t holder,
                         uint64_t vaddr, uint32_t page, uint32_t prot, uint32_t *p, uint32_t *q)
{
    int r = tr_add_mapping(sp, ph, ctx, holder, vaddr, page, prot);
    //@ assert r == TR_OK && TrMapped(sp, ctx, vaddr);
    /*@ assert \forall integer s; 0 <= s < TR_MAPPINGS && TrSlotMaps(sp, ctx, s, vaddr) ==>
          sp->ctx[ctx].map[s].page == page && sp->ctx[ctx].map[s].prot == prot; */
    return tr_examine_mapping(sp, ph, ctx, vaddr, p, q);
}

/* After RemoveMapping, nothing is mapped there. */
/*@ requires TrValid(sp, ph) && TrCtxHeldBy(sp, ctx, holder) && TrMapped(sp, ctx, vaddr);
    requires \valid(p) && \valid(q) && \separated(p, q, sp, ph);
    terminates \true;
    assigns sp->ctx[ctx].map[0 .. TR_MAPPINGS - 1].live, *p, *q;
    ensures \result == TR_ERR_NOT_MAPPED;
*/
int law_remove_then_examine(struct tr_space *sp, const struct phys_table *ph, uint32_t ctx, uint32_t holder,
                            uint64_t vaddr, uint32_t *p, uint32_t *q)
{
    int r = tr_remove_mapping(sp, ph, ctx, holder, vaddr, p);
    //@ assert r == TR_OK && !TrMapped(sp, ctx, vaddr);
    //@ assert TrCtxLive(sp, ctx);
    return tr_examine_mapping(sp, ph, ctx, vaddr, p, q);
}

/* A writable and executable mapping is refused, and nothing changes. */
/*@ requires TrValid(sp, ph) && TrCtxHeldBy(sp, ctx, holder) && TrUserPage(vaddr);
    terminates \true;
    assigns sp->ctx[ctx].map[0 .. TR_MAPPINGS - 1];
    ensures \result == TR_ERR_WX && TrMapUnchanged{Pre,Post}(sp, ctx);
*/
int law_wx_refused(struct tr_space *sp, const struct phys_table *ph, uint32_t ctx, uint32_t holder,
                   uint64_t vaddr, uint32_t page)
{
    return tr_add_mapping(sp, ph, ctx, holder, vaddr, page, TR_PROT_READ | TR_PROT_WRITE | TR_PROT_EXEC);
}

/* The kernel's half is never mapped through this interface. */
/*@ requires TrValid(sp, ph) && TrCtxHeldBy(sp, ctx, holder);
    requires vaddr % TR_PAGE_SIZE == 0 && vaddr >= TR_USER_TOP;
    terminates \true;
    assigns sp->ctx[ctx].map[0 .. TR_MAPPINGS - 1];
    ensures \result == TR_ERR_KERNEL_HALF && TrMapUnchanged{Pre,Post}(sp, ctx);
*/
int law_kernel_half_refused(struct tr_space *sp, const struct phys_table *ph, uint32_t ctx, uint32_t holder,
                            uint64_t vaddr, uint32_t page, uint32_t prot)
{
    return tr_add_mapping(sp, ph, ctx, holder, vaddr, page, prot);
}

/* A frame is mapped only by a holder of its capability. */
/*@ requires TrValid(sp, ph) && TrCtxHeldBy(sp, ctx, holder) && TrUserPage(vaddr) && TrProtOk(prot);
    requires PhysLive(ph, page) && ph->page[page].owner != holder;
    terminates \true;
    assigns sp->ctx[ctx].map[0 .. TR_MAPPINGS - 1];
    ensures \result == TR_ERR_FRAME && TrMapUnchanged{Pre,Post}(sp, ctx);
*/
int law_foreign_frame_refused(struct tr_space *sp, const struct phys_table *ph, uint32_t ctx, uint32_t holder,
                              uint64_t vaddr, uint32_t page, uint32_t prot)
{
    return tr_add_mapping(sp, ph, ctx, holder, vaddr, page, prot);
}

/* A mapped frame is never freed: even its owner's deallocate is refused. */
/*@ requires TrValid(sp, ph) && PhysValid(ph, fa);
    requires \separated(sp, fa, fa->state + (0 .. fa->nframes - 1));
    requires 0 <= c < TR_CONTEXTS && 0 <= s < TR_MAPPINGS && TrCtxLive(sp, c);
    requires sp->ctx[c].map[s].live == 1;
    terminates \true;
    assigns ph->page[0 .. PHYS_PAGES - 1].live, fa->state[0 .. fa->nframes - 1];
    ensures \result == TR_ERR_FRAME_MAPPED && PhysUnchanged{Pre,Post}(ph);
    ensures PhysLive(ph, \at(sp->ctx[c].map[s].page, Pre));
*/
int law_mapped_frame_kept(const struct tr_space *sp, struct phys_table *ph, struct frame_alloc *fa,
                          uint32_t owner, uint32_t c, uint32_t s)
{
    int r = vm_deallocate(sp, ph, fa, owner, sp->ctx[c].map[s].page);
    //@ assert PhysEntrySame{Pre,Here}(ph, \at(sp->ctx[c].map[s].page, Pre));
    return r;
}
