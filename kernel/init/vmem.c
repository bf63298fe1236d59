/* Page runs for domains: see vmem.h. A bump pointer: domains are few and
 * the window is 1 GiB, so addresses are not recycled yet. */
#include "kernel.h"
#include "kstring.h"
#include "vmem.h"

static uint64_t next_va = VMEM_BASE;

static uint64_t pages_of(uint64_t bytes) { return (bytes + FRAME_SIZE - 1) / FRAME_SIZE; }

uint8_t *vmem_alloc(uint64_t bytes)
{
    uint64_t n = pages_of(bytes ? bytes : 1), va = next_va;
    if (n > (VMEM_LIMIT - va) / FRAME_SIZE)
        return 0;
    for (uint64_t i = 0; i < n; i++) {
        uint64_t paddr;
        if (frame_alloc(&kernel.frames, &paddr) != FRAME_OK) {
            vmem_free((uint8_t *)va, i * FRAME_SIZE);
            return 0;
        }
        kmemset(phys_to_virt(paddr), 0, FRAME_SIZE);
        paging_map(va + i * FRAME_SIZE, paddr, PAGE_RW);
    }
    next_va = va + (n + 1) * FRAME_SIZE; /* an unmapped guard page between runs */
    return (uint8_t *)va;
}

void vmem_protect(uint8_t *at, uint64_t bytes, enum page_prot prot)
{
    for (uint64_t i = 0; i < pages_of(bytes); i++)
        paging_protect((uint64_t)at + i * FRAME_SIZE, prot);
}

void vmem_free(uint8_t *at, uint64_t bytes)
{
    for (uint64_t i = 0; i < pages_of(bytes); i++) {
        uint64_t paddr = paging_unmap((uint64_t)at + i * FRAME_SIZE);
        if (paddr)
            frame_free(&kernel.frames, paddr);
    }
}
