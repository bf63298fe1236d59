/* Planning a user copy against the Translation model: contract in
 * app/usercopy.h, model in spec/app/usercopy.acsl. */
#include "app/usercopy.h"

/* The slot of context c that maps page v, or TR_MAPPINGS if none does. */
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
static uint32_t slot_of(const struct tr_space *sp, uint32_t c, uint64_t v)
{
    /*@ loop invariant 0 <= s <= TR_MAPPINGS;
        loop invariant \forall integer r; 0 <= r < s ==> !TrSlotMaps(sp, c, r, v);
        loop assigns s;
        loop variant TR_MAPPINGS - s; */
    for (uint32_t s = 0; s < TR_MAPPINGS; s++)
        if (sp->ctx[c].map[s].live == 1 && sp->ctx[c].map[s].vaddr == v)
            return s;
    return TR_MAPPINGS;
}

/* The piece [start, end) of the page at base, if ctx maps that page with
 * need. */
/*@ requires TrValid(sp, ph) && TrCtxLive(sp, ctx);
    requires base % TR_PAGE_SIZE == 0 && base <= start < end <= base + TR_PAGE_SIZE && end <= TR_USER_TOP;
    requires \valid(out) && \separated(out, sp, ph);
    terminates \true;
    assigns *out;
    ensures page: UcPage(start) == base;
    behavior not_mapped:
      assumes !UcByteMapped(sp, ctx, start);
      ensures \result == UC_ERR_NOT_MAPPED;
    behavior prot:
      assumes UcByteMapped(sp, ctx, start) && !UcByteOk(sp, ctx, need, start);
      ensures \result == UC_ERR_PROT;
    behavior ok:
      assumes UcByteOk(sp, ctx, need, start);
      ensures \result == UC_OK;
      ensures out->offset == start % TR_PAGE_SIZE && out->len == end - start;
      ensures \exists integer s; 0 <= s < TR_MAPPINGS && TrSlotMaps(sp, ctx, s, base) &&
        sp->ctx[ctx].map[s].page == out->page && UcProtHas(sp->ctx[ctx].map[s].prot, need);
    complete behaviors;
    disjoint behaviors;
*/
static int plan_piece(const struct tr_space *sp, const struct phys_table *ph, uint32_t ctx, uint32_t need,
                      uint64_t base, uint64_t start, uint64_t end, struct uc_piece *out)
{
    (void)ph; /* named in the contract: the space is valid against it */
    //@ assert UcPage(start) == base;
    uint32_t s = slot_of(sp, ctx, base);
    if (s == TR_MAPPINGS) {
        //@ assert !UcByteMapped(sp, ctx, start);
        return UC_ERR_NOT_MAPPED;
    }
    //@ assert UcByteMapped(sp, ctx, start);
    //@ assert UcByteOk(sp, ctx, need, start) <==> UcProtHas(sp->ctx[ctx].map[s].prot, need);
    if ((need & sp->ctx[ctx].map[s].prot) != need)
        return UC_ERR_PROT;
    out->page = sp->ctx[ctx].map[s].page;
    out->offset = (uint32_t)(start % TR_PAGE_SIZE);
    out->len = (uint32_t)(end - start);
    return UC_OK;
}

/* Every piece of a user buffer in a live context, in order, until one
 * page refuses. */
/*@ requires TrValid(sp, ph) && TrCtxLive(sp, ctx);
    requires len <= UC_MAX_LEN && UcInUser(uaddr, len);
    requires \valid(piece + (0 .. UC_PIECES - 1)) && \separated(piece + (0 .. UC_PIECES - 1), sp, ph);
    terminates \true;
    assigns piece[0 .. UC_PIECES - 1];
    behavior not_mapped:
      assumes \exists integer a; UcFailsAt(sp, ctx, need, uaddr, len, a) && !UcByteMapped(sp, ctx, a);
      ensures \result == UC_ERR_NOT_MAPPED;
    behavior prot:
      assumes !UcRangeOk(sp, ctx, need, uaddr, len);
      assumes !\exists integer a; UcFailsAt(sp, ctx, need, uaddr, len, a) && !UcByteMapped(sp, ctx, a);
      ensures \result == UC_ERR_PROT;
      ensures lowest: \exists integer a; UcFailsAt(sp, ctx, need, uaddr, len, a) && UcByteMapped(sp, ctx, a);
    behavior ok:
      assumes UcRangeOk(sp, ctx, need, uaddr, len);
      ensures \result == UC_OK;
      ensures pieces: \forall integer k; 0 <= k < UcCount(uaddr, len) ==>
        UcPieceOk(sp, ctx, need, uaddr, len, piece[k], k);
    complete behaviors;
    disjoint behaviors;
*/
static int plan_pages(const struct tr_space *sp, const struct phys_table *ph, uint32_t ctx, uint64_t uaddr,
                      uint64_t len, uint32_t need, struct uc_piece piece[UC_PIECES])
{
    uint32_t n = len == 0 ? 0 : (uint32_t)((uaddr % TR_PAGE_SIZE + len + TR_PAGE_SIZE - 1) / TR_PAGE_SIZE);
    //@ assert n == UcCount(uaddr, len) <= UC_PIECES;
    uint64_t first = uaddr - uaddr % TR_PAGE_SIZE;
    //@ assert first == UcPage(uaddr) && first % TR_PAGE_SIZE == 0 && first <= uaddr;
    /*@ loop invariant 0 <= k <= n;
        loop invariant usable: \forall integer b; uaddr <= b < uaddr + len && b < first + k * TR_PAGE_SIZE ==>
          UcByteOk(sp, ctx, need, b);
        loop invariant planned: \forall integer j; 0 <= j < k ==> UcPieceOk(sp, ctx, need, uaddr, len, piece[j], j);
        loop assigns k, piece[0 .. UC_PIECES - 1];
        loop variant n - k; */
    for (uint32_t k = 0; k < n; k++) {
        uint64_t base = first + (uint64_t)k * TR_PAGE_SIZE;
        uint64_t start = k == 0 ? uaddr : base;
        uint64_t end = base + TR_PAGE_SIZE < uaddr + len ? base + TR_PAGE_SIZE : uaddr + len;
        //@ assert start == UcStart(uaddr, k) && end == UcEnd(uaddr, len, k);
        //@ assert base % TR_PAGE_SIZE == 0 && start < end;
        int r = plan_piece(sp, ph, ctx, need, base, start, end, &piece[k]);
        if (r != UC_OK) {
            //@ assert UcFailsAt(sp, ctx, need, uaddr, len, start);
            return r;
        }
        //@ assert \forall integer b; start <= b < end ==> UcPage(b) == base;
    }
    return UC_OK;
}

int uc_plan(const struct tr_space *sp, const struct phys_table *ph, uint32_t ctx, uint64_t uaddr, uint64_t len,
            uint32_t need, struct uc_piece piece[UC_PIECES], uint32_t *count)
{
    if (len > UC_MAX_LEN)
        return UC_ERR_TOO_LONG;
    /* uaddr may be anything: compare before subtracting, never add. */
    if (uaddr >= TR_USER_TOP || len > TR_USER_TOP - uaddr)
        return UC_ERR_KERNEL;
    if (ctx >= TR_CONTEXTS || sp->ctx[ctx].live != 1)
        return UC_ERR_CONTEXT;
    int r = plan_pages(sp, ph, ctx, uaddr, len, need, piece);
    if (r == UC_OK)
        *count = len == 0 ? 0 : (uint32_t)((uaddr % TR_PAGE_SIZE + len + TR_PAGE_SIZE - 1) / TR_PAGE_SIZE);
    return r;
}
