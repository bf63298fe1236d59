/* VirtAddr ranges: first fit, guard pages, per-context address spaces,
 * every refusal's code with the table unchanged, and random sequences
 * checked for the model's invariant (no two ranges of a context overlap). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "mem/virt.h"

#define PAGE VIRT_PAGE

static int same_table(const struct virt_table *a, const struct virt_table *b)
{
    return memcmp(a, b, sizeof *a) == 0;
}

/* The model's invariant, checked by brute force. */
static int table_valid(const struct virt_table *vt)
{
    for (uint32_t i = 0; i < VIRT_RANGES; i++) {
        const struct virt_range *r = &vt->range[i];
        if (!r->live)
            continue;
        if (r->obj.type != CAP_VIRT || r->obj.id != i || r->base < VIRT_BASE || r->end > VIRT_TOP ||
            r->base % PAGE || r->end % PAGE || r->base + r->pages * PAGE > r->end || r->pages == 0)
            return 0;
        for (uint32_t j = 0; j < VIRT_RANGES; j++) {
            const struct virt_range *q = &vt->range[j];
            if (j != i && q->live && q->ctx == r->ctx && !(r->end <= q->base || q->end <= r->base))
                return 0;
        }
    }
    return 1;
}

static void first_fit_and_guard(void)
{
    static struct virt_table vt;
    uint16_t a, b, c, d;
    virt_init(&vt);
    CHECK("first range at VIRT_BASE", virt_allocate(&vt, 1, 7, 3 * PAGE, 0, &a) == VIRT_OK &&
                                           vt.range[a].base == VIRT_BASE && vt.range[a].pages == 3);
    CHECK("size rounds up to pages", virt_allocate(&vt, 1, 7, PAGE + 1, VIRT_ATTR_GUARD, &b) == VIRT_OK &&
                                         vt.range[b].pages == 2);
    CHECK("second range follows the first", vt.range[b].base == VIRT_BASE + 3 * PAGE);
    CHECK("a guard page ends the second", vt.range[b].end == vt.range[b].base + 3 * PAGE);
    CHECK("another context starts at VIRT_BASE again",
          virt_allocate(&vt, 2, 8, PAGE, 0, &c) == VIRT_OK && vt.range[c].base == VIRT_BASE);
    CHECK("deallocate the first", virt_deallocate(&vt, 7, a) == VIRT_OK && !vt.range[a].live);
    CHECK("its gap is reused", virt_allocate(&vt, 1, 7, 2 * PAGE, 0, &d) == VIRT_OK && vt.range[d].base == VIRT_BASE);
    CHECK("a range too big for the gap goes after the others",
          virt_allocate(&vt, 1, 7, 2 * PAGE, 0, &a) == VIRT_OK && vt.range[a].base == vt.range[b].end);
    uint16_t found;
    CHECK("find: an address inside", virt_find(&vt, 1, vt.range[b].base + PAGE + 5, &found) == 1 && found == b);
    CHECK("find: the guard page is in no range", virt_find(&vt, 1, vt.range[b].base + 2 * PAGE, &found) == 0);
    CHECK("find: another context's range is not found", virt_find(&vt, 3, VIRT_BASE, &found) == 0);
    CHECK("find: below VIRT_BASE", virt_find(&vt, 1, VIRT_BASE - 1, &found) == 0);
    CHECK("valid after the sequence", table_valid(&vt));
}

static void refusals(void)
{
    static struct virt_table vt, before;
    uint16_t i = 99;
    virt_init(&vt);
    before = vt;
    CHECK("size 0 refused", virt_allocate(&vt, 1, 1, 0, 0, &i) == VIRT_ERR_SIZE && same_table(&vt, &before));
    CHECK("size above the limit refused",
          virt_allocate(&vt, 1, 1, VIRT_SIZE_MAX + 1, 0, &i) == VIRT_ERR_SIZE && same_table(&vt, &before));
    CHECK("unknown attribute refused", virt_allocate(&vt, 1, 1, PAGE, 2, &i) == VIRT_ERR_ATTRIB && same_table(&vt, &before));
    CHECK("the largest size is accepted", virt_allocate(&vt, 1, 1, VIRT_SIZE_MAX, VIRT_ATTR_GUARD, &i) == VIRT_OK);
    before = vt;
    CHECK("deallocate by another owner refused", virt_deallocate(&vt, 2, i) == VIRT_ERR_NOT_OWNER && same_table(&vt, &before));
    CHECK("deallocate out of the table refused",
          virt_deallocate(&vt, 1, VIRT_RANGES) == VIRT_ERR_NOT_LIVE && same_table(&vt, &before));
    CHECK("deallocate a dead entry refused", virt_deallocate(&vt, 1, i + 1) == VIRT_ERR_NOT_LIVE && same_table(&vt, &before));
    CHECK("deallocate twice refused", virt_deallocate(&vt, 1, i) == VIRT_OK && virt_deallocate(&vt, 1, i) == VIRT_ERR_NOT_LIVE);
    virt_init(&vt);
    for (uint32_t k = 0; k < VIRT_RANGES; k++)
        virt_allocate(&vt, k % 3, 1, PAGE, 0, &i);
    before = vt;
    CHECK("a full table refuses", virt_allocate(&vt, 5, 1, PAGE, 0, &i) == VIRT_ERR_FULL && same_table(&vt, &before));
}

/* 64 ranges of at most 256 GiB cannot fill the user half, so no space is
 * shown on a table made by hand (valid under the model: a range may
 * reserve more than its usable pages). */
static void no_space(void)
{
    static struct virt_table vt, before;
    uint16_t i;
    virt_init(&vt);
    CHECK("a range of the largest size fits", virt_allocate(&vt, 4, 1, VIRT_SIZE_MAX, VIRT_ATTR_GUARD, &i) == VIRT_OK);
    vt.range[i].end = VIRT_TOP - PAGE;
    CHECK("the hand-made table is valid", table_valid(&vt));
    before = vt;
    CHECK("two pages do not fit in the last one",
          virt_allocate(&vt, 4, 1, 2 * PAGE, 0, &i) == VIRT_ERR_NO_SPACE && same_table(&vt, &before));
    CHECK("one page fits, ending at VIRT_TOP", virt_allocate(&vt, 4, 1, PAGE, 0, &i) == VIRT_OK &&
                                                 vt.range[i].end == VIRT_TOP);
    CHECK("another context is not affected", virt_allocate(&vt, 5, 1, 2 * PAGE, 0, &i) == VIRT_OK);
    CHECK("no range reaches the kernel's half", table_valid(&vt));
}

static void release_owner(void)
{
    static struct virt_table vt;
    uint16_t i;
    virt_init(&vt);
    for (uint32_t k = 0; k < 10; k++)
        virt_allocate(&vt, k % 2, k % 3, PAGE, 0, &i);
    CHECK("release counts the owner's ranges", virt_release_owner(&vt, 1) == 3);
    int left = 0, others = 0;
    for (uint32_t k = 0; k < VIRT_RANGES; k++) {
        left += vt.range[k].live && vt.range[k].owner == 1;
        others += vt.range[k].live;
    }
    CHECK("none of the owner's left, the others kept", left == 0 && others == 7);
    CHECK("release again counts none", virt_release_owner(&vt, 1) == 0);
}

static void random_sequences(void)
{
    static struct virt_table vt;
    int ok = 1;
    srand(19);
    virt_init(&vt);
    for (int step = 0; step < 20000 && ok; step++) {
        uint16_t i; uint32_t ctx = (uint32_t)rand() % 3, owner = (uint32_t)rand() % 4;
        if (rand() % 3) {
            uint64_t size = 1 + (uint64_t)rand() % (64 * PAGE);
            int r = virt_allocate(&vt, ctx, owner, size, (uint32_t)rand() % 2, &i);
            ok = r == VIRT_OK || r == VIRT_ERR_FULL;
        } else {
            int r = virt_deallocate(&vt, owner, (uint32_t)rand() % VIRT_RANGES);
            ok = r == VIRT_OK || r == VIRT_ERR_NOT_LIVE || r == VIRT_ERR_NOT_OWNER;
        }
        ok = ok && table_valid(&vt);
    }
    CHECK("20000 random steps keep ranges apart", ok);
}

int main(void)
{
    first_fit_and_guard();
    refusals();
    no_space();
    release_owner();
    random_sequences();
    CHECK_EXIT();
}
