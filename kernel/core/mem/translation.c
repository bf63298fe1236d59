/* Translation contexts and their mappings: the model the paging glue
 * follows. Contracts in translation.h; model in spec/mem/translation.acsl. */
#include "mem/translation.h"

void tr_init(struct tr_space *sp, const struct phys_table *ph)
{
    (void)ph; /* named in the contract: the space is valid against it */
    /*@ loop invariant 0 <= c <= TR_CONTEXTS;
        loop invariant \forall integer d; 0 <= d < c ==>
          TrCtxValid(sp, d) && sp->ctx[d].live == 0 && TrCtxEmpty(sp, d);
        loop assigns c, *sp;
        loop variant TR_CONTEXTS - c; */
    for (uint32_t c = 0; c < TR_CONTEXTS; c++) {
        sp->ctx[c].obj.type = CAP_CONTEXT;
        sp->ctx[c].obj.id = c;
        sp->ctx[c].owner = 0;
        sp->ctx[c].live = 0;
        /*@ loop invariant 0 <= s <= TR_MAPPINGS;
            loop invariant \forall integer r; 0 <= r < s ==> sp->ctx[c].map[r].live == 0;
            loop invariant \forall integer d; 0 <= d < c ==>
              TrCtxValid(sp, d) && sp->ctx[d].live == 0 && TrCtxEmpty(sp, d);
            loop invariant TrCtxValid(sp, c) && sp->ctx[c].live == 0;
            loop assigns s, sp->ctx[c].map[0 .. TR_MAPPINGS - 1];
            loop variant TR_MAPPINGS - s; */
        for (uint32_t s = 0; s < TR_MAPPINGS; s++) {
            sp->ctx[c].map[s].vaddr = 0;
            sp->ctx[c].map[s].page = 0;
            sp->ctx[c].map[s].prot = 0;
            sp->ctx[c].map[s].live = 0;
        }
    }
}

/* The lowest dead context, or TR_CONTEXTS if every one is live. */
/*@ requires \valid_read(sp);
    terminates \true;
    assigns \nothing;
    behavior found:
      assumes TrHasDeadCtx(sp);
      ensures 0 <= \result < TR_CONTEXTS && sp->ctx[\result].live == 0;
    behavior none:
      assumes !TrHasDeadCtx(sp);
      ensures \result == TR_CONTEXTS;
    complete behaviors;
    disjoint behaviors;
*/
static uint32_t dead_context(const struct tr_space *sp)
{
    /*@ loop invariant 0 <= c <= TR_CONTEXTS;
        loop invariant \forall integer d; 0 <= d < c ==> sp->ctx[d].live != 0;
        loop assigns c;
        loop variant TR_CONTEXTS - c; */
    for (uint32_t c = 0; c < TR_CONTEXTS; c++)
        if (sp->ctx[c].live == 0)
            return c;
    return TR_CONTEXTS;
}

int tr_create(struct tr_space *sp, const struct phys_table *ph, uint32_t owner, uint32_t *index)
{
    (void)ph;
    uint32_t c = dead_context(sp);
    if (c == TR_CONTEXTS)
        return TR_ERR_FULL;
    /* A dead context holds no live mapping (TrSlotValid). */
    //@ assert TrCtxEmpty(sp, c);
    *index = c;
    sp->ctx[c].owner = owner;
    sp->ctx[c].live = 1;
    //@ assert \forall integer d; 0 <= d < TR_CONTEXTS ==> TrCtxValid(sp, d);
    /*@ assert \forall integer d, s; 0 <= d < TR_CONTEXTS && 0 <= s < TR_MAPPINGS ==>
          TrSlotValid(sp, ph, d, s); */
    //@ assert \forall integer d; 0 <= d < TR_CONTEXTS ==> TrDistinct(sp, d);
    return TR_OK;
}

/* Every slot of live context c dies, then c itself. */
/*@ requires TrValid(sp, ph) && TrCtxLive(sp, c);
    terminates \true;
    assigns sp->ctx[c].live, sp->ctx[c].map[0 .. TR_MAPPINGS - 1].live;
    ensures TrValid(sp, ph);
    ensures sp->ctx[c].live == 0 && TrCtxEmpty(sp, c);
    ensures TrUnchangedExcept{Pre,Post}(sp, c);
*/
static void destroy_context(struct tr_space *sp, const struct phys_table *ph, uint32_t c)
{
    (void)ph;
    /*@ loop invariant 0 <= s <= TR_MAPPINGS;
        loop invariant \forall integer r; 0 <= r < s ==> sp->ctx[c].map[r].live == 0;
        loop invariant TrValid(sp, ph);
        loop invariant kept: \forall integer d, r; 0 <= d < TR_CONTEXTS && d != c && 0 <= r < TR_MAPPINGS ==>
          sp->ctx[d].map[r].live == \at(sp->ctx[d].map[r].live, Pre) &&
          sp->ctx[d].map[r].page == \at(sp->ctx[d].map[r].page, Pre) &&
          sp->ctx[d].map[r].prot == \at(sp->ctx[d].map[r].prot, Pre);
        loop invariant kept_live: sp->ctx[c].live == \at(sp->ctx[c].live, Pre);
        loop assigns s, sp->ctx[c].map[0 .. TR_MAPPINGS - 1].live;
        loop variant TR_MAPPINGS - s; */
    for (uint32_t s = 0; s < TR_MAPPINGS; s++)
        sp->ctx[c].map[s].live = 0;
    sp->ctx[c].live = 0;
    /*@ assert \forall integer d, r; 0 <= d < TR_CONTEXTS && d != c && 0 <= r < TR_MAPPINGS ==>
          TrSlotSame{Pre,Here}(sp, d, r); */
    //@ assert \forall integer d; 0 <= d < TR_CONTEXTS && d != c ==> TrMapUnchanged{Pre,Here}(sp, d);
    //@ assert \forall integer d; 0 <= d < TR_CONTEXTS && d != c ==> TrCtxSame{Pre,Here}(sp, d);
}

int tr_destroy(struct tr_space *sp, const struct phys_table *ph, uint32_t owner, uint32_t index)
{
    if (index >= TR_CONTEXTS || sp->ctx[index].live != 1)
        return TR_ERR_CONTEXT;
    if (sp->ctx[index].owner != owner)
        return TR_ERR_NOT_OWNER;
    destroy_context(sp, ph, index);
    return TR_OK;
}

/* The slot of context c that maps v, or TR_MAPPINGS if none does. */
/*@ requires \valid_read(sp) && c < TR_CONTEXTS;
    terminates \true;
    assigns \nothing;
    behavior found:
      assumes TrMapped(sp, c, v);
      ensures 0 <= \result < TR_MAPPINGS && TrSlotMaps(sp, c, \result, v);
    behavior none:
      assumes !TrMapped(sp, c, v);
      ensures \result == TR_MAPPINGS;
    complete behaviors;
    disjoint behaviors;
*/
static uint32_t find_mapping(const struct tr_space *sp, uint32_t c, uint64_t v)
{
    /*@ loop invariant 0 <= s <= TR_MAPPINGS;
        loop invariant \forall integer r; 0 <= r < s ==> !TrSlotMaps(sp, c, r, v);
        loop assigns s;
        loop variant TR_MAPPINGS - s; */
    for (uint32_t s = 0; s < TR_MAPPINGS; s++)
        if (sp->ctx[c].map[s].live == 1 && sp->ctx[c].map[s].vaddr == v) {
            //@ assert TrSlotMaps(sp, c, s, v);
            return s;
        }
    return TR_MAPPINGS;
}

/* The lowest free slot of context c, or TR_MAPPINGS if none is free. */
/*@ requires \valid_read(sp) && c < TR_CONTEXTS;
    terminates \true;
    assigns \nothing;
    behavior found:
      assumes TrHasFreeSlot(sp, c);
      ensures 0 <= \result < TR_MAPPINGS && sp->ctx[c].map[\result].live == 0;
    behavior none:
      assumes !TrHasFreeSlot(sp, c);
      ensures \result == TR_MAPPINGS;
    complete behaviors;
    disjoint behaviors;
*/
static uint32_t free_slot(const struct tr_space *sp, uint32_t c)
{
    /*@ loop invariant 0 <= s <= TR_MAPPINGS;
        loop invariant \forall integer r; 0 <= r < s ==> sp->ctx[c].map[r].live != 0;
        loop assigns s;
        loop variant TR_MAPPINGS - s; */
    for (uint32_t s = 0; s < TR_MAPPINGS; s++)
        if (sp->ctx[c].map[s].live == 0)
            return s;
    return TR_MAPPINGS;
}

/* The checks of a mapping's own fields, in add_mapping's order. */
/*@ terminates \true;
    assigns \nothing;
    behavior unaligned:
      assumes vaddr % TR_PAGE_SIZE != 0;
      ensures \result == TR_ERR_UNALIGNED;
    behavior kernel_half:
      assumes vaddr % TR_PAGE_SIZE == 0 && vaddr + TR_PAGE_SIZE > TR_USER_TOP;
      ensures \result == TR_ERR_KERNEL_HALF;
    behavior prot:
      assumes TrUserPage(vaddr) && (prot == 0 || prot > TR_PROT_ALL);
      ensures \result == TR_ERR_PROT;
    behavior wx:
      assumes TrUserPage(vaddr) && 0 < prot <= TR_PROT_ALL && TrProtWX(prot);
      ensures \result == TR_ERR_WX;
    behavior ok:
      assumes TrUserPage(vaddr) && TrProtOk(prot);
      ensures \result == TR_OK;
    complete behaviors;
    disjoint behaviors;
*/
static int check_page(uint64_t vaddr, uint32_t prot)
{
    if (vaddr % TR_PAGE_SIZE != 0)
        return TR_ERR_UNALIGNED;
    if (vaddr > TR_USER_TOP - TR_PAGE_SIZE)
        return TR_ERR_KERNEL_HALF;
    if (prot == 0 || prot > TR_PROT_ALL)
        return TR_ERR_PROT;
    if ((prot & (TR_PROT_WRITE | TR_PROT_EXEC)) == (TR_PROT_WRITE | TR_PROT_EXEC))
        return TR_ERR_WX;
    return TR_OK;
}

/* Free slot s of live context c takes a valid mapping of a page that c
 * does not map yet. */
/*@ requires TrValid(sp, ph) && TrCtxLive(sp, c) && s < TR_MAPPINGS;
    requires sp->ctx[c].map[s].live == 0 && !TrMapped(sp, c, vaddr);
    requires TrUserPage(vaddr) && TrProtOk(prot) && PhysHeldBy(ph, page, sp->ctx[c].owner);
    terminates \true;
    assigns sp->ctx[c].map[s];
    ensures TrValid(sp, ph);
    ensures TrSlotMaps(sp, c, s, vaddr) && sp->ctx[c].map[s].page == page && sp->ctx[c].map[s].prot == prot;
    ensures TrMapUnchangedExcept{Pre,Post}(sp, c, s);
*/
static void fill_slot(struct tr_space *sp, const struct phys_table *ph, uint32_t c, uint32_t s,
                      uint64_t vaddr, uint32_t page, uint32_t prot)
{
    (void)ph;
    /*@ assert fresh: \forall integer r; 0 <= r < TR_MAPPINGS && sp->ctx[c].map[r].live == 1 ==>
          sp->ctx[c].map[r].vaddr != vaddr; */
    sp->ctx[c].map[s].vaddr = vaddr;
    sp->ctx[c].map[s].page = (uint16_t)page;
    sp->ctx[c].map[s].prot = (uint16_t)prot;
    sp->ctx[c].map[s].live = 1;
    //@ assert TrSlotValid(sp, ph, c, s);
    //@ assert TrDistinct(sp, c);
    //@ assert \forall integer d; 0 <= d < TR_CONTEXTS ==> TrCtxValid(sp, d);
    /*@ assert \forall integer d, r; 0 <= d < TR_CONTEXTS && 0 <= r < TR_MAPPINGS ==>
          TrSlotValid(sp, ph, d, r); */
    //@ assert \forall integer d; 0 <= d < TR_CONTEXTS ==> TrDistinct(sp, d);
}

/* Whether the context c exists and is holder's: TR_OK, or the refusal. */
/*@ requires \valid_read(sp);
    terminates \true;
    assigns \nothing;
    behavior context:
      assumes !TrCtxLive(sp, c);
      ensures \result == TR_ERR_CONTEXT;
    behavior not_owner:
      assumes TrCtxLive(sp, c) && sp->ctx[c].owner != holder;
      ensures \result == TR_ERR_NOT_OWNER;
    behavior ok:
      assumes TrCtxHeldBy(sp, c, holder);
      ensures \result == TR_OK;
    complete behaviors;
    disjoint behaviors;
*/
static int check_context(const struct tr_space *sp, uint32_t c, uint32_t holder)
{
    if (c >= TR_CONTEXTS || sp->ctx[c].live != 1)
        return TR_ERR_CONTEXT;
    if (sp->ctx[c].owner != holder)
        return TR_ERR_NOT_OWNER;
    return TR_OK;
}

int tr_add_mapping(struct tr_space *sp, const struct phys_table *ph, uint32_t ctx, uint32_t holder,
                   uint64_t vaddr, uint32_t page, uint32_t prot)
{
    int r = check_context(sp, ctx, holder);
    if (r != TR_OK)
        return r;
    r = check_page(vaddr, prot);
    if (r != TR_OK)
        return r;
    if (page >= PHYS_PAGES || ph->page[page].live != 1 || ph->page[page].owner != holder)
        return TR_ERR_FRAME;
    if (find_mapping(sp, ctx, vaddr) != TR_MAPPINGS)
        return TR_ERR_MAPPED;
    uint32_t s = free_slot(sp, ctx);
    if (s == TR_MAPPINGS)
        return TR_ERR_NO_SLOT;
    fill_slot(sp, ph, ctx, s, vaddr, page, prot);
    return TR_OK;
}

int tr_remove_mapping(struct tr_space *sp, const struct phys_table *ph, uint32_t ctx, uint32_t holder,
                      uint64_t vaddr, uint32_t *page)
{
    (void)ph;
    int r = check_context(sp, ctx, holder);
    if (r != TR_OK)
        return r;
    uint32_t s = find_mapping(sp, ctx, vaddr);
    if (s == TR_MAPPINGS)
        return TR_ERR_NOT_MAPPED;
    /* No other slot maps vaddr (TrDistinct): after this one dies, none does. */
    //@ assert TrDistinct(sp, ctx) && TrSlotValid(sp, ph, ctx, s);
    *page = sp->ctx[ctx].map[s].page;
    sp->ctx[ctx].map[s].live = 0;
    //@ assert TrSlotValid(sp, ph, ctx, s);
    return TR_OK;
}

int tr_examine_mapping(const struct tr_space *sp, const struct phys_table *ph, uint32_t ctx, uint64_t vaddr,
                       uint32_t *page, uint32_t *prot)
{
    (void)ph;
    if (ctx >= TR_CONTEXTS || sp->ctx[ctx].live != 1)
        return TR_ERR_CONTEXT;
    uint32_t s = find_mapping(sp, ctx, vaddr);
    if (s == TR_MAPPINGS)
        return TR_ERR_NOT_MAPPED;
    //@ assert TrSlotValid(sp, ph, ctx, s);
    *page = sp->ctx[ctx].map[s].page;
    *prot = sp->ctx[ctx].map[s].prot;
    return TR_OK;
}

/* Whether a live mapping of context c names phys entry p (c live or not). */
/*@ requires \valid_read(sp) && c < TR_CONTEXTS;
    terminates \true;
    assigns \nothing;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 <==> (\exists integer s; 0 <= s < TR_MAPPINGS &&
      sp->ctx[c].map[s].live == 1 && sp->ctx[c].map[s].page == p);
*/
static int context_maps_page(const struct tr_space *sp, uint32_t c, uint32_t p)
{
    /*@ loop invariant 0 <= s <= TR_MAPPINGS;
        loop invariant \forall integer r; 0 <= r < s ==>
          !(sp->ctx[c].map[r].live == 1 && sp->ctx[c].map[r].page == p);
        loop assigns s;
        loop variant TR_MAPPINGS - s; */
    for (uint32_t s = 0; s < TR_MAPPINGS; s++)
        if (sp->ctx[c].map[s].live == 1 && sp->ctx[c].map[s].page == p)
            return 1;
    return 0;
}

int tr_page_mapped(const struct tr_space *sp, const struct phys_table *ph, uint32_t page)
{
    (void)ph;
    /*@ loop invariant 0 <= c <= TR_CONTEXTS;
        loop invariant \forall integer d, s; 0 <= d < c && 0 <= s < TR_MAPPINGS ==>
          !(sp->ctx[d].live == 1 && sp->ctx[d].map[s].live == 1 && sp->ctx[d].map[s].page == page);
        loop assigns c;
        loop variant TR_CONTEXTS - c; */
    for (uint32_t c = 0; c < TR_CONTEXTS; c++) {
        if (sp->ctx[c].live == 1 && context_maps_page(sp, c, page))
            return 1;
        /*@ assert \forall integer s; 0 <= s < TR_MAPPINGS ==>
              !(sp->ctx[c].live == 1 && sp->ctx[c].map[s].live == 1 && sp->ctx[c].map[s].page == page); */
    }
    return 0;
}

int vm_deallocate(const struct tr_space *sp, struct phys_table *ph, struct frame_alloc *fa, uint32_t owner,
                  uint32_t page)
{
    if (tr_page_mapped(sp, ph, page))
        return TR_ERR_FRAME_MAPPED;
    /*@ assert unmapped: \forall integer c, s; 0 <= c < TR_CONTEXTS && 0 <= s < TR_MAPPINGS &&
          sp->ctx[c].map[s].live == 1 ==> sp->ctx[c].map[s].page != page; */
    int r = phys_deallocate(ph, fa, owner, page);
    /* Only entry `page` changed, and no live mapping names it. */
    //@ assert \forall integer k; 0 <= k < PHYS_PAGES && k != page ==> PhysEntrySame{Pre,Here}(ph, k);
    /*@ assert \forall integer c, s; 0 <= c < TR_CONTEXTS && 0 <= s < TR_MAPPINGS &&
          sp->ctx[c].map[s].live == 1 ==> PhysEntrySame{Pre,Here}(ph, sp->ctx[c].map[s].page); */
    /*@ assert \forall integer c, s; 0 <= c < TR_CONTEXTS && 0 <= s < TR_MAPPINGS ==>
          TrSlotValid(sp, ph, c, s); */
    return r;
}

uint32_t vm_release_frames(const struct tr_space *sp, struct phys_table *ph, struct frame_alloc *fa,
                           uint32_t owner)
{
    (void)sp; /* named in the contract: TrValid survives */
    /*@ assert \forall integer c, s; 0 <= c < TR_CONTEXTS && 0 <= s < TR_MAPPINGS &&
          sp->ctx[c].map[s].live == 1 ==> !PhysHeldBy(ph, sp->ctx[c].map[s].page, owner); */
    uint32_t n = phys_release_owner(ph, fa, owner);
    /* A live mapping names a frame of its context's owner, never of owner:
     * its phys entry is as it was. */
    /*@ assert \forall integer c, s; 0 <= c < TR_CONTEXTS && 0 <= s < TR_MAPPINGS &&
          sp->ctx[c].map[s].live == 1 ==> PhysEntrySame{Pre,Here}(ph, sp->ctx[c].map[s].page); */
    /*@ assert \forall integer c, s; 0 <= c < TR_CONTEXTS && 0 <= s < TR_MAPPINGS ==>
          TrSlotValid(sp, ph, c, s); */
    return n;
}
