/* uc_plan against a reference that walks the buffer byte by byte and looks
 * each byte's page up in every slot of the model: fixed cases (straddling
 * pages, the user/kernel boundary, empty and longest buffers, unmapped and
 * read-only pages, which refusal wins) and a randomized comparison. */
#include <stdint.h>
#include <string.h>
#include "check.h"
#include "app/usercopy.h"

#define N 128
#define PS TR_PAGE_SIZE

static uint8_t state[N];
static struct frame_alloc fa;
static struct phys_table ph;
static struct tr_space sp;
static uint32_t ctx;

static void setup(void)
{
    frame_alloc_init(&fa, state, N);
    frame_add_region(&fa, 0, (uint64_t)N * FRAME_SIZE);
    phys_init(&ph, &fa);
    tr_init(&sp, &ph);
    tr_create(&sp, &ph, 1, &ctx);
}

/* Maps a fresh frame of holder 1 at v; returns its phys entry. */
static uint32_t map(uint64_t v, uint32_t prot)
{
    uint32_t page;
    if (phys_allocate(&ph, &fa, 1, FRAME_SIZE, 0, &page) != PHYS_OK ||
        tr_add_mapping(&sp, &ph, ctx, 1, v, page, prot) != TR_OK) {
        printf("FAIL setup: cannot map 0x%llx\n", (unsigned long long)v);
        exit(1);
    }
    return page;
}

/* The reference: one byte at a time, each looked up in every slot. */
static int ref_plan(uint32_t c, uint64_t uaddr, uint64_t len, uint32_t need, struct uc_piece *pc, uint32_t *count)
{
    if (len > UC_MAX_LEN)
        return UC_ERR_TOO_LONG;
    if ((unsigned __int128)uaddr + len > TR_USER_TOP || uaddr >= TR_USER_TOP)
        return UC_ERR_KERNEL;
    if (c >= TR_CONTEXTS || !sp.ctx[c].live)
        return UC_ERR_CONTEXT;
    uint32_t n = 0;
    for (uint64_t b = uaddr; b < uaddr + len; b++) {
        const struct tr_mapping *m = 0;
        for (uint32_t s = 0; s < TR_MAPPINGS; s++)
            if (sp.ctx[c].map[s].live && sp.ctx[c].map[s].vaddr == b / PS * PS)
                m = &sp.ctx[c].map[s];
        if (!m)
            return UC_ERR_NOT_MAPPED;
        if ((m->prot & need) != need)
            return UC_ERR_PROT;
        if (b == uaddr || b % PS == 0)
            pc[n++] = (struct uc_piece){ .page = m->page, .offset = (uint32_t)(b % PS), .len = 0 };
        pc[n - 1].len++;
    }
    *count = n;
    return UC_OK;
}

static struct uc_piece got[UC_PIECES], want[UC_PIECES * 4];

/* uc_plan and the reference agree: the code; on success the count and
 * every piece; on refusal *count untouched. */
static int agrees(uint32_t c, uint64_t uaddr, uint64_t len, uint32_t need, int expect)
{
    uint32_t n = 0xdead, m = 0xbeef;
    int r = uc_plan(&sp, &ph, c, uaddr, len, need, got, &n);
    int q = ref_plan(c, uaddr, len, need, want, &m);
    if (r != q || (expect >= 0 && r != expect))
        return 0;
    if (r != UC_OK)
        return n == 0xdead;
    return n == m && memcmp(got, want, n * sizeof got[0]) == 0;
}

static uint32_t plan(uint64_t uaddr, uint64_t len, uint32_t need, int *r)
{
    uint32_t n = 0xdead;
    *r = uc_plan(&sp, &ph, ctx, uaddr, len, need, got, &n);
    return n;
}

static void fixed(void)
{
    setup();
    uint64_t v = 0x400000;
    uint32_t p0 = map(v, TR_PROT_READ | TR_PROT_WRITE);
    uint32_t p1 = map(v + PS, TR_PROT_READ | TR_PROT_WRITE);
    for (uint64_t i = 2; i < 5; i++)
        map(v + i * PS, TR_PROT_READ | TR_PROT_WRITE);
    map(v + 6 * PS, TR_PROT_READ);                     /* v + 5 * PS unmapped */
    map(v + 7 * PS, TR_PROT_READ | TR_PROT_EXEC);
    uint32_t top = map(TR_USER_TOP - PS, TR_PROT_READ | TR_PROT_WRITE);
    int r;

    uint32_t n = plan(v + 100, 200, TR_PROT_READ, &r);
    CHECK("inside one page: one piece", r == UC_OK && n == 1 && got[0].page == p0 && got[0].offset == 100 &&
                                            got[0].len == 200);
    n = plan(v + PS - 10, 30, TR_PROT_WRITE, &r);
    CHECK("straddling a boundary: two pieces, 10 + 20", r == UC_OK && n == 2 && got[0].page == p0 &&
                                                          got[0].offset == PS - 10 && got[0].len == 10 &&
                                                          got[1].page == p1 && got[1].offset == 0 &&
                                                          got[1].len == 20);
    n = plan(v, PS, TR_PROT_READ, &r);
    CHECK("one whole page: one piece", r == UC_OK && n == 1 && got[0].offset == 0 && got[0].len == PS);
    CHECK("same, against the reference", agrees(ctx, v, PS, TR_PROT_READ, UC_OK));
    n = plan(v + 7, 0, TR_PROT_WRITE, &r);
    CHECK("len 0 at a user address: ok, no piece", r == UC_OK && n == 0);
    n = plan(0x1234, 0, TR_PROT_WRITE, &r);
    CHECK("len 0 at an unmapped user address: ok, no piece", r == UC_OK && n == 0);
    CHECK("UC_MAX_LEN aligned: four whole pages", agrees(ctx, v, UC_MAX_LEN, TR_PROT_WRITE, UC_OK) &&
                                                      plan(v, UC_MAX_LEN, TR_PROT_WRITE, &r) == 4);
    CHECK("UC_MAX_LEN unaligned: five pieces", agrees(ctx, v + 1, UC_MAX_LEN, TR_PROT_WRITE, UC_OK) &&
                                                   plan(v + 1, UC_MAX_LEN, TR_PROT_WRITE, &r) == UC_PIECES);
    CHECK("UC_MAX_LEN + 1: too long", agrees(ctx, v, UC_MAX_LEN + 1, TR_PROT_READ, UC_ERR_TOO_LONG));
    CHECK("2^64 - 1 bytes: too long", agrees(ctx, v, UINT64_MAX, TR_PROT_READ, UC_ERR_TOO_LONG));
    CHECK("too long wins over a kernel address", agrees(ctx, UINT64_MAX, UC_MAX_LEN + 1, TR_PROT_READ,
                                                        UC_ERR_TOO_LONG));

    n = plan(TR_USER_TOP - 1, 1, TR_PROT_WRITE, &r);
    CHECK("the last user byte: ok", r == UC_OK && n == 1 && got[0].page == top && got[0].offset == PS - 1 &&
                                        got[0].len == 1);
    CHECK("the last user byte and the first kernel one: kernel",
          agrees(ctx, TR_USER_TOP - 1, 2, TR_PROT_WRITE, UC_ERR_KERNEL));
    CHECK("the whole last user page: ok", agrees(ctx, TR_USER_TOP - PS, PS, TR_PROT_READ, UC_OK));
    CHECK("TR_USER_TOP, len 0: kernel", agrees(ctx, TR_USER_TOP, 0, TR_PROT_READ, UC_ERR_KERNEL));
    CHECK("2^64 - 1, len 0: kernel", agrees(ctx, UINT64_MAX, 0, TR_PROT_READ, UC_ERR_KERNEL));
    CHECK("2^64 - 1, len 1: kernel", agrees(ctx, UINT64_MAX, 1, TR_PROT_READ, UC_ERR_KERNEL));
    CHECK("2^64 - 4096, len UC_MAX_LEN (wraps): kernel",
          agrees(ctx, UINT64_MAX - PS + 1, UC_MAX_LEN, TR_PROT_READ, UC_ERR_KERNEL));
    CHECK("a kernel pointer: kernel", agrees(ctx, 0xffffffff80100000ull, 8, TR_PROT_READ, UC_ERR_KERNEL));
    CHECK("kernel wins over a dead context", agrees(TR_CONTEXTS - 1, UINT64_MAX, 1, TR_PROT_READ,
                                                    UC_ERR_KERNEL));

    CHECK("a dead context", agrees(TR_CONTEXTS - 1, v, 8, TR_PROT_READ, UC_ERR_CONTEXT));
    CHECK("a context beyond the table", agrees(TR_CONTEXTS, v, 8, TR_PROT_READ, UC_ERR_CONTEXT));
    CHECK("a dead context, len 0", agrees(TR_CONTEXTS - 1, v, 0, TR_PROT_READ, UC_ERR_CONTEXT));

    CHECK("an unmapped page in the middle", agrees(ctx, v + 4 * PS + 5, 2 * PS, TR_PROT_READ,
                                                   UC_ERR_NOT_MAPPED));
    CHECK("its last byte reaches the unmapped page", agrees(ctx, v + 4 * PS, PS + 1, TR_PROT_READ,
                                                            UC_ERR_NOT_MAPPED));
    CHECK("up to the unmapped page: ok", agrees(ctx, v + 4 * PS, PS, TR_PROT_READ, UC_OK));
    CHECK("write to a read-only page: prot", agrees(ctx, v + 6 * PS + 1, 10, TR_PROT_WRITE, UC_ERR_PROT));
    CHECK("read of it: ok", agrees(ctx, v + 6 * PS + 1, 10, TR_PROT_READ, UC_OK));
    CHECK("write to R+X: prot", agrees(ctx, v + 7 * PS, 1, TR_PROT_WRITE, UC_ERR_PROT));
    CHECK("unmapped below read-only: not mapped wins", agrees(ctx, v + 5 * PS, 2 * PS, TR_PROT_WRITE,
                                                              UC_ERR_NOT_MAPPED));
    CHECK("R+X below unmapped, written: prot wins", agrees(ctx, v + 7 * PS + 2, PS, TR_PROT_WRITE, UC_ERR_PROT));
    n = 0xdead;
    r = uc_plan(&sp, &ph, ctx, v + 5 * PS, 1, TR_PROT_READ, got, &n);
    CHECK("a refusal leaves *count alone", r == UC_ERR_NOT_MAPPED && n == 0xdead);
    CHECK("need R+W of a read-only page: prot (every bit of need, not some)",
          agrees(ctx, v + 6 * PS, 1, TR_PROT_READ | TR_PROT_WRITE, UC_ERR_PROT) &&
              agrees(ctx, v, 1, TR_PROT_READ | TR_PROT_WRITE, UC_OK));
    CHECK("exec need: R+X page ok, RW page prot", agrees(ctx, v + 7 * PS, 4, TR_PROT_EXEC, UC_OK) &&
                                                      agrees(ctx, v, 4, TR_PROT_EXEC, UC_ERR_PROT));
}

/* A fixed-seed xorshift: the same cases on every run. */
static uint64_t seed = 0x9e3779b97f4a7c15ull;
static uint64_t rnd(void)
{
    seed ^= seed << 13;
    seed ^= seed >> 7;
    seed ^= seed << 17;
    return seed;
}

static const uint32_t prots[] = { TR_PROT_READ, TR_PROT_READ | TR_PROT_WRITE, TR_PROT_READ | TR_PROT_EXEC,
                                  TR_PROT_WRITE, TR_PROT_EXEC };

/* Two windows of 12 pages, one at the bottom of the user half's top, each
 * page mapped with a random protection or left unmapped; then random
 * buffers over and around them, compared with the reference. */
static void randomized(void)
{
    enum { ROUNDS = 40, CASES = 100, WINDOW = 12 };
    const uint64_t bases[2] = { 0x10000000, TR_USER_TOP - WINDOW * PS };
    uint32_t cases = 0, ok = 1, refusals[6] = { 0 };
    for (int round = 0; round < ROUNDS; round++) {
        setup();
        for (int w = 0; w < 2; w++)
            for (uint64_t i = 0; i < WINDOW; i++)
                if (rnd() % 5)
                    map(bases[w] + i * PS, prots[rnd() % 5]);
        for (int i = 0; i < CASES; i++) {
            uint64_t base = bases[rnd() % 2], len;
            uint64_t uaddr = base - 2 * PS + rnd() % ((WINDOW + 4) * PS);
            switch (rnd() % 4) {
            case 0: len = rnd() % 64; break;
            case 1: len = rnd() % (2 * PS); break;
            case 2: len = UC_MAX_LEN - 2 + rnd() % 5; break;
            default: len = rnd() % (UC_MAX_LEN + 1); break;
            }
            if (rnd() % 50 == 0)
                uaddr = UINT64_MAX - rnd() % (2 * PS);
            uint32_t need = rnd() % 3 + 1; /* read, write, or both */
            uint32_t c = rnd() % 40 ? ctx : (uint32_t)(rnd() % (TR_CONTEXTS + 2));
            if (!agrees(c, uaddr, len, need, -1)) {
                if (ok)
                    printf("first disagreement: ctx %u uaddr 0x%llx len %llu need %u\n", c,
                           (unsigned long long)uaddr, (unsigned long long)len, need);
                ok = 0;
            }
            uint32_t m;
            int q = ref_plan(c, uaddr, len, need, want, &m);
            refusals[q == UC_OK ? 0 : q - UC_ERR_TOO_LONG + 1]++;
            cases++;
        }
    }
    printf("randomized: %u cases: %u ok, %u too long, %u kernel, %u context, %u not mapped, %u prot\n", cases,
           refusals[0], refusals[1], refusals[2], refusals[3], refusals[4], refusals[5]);
    CHECK("4000 random buffers agree with the byte-by-byte reference", ok && cases == ROUNDS * CASES);
    CHECK("every outcome occurs among them", refusals[0] && refusals[1] && refusals[2] && refusals[3] &&
                                                 refusals[4] && refusals[5]);
}

int main(void)
{
    fixed();
    randomized();
    CHECK_EXIT();
}
