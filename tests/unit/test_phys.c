/* PhysAddr.T entries over a real frame allocator of N frames: allocation
 * until exhaustion, each refusal's code with nothing changed, ownership,
 * Reclaim's candidate and nominee checks, and release at unload. */
#include <stdint.h>
#include <string.h>
#include "check.h"
#include "mem/phys.h"

#define N 300 /* frames: more than PHYS_PAGES, so the table fills first */

static uint8_t state[N];
static struct frame_alloc fa;
static struct phys_table table;

/* n usable frames: the rest of the N stay foreign. */
static void setup(uint32_t usable)
{
    frame_alloc_init(&fa, state, N);
    frame_add_region(&fa, 0, (uint64_t)usable * FRAME_SIZE);
    phys_init(&table, &fa);
}

/* Snapshots to check that a refusal changed nothing. */
static uint8_t state_before[N];
static struct phys_table table_before;

static void snapshot(void)
{
    memcpy(state_before, state, N);
    table_before = table;
}

static int unchanged(void)
{
    return memcmp(state_before, state, N) == 0 && memcmp(&table_before, &table, sizeof table) == 0;
}

static void init_objects(void)
{
    setup(8);
    int ok = 1;
    for (uint32_t k = 0; k < PHYS_PAGES; k++)
        ok &= table.page[k].obj.type == CAP_FRAME && table.page[k].obj.id == k && table.page[k].live == 0;
    CHECK("init: every entry a dead CAP_FRAME object, id = index", ok);
}

static void allocate_until_exhausted(void)
{
    setup(8);
    uint32_t idx[8];
    int ok = 1;
    for (int i = 0; i < 8; i++) {
        ok &= phys_allocate(&table, &fa, 3, FRAME_SIZE, 0, &idx[i]) == PHYS_OK;
        ok &= table.page[idx[i]].live == 1 && table.page[idx[i]].owner == 3;
        ok &= state[table.page[idx[i]].frame] == FRAME_USED;
        for (int j = 0; j < i; j++)
            ok &= table.page[idx[j]].frame != table.page[idx[i]].frame && idx[j] != idx[i];
    }
    CHECK("8 allocations from 8 frames: distinct entries, distinct used frames", ok);
    CHECK("no free frame left", frame_count(&fa, FRAME_FREE) == 0);
    snapshot();
    uint32_t k = 999;
    CHECK("exhausted: its own code", phys_allocate(&table, &fa, 3, 1, 0, &k) == PHYS_ERR_EXHAUSTED);
    CHECK("exhausted: table and frames unchanged, index untouched", unchanged() && k == 999);
    CHECK("deallocate by the owner", phys_deallocate(&table, &fa, 3, idx[5]) == PHYS_OK);
    CHECK("its frame is free again", state[table.page[idx[5]].frame] == FRAME_FREE &&
                                         table.page[idx[5]].live == 0);
    CHECK("allocate again after a deallocation",
          phys_allocate(&table, &fa, 4, 100, PHYS_ATTR_ZERO, &k) == PHYS_OK &&
          table.page[k].owner == 4 && table.page[k].attrib == PHYS_ATTR_ZERO);
    CHECK("the address is the frame's", phys_address(&table, &fa, k) == (uint64_t)table.page[k].frame * FRAME_SIZE);
}

static void refusals(void)
{
    setup(N);
    uint32_t k = 999;
    snapshot();
    CHECK("size 0 refused", phys_allocate(&table, &fa, 1, 0, 0, &k) == PHYS_ERR_SIZE && unchanged());
    CHECK("size of two frames refused", phys_allocate(&table, &fa, 1, FRAME_SIZE + 1, 0, &k) == PHYS_ERR_SIZE &&
                                            unchanged());
    CHECK("unknown attribute refused", phys_allocate(&table, &fa, 1, 1, 2, &k) == PHYS_ERR_ATTRIB && unchanged());
    CHECK("refusals left the index untouched", k == 999);
    CHECK("allocate", phys_allocate(&table, &fa, 1, 1, 0, &k) == PHYS_OK);
    snapshot();
    CHECK("deallocate by another owner refused", phys_deallocate(&table, &fa, 2, k) == PHYS_ERR_NOT_OWNER &&
                                                     unchanged());
    CHECK("deallocate beyond the table refused", phys_deallocate(&table, &fa, 1, PHYS_PAGES) == PHYS_ERR_RANGE &&
                                                     unchanged());
    CHECK("deallocate of a dead entry refused", phys_deallocate(&table, &fa, 1, k + 1) == PHYS_ERR_NOT_LIVE &&
                                                    unchanged());
    CHECK("deallocate by the owner", phys_deallocate(&table, &fa, 1, k) == PHYS_OK);
    snapshot();
    CHECK("second deallocate refused: not live", phys_deallocate(&table, &fa, 1, k) == PHYS_ERR_NOT_LIVE &&
                                                     unchanged());
    CHECK("reclaim of a dead entry refused", phys_reclaim(&table, &fa, k) == PHYS_ERR_NOT_LIVE && unchanged());
}

static void table_full(void)
{
    setup(N);
    uint32_t k;
    int ok = 1;
    for (uint32_t i = 0; i < PHYS_PAGES; i++)
        ok &= phys_allocate(&table, &fa, i % 3, 1, 0, &k) == PHYS_OK;
    CHECK("PHYS_PAGES allocations", ok);
    snapshot();
    CHECK("table full: its own code, nothing changed", phys_allocate(&table, &fa, 0, 1, 0, &k) == PHYS_ERR_FULL &&
                                                           unchanged());
    uint64_t free_before = frame_count(&fa, FRAME_FREE);
    uint32_t released = phys_release_owner(&table, &fa, 1);
    CHECK("release_owner counts the owner's entries", released == PHYS_PAGES / 3);
    CHECK("release_owner frees exactly their frames", frame_count(&fa, FRAME_FREE) == free_before + released);
    ok = 1;
    for (uint32_t i = 0; i < PHYS_PAGES; i++)
        ok &= table.page[i].live == (table.page[i].owner != 1);
    CHECK("owner 1 holds nothing, the others keep theirs", ok);
    CHECK("a second release finds nothing", phys_release_owner(&table, &fa, 1) == 0);
    CHECK("release of an owner with nothing", phys_release_owner(&table, &fa, 77) == 0);
}

static void reclaim(void)
{
    setup(N);
    uint32_t a, b, c, k = 999;
    CHECK("no candidate in an empty table", phys_candidate(&table, 0, &k) == PHYS_ERR_NONE && k == 999);
    phys_allocate(&table, &fa, 1, 1, 0, &a);
    phys_allocate(&table, &fa, 2, 1, 0, &b);
    phys_allocate(&table, &fa, 1, 1, 0, &c);
    CHECK("candidate at the cursor", phys_candidate(&table, a, &k) == PHYS_OK && k == a);
    CHECK("candidate after the cursor", phys_candidate(&table, a + 1, &k) == PHYS_OK && k == b);
    CHECK("candidate wraps around", phys_candidate(&table, c + 1, &k) == PHYS_OK && k == a);
    CHECK("cursor taken modulo the table", phys_candidate(&table, PHYS_PAGES + b, &k) == PHYS_OK && k == b);
    CHECK("nominee of the same holder accepted", phys_nominee_ok(&table, a, c) == 1);
    CHECK("nominee of another holder refused", phys_nominee_ok(&table, a, b) == 0);
    CHECK("nominee beyond the table refused", phys_nominee_ok(&table, a, PHYS_PAGES) == 0);
    CHECK("dead nominee refused", phys_nominee_ok(&table, a, c + 1) == 0);
    uint32_t frame = table.page[c].frame;
    CHECK("reclaim takes the frame back", phys_reclaim(&table, &fa, c) == PHYS_OK &&
                                              table.page[c].live == 0 && state[frame] == FRAME_FREE);
    CHECK("reclaimed entry no longer a nominee", phys_nominee_ok(&table, a, c) == 0);
    CHECK("reclaim beyond the table refused", phys_reclaim(&table, &fa, PHYS_PAGES) == PHYS_ERR_RANGE);
}

int main(void)
{
    init_objects();
    allocate_until_exhausted();
    refusals();
    table_full();
    reclaim();
    CHECK_EXIT();
}
