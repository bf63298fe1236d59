/* Laws of the user-copy planner, proved from the contract in usercopy.h
 * alone: a buffer inside one page is one piece, a buffer straddling one
 * boundary two pieces whose lengths add up, the lengths of a plan always
 * add up to the buffer's, an empty buffer needs no mapping at all, the
 * kernel's half is refused whatever is mapped, and a page mapped without
 * need (a copy-out to a read-only page) is refused with PROT. Not linked
 * anywhere. */
#include "app/usercopy.h"

/* A buffer inside one page, wholly usable: one piece, at its offset, of its
 * length, naming the page's frame. */
/*@ requires TrValid(sp, ph) && TrCtxLive(sp, ctx);
    requires \valid(piece + (0 .. UC_PIECES - 1)) && \valid(count);
    requires \separated(piece + (0 .. UC_PIECES - 1), count, sp, ph);
    requires 0 < len && uaddr % TR_PAGE_SIZE + len <= TR_PAGE_SIZE && uaddr + len <= TR_USER_TOP;
    requires UcRangeOk(sp, ctx, need, uaddr, len);
    terminates \true;
    assigns piece[0 .. UC_PIECES - 1], *count;
    ensures \result == UC_OK && *count == 1;
    ensures piece[0].offset == uaddr % TR_PAGE_SIZE && piece[0].len == len;
    ensures \exists integer s; 0 <= s < TR_MAPPINGS && TrSlotMaps(sp, ctx, s, UcPage(uaddr)) &&
      sp->ctx[ctx].map[s].page == piece[0].page;
*/
int law_one_page(const struct tr_space *sp, const struct phys_table *ph, uint32_t ctx, uint64_t uaddr,
                 uint64_t len, uint32_t need, struct uc_piece piece[UC_PIECES], uint32_t *count)
{
    return uc_plan(sp, ph, ctx, uaddr, len, need, piece, count);
}

/* A buffer straddling one page boundary: two pieces, the first up to the
 * boundary, the second from it, lengths adding up to len. */
/*@ requires TrValid(sp, ph) && TrCtxLive(sp, ctx);
    requires \valid(piece + (0 .. UC_PIECES - 1)) && \valid(count);
    requires \separated(piece + (0 .. UC_PIECES - 1), count, sp, ph);
    requires TR_PAGE_SIZE < uaddr % TR_PAGE_SIZE + len <= 2 * TR_PAGE_SIZE && uaddr + len <= TR_USER_TOP;
    requires UcRangeOk(sp, ctx, need, uaddr, len);
    terminates \true;
    assigns piece[0 .. UC_PIECES - 1], *count;
    ensures \result == UC_OK && *count == 2;
    ensures piece[0].offset == uaddr % TR_PAGE_SIZE && piece[0].offset + piece[0].len == TR_PAGE_SIZE;
    ensures piece[1].offset == 0 && piece[0].len + piece[1].len == len;
*/
int law_straddle(const struct tr_space *sp, const struct phys_table *ph, uint32_t ctx, uint64_t uaddr,
                 uint64_t len, uint32_t need, struct uc_piece piece[UC_PIECES], uint32_t *count)
{
    return uc_plan(sp, ph, ctx, uaddr, len, need, piece, count);
}

/* Whatever the plan, its lengths add up to len (the contiguity chain,
 * summed over the at most UC_PIECES pieces). */
/*@ requires TrValid(sp, ph);
    requires \valid(piece + (0 .. UC_PIECES - 1)) && \valid(count);
    requires \separated(piece + (0 .. UC_PIECES - 1), count, sp, ph);
    terminates \true;
    assigns piece[0 .. UC_PIECES - 1], *count;
    ensures \result == UC_OK ==> *count <= UC_PIECES;
    ensures \result == UC_OK && *count == 0 ==> len == 0;
    ensures \result == UC_OK && *count == 1 ==> piece[0].len == len;
    ensures \result == UC_OK && *count == 2 ==> piece[0].len + piece[1].len == len;
    ensures \result == UC_OK && *count == 3 ==> piece[0].len + piece[1].len + piece[2].len == len;
    ensures \result == UC_OK && *count == 4 ==>
      piece[0].len + piece[1].len + piece[2].len + piece[3].len == len;
    ensures \result == UC_OK && *count == 5 ==>
      piece[0].len + piece[1].len + piece[2].len + piece[3].len + piece[4].len == len;
*/
int law_lengths_add_up(const struct tr_space *sp, const struct phys_table *ph, uint32_t ctx, uint64_t uaddr,
                       uint64_t len, uint32_t need, struct uc_piece piece[UC_PIECES], uint32_t *count)
{
    return uc_plan(sp, ph, ctx, uaddr, len, need, piece, count);
}

/* An empty buffer at a user address needs no mapping at all. */
/*@ requires TrValid(sp, ph) && TrCtxLive(sp, ctx) && uaddr < TR_USER_TOP;
    requires \valid(piece + (0 .. UC_PIECES - 1)) && \valid(count);
    requires \separated(piece + (0 .. UC_PIECES - 1), count, sp, ph);
    terminates \true;
    assigns piece[0 .. UC_PIECES - 1], *count;
    ensures \result == UC_OK && *count == 0;
*/
int law_empty(const struct tr_space *sp, const struct phys_table *ph, uint32_t ctx, uint64_t uaddr,
              uint32_t need, struct uc_piece piece[UC_PIECES], uint32_t *count)
{
    return uc_plan(sp, ph, ctx, uaddr, 0, need, piece, count);
}

/* A buffer reaching the kernel's half is refused, whatever is mapped and
 * however short, and *count is left alone. */
/*@ requires TrValid(sp, ph) && uaddr >= TR_USER_TOP && len <= UC_MAX_LEN;
    requires \valid(piece + (0 .. UC_PIECES - 1)) && \valid(count);
    requires \separated(piece + (0 .. UC_PIECES - 1), count, sp, ph);
    terminates \true;
    assigns piece[0 .. UC_PIECES - 1], *count;
    ensures \result == UC_ERR_KERNEL && *count == \old(*count);
*/
int law_kernel_refused(const struct tr_space *sp, const struct phys_table *ph, uint32_t ctx, uint64_t uaddr,
                       uint64_t len, uint32_t need, struct uc_piece piece[UC_PIECES], uint32_t *count)
{
    return uc_plan(sp, ph, ctx, uaddr, len, need, piece, count);
}

/* One byte on a page mapped without need (a copy-out to a read-only
 * page) is refused: PROT, not NOT_MAPPED. */
/*@ requires TrValid(sp, ph) && TrCtxLive(sp, ctx) && uaddr < TR_USER_TOP;
    requires 0 <= s < TR_MAPPINGS && TrSlotMaps(sp, ctx, s, UcPage(uaddr));
    requires !UcProtHas(sp->ctx[ctx].map[s].prot, need);
    requires \valid(piece + (0 .. UC_PIECES - 1)) && \valid(count);
    requires \separated(piece + (0 .. UC_PIECES - 1), count, sp, ph);
    terminates \true;
    assigns piece[0 .. UC_PIECES - 1], *count;
    ensures \result == UC_ERR_PROT && *count == \old(*count);
*/
int law_without_need_refused(const struct tr_space *sp, const struct phys_table *ph, uint32_t ctx, uint64_t uaddr,
                             uint32_t s, uint32_t need, struct uc_piece piece[UC_PIECES], uint32_t *count)
{
    //@ assert TrDistinct(sp, ctx);
    //@ assert UcByteMapped(sp, ctx, uaddr) && !UcByteOk(sp, ctx, need, uaddr);
    //@ assert UcFailsAt(sp, ctx, need, uaddr, 1, uaddr);
    return uc_plan(sp, ph, ctx, uaddr, 1, need, piece, count);
}
