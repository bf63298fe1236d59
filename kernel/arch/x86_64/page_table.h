/* What paging.c and physmap.c share inside the architecture code: the
 * entry bits, the table walk and the table allocator. */
#ifndef SPINEL_PAGE_TABLE_H
#define SPINEL_PAGE_TABLE_H

#include <stdint.h>

#define PTE_P 0x1ull
#define PTE_W 0x2ull
#define PTE_PWT 0x8ull
#define PTE_PCD 0x10ull
#define PTE_PS 0x80ull
#define PTE_NX (1ull << 63)
#define PTE_ADDR 0x000FFFFFFFFFF000ull
#define PDE_2M_ADDR 0x000FFFFFFFE00000ull
#define PAGE_2M 0x200000ull

static inline unsigned pt_index(uint64_t vaddr, int level) { return (vaddr >> (12 + 9 * level)) & 511; }

/* paging.c: a zeroed table frame from the frame allocator, not sealed
 * yet (its caller fills it, then seals it); and the kernel's top-level
 * table. */
uint64_t *pt_alloc_table(uint64_t *paddr);
/* Gives a table frame no entry points to back to the frame allocator;
 * its alias must be writable again. */
void pt_free_table(uint64_t paddr);
uint64_t *pt_kernel_pml4(void);
/* paging.c: a device's page (not RAM: no physmap alias to seal) mapped
 * uncached, RW and NX, at vaddr in the kernel's half. */
void pt_map_device(uint64_t vaddr, uint64_t paddr);

/* physmap.c: the physmap alias of the frame at paddr made read-only
 * (seal) or writable again (unseal), its 2 MiB page split first if need
 * be; the TLB entry of the alias is invalidated. Frames past the
 * physmap's end have no alias: nothing to do. */
void physmap_init(uint64_t bytes);
void physmap_seal(uint64_t paddr);
void physmap_unseal(uint64_t paddr);
int physmap_is_sealed(uint64_t paddr);
void physmap_counts(uint64_t *sealed_pages, uint64_t *split_pages);

#endif
