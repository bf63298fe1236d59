/* TEMP (lead's test copy; the helper's version replaces it). */
#include "app/ucopy.h"
#include "arch.h"
#include "kernel.h"
#include "lib/kstring.h"
#include "paging.h"
#include "vm/vm.h"

int user_check(uint32_t ctx, uint64_t uaddr, uint64_t len, uint32_t need)
{
    struct uc_piece p[UC_PIECES];
    uint32_t n;
    uint64_t flags = arch_irq_save();
    int r = uc_plan(&vm.tr, &vm.phys, ctx, uaddr, len, need, p, &n);
    arch_irq_restore(flags);
    return r;
}

int user_copy_in(uint32_t ctx, void *dst, uint64_t uaddr, uint64_t len)
{
    struct uc_piece p[UC_PIECES];
    uint32_t n;
    uint64_t flags = arch_irq_save();
    int r = uc_plan(&vm.tr, &vm.phys, ctx, uaddr, len, TR_PROT_READ, p, &n);
    uint8_t *d = dst;
    for (uint32_t k = 0; r == UC_OK && k < n; k++) {
        kmemcpy(d, (const uint8_t *)phys_to_virt(phys_address(&vm.phys, &kernel.frames, p[k].page)) + p[k].offset, p[k].len);
        d += p[k].len;
    }
    arch_irq_restore(flags);
    return r;
}

int user_copy_out(uint32_t ctx, uint64_t uaddr, const void *src, uint64_t len)
{
    (void)ctx; (void)uaddr; (void)src; (void)len;
    return UC_ERR_CONTEXT;
}
