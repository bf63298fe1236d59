/* User copies at run time: plan with the proved uc_plan, then copy each
 * piece through the kernel's alias of its frame (the physmap). The kernel
 * never dereferences a user address, so a copy works whatever context the
 * CPU is in, and a page the model does not map is never touched. */
#include "app/ucopy.h"
#include "arch.h"
#include "kernel.h"
#include "lib/kstring.h"
#include "paging.h"
#include "vm/vm.h"

/* The kernel's pointer to a piece's bytes. A piece lies inside its frame
 * (offset + len <= TR_PAGE_SIZE = FRAME_SIZE), and phys_address names the
 * frame of a live entry (TrValid: every mapped entry is live). */
static uint8_t *piece_bytes(const struct uc_piece *p)
{
    return (uint8_t *)phys_to_virt(phys_address(&vm.phys, &kernel.frames, p->page)) + p->offset;
}

/* Interrupts stay off from the plan to the last byte: the timer may run
 * another strand, and its system calls may change the model (unmap a page,
 * free its frame) between the plan and the copy. Every piece is planned
 * before the first byte moves, so a refusal copies nothing. A copy-out
 * writes only frames mapped writable; vm_map keeps a frame that is mapped
 * writable anywhere out of every executable mapping (W^X per frame), so
 * its physmap alias is never sealed. */
static int user_copy(uint32_t ctx, uint8_t *kbuf, uint64_t uaddr, uint64_t len, uint32_t need)
{
    struct uc_piece piece[UC_PIECES];
    uint32_t count = 0;
    uint64_t flags = arch_irq_save();
    int r = uc_plan(&vm.tr, &vm.phys, ctx, uaddr, len, need, piece, &count);
    if (r == UC_OK)
        for (uint32_t k = 0; k < count; k++) {
            if (need == TR_PROT_WRITE)
                kmemcpy(piece_bytes(&piece[k]), kbuf, piece[k].len);
            else
                kmemcpy(kbuf, piece_bytes(&piece[k]), piece[k].len);
            kbuf += piece[k].len;
        }
    arch_irq_restore(flags);
    return r;
}

int user_copy_in(uint32_t ctx, void *dst, uint64_t uaddr, uint64_t len)
{
    return user_copy(ctx, dst, uaddr, len, TR_PROT_READ);
}

int user_copy_out(uint32_t ctx, uint64_t uaddr, const void *src, uint64_t len)
{
    /* src is only read: user_copy writes kbuf only for need == READ. */
    return user_copy(ctx, (uint8_t *)(uintptr_t)src, uaddr, len, TR_PROT_WRITE);
}

int user_check(uint32_t ctx, uint64_t uaddr, uint64_t len, uint32_t need)
{
    struct uc_piece piece[UC_PIECES];
    uint32_t count = 0;
    uint64_t flags = arch_irq_save();
    int r = uc_plan(&vm.tr, &vm.phys, ctx, uaddr, len, need, piece, &count);
    arch_irq_restore(flags);
    return r;
}
