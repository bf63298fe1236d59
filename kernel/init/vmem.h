/* Kernel virtual memory for domains: page runs in the top 2 GiB, next to
 * the kernel image, so domain code reaches the kernel by PC-relative
 * calls and 32-bit sign-extended addresses (-mcmodel=kernel). */
#ifndef SPINEL_VMEM_H
#define SPINEL_VMEM_H

#include <stdint.h>
#include "paging.h"

#define VMEM_BASE 0xFFFFFFFFC0000000ull
#define VMEM_LIMIT 0xFFFFFFFFFF000000ull

/* bytes (rounded up to pages) of fresh zeroed frames, mapped RW+NX; 0 when
 * frames or addresses run out (nothing is then kept). */
uint8_t *vmem_alloc(uint64_t bytes);
void vmem_protect(uint8_t *at, uint64_t bytes, enum page_prot prot);
/* Unmaps and frees the frames of a run vmem_alloc(bytes) returned; its
 * addresses are reused. A null at is nothing to free. */
void vmem_free(uint8_t *at, uint64_t bytes);

#endif
