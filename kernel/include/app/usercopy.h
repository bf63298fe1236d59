/* Planning a copy between a ring-3 application's buffer and the kernel.
 * The kernel never dereferences a user address: uc_plan checks the buffer
 * against the Translation model (mem/translation.h) and cuts it into one
 * piece per page, each naming the phys entry whose frame holds it; the
 * trusted runtime (kernel/app/ucopy.c) then copies through the kernel's
 * alias of those frames. Model in spec/app/usercopy.acsl. */
#ifndef SPINEL_USERCOPY_H
#define SPINEL_USERCOPY_H

#include <stdint.h>
#include "mem/phys.h"
#include "mem/translation.h"

#define UC_MAX_LEN 16384u                          /* the longest buffer one call copies */
#define UC_PIECES (UC_MAX_LEN / TR_PAGE_SIZE + 1u) /* a buffer of UC_MAX_LEN straddles at most this many pages */

struct uc_piece {
    uint32_t page;   /* phys entry of the frame */
    uint32_t offset; /* in the frame */
    uint32_t len;
};

/* Codes from 170, apart from the models' (phys 1.., tr 32.., virt, vm 80) and exec_plan's (140..). */
enum uc_err {
    UC_OK = 0,
    UC_ERR_TOO_LONG = 170, /* len > UC_MAX_LEN (after enum exec_err's codes) */
    UC_ERR_KERNEL,         /* the buffer is not wholly below TR_USER_TOP */
    UC_ERR_CONTEXT,        /* no such live context */
    UC_ERR_NOT_MAPPED,     /* the lowest unusable byte's page is not mapped */
    UC_ERR_PROT            /* the lowest unusable byte's page is mapped without need */
};

#include "app/usercopy.acsl"

/* Plan a copy of [uaddr, uaddr + len) in context ctx, needing `need`
 * (TR_PROT_READ to copy in, TR_PROT_WRITE to copy out) on every page it
 * touches. Refusals in this order: too long, not in the user half (uaddr
 * may be any 64-bit value; an empty buffer at a kernel address too), dead
 * context, then at the lowest byte of the buffer that is unusable: not
 * mapped, or mapped without need. On success *count pieces, piece k the
 * k-th page's part of the buffer (UcPieceOk), contiguous from uaddr to
 * uaddr + len. A refusal writes nothing but (perhaps) piece[]. */
/*@ requires TrValid(sp, ph);
    requires \valid(piece + (0 .. UC_PIECES - 1)) && \valid(count);
    requires \separated(piece + (0 .. UC_PIECES - 1), count, sp, ph);
    requires \separated(count, piece + (0 .. UC_PIECES - 1));
    terminates \true;
    assigns piece[0 .. UC_PIECES - 1], *count;
    behavior too_long:
      assumes len > UC_MAX_LEN;
      ensures \result == UC_ERR_TOO_LONG && *count == \old(*count);
    behavior kernel:
      assumes len <= UC_MAX_LEN && !UcInUser(uaddr, len);
      ensures \result == UC_ERR_KERNEL && *count == \old(*count);
    behavior context:
      assumes len <= UC_MAX_LEN && UcInUser(uaddr, len) && !TrCtxLive(sp, ctx);
      ensures \result == UC_ERR_CONTEXT && *count == \old(*count);
    behavior not_mapped:
      assumes len <= UC_MAX_LEN && UcInUser(uaddr, len) && TrCtxLive(sp, ctx);
      assumes \exists integer a; UcFailsAt(sp, ctx, need, uaddr, len, a) && !UcByteMapped(sp, ctx, a);
      ensures \result == UC_ERR_NOT_MAPPED && *count == \old(*count);
    behavior prot:
      assumes len <= UC_MAX_LEN && UcInUser(uaddr, len) && TrCtxLive(sp, ctx);
      assumes !UcRangeOk(sp, ctx, need, uaddr, len);
      assumes !\exists integer a; UcFailsAt(sp, ctx, need, uaddr, len, a) && !UcByteMapped(sp, ctx, a);
      ensures \result == UC_ERR_PROT && *count == \old(*count);
      ensures lowest: \exists integer a; UcFailsAt(sp, ctx, need, uaddr, len, a) && UcByteMapped(sp, ctx, a);
    behavior ok:
      assumes len <= UC_MAX_LEN && UcInUser(uaddr, len) && TrCtxLive(sp, ctx);
      assumes UcRangeOk(sp, ctx, need, uaddr, len);
      ensures \result == UC_OK;
      ensures count: *count == UcCount(uaddr, len) && *count <= UC_PIECES;
      ensures pieces: \forall integer k; 0 <= k < *count ==> UcPieceOk(sp, ctx, need, uaddr, len, piece[k], k);
      ensures contiguous: \forall integer k; 0 <= k && k + 1 < *count ==>
        UcStart(uaddr, k) + piece[k].len == UcStart(uaddr, k + 1);
      ensures last: *count > 0 ==> UcStart(uaddr, *count - 1) + piece[*count - 1].len == uaddr + len;
    complete behaviors;
    disjoint behaviors;
*/
int uc_plan(const struct tr_space *sp, const struct phys_table *ph, uint32_t ctx, uint64_t uaddr, uint64_t len,
            uint32_t need, struct uc_piece piece[UC_PIECES], uint32_t *count);

#endif
