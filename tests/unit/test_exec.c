/* The exec planner on real static executables built by gcc and clang
 * (make builds them: build/exec-samples/), checked field by field against
 * the program headers as the ELF layout below reads them (memcpy into
 * structs, as a hosted program may); and each refusal, hit by a minimal
 * edit of a good file, with its exact code and the program header it
 * names. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "app/exec.h"

#define SAMPLES "build/exec-samples/"
#define GOOD SAMPLES "gcc-O2/hello"
#define GOOD_ONE_TEXT SAMPLES "gcc-O2-noseparate/hello"

static const char *const samples[] = {
    "gcc-O0/hello", "gcc-O0/big", "gcc-O2/hello", "gcc-O2/big", "gcc-Os/hello", "gcc-Os/big",
    "gcc-O2-noseparate/hello", "gcc-O2-noseparate/big", "clang-O2/hello", "clang-O2/big",
};

/* The ELF64 header and program header (System V ABI), for reference; not
 * <elf.h>, whose names exec.h shares. */
typedef struct {
    uint8_t e_ident[16];
    uint16_t e_type, e_machine;
    uint32_t e_version;
    uint64_t e_entry, e_phoff, e_shoff;
    uint32_t e_flags;
    uint16_t e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
} Elf64_Ehdr;
typedef struct {
    uint32_t p_type, p_flags;
    uint64_t p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_align;
} Elf64_Phdr;
_Static_assert(sizeof(Elf64_Ehdr) == 64 && sizeof(Elf64_Phdr) == 56, "ELF64 layout");
#define EI_CLASS 4
#define EI_DATA 5
#define EI_VERSION 6
#define ELFCLASS32 1
#define ELFCLASS64 2
#define ELFDATA2LSB 1
#define ELFDATA2MSB 2
#define EV_CURRENT 1
#define ET_REL 1
#define ET_DYN 3
#define EM_386 3
#define PT_SHLIB 5
#define PT_GNU_EH_FRAME 0x6474e550

static void put16(uint8_t *p, uint16_t v) { memcpy(p, &v, 2); }
static void put32(uint8_t *p, uint32_t v) { memcpy(p, &v, 4); }
static void put64(uint8_t *p, uint64_t v) { memcpy(p, &v, 8); }

static Elf64_Ehdr ehdr(const uint8_t *b)
{
    Elf64_Ehdr e;
    memcpy(&e, b, sizeof e);
    return e;
}

static Elf64_Phdr phdr(const uint8_t *b, unsigned i)
{
    Elf64_Phdr p;
    memcpy(&p, b + ehdr(b).e_phoff + sizeof p * i, sizeof p);
    return p;
}

/* The reference: TR_PROT_* of p_flags. */
static unsigned prot_of(uint32_t f)
{
    return ((f & PF_R) ? TR_PROT_READ : 0) | ((f & PF_W) ? TR_PROT_WRITE : 0) | ((f & PF_X) ? TR_PROT_EXEC : 0);
}

/* exec_plan on an exact-size copy (ASan sees a read one byte past it). */
static int plan_of(const uint8_t *b, uint64_t len, struct exec_plan *plan)
{
    uint8_t *copy = malloc(len ? len : 1);
    memcpy(copy, b, len);
    int r = exec_plan(copy, len, plan);
    free(copy);
    return r;
}

/* The plan agrees with <elf.h>'s reading: every PT_LOAD in file order,
 * field by field, its header's index, the entry point. */
static int agrees(const uint8_t *b, const struct exec_plan *plan)
{
    Elf64_Ehdr e = ehdr(b);
    unsigned k = 0;
    for (unsigned i = 0; i < e.e_phnum; i++) {
        Elf64_Phdr p = phdr(b, i);
        if (p.p_type != PT_LOAD)
            continue;
        if (k >= plan->count)
            return 0;
        const struct exec_segment *s = &plan->seg[k++];
        if (s->vaddr != p.p_vaddr || s->memsz != p.p_memsz || s->offset != p.p_offset ||
            s->filesz != p.p_filesz || s->prot != prot_of(p.p_flags) || s->phdr != i)
            return 0;
    }
    return k == plan->count && k > 0 && plan->entry == e.e_entry;
}

static void real_executables(void)
{
    for (unsigned n = 0; n < sizeof samples / sizeof *samples; n++) {
        char path[128], name[160];
        snprintf(path, sizeof path, SAMPLES "%s", samples[n]);
        uint64_t len;
        uint8_t *b = load(path, &len);
        struct exec_plan plan;
        snprintf(name, sizeof name, "%s: planned, each PT_LOAD as <elf.h> reads it", samples[n]);
        CHECK(name, b && plan_of(b, len, &plan) == EXEC_OK && agrees(b, &plan));
        free(b);
    }
}

/* exec_plan's code and the header it names, on a copy with edits. */
struct verdict {
    int code;
    int32_t at;
};

static struct verdict run(const uint8_t *b, uint64_t len)
{
    struct exec_plan plan;
    int r = plan_of(b, len, &plan);
    return (struct verdict){r, plan.at};
}

static int is(struct verdict v, int code, int32_t at)
{
    if (v.code != code || v.at != at)
        printf("  got %d (%s) at %d, want %d at %d\n", v.code, exec_err_text(v.code), v.at, code, at);
    return v.code == code && v.at == at;
}

/* Index of the n-th program header of a type (from 0), or -1. */
static int find(const uint8_t *b, uint32_t type, int n)
{
    for (unsigned i = 0; i < ehdr(b).e_phnum; i++)
        if (phdr(b, i).p_type == type && n-- == 0)
            return (int)i;
    return -1;
}

static uint8_t *ph(uint8_t *b, int i) { return b + ehdr(b).e_phoff + 56 * (unsigned)i; }

/* Every length up to the end of the program header table is refused as
 * short or with the table past the end; from there to the last segment's
 * end, a segment past the end; at full length (and beyond), accepted. */
static void truncations(const uint8_t *good, uint64_t len)
{
    Elf64_Ehdr e = ehdr(good);
    uint64_t table_end = e.e_phoff + 56ull * e.e_phnum, bytes_end = 0;
    for (unsigned i = 0; i < e.e_phnum; i++) {
        Elf64_Phdr p = phdr(good, i);
        if (p.p_type == PT_LOAD && p.p_offset + p.p_filesz > bytes_end)
            bytes_end = p.p_offset + p.p_filesz;
    }
    int bad = 0;
    for (uint64_t n = 0; n < len; n++) {
        struct verdict v = run(good, n);
        int want = n < 64 ? EXEC_ERR_SHORT : n < table_end ? EXEC_ERR_PHTAB_PAST_END :
                   n < bytes_end ? EXEC_ERR_FILE_PAST_END : EXEC_OK;
        if (v.code != want) {
            printf("  length %lu: got %d, want %d\n", (unsigned long)n, v.code, want);
            bad++;
        }
    }
    CHECK("truncated at every length: short, table past the end, segment past the end, then accepted",
          bad == 0 && table_end > 64 && bytes_end > table_end && bytes_end <= len);
}

/* One edit of the good file, and its verdict. */
#define EDIT(name, stmt, code, at)                                                                 \
    do {                                                                                           \
        uint8_t *b = malloc(len);                                                                  \
        memcpy(b, good, len);                                                                      \
        stmt;                                                                                      \
        CHECK(name, is(run(b, len), code, at));                                                    \
        free(b);                                                                                   \
    } while (0)

static void header_refusals(const uint8_t *good, uint64_t len)
{
    for (int i = 0; i < 4; i++)
        EDIT("bad magic refused", b[i] ^= 0x20, EXEC_ERR_MAGIC, EXEC_NOWHERE);
    EDIT("32-bit ELF refused", b[EI_CLASS] = ELFCLASS32, EXEC_ERR_CLASS, EXEC_NOWHERE);
    EDIT("big-endian refused", b[EI_DATA] = ELFDATA2MSB, EXEC_ERR_ENDIAN, EXEC_NOWHERE);
    EDIT("e_ident version 0 refused", b[EI_VERSION] = 0, EXEC_ERR_VERSION, EXEC_NOWHERE);
    EDIT("e_version 2 refused", put32(b + 20, 2), EXEC_ERR_VERSION, EXEC_NOWHERE);
    EDIT("PIE / shared object (ET_DYN) refused", put16(b + 16, ET_DYN), EXEC_ERR_TYPE, EXEC_NOWHERE);
    EDIT("relocatable object refused", put16(b + 16, ET_REL), EXEC_ERR_TYPE, EXEC_NOWHERE);
    EDIT("i386 machine refused", put16(b + 18, EM_386), EXEC_ERR_MACHINE, EXEC_NOWHERE);
    EDIT("e_phentsize 32 refused", put16(b + 54, 32), EXEC_ERR_PHENTSIZE, EXEC_NOWHERE);
    EDIT("e_phnum PN_XNUM refused", put16(b + 56, 0xffff), EXEC_ERR_PHNUM, EXEC_NOWHERE);
    EDIT("e_phnum past the end refused", put16(b + 56, 0xfffe), EXEC_ERR_PHTAB_PAST_END, EXEC_NOWHERE);
    EDIT("e_phoff at the end refused", put64(b + 32, len), EXEC_ERR_PHTAB_PAST_END, EXEC_NOWHERE);
    EDIT("e_phoff + e_phnum * 56 wrapping 2^64 refused", put64(b + 32, ~0ull - 55),
         EXEC_ERR_PHTAB_PAST_END, EXEC_NOWHERE);
    EDIT("e_phoff past the end refused", put64(b + 32, len + 1), EXEC_ERR_PHTAB_PAST_END, EXEC_NOWHERE);
    EDIT("no program headers: no PT_LOAD", put16(b + 56, 0), EXEC_ERR_NO_LOAD, EXEC_NOWHERE);
    EDIT("the header check comes first (bad machine and bad table)",
         (put16(b + 18, EM_386), put64(b + 32, len)), EXEC_ERR_MACHINE, EXEC_NOWHERE);
}

static void type_checks(const uint8_t *good, uint64_t len)
{
    int note = find(good, PT_NOTE, 0), stack = find(good, PT_GNU_STACK, 0);
    EDIT("PT_INTERP refused", put32(ph(b, note), PT_INTERP), EXEC_ERR_INTERP, note);
    EDIT("PT_DYNAMIC refused", put32(ph(b, note), PT_DYNAMIC), EXEC_ERR_DYNAMIC, note);
    EDIT("PT_TLS refused", put32(ph(b, note), PT_TLS), EXEC_ERR_TLS, note);
    EDIT("PT_SHLIB refused as unknown", put32(ph(b, note), PT_SHLIB), EXEC_ERR_PHDR_TYPE, note);
    EDIT("PT_GNU_EH_FRAME refused as unknown", put32(ph(b, note), PT_GNU_EH_FRAME), EXEC_ERR_PHDR_TYPE, note);
    EDIT("an OS-specific type refused", put32(ph(b, note), 0x60000123), EXEC_ERR_PHDR_TYPE, note);
    EDIT("PT_INTERP as the last header refused", put32(ph(b, stack), PT_INTERP), EXEC_ERR_INTERP, stack);
    EDIT("PT_NULL ignored", put32(ph(b, note), PT_NULL), EXEC_OK, EXEC_NOWHERE);
    EDIT("PT_PHDR ignored", put32(ph(b, note), PT_PHDR), EXEC_OK, EXEC_NOWHERE);
    EDIT("PT_GNU_RELRO ignored", put32(ph(b, note), PT_GNU_RELRO), EXEC_OK, EXEC_NOWHERE);
    EDIT("PT_GNU_PROPERTY ignored", put32(ph(b, note), PT_GNU_PROPERTY), EXEC_OK, EXEC_NOWHERE);
    EDIT("an ignored header's fields are not checked", (put32(ph(b, note) + 4, 0xff), put64(ph(b, note) + 8, ~0ull)),
         EXEC_OK, EXEC_NOWHERE);
    EDIT("no PT_LOAD refused", for (int i; (i = find(b, PT_LOAD, 0)) >= 0;) put32(ph(b, i), PT_NULL),
         EXEC_ERR_NO_LOAD, EXEC_NOWHERE);
}

static void segment_checks(const uint8_t *good, uint64_t len)
{
    int text = -1, data = -1, rodata = -1;
    for (unsigned i = 0; i < ehdr(good).e_phnum; i++) {
        Elf64_Phdr p = phdr(good, i);
        if (p.p_type == PT_LOAD && p.p_flags == (PF_R | PF_X))
            text = (int)i;
        else if (p.p_type == PT_LOAD && p.p_flags == (PF_R | PF_W))
            data = (int)i;
        else if (p.p_type == PT_LOAD && p.p_flags == PF_R && i > 0)
            rodata = (int)i;
    }
    CHECK("the sample has text, read-only data and data segments", text >= 0 && data > text && rodata > text);
    Elf64_Phdr d = phdr(good, data), t = phdr(good, text);
    EDIT("p_filesz > p_memsz refused", put64(ph(b, data) + 32, d.p_memsz + 1), EXEC_ERR_FILESZ, data);
    EDIT("p_offset + p_filesz past the end refused",
         (put64(ph(b, data) + 32, len - d.p_offset + 1), put64(ph(b, data) + 40, len)), EXEC_ERR_FILE_PAST_END, data);
    EDIT("p_offset + p_filesz wrapping 2^64 refused", put64(ph(b, data) + 8, ~0ull - 3), EXEC_ERR_FILE_PAST_END,
         data);
    EDIT("p_offset past the end refused (no file bytes)",
         (put64(ph(b, data) + 8, len + 4096), put64(ph(b, data) + 32, 0)), EXEC_ERR_FILE_PAST_END, data);
    EDIT("p_filesz up to the end accepted",
         (put64(ph(b, data) + 32, len - d.p_offset), put64(ph(b, data) + 40, len - d.p_offset + 100)), EXEC_OK,
         EXEC_NOWHERE);
    EDIT("p_memsz 0 refused", (put64(ph(b, data) + 32, 0), put64(ph(b, data) + 40, 0)), EXEC_ERR_EMPTY, data);
    EDIT("p_vaddr and p_offset apart modulo a page refused", put64(ph(b, data) + 16, d.p_vaddr + 8),
         EXEC_ERR_ALIGN, data);
    EDIT("below SYS_USER_MIN refused", put64(ph(b, data) + 16, d.p_vaddr % 4096 + 0x3ff000), EXEC_ERR_RANGE, data);
    EDIT("at address 0 refused", (put64(ph(b, data) + 16, d.p_offset % 4096)), EXEC_ERR_RANGE, data);
    EDIT("kernel address refused", put64(ph(b, data) + 16, 0xffffffff80000000ull + d.p_vaddr % 4096),
         EXEC_ERR_RANGE, data);
    EDIT("p_vaddr + p_memsz wrapping 2^64 refused", put64(ph(b, data) + 40, ~0ull - d.p_vaddr + 2), EXEC_ERR_RANGE,
         data);
    uint64_t high = SYS_STACK_TOP - SYS_STACK_PAGES * 4096ull, top = high - d.p_memsz;
    top -= (top - d.p_offset) % 4096; /* the highest address with the same page offset */
    EDIT("last segment ending at the stack's lowest page accepted",
         (put64(ph(b, data) + 40, high - top - 0), put64(ph(b, data) + 16, top)), EXEC_OK, EXEC_NOWHERE);
    EDIT("last segment reaching one byte into the stack's pages refused",
         (put64(ph(b, data) + 40, high - top + 1), put64(ph(b, data) + 16, top)), EXEC_ERR_RANGE, data);
    EDIT("segment in the stack's pages refused", put64(ph(b, data) + 16, high + d.p_vaddr % 4096), EXEC_ERR_RANGE,
         data);
    EDIT("unknown flag bit refused", put32(ph(b, data) + 4, PF_R | PF_W | 8), EXEC_ERR_FLAGS, data);
    EDIT("PF_MASKOS bit refused", put32(ph(b, data) + 4, PF_R | 0x00100000), EXEC_ERR_FLAGS, data);
    EDIT("no flags refused", put32(ph(b, data) + 4, 0), EXEC_ERR_NO_PROT, data);
    EDIT("W+X data refused", put32(ph(b, data) + 4, PF_R | PF_W | PF_X), EXEC_ERR_WX, data);
    EDIT("W+X text refused", put32(ph(b, text) + 4, PF_W | PF_X), EXEC_ERR_WX, text);
    EDIT("write-only data accepted", put32(ph(b, data) + 4, PF_W), EXEC_OK, EXEC_NOWHERE);
    EDIT("a segment's first failing check is named (filesz > memsz and W+X)",
         (put64(ph(b, data) + 32, d.p_memsz + 1), put32(ph(b, data) + 4, PF_W | PF_X)), EXEC_ERR_FILESZ, data);
    EDIT("the first failing header is named (W+X text, a kernel address in data)",
         (put32(ph(b, text) + 4, PF_W | PF_X), put64(ph(b, data) + 16, 0xffff800000000000ull)), EXEC_ERR_WX, text);
    /* Overlap: data moved onto text's last page, or only sharing it. */
    uint64_t text_last = (t.p_vaddr + t.p_memsz - 1) & ~4095ull;
    EDIT("a segment on an earlier one's page refused", put64(ph(b, data) + 16, text_last + d.p_vaddr % 4096),
         EXEC_ERR_OVERLAP, data);
    Elf64_Phdr r = phdr(good, rodata);
    EDIT("a segment on the page after an earlier one accepted",
         put64(ph(b, rodata) + 16, text_last + 4096 + r.p_offset % 4096), EXEC_OK, EXEC_NOWHERE);
    EDIT("a segment below an earlier one, sharing its first page, refused",
         (put64(ph(b, data) + 16, t.p_vaddr - 4096 + d.p_offset % 4096), put64(ph(b, data) + 40, 4097)),
         EXEC_ERR_OVERLAP, data);
}

static void entry_checks(const uint8_t *good, uint64_t len)
{
    int text = -1, data = -1;
    for (unsigned i = 0; i < ehdr(good).e_phnum; i++) {
        Elf64_Phdr p = phdr(good, i);
        if (p.p_type == PT_LOAD && (p.p_flags & PF_X))
            text = (int)i;
        if (p.p_type == PT_LOAD && (p.p_flags & PF_W))
            data = (int)i;
    }
    Elf64_Phdr t = phdr(good, text), d = phdr(good, data);
    EDIT("entry in the data segment refused", put64(b + 24, d.p_vaddr), EXEC_ERR_ENTRY, EXEC_NOWHERE);
    EDIT("entry below everything refused", put64(b + 24, 0x1000), EXEC_ERR_ENTRY, EXEC_NOWHERE);
    EDIT("entry just past the text segment refused", put64(b + 24, t.p_vaddr + t.p_memsz), EXEC_ERR_ENTRY,
         EXEC_NOWHERE);
    EDIT("entry at the text segment's last byte accepted", put64(b + 24, t.p_vaddr + t.p_memsz - 1), EXEC_OK,
         EXEC_NOWHERE);
    EDIT("entry at the text segment's first byte accepted", put64(b + 24, t.p_vaddr), EXEC_OK, EXEC_NOWHERE);
    EDIT("entry in a segment made non-executable refused", put32(ph(b, text) + 4, PF_R), EXEC_ERR_ENTRY,
         EXEC_NOWHERE);
}

/* A file of n PT_LOADs of one page each, the first executable and holding
 * the entry point, the headers in the first page. */
static uint8_t *crafted(unsigned n, uint64_t *len)
{
    *len = 4096;
    uint8_t *b = calloc(1, *len);
    memcpy(b, "\177ELF", 4);
    b[EI_CLASS] = ELFCLASS64;
    b[EI_DATA] = ELFDATA2LSB;
    b[EI_VERSION] = EV_CURRENT;
    put16(b + 16, ET_EXEC);
    put16(b + 18, EM_X86_64);
    put32(b + 20, EV_CURRENT);
    put64(b + 24, 0x400100);
    put64(b + 32, 64);
    put16(b + 52, 64);
    put16(b + 54, 56);
    put16(b + 56, (uint16_t)n);
    for (unsigned i = 0; i < n; i++) {
        uint8_t *p = b + 64 + 56 * i;
        put32(p, PT_LOAD);
        put32(p + 4, i == 0 ? PF_R | PF_X : PF_R);
        put64(p + 8, 0);
        put64(p + 16, 0x400000 + 4096ull * i);
        put64(p + 32, i == 0 ? 64 + 56 * n : 0);
        put64(p + 40, 4096);
    }
    return b;
}

static void count_checks(void)
{
    uint64_t len;
    uint8_t *b = crafted(8, &len);
    struct exec_plan plan;
    int r = plan_of(b, len, &plan);
    CHECK("8 PT_LOADs accepted", r == EXEC_OK && plan.count == 8 && plan.seg[7].vaddr == 0x407000 &&
                                     plan.seg[7].phdr == 7 && plan.seg[0].prot == (TR_PROT_READ | TR_PROT_EXEC));
    free(b);
    b = crafted(9, &len);
    CHECK("9 PT_LOADs refused at the ninth", is(run(b, len), EXEC_ERR_TOO_MANY, 8));
    put32(b + 64 + 56 * 8 + 4, PF_W | PF_X);
    CHECK("the count is checked before the ninth's fields", is(run(b, len), EXEC_ERR_TOO_MANY, 8));
    put32(b + 64 + 56 * 8, PT_NOTE);
    CHECK("8 PT_LOADs and a note accepted", run(b, len).code == EXEC_OK);
    put32(b + 64 + 56 * 8, PT_LOAD);
    put32(b + 64 + 56 * 8 + 4, PF_R);
    put32(b + 64 + 56 * 3, PT_GNU_STACK);
    CHECK("9 headers, 8 of them PT_LOAD, accepted", run(b, len).code == EXEC_OK);
    free(b);
    b = crafted(2, &len);
    put64(b + 64 + 56 + 16, 0x400000);
    CHECK("two segments on one page refused", is(run(b, len), EXEC_ERR_OVERLAP, 1));
    /* Apart byte for byte, sharing a page: [0x400000, 0x400100) and
     * [0x400800, 0x400900). */
    put64(b + 64 + 40, 0x100);
    put64(b + 24, 0x400080);
    put64(b + 64 + 56 + 8, 0x800);
    put64(b + 64 + 56 + 16, 0x400800);
    put64(b + 64 + 56 + 40, 0x100);
    CHECK("two segments apart but sharing a page refused", is(run(b, len), EXEC_ERR_OVERLAP, 1));
    put64(b + 64 + 56 + 16, 0x401800);
    CHECK("the second on the next page accepted", run(b, len).code == EXEC_OK);
    put64(b + 64 + 56 + 16, 0x3ff800);
    put64(b + 64 + 56 + 40, 0x900);
    CHECK("a later segment reaching into an earlier one's first page refused", is(run(b, len), EXEC_ERR_RANGE, 1));
    put64(b + 64 + 16, 0x401000);
    put64(b + 24, 0x401000);
    put64(b + 64 + 56 + 16, 0x400800);
    CHECK("a later segment below an earlier one, reaching into its first page, refused",
          is(run(b, len), EXEC_ERR_OVERLAP, 1));
    put64(b + 64 + 56 + 40, 0x800);
    CHECK("a later segment ending right below an earlier one accepted", run(b, len).code == EXEC_OK);
    free(b);
}

static void words(void)
{
    int all = 1;
    for (int c = EXEC_ERR_SHORT; c < EXEC_ERR_LIMIT; c++)
        all = all && strcmp(exec_err_text(c), "unknown error") != 0;
    CHECK("every code has words, others are unknown",
          all && strcmp(exec_err_text(EXEC_ERR_WX), "segment both writable and executable") == 0 &&
              strcmp(exec_err_text(EXEC_ERR_LIMIT), "unknown error") == 0 &&
              strcmp(exec_err_text(1), "unknown error") == 0);
}

int main(void)
{
    real_executables();
    uint64_t len;
    uint8_t *good = load(GOOD, &len);
    if (!good) {
        CHECK("the sample executable " GOOD " exists (make builds it)", 0);
        CHECK_EXIT();
    }
    CHECK("the sample has PT_NOTE and PT_GNU_STACK headers", find(good, PT_NOTE, 0) >= 0 &&
                                                                 find(good, PT_GNU_STACK, 0) >= 0);
    truncations(good, len);
    header_refusals(good, len);
    type_checks(good, len);
    segment_checks(good, len);
    entry_checks(good, len);
    free(good);
    good = load(GOOD_ONE_TEXT, &len);
    if (good)
        entry_checks(good, len);
    free(good);
    count_checks();
    words();
    CHECK_EXIT();
}
