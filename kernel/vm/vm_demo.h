/* A demo strand for translation contexts: it writes, then reads back,
 * each page of a run of user pages in its own context, so that faults
 * happen where a pager or a default handler must answer them. */
#ifndef SPINEL_VM_DEMO_H
#define SPINEL_VM_DEMO_H

#include <stdint.h>

struct vm_touch {
    uint64_t base;  /* first page */
    uint32_t pages; /* how many */
    uint32_t done;  /* pages written and read back, so far */
    uint32_t ok;    /* 1 once every page read back what was written */
};

/* The strand's function: arg is a struct vm_touch that outlives it. */
void vm_touch_run(void *arg);

#endif
