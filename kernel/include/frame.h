/* Physical frame allocator: one state byte per 4 KiB frame, numbered from
 * physical address 0, built from the boot memory map. */
#ifndef SPINEL_FRAME_H
#define SPINEL_FRAME_H

#include <stdint.h>

#define FRAME_SIZE 4096u
#define FRAME_SHIFT 12u
/* Frames the allocator can manage: 4 GiB of physical address space. */
#define FRAME_MAX (1u << 20)

enum frame_state { FRAME_ABSENT = 0, FRAME_FREE = 1, FRAME_USED = 2 };

enum frame_err {
    FRAME_OK = 0,
    FRAME_ERR_EXHAUSTED = 1,  /* no free frame left */
    FRAME_ERR_UNALIGNED = 2,  /* address is not the start of a frame */
    FRAME_ERR_FOREIGN = 3,    /* frame is not managed by this allocator */
    FRAME_ERR_DOUBLE_FREE = 4 /* frame is already free */
};

struct frame_alloc {
    uint8_t *state;   /* state[i] is the enum frame_state of frame i */
    uint64_t nframes; /* frames 0 .. nframes-1 are described */
    uint64_t hint;    /* where the next search starts */
};

/* TODO(contract) */
void frame_alloc_init(struct frame_alloc *fa, uint8_t *state, uint64_t nframes);
/* Frames wholly inside [base, base+len) that are ABSENT become FREE. */
void frame_add_region(struct frame_alloc *fa, uint64_t base, uint64_t len);
/* Frames touching [base, base+len) become ABSENT: never handed out, never freeable. */
void frame_reserve_region(struct frame_alloc *fa, uint64_t base, uint64_t len);
int frame_alloc(struct frame_alloc *fa, uint64_t *paddr);
int frame_free(struct frame_alloc *fa, uint64_t paddr);
uint64_t frame_count(const struct frame_alloc *fa, uint8_t state);

#endif
