/* Planning a user copy against the Translation model: contract in
 * app/usercopy.h, model in spec/app/usercopy.acsl. */
#include "app/usercopy.h"

/* The piece of [start, end), inside one page, if ctx maps that page with
 * need; tr_examine_mapping is the model's own lookup. */
/*@ requires TrValid(sp, ph) && TrCtxLive(sp, ctx);
    requires start < end <= TR_USER_TOP && end <= UcPage(start) + TR_PAGE_SIZE;
    requires \valid(out) && \separated(out, sp, ph);
    terminates \true;
    assigns *out;
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
      ensures \exists integer s; 0 <= s < TR_MAPPINGS && TrSlotMaps(sp, ctx, s, UcPage(start)) &&
        sp->ctx[ctx].map[s].page == out->page && UcProtHas(sp->ctx[ctx].map[s].prot, need);
    complete behaviors;
    disjoint behaviors;
*/
static int plan_piece(const struct tr_space *sp, const struct phys_table *ph, uint32_t ctx, uint32_t need,
                      uint64_t start, uint64_t end, struct uc_piece *out)
{
    uint32_t page, prot;
    if (tr_examine_mapping(sp, ph, ctx, start - start % TR_PAGE_SIZE, &page, &prot) != TR_OK)
        return UC_ERR_NOT_MAPPED;
    /* Two live slots never map one page (TrDistinct): this one is the only one. */
    if ((prot & need) != need)
        return UC_ERR_PROT;
    out->page = page;
    out->offset = (uint32_t)(start % TR_PAGE_SIZE);
    out->len = (uint32_t)(end - start);
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
    uint32_t n = len == 0 ? 0 : (uint32_t)((uaddr % TR_PAGE_SIZE + len + TR_PAGE_SIZE - 1) / TR_PAGE_SIZE);
    //@ assert n == UcCount(uaddr, len) <= UC_PIECES;
    uint64_t first = uaddr - uaddr % TR_PAGE_SIZE;
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
        //@ assert start == UcStart(uaddr, k) && end == UcEnd(uaddr, len, k) && UcPage(start) == base;
        int r = plan_piece(sp, ph, ctx, need, start, end, &piece[k]);
        if (r != UC_OK)
            return r;
    }
    *count = n;
    return UC_OK;
}
