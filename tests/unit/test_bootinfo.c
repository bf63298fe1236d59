/* Boot-information parsers on real byte layouts: a well-formed multiboot2
 * block and PVH tables, each malformation refused with its own error, and
 * random corruptions that must never break BootInfoValid (run under ASan). */
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "boot/mb2.h"
#include "boot/pvh.h"

struct buf {
    uint8_t b[8192];
    uint32_t n;
};

static void put32(struct buf *w, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        w->b[w->n++] = (uint8_t)(v >> (8 * i));
}

static void put64(struct buf *w, uint64_t v)
{
    put32(w, (uint32_t)v);
    put32(w, (uint32_t)(v >> 32));
}

static void align8(struct buf *w)
{
    while (w->n % 8)
        w->b[w->n++] = 0;
}

static void tag_string(struct buf *w, uint32_t type, const char *s)
{
    put32(w, type);
    put32(w, 8 + (uint32_t)strlen(s) + 1);
    memcpy(w->b + w->n, s, strlen(s) + 1);
    w->n += (uint32_t)strlen(s) + 1;
    align8(w);
}

static void tag_module(struct buf *w, uint32_t start, uint32_t end, const char *s)
{
    put32(w, MB2_TAG_MODULE);
    put32(w, 16 + (uint32_t)strlen(s) + 1);
    put32(w, start);
    put32(w, end);
    memcpy(w->b + w->n, s, strlen(s) + 1);
    w->n += (uint32_t)strlen(s) + 1;
    align8(w);
}

struct region {
    uint64_t base, len;
    uint32_t type;
};

static void tag_mmap(struct buf *w, uint32_t esize, const struct region *r, int n)
{
    put32(w, MB2_TAG_MMAP);
    put32(w, 16 + esize * (uint32_t)n);
    put32(w, esize);
    put32(w, 0);
    for (int i = 0; i < n; i++) {
        uint32_t at = w->n;
        put64(w, r[i].base);
        put64(w, r[i].len);
        put32(w, r[i].type);
        while (w->n < at + esize)
            w->b[w->n++] = 0;
    }
    align8(w);
}

static void finish(struct buf *w)
{
    put32(w, MB2_TAG_END);
    put32(w, 8);
    uint32_t n = w->n;
    w->n = 0;
    put32(w, n);
    w->n = n;
}

static const struct region qemu_map[] = {
    { 0, 0x9fc00, 1 }, { 0x9fc00, 0x400, 2 }, { 0x100000, 0x7ee0000, 1 }, { 0xfffc0000, 0x40000, 2 },
};

static void start(struct buf *w)
{
    w->n = 8;
    memset(w->b, 0, sizeof w->b);
}

/* Parses w into a fresh boot_info. */
static int parse(struct buf *w, struct boot_info *bi)
{
    boot_info_init(bi, BOOT_MULTIBOOT2);
    return mb2_parse(w->b, w->n, bi);
}

static int valid(const struct boot_info *bi)
{
    if (bi->nregions > BOOT_REGIONS_MAX || bi->nmodules > BOOT_MODULES_MAX)
        return 0;
    for (uint32_t i = 0; i < bi->nregions; i++)
        if (bi->regions[i].len == 0 || bi->regions[i].base + bi->regions[i].len < bi->regions[i].base ||
            bi->regions[i].type < 1 || bi->regions[i].type > 5)
            return 0;
    for (uint32_t i = 0; i < bi->nmodules; i++)
        if (bi->modules[i].cmdline[BOOT_CMDLINE_MAX - 1] != 0)
            return 0;
    return bi->cmdline[BOOT_CMDLINE_MAX - 1] == 0;
}

static struct buf w;
static struct boot_info bi;

static void well_formed(void)
{
    start(&w);
    tag_string(&w, MB2_TAG_CMDLINE, "console=com1 bench");
    tag_module(&w, 0x200000, 0x201000, "counter.ext");
    tag_module(&w, 0x300000, 0x300010, "");
    tag_string(&w, 2, "GRUB 2.06"); /* boot loader name: skipped */
    tag_module(&w, 0x400000, 0x400001, "tracer.ext verbose");
    tag_mmap(&w, 24, qemu_map, 4);
    finish(&w);
    CHECK("mb2: well-formed block parses", parse(&w, &bi) == BOOT_OK);
    CHECK("mb2: command line", strcmp((char *)bi.cmdline, "console=com1 bench") == 0);
    CHECK("mb2: three modules", bi.nmodules == 3 && bi.modules[0].base == 0x200000 && bi.modules[0].len == 0x1000);
    CHECK("mb2: module command lines", strcmp((char *)bi.modules[2].cmdline, "tracer.ext verbose") == 0 &&
                                           bi.modules[1].cmdline[0] == 0);
    CHECK("mb2: four regions", bi.nregions == 4 && bi.regions[2].base == 0x100000 &&
                                   bi.regions[2].len == 0x7ee0000 && bi.regions[3].type == BOOT_MEM_RESERVED);
    CHECK("mb2: no warnings", memchr(bi.warned, 1, BOOT_ERR_COUNT) == NULL);
    start(&w);
    tag_mmap(&w, 32, qemu_map, 4); /* larger entries, as the spec allows */
    finish(&w);
    CHECK("mb2: 32-byte mmap entries", parse(&w, &bi) == BOOT_OK && bi.nregions == 4 && bi.regions[1].len == 0x400);
}

static void malformed(void)
{
    start(&w);
    tag_mmap(&w, 24, qemu_map, 4);
    finish(&w);
    struct buf good = w;
    CHECK("mb2: buffer shorter than 16", (boot_info_init(&bi, 2), mb2_parse(w.b, 15, &bi)) == BOOT_ERR_TRUNCATED);
    w.b[0] = 8, w.b[1] = 0;
    CHECK("mb2: total_size < 16", parse(&w, &bi) == BOOT_ERR_TRUNCATED);
    w = good;
    CHECK("mb2: total_size > bytes given", (boot_info_init(&bi, 2), mb2_parse(w.b, w.n - 1, &bi)) == BOOT_ERR_TRUNCATED);
    w.b[12] = 4; /* first tag size 4 */
    w.b[13] = 0;
    CHECK("mb2: tag size < 8", parse(&w, &bi) == BOOT_ERR_BAD_TAG);
    w = good;
    w.b[13] = 0x10; /* first tag size 4096+: past total_size */
    CHECK("mb2: tag past total_size", parse(&w, &bi) == BOOT_ERR_BAD_TAG);
    w = good;
    w.n -= 8; /* drop the end tag */
    put32(&w, 4);
    put32(&w, 8);
    w.b[0] = (uint8_t)w.n, w.b[1] = (uint8_t)(w.n >> 8);
    CHECK("mb2: no end tag", parse(&w, &bi) == BOOT_ERR_BAD_TAG);
    start(&w);
    tag_string(&w, MB2_TAG_CMDLINE, "no map");
    finish(&w);
    CHECK("mb2: missing memory map", parse(&w, &bi) == BOOT_ERR_NO_MMAP);
    start(&w);
    tag_mmap(&w, 20, qemu_map, 2);
    finish(&w);
    CHECK("mb2: mmap entry size 20", parse(&w, &bi) == BOOT_ERR_BAD_MMAP);
    start(&w);
    tag_mmap(&w, 24, qemu_map, 2);
    w.b[8 + 4] += 8; /* tag claims one more partial entry */
    finish(&w);
    CHECK("mb2: mmap entries overflowing the tag", parse(&w, &bi) == BOOT_ERR_BAD_MMAP);
    static const struct region wrap[] = { { 0xfffffffffffff000ull, 0x2000, 1 } };
    start(&w);
    tag_mmap(&w, 24, wrap, 1);
    finish(&w);
    CHECK("mb2: region base+len overflows", parse(&w, &bi) == BOOT_ERR_BAD_MMAP);
    static const struct region empty[] = { { 0x1000, 0, 1 }, { 0x2000, 0x1000, 9 } };
    start(&w);
    tag_mmap(&w, 24, empty, 2);
    finish(&w);
    CHECK("mb2: zero-length region ignored, unknown type reserved",
          parse(&w, &bi) == BOOT_OK && bi.nregions == 1 && bi.regions[0].type == BOOT_MEM_RESERVED);
}

static void limits(void)
{
    static struct region many[BOOT_REGIONS_MAX + 1];
    for (int i = 0; i <= BOOT_REGIONS_MAX; i++)
        many[i] = (struct region){ (uint64_t)i << 20, 1 << 20, 1 };
    start(&w);
    tag_mmap(&w, 24, many, BOOT_REGIONS_MAX + 1);
    finish(&w);
    CHECK("mb2: 65 regions refused", parse(&w, &bi) == BOOT_ERR_TOO_MANY_REGIONS);
    char longline[301];
    memset(longline, 'x', 300);
    longline[300] = 0;
    start(&w);
    tag_string(&w, MB2_TAG_CMDLINE, longline);
    for (int i = 0; i < 20; i++)
        tag_module(&w, 0x100000u * (uint32_t)i, 0x100000u * (uint32_t)i + 10, "m");
    tag_module(&w, 0x5000, 0x4000, "backwards");
    tag_mmap(&w, 24, qemu_map, 4);
    finish(&w);
    CHECK("mb2: warnings do not stop the parse", parse(&w, &bi) == BOOT_OK && bi.nregions == 4);
    CHECK("mb2: 300-byte command line dropped with a warning",
          bi.cmdline[0] == 0 && bi.warned[BOOT_ERR_CMDLINE_TOO_LONG]);
    CHECK("mb2: 20 modules: 16 kept, 4 skipped", bi.nmodules == 16 && bi.modules_skipped == 4 &&
                                                   bi.warned[BOOT_ERR_TOO_MANY_MODULES]);
    CHECK("mb2: a backwards module is dropped, not counted as overflow", bi.warned[BOOT_ERR_BAD_MODULE]);
    start(&w);
    tag_module(&w, 0x5000, 0x4000, "backwards");
    tag_mmap(&w, 24, qemu_map, 4);
    finish(&w);
    CHECK("mb2: module with end < start skipped", parse(&w, &bi) == BOOT_OK && bi.nmodules == 0 &&
                                                     bi.warned[BOOT_ERR_BAD_MODULE]);
}

static void random_corruption(void)
{
    start(&w);
    tag_string(&w, MB2_TAG_CMDLINE, "hello");
    tag_module(&w, 0x200000, 0x201000, "mod");
    tag_mmap(&w, 24, qemu_map, 4);
    finish(&w);
    struct buf good = w;
    int ok = 1;
    srand(11);
    for (int t = 0; t < 100000 && ok; t++) {
        w = good;
        for (int flips = 1 + rand() % 4; flips > 0; flips--)
            w.b[rand() % good.n] = (uint8_t)rand();
        uint64_t len = t % 3 ? good.n : (uint64_t)(rand() % (good.n + 1));
        uint8_t *copy = malloc(len ? len : 1); /* exact size: ASan sees any overread */
        memcpy(copy, w.b, len);
        boot_info_init(&bi, BOOT_MULTIBOOT2);
        int r = mb2_parse(copy, len, &bi);
        ok = r >= BOOT_OK && r < BOOT_ERR_COUNT && valid(&bi);
        free(copy);
    }
    CHECK("mb2: 100000 corrupted blocks keep boot_info valid", ok);
}

static void pvh_cases(void)
{
    struct buf si = { .n = 0 };
    put32(&si, PVH_START_MAGIC);
    put32(&si, 1);
    put32(&si, 0);
    put32(&si, 1);
    put64(&si, 0x5000);
    put64(&si, 0x6000);
    put64(&si, 0);
    put64(&si, 0x7000);
    put32(&si, 5);
    put32(&si, 0);
    struct pvh_start st;
    CHECK("pvh: start info parses", pvh_parse_start(si.b, si.n, &st) == BOOT_OK && st.nr_modules == 1 &&
                                        st.memmap_paddr == 0x7000 && st.memmap_entries == 5 && st.cmdline_paddr == 0x6000);
    CHECK("pvh: short start info", pvh_parse_start(si.b, 7, &st) == BOOT_ERR_TRUNCATED);
    CHECK("pvh: version 1 cut short", pvh_parse_start(si.b, 40, &st) == BOOT_ERR_TRUNCATED);
    si.b[4] = 0;
    CHECK("pvh: version 0 has no memory map", pvh_parse_start(si.b, si.n, &st) == BOOT_ERR_NO_MMAP);
    si.b[0] ^= 1;
    CHECK("pvh: bad magic", pvh_parse_start(si.b, si.n, &st) == BOOT_ERR_BAD_MAGIC);
    struct buf t = { .n = 0 };
    for (int i = 0; i < 4; i++) {
        put64(&t, qemu_map[i].base);
        put64(&t, qemu_map[i].len);
        put32(&t, qemu_map[i].type);
        put32(&t, 0);
    }
    boot_info_init(&bi, BOOT_PVH);
    CHECK("pvh: memory map parses", pvh_parse_memmap(t.b, t.n, 4, &bi) == BOOT_OK && bi.nregions == 4 &&
                                        bi.regions[2].len == 0x7ee0000);
    boot_info_init(&bi, BOOT_PVH);
    CHECK("pvh: zero entries", pvh_parse_memmap(t.b, t.n, 0, &bi) == BOOT_ERR_NO_MMAP);
    CHECK("pvh: more entries than bytes", pvh_parse_memmap(t.b, t.n, 5, &bi) == BOOT_ERR_TRUNCATED);
    CHECK("pvh: huge entry count does not overflow", pvh_parse_memmap(t.b, t.n, UINT32_MAX, &bi) == BOOT_ERR_TRUNCATED &&
                                                         bi.nregions == 0);
    struct buf m = { .n = 0 };
    put64(&m, 0x800000);
    put64(&m, 4096);
    put64(&m, 0x9000);
    put64(&m, 0);
    struct pvh_module mod;
    CHECK("pvh: module entry", pvh_parse_module(m.b, m.n, &mod) == BOOT_OK && mod.paddr == 0x800000 &&
                                   mod.size == 4096 && mod.cmdline_paddr == 0x9000);
    CHECK("pvh: short module entry", pvh_parse_module(m.b, 31, &mod) == BOOT_ERR_TRUNCATED);
}

int main(void)
{
    well_formed();
    malformed();
    limits();
    random_corruption();
    pvh_cases();
    CHECK_EXIT();
}
