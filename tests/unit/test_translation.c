/* Translation contexts over a real phys table and frame allocator: create
 * and destroy, each AddMapping refusal with its exact code and nothing
 * changed, add/examine/remove round trips, no frame freed while mapped,
 * and unload returning the owner's frames. */
#include <stdint.h>
#include <string.h>
#include "check.h"
#include "mem/translation.h"

#define N 64

static uint8_t state[N];
static struct frame_alloc fa;
static struct phys_table ph;
static struct tr_space sp;
static struct tr_space sp_before;

static void setup(void)
{
    frame_alloc_init(&fa, state, N);
    frame_add_region(&fa, 0, (uint64_t)N * FRAME_SIZE);
    phys_init(&ph, &fa);
    tr_init(&sp, &ph);
}

static int unchanged(void) { return memcmp(&sp_before, &sp, sizeof sp) == 0; }

static void contexts(void)
{
    setup();
    int ok = 1;
    for (uint32_t c = 0; c < TR_CONTEXTS; c++)
        ok &= sp.ctx[c].obj.type == CAP_CONTEXT && sp.ctx[c].obj.id == c && sp.ctx[c].live == 0;
    CHECK("init: every context a dead CAP_CONTEXT object, id = index", ok);
    uint32_t c, k = 999;
    ok = 1;
    for (uint32_t i = 0; i < TR_CONTEXTS; i++)
        ok &= tr_create(&sp, &ph, 5, &c) == TR_OK && c == i && sp.ctx[c].owner == 5;
    CHECK("create every context", ok);
    sp_before = sp;
    CHECK("create with none free: TR_ERR_FULL, nothing changed", tr_create(&sp, &ph, 5, &k) == TR_ERR_FULL &&
                                                                      k == 999 && unchanged());
    CHECK("destroy by another owner refused", tr_destroy(&sp, &ph, 6, 3) == TR_ERR_NOT_OWNER && unchanged());
    CHECK("destroy beyond the table refused", tr_destroy(&sp, &ph, 5, TR_CONTEXTS) == TR_ERR_CONTEXT &&
                                                  unchanged());
    CHECK("destroy by the owner", tr_destroy(&sp, &ph, 5, 3) == TR_OK && sp.ctx[3].live == 0);
    CHECK("destroy of a dead context refused", tr_destroy(&sp, &ph, 5, 3) == TR_ERR_CONTEXT);
    CHECK("create reuses it", tr_create(&sp, &ph, 7, &k) == TR_OK && k == 3 && sp.ctx[3].owner == 7);
}

static void add_refusals(void)
{
    setup();
    uint32_t c, mine, theirs, dead;
    tr_create(&sp, &ph, 1, &c);
    phys_allocate(&ph, &fa, 1, FRAME_SIZE, 0, &mine);
    phys_allocate(&ph, &fa, 2, FRAME_SIZE, 0, &theirs);
    phys_allocate(&ph, &fa, 1, FRAME_SIZE, 0, &dead);
    phys_deallocate(&ph, &fa, 1, dead);
    uint64_t v = 0x400000;
    sp_before = sp;
    CHECK("context not live", tr_add_mapping(&sp, &ph, c + 1, 1, v, mine, TR_PROT_READ) == TR_ERR_CONTEXT &&
                                  unchanged());
    CHECK("context beyond the table", tr_add_mapping(&sp, &ph, TR_CONTEXTS, 1, v, mine, TR_PROT_READ) ==
                                          TR_ERR_CONTEXT && unchanged());
    CHECK("context of another holder", tr_add_mapping(&sp, &ph, c, 2, v, theirs, TR_PROT_READ) ==
                                           TR_ERR_NOT_OWNER && unchanged());
    CHECK("unaligned vaddr", tr_add_mapping(&sp, &ph, c, 1, v + 8, mine, TR_PROT_READ) == TR_ERR_UNALIGNED &&
                                 unchanged());
    CHECK("kernel half", tr_add_mapping(&sp, &ph, c, 1, 0xffff800000000000ull, mine, TR_PROT_READ) ==
                             TR_ERR_KERNEL_HALF && unchanged());
    CHECK("last page below the top: one past is refused",
          tr_add_mapping(&sp, &ph, c, 1, TR_USER_TOP, mine, TR_PROT_READ) == TR_ERR_KERNEL_HALF && unchanged());
    CHECK("no access", tr_add_mapping(&sp, &ph, c, 1, v, mine, 0) == TR_ERR_PROT && unchanged());
    CHECK("unknown protection bit", tr_add_mapping(&sp, &ph, c, 1, v, mine, 8 | TR_PROT_READ) == TR_ERR_PROT &&
                                        unchanged());
    CHECK("W+X", tr_add_mapping(&sp, &ph, c, 1, v, mine, TR_PROT_WRITE | TR_PROT_EXEC) == TR_ERR_WX &&
                     unchanged());
    CHECK("R+W+X", tr_add_mapping(&sp, &ph, c, 1, v, mine, TR_PROT_ALL) == TR_ERR_WX && unchanged());
    CHECK("another holder's frame", tr_add_mapping(&sp, &ph, c, 1, v, theirs, TR_PROT_READ) == TR_ERR_FRAME &&
                                        unchanged());
    CHECK("a dead frame", tr_add_mapping(&sp, &ph, c, 1, v, dead, TR_PROT_READ) == TR_ERR_FRAME && unchanged());
    CHECK("a frame beyond the table", tr_add_mapping(&sp, &ph, c, 1, v, PHYS_PAGES, TR_PROT_READ) ==
                                          TR_ERR_FRAME && unchanged());
    CHECK("the last user page is accepted",
          tr_add_mapping(&sp, &ph, c, 1, TR_USER_TOP - TR_PAGE_SIZE, mine, TR_PROT_READ) == TR_OK);
    CHECK("add", tr_add_mapping(&sp, &ph, c, 1, v, mine, TR_PROT_READ | TR_PROT_WRITE) == TR_OK);
    sp_before = sp;
    CHECK("already mapped", tr_add_mapping(&sp, &ph, c, 1, v, mine, TR_PROT_READ) == TR_ERR_MAPPED && unchanged());
    uint64_t w = 0x10000000;
    int ok = 1;
    for (uint32_t i = 2; i < TR_MAPPINGS; i++)
        ok &= tr_add_mapping(&sp, &ph, c, 1, w + (uint64_t)i * TR_PAGE_SIZE, mine, TR_PROT_READ) == TR_OK;
    CHECK("fill every slot (one frame mapped at many pages)", ok);
    sp_before = sp;
    CHECK("no free slot", tr_add_mapping(&sp, &ph, c, 1, w, mine, TR_PROT_READ) == TR_ERR_NO_SLOT && unchanged());
}

static void round_trips(void)
{
    setup();
    uint32_t c, other, f, g, page = 999, prot = 999;
    tr_create(&sp, &ph, 1, &c);
    tr_create(&sp, &ph, 1, &other);
    phys_allocate(&ph, &fa, 1, FRAME_SIZE, 0, &f);
    phys_allocate(&ph, &fa, 1, FRAME_SIZE, 0, &g);
    uint64_t v = 0x7000;
    CHECK("add R+X", tr_add_mapping(&sp, &ph, c, 1, v, f, TR_PROT_READ | TR_PROT_EXEC) == TR_OK);
    CHECK("examine gives the page and protection", tr_examine_mapping(&sp, &ph, c, v, &page, &prot) == TR_OK &&
                                                       page == f && prot == (TR_PROT_READ | TR_PROT_EXEC));
    CHECK("other context: not mapped", tr_examine_mapping(&sp, &ph, other, v, &page, &prot) == TR_ERR_NOT_MAPPED);
    CHECK("examine of a dead context", tr_examine_mapping(&sp, &ph, TR_CONTEXTS - 1, v, &page, &prot) ==
                                           TR_ERR_CONTEXT);
    CHECK("same page in another context", tr_add_mapping(&sp, &ph, other, 1, v, g, TR_PROT_READ) == TR_OK);
    CHECK("frame f is mapped", tr_page_mapped(&sp, &ph, f) == 1);
    CHECK("remove by another holder refused", tr_remove_mapping(&sp, &ph, c, 2, v, &page) == TR_ERR_NOT_OWNER);
    page = 999;
    CHECK("remove", tr_remove_mapping(&sp, &ph, c, 1, v, &page) == TR_OK && page == f);
    CHECK("examine after remove: not mapped", tr_examine_mapping(&sp, &ph, c, v, &page, &prot) ==
                                                  TR_ERR_NOT_MAPPED);
    CHECK("remove again: not mapped", tr_remove_mapping(&sp, &ph, c, 1, v, &page) == TR_ERR_NOT_MAPPED);
    CHECK("the other context keeps its mapping", tr_examine_mapping(&sp, &ph, other, v, &page, &prot) == TR_OK &&
                                                     page == g && prot == TR_PROT_READ);
    CHECK("frame f no longer mapped", tr_page_mapped(&sp, &ph, f) == 0);
    CHECK("frame g still mapped", tr_page_mapped(&sp, &ph, g) == 1);
}

static void no_free_while_mapped(void)
{
    setup();
    uint32_t c, f, page;
    tr_create(&sp, &ph, 1, &c);
    phys_allocate(&ph, &fa, 1, FRAME_SIZE, 0, &f);
    tr_add_mapping(&sp, &ph, c, 1, 0x1000, f, TR_PROT_READ);
    uint32_t frame = ph.page[f].frame;
    CHECK("deallocate of a mapped frame refused", vm_deallocate(&sp, &ph, &fa, 1, f) == TR_ERR_FRAME_MAPPED &&
                                                      ph.page[f].live == 1 && state[frame] == FRAME_USED);
    CHECK("after destroy the frame is unmapped", tr_destroy(&sp, &ph, 1, c) == TR_OK &&
                                                     tr_page_mapped(&sp, &ph, f) == 0);
    CHECK("deallocate by another owner: phys's code", vm_deallocate(&sp, &ph, &fa, 2, f) == PHYS_ERR_NOT_OWNER);
    CHECK("deallocate then succeeds and frees the frame", vm_deallocate(&sp, &ph, &fa, 1, f) == PHYS_OK &&
                                                              state[frame] == FRAME_FREE);
    CHECK("deallocate beyond the table", vm_deallocate(&sp, &ph, &fa, 1, PHYS_PAGES) == PHYS_ERR_RANGE);
    (void)page;
}

static void unload(void)
{
    setup();
    uint32_t c1, c2, d, f[3], g;
    tr_create(&sp, &ph, 1, &c1);
    tr_create(&sp, &ph, 1, &c2);
    tr_create(&sp, &ph, 2, &d);
    for (int i = 0; i < 3; i++)
        phys_allocate(&ph, &fa, 1, FRAME_SIZE, 0, &f[i]);
    phys_allocate(&ph, &fa, 2, FRAME_SIZE, 0, &g);
    tr_add_mapping(&sp, &ph, c1, 1, 0x1000, f[0], TR_PROT_READ);
    tr_add_mapping(&sp, &ph, c2, 1, 0x1000, f[1], TR_PROT_READ | TR_PROT_WRITE);
    tr_add_mapping(&sp, &ph, d, 2, 0x1000, g, TR_PROT_READ);
    uint64_t free_before = frame_count(&fa, FRAME_FREE);
    CHECK("destroy the owner's contexts",
          tr_destroy(&sp, &ph, 1, c1) == TR_OK && tr_destroy(&sp, &ph, 1, c2) == TR_OK);
    CHECK("release_frames returns the owner's 3 frames", vm_release_frames(&sp, &ph, &fa, 1) == 3 &&
                                                             frame_count(&fa, FRAME_FREE) == free_before + 3);
    uint32_t page, prot;
    CHECK("another owner's context and frame untouched",
          ph.page[g].live == 1 && tr_examine_mapping(&sp, &ph, d, 0x1000, &page, &prot) == TR_OK && page == g);
    CHECK("a second release finds nothing", vm_release_frames(&sp, &ph, &fa, 1) == 0);
}

int main(void)
{
    unload();
    contexts();
    add_refusals();
    round_trips();
    no_free_while_mapped();
    CHECK_EXIT();
}
