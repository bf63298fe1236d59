/* Page runs for domains: see vmem.h. A bump pointer, and the runs freed
 * so far, reused first fit: extensions come and go, and a reused address
 * reuses its page tables, so loading and unloading leaks no frame. */
#include "kernel.h"
#include "lib/kstring.h"
#include "init/vmem.h"

#define VMEM_HOLES 64

static uint64_t next_va = VMEM_BASE;
/* Freed runs, each with its guard page: hole[i] spans pages[i] pages. */
static uint64_t hole_va[VMEM_HOLES], hole_pages[VMEM_HOLES];

static uint64_t pages_of(uint64_t bytes) { return (bytes + FRAME_SIZE - 1) / FRAME_SIZE; }

static void unmap_run(uint8_t *at, uint64_t pages)
{
    for (uint64_t i = 0; i < pages; i++) {
        uint64_t paddr = paging_unmap((uint64_t)at + i * FRAME_SIZE);
        if (paddr)
            frame_free(&kernel.frames, paddr);
    }
}

/* The first freed run of at least span pages, shrunk by span; or 0. */
static uint64_t take_hole(uint64_t span)
{
    for (uint32_t i = 0; i < VMEM_HOLES; i++)
        if (hole_pages[i] >= span) {
            uint64_t va = hole_va[i];
            hole_va[i] += span * FRAME_SIZE;
            hole_pages[i] -= span;
            return va;
        }
    return 0;
}

static void give_hole(uint64_t va, uint64_t span)
{
    for (uint32_t i = 0; i < VMEM_HOLES; i++)
        if (hole_pages[i] == 0) {
            hole_va[i] = va;
            hole_pages[i] = span;
            return;
        }
    /* No room to remember it: the addresses are lost, the frames are not. */
}

uint8_t *vmem_alloc(uint64_t bytes)
{
    uint64_t n = pages_of(bytes ? bytes : 1), va = take_hole(n + 1);
    int fresh = va == 0;
    if (fresh) {
        va = next_va;
        if (n + 1 > (VMEM_LIMIT - va) / FRAME_SIZE)
            return 0;
    }
    for (uint64_t i = 0; i < n; i++) {
        uint64_t paddr;
        if (frame_alloc(&kernel.frames, &paddr) != FRAME_OK) {
            unmap_run((uint8_t *)va, i);
            if (!fresh)
                give_hole(va, n + 1);
            return 0;
        }
        kmemset(phys_to_virt(paddr), 0, FRAME_SIZE);
        paging_map(va + i * FRAME_SIZE, paddr, PAGE_RW);
    }
    if (fresh)
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
    if (!at)
        return;
    uint64_t n = pages_of(bytes ? bytes : 1);
    unmap_run(at, n);
    give_hole((uint64_t)at, n + 1);
}
