/* Kernel address space: physical memory reached through the physmap. */
#ifndef SPINEL_PAGING_H
#define SPINEL_PAGING_H

#include <stdint.h>
#include "frame.h"

struct paging_stats {
    uint64_t physmap_bytes;
    uint64_t text_pages, rodata_pages, data_pages; /* RX, R, RW+NX */
    uint64_t table_frames;
};

/* Builds and loads the final tables; page-table frames come from fa. */
void paging_init(struct frame_alloc *fa, uint64_t ram_end);
void *phys_to_virt(uint64_t paddr);
const struct paging_stats *paging_stats(void);

#endif
