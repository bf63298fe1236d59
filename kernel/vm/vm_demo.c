/* The touch demo: see vm_demo.h. */
#include "arch.h"
#include "console.h"
#include "strand/runtime.h"
#include "vm/vm.h"
#include "vm/vm_demo.h"

void vm_touch_run(void *arg)
{
    struct vm_touch *t = arg;
    uint32_t self = strand_self();
    for (uint32_t i = 0; i < t->pages; i++) {
        volatile uint64_t *word = (volatile uint64_t *)(t->base + (uint64_t)i * TR_PAGE_SIZE);
        uint64_t mark = (uint64_t)self << 32 | i;
        arch_user_access_begin(); /* a user page, from ring 0 */
        *word = mark;
        uint64_t back = *word;
        arch_user_access_end();
        if (back != mark) {
            kprintf("touch: strand %u: page %u read back 0x%lx\n", self, i, back);
            return;
        }
        t->done = i + 1;
    }
    t->ok = 1;
    kprintf("touch: strand %u: %u pages written and read back\n", self, t->pages);
}
