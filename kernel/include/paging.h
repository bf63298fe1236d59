/* Kernel address space: physical memory reached through the physmap. */
#ifndef SPINEL_PAGING_H
#define SPINEL_PAGING_H

#include <stdint.h>
#include "mem/frame.h"

struct paging_stats {
    uint64_t physmap_bytes;
    uint64_t text_pages, rodata_pages, data_pages; /* RX, R, RW+NX */
    uint64_t table_frames;
    /* 4 KiB physmap pages read-only (sealed code and data, page tables),
     * and 2 MiB physmap pages split for them */
    uint64_t physmap_sealed, physmap_split;
};

/* Protections of a 4 KiB page mapped after boot: never writable and
 * executable at once. */
enum page_prot { PAGE_RX, PAGE_R, PAGE_RW };

/* Builds and loads the final tables, the guard page below each kernel
 * stack left unmapped; page-table frames come from fa. */
void paging_init(struct frame_alloc *fa, uint64_t ram_end);
void *phys_to_virt(uint64_t paddr);
const struct paging_stats *paging_stats(void);
/* After paging_init: map one page, change its protection, unmap it
 * (returns the frame it held, or 0 if none). W^X for aliases: a frame
 * mapped RX or R is read-only through the physmap too, and writable
 * there again when it is mapped RW or unmapped (to be freed). */
void paging_map(uint64_t vaddr, uint64_t paddr, enum page_prot prot);
void paging_protect(uint64_t vaddr, enum page_prot prot);
uint64_t paging_unmap(uint64_t vaddr);
/* The W^X invariant checked on the live tables (wx_audit.c): tables and
 * pages walked, and how many of them break it (0 unless a bug). */
struct paging_audit {
    uint64_t tables, pages, broken;
};
void paging_audit(struct paging_audit *a);
/* The frame mapped at vaddr by a 4 KiB page, or 0 if none. */
uint64_t paging_frame_of(uint64_t vaddr);

#endif
