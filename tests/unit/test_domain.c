/* The domain linker on real compiled objects (tests/domain/lib.c and app.c, built by
 * make with gcc and clang, several options): create two domains in
 * memory, resolve them against each other and against a module domain,
 * seal them W^X, call across; then each refusal. Built -no-pie so that
 * the host functions a module exports sit in the low 2 GiB, where
 * non-PIC objects must be placed (MAP_32BIT). */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include "check.h"
#include "domain/domain.h"
#include "domain/plan.h"

#define OBJDIR "build/domain-objs/"

/* A domain and the memory it was given. */
struct loaded {
    struct domain d;
    uint8_t *image, *meta;
    uint64_t image_size;
    int err;
    struct domain_fault fault;
};

static uint8_t *map_image(uint64_t size, void *hint)
{
    int flags = MAP_PRIVATE | MAP_ANONYMOUS | (hint ? MAP_FIXED_NOREPLACE : MAP_32BIT);
    void *p = mmap(hint, size ? size : DOMAIN_PAGE, PROT_READ | PROT_WRITE, flags, -1, 0);
    return p == MAP_FAILED ? 0 : p;
}

static void create_at(struct loaded *l, const uint8_t *bytes, uint64_t len, const char *name, void *hint)
{
    struct domain_plan plan;
    memset(l, 0, sizeof *l);
    l->err = domain_plan(bytes, len, &plan, &l->fault);
    if (l->err != DOMAIN_OK)
        return;
    l->image_size = plan.image_size;
    l->image = map_image(plan.image_size, hint);
    l->meta = malloc(plan.meta_size ? plan.meta_size : 8);
    l->err = domain_create(bytes, len, &plan, l->image, l->meta, name, &l->d, &l->fault);
}

static void create_file(struct loaded *l, const char *path, const char *name, void *hint)
{
    uint64_t len;
    uint8_t *bytes = load(path, &len);
    if (!bytes) {
        memset(l, 0, sizeof *l);
        l->err = -1;
        return;
    }
    create_at(l, bytes, len, name, hint);
    free(bytes); /* a domain keeps nothing of the object's bytes */
}

static void unload(struct loaded *l)
{
    if (l->image)
        munmap(l->image, l->image_size ? l->image_size : DOMAIN_PAGE);
    free(l->meta);
}

/* W^X once every import is bound: rx, then r, then rw. */
static int seal(struct loaded *l)
{
    const struct domain_plan *p = &l->d.plan;
    if (l->d.unresolved)
        return DOMAIN_ERR_UNRESOLVED;
    uint8_t *at = l->image;
    if ((p->rx_size && mprotect(at, p->rx_size, PROT_READ | PROT_EXEC)) ||
        (p->r_size && mprotect(at + p->rx_size, p->r_size, PROT_READ)))
        return -1;
    return 0;
}

static const char *noted_what;
static unsigned long noted_value;

static void host_note(const char *what, unsigned long value)
{
    noted_what = what;
    noted_value = value;
}

static void kputs_stub(const char *s) { (void)s; }

/* The host's interface as a module domain: names and addresses. */
static const uint8_t host_names[] = "host_note\0kputs";
static struct domain_export host_entries[2];
static uint8_t host_meta[1024];

static void host_module(struct domain *d)
{
    struct domain_fault f;
    host_entries[0] = (struct domain_export){ 0, 9, name_hash(host_names, 9), (uint64_t)host_note };
    host_entries[1] = (struct domain_export){ 10, 5, name_hash(host_names + 10, 5), (uint64_t)kputs_stub };
    domain_create_from_module("host", host_names, sizeof host_names - 1, host_entries, 2, host_meta, d, &f);
}

static unsigned long expected_app_main(void)
{
    static const unsigned char w[8] = { 1, 3, 5, 7, 11, 13, 17, 19 };
    const char *m = "spinel";
    unsigned s = 9;
    for (unsigned long i = 0; i < 6; i++)
        s = s * 31u + (unsigned char)m[i] * w[i & 7];
    return s + 1000u + 3u * 100000u;
}

static const char *variants[] = { "gcc-O0", "gcc-O2", "gcc-Os-sections", "gcc-O2-pic",
                                  "clang-O0", "clang-O2", "clang-O2-pic" };

static void path_of(char *out, size_t n, const char *variant, const char *file)
{
    snprintf(out, n, OBJDIR "%s/%s", variant, file);
}

static const char *unbound_name(const struct domain *d)
{
    for (uint32_t k = 0; k < d->nimports; k++)
        if (!d->imports[k].bound)
            return domain_import_name(d, k);
    return "";
}

/* Create lib and app, resolve app against lib then host, seal, call. */
static void link_and_call(const char *variant, int combined)
{
    char path[256], name[128];
    struct loaded lib, app;
    struct domain host, both;
    struct domain_fault f;
    uint64_t bound = 0;
    host_module(&host);
    path_of(path, sizeof path, variant, "lib.o");
    create_file(&lib, path, "lib", 0);
    path_of(path, sizeof path, variant, "app.o");
    create_file(&app, path, "app", 0);
    snprintf(name, sizeof name, "%s: lib.o and app.o created", variant);
    CHECK(name, lib.err == DOMAIN_OK && app.err == DOMAIN_OK);
    if (lib.err || app.err)
        return;
    snprintf(name, sizeof name, "%s: app imports 5 names, runs nothing before they are bound", variant);
    CHECK(name, app.d.nimports == 5 && app.d.unresolved == 5 && seal(&app) == DOMAIN_ERR_UNRESOLVED);
    int err1, err2 = DOMAIN_OK;
    uint8_t *meta = 0;
    if (combined) {
        meta = malloc(domain_combine_meta_size(&lib.d, &host));
        err1 = domain_combine(&lib.d, &host, meta, "lib+host", &both, &f);
        if (err1 == DOMAIN_OK)
            err1 = domain_resolve(&both, &app.d, &f);
    } else {
        err1 = domain_resolve(&lib.d, &app.d, &f);
        bound = 5 - app.d.unresolved;
        snprintf(name, sizeof name, "%s: resolve against lib binds its 4 names, host_note stays", variant);
        CHECK(name, err1 == DOMAIN_OK && bound == 4 && app.d.unresolved == 1 &&
                        strcmp(unbound_name(&app.d), "host_note") == 0);
        err2 = domain_resolve(&host, &app.d, &f);
    }
    snprintf(name, sizeof name, "%s: %s binds all 5 imports", variant,
             combined ? "resolve against Combine(lib, host)" : "resolve against lib, then host");
    CHECK(name, err1 == DOMAIN_OK && err2 == DOMAIN_OK && app.d.unresolved == 0);
    uint64_t entry = 0;
    snprintf(name, sizeof name, "%s: sealed W^X, app_main found", variant);
    CHECK(name, seal(&app) == 0 && seal(&lib) == 0 && domain_lookup(&app.d, (const uint8_t *)"app_main", 8, &entry) == DOMAIN_OK);
    if (entry && app.d.unresolved == 0) {
        noted_what = 0;
        unsigned long got = ((unsigned long (*)(void))entry)();
        snprintf(name, sizeof name, "%s: app_main calls across into lib and host: %lu", variant, got);
        CHECK(name, got == expected_app_main() && noted_what && strcmp(noted_what, "spinel") == 0 &&
                        noted_value == (expected_app_main() - 301000u));
    }
    free(meta);
    unload(&app);
    unload(&lib);
}

/* Combine refuses a name both domains export, and names it. */
static void duplicate_refused(void)
{
    struct loaded lib;
    struct domain both;
    struct domain_fault f;
    create_file(&lib, OBJDIR "gcc-O2/lib.o", "lib", 0);
    uint8_t *meta = malloc(domain_combine_meta_size(&lib.d, &lib.d));
    int err = domain_combine(&lib.d, &lib.d, meta, "twice", &both, &f);
    CHECK("Combine(lib, lib) refused: a name exported by both", err == DOMAIN_ERR_DUPLICATE && f.name &&
                                                                   strncmp((const char *)f.name, "lib_", 4) == 0);
    free(meta);
    unload(&lib);
}

/* Reach is part of the check: a non-PIC object far above 4 GiB cannot hold
 * its own absolute 32-bit addresses; a PIC one there cannot reach lib's
 * code by PC32, and resolve then leaves it exactly as it was. */
static void reach_checked(void)
{
    struct loaded app, lib;
    create_file(&app, OBJDIR "gcc-O2/app.o", "far", (void *)0x300000000000ull);
    CHECK("non-PIC object placed at 0x300000000000 refused: 32-bit field out of range",
          app.err == ELF_ERR_RELOC_RANGE && app.fault.where == AT_RELOCATION);
    unload(&app);
    create_file(&lib, OBJDIR "gcc-O2-pic/lib.o", "lib", 0);
    create_file(&app, OBJDIR "gcc-O2-pic/app.o", "far", (void *)0x300000000000ull);
    CHECK("PIC object placed at 0x300000000000 created", app.err == DOMAIN_OK);
    if (app.err != DOMAIN_OK || lib.err != DOMAIN_OK)
        return;
    uint8_t *before = malloc(app.image_size);
    memcpy(before, app.image, app.image_size);
    uint64_t unresolved = app.d.unresolved;
    struct domain_fault f;
    int err = domain_resolve(&lib.d, &app.d, &f);
    int bound_any = 0;
    for (uint32_t k = 0; k < app.d.nimports; k++)
        bound_any |= app.d.imports[k].bound;
    CHECK("resolve of a call out of PC32 reach refused, naming the import",
          err == ELF_ERR_RELOC_RANGE && f.where == AT_RELOCATION && f.name && strncmp((const char *)f.name, "lib_", 4) == 0);
    CHECK("refused resolve leaves the target unchanged (image, bindings, count)",
          memcmp(before, app.image, app.image_size) == 0 && !bound_any &&
              app.d.unresolved == unresolved);
    free(before);
    unload(&app);
    unload(&lib);
}

static void put32(uint8_t *p, uint32_t v) { for (int i = 0; i < 4; i++) p[i] = (uint8_t)(v >> (8 * i)); }
static void put64(uint8_t *p, uint64_t v) { for (int i = 0; i < 8; i++) p[i] = (uint8_t)(v >> (8 * i)); }
static uint64_t get64(const uint8_t *p) { uint64_t v = 0; for (int i = 7; i >= 0; i--) v = v << 8 | p[i]; return v; }
static uint32_t get32(const uint8_t *p) { return (uint32_t)get64(p) & 0xffffffffu; }

/* Section header i's bytes, and the first section of that type. */
static uint8_t *shdr(uint8_t *b, uint32_t i) { return b + get64(b + 40) + 64ull * i; }
static uint32_t shnum(const uint8_t *b) { return (uint32_t)(b[60] | b[61] << 8); }

static uint32_t section_named(uint8_t *b, const char *want)
{
    uint8_t *strtab = b + get64(shdr(b, (uint32_t)(b[62] | b[63] << 8)) + 24);
    for (uint32_t i = 0; i < shnum(b); i++)
        if (strcmp((const char *)strtab + get32(shdr(b, i)), want) == 0)
            return i;
    return 0;
}

typedef void (*edit_fn)(uint8_t *b, uint64_t *len);

static void truncate_header(uint8_t *b, uint64_t *len) { (void)b; *len = 40; }
static void section_past_end(uint8_t *b, uint64_t *len) { put64(shdr(b, section_named(b, ".text")) + 24, *len - 4); }
static void huge_section_count(uint8_t *b, uint64_t *len) { (void)len; b[60] = 0xff; b[61] = 0xfe; }
static void huge_symbol_table(uint8_t *b, uint64_t *len) { (void)len; put64(shdr(b, section_named(b, ".symtab")) + 32, 24ull << 40); }
static void name_past_table(uint8_t *b, uint64_t *len)
{
    (void)len;
    uint8_t *sym = b + get64(shdr(b, section_named(b, ".symtab")) + 24);
    put32(sym + 24 * 3, 0x7fffffff);
}
static void reloc_symbol_past_table(uint8_t *b, uint64_t *len)
{
    (void)len;
    uint8_t *r = b + get64(shdr(b, section_named(b, ".rela.text")) + 24);
    put64(r + 8, (uint64_t)0xfffff << 32 | get32(r + 8));
}
static void reloc_offset_past_section(uint8_t *b, uint64_t *len)
{
    (void)len;
    uint8_t *r = b + get64(shdr(b, section_named(b, ".rela.text")) + 24);
    put64(r, 0x10000000);
}
static void overlapping_sections(uint8_t *b, uint64_t *len)
{
    (void)len;
    uint32_t text = section_named(b, ".text"), rodata = section_named(b, ".rodata");
    put64(shdr(b, rodata) + 24, get64(shdr(b, text) + 24));
}
static void writable_text(uint8_t *b, uint64_t *len)
{
    (void)len;
    uint8_t *h = shdr(b, section_named(b, ".text"));
    put64(h + 8, get64(h + 8) | 1);
}
static void text_aligned_past_page(uint8_t *b, uint64_t *len) { (void)len; put64(shdr(b, section_named(b, ".text")) + 48, 8192); }
static void rel_not_rela(uint8_t *b, uint64_t *len) { (void)len; put32(shdr(b, section_named(b, ".rela.text")) + 4, 9); }
static void bad_relocation_type(uint8_t *b, uint64_t *len)
{
    (void)len;
    uint8_t *r = b + get64(shdr(b, section_named(b, ".rela.text")) + 24);
    put32(r + 8, 37); /* R_X86_64_IRELATIVE */
}

struct malformed {
    const char *what;
    edit_fn edit;
    int code;
    enum domain_where where;
};

static const struct malformed corpus[] = {
    { "truncated header", truncate_header, ELF_ERR_SHORT, AT_OBJECT },
    { "section offset past the end", section_past_end, ELF_ERR_SECTION_PAST_END, AT_SECTION },
    { "huge section count", huge_section_count, ELF_ERR_SHTAB_PAST_END, AT_OBJECT },
    { "huge symbol table", huge_symbol_table, ELF_ERR_SECTION_PAST_END, AT_SECTION },
    { "symbol name index past the string table", name_past_table, ELF_ERR_SYM_NAME, AT_SYMBOL },
    { "relocation symbol index past the table", reloc_symbol_past_table, ELF_ERR_RELOC_SYMBOL, AT_RELOCATION },
    { "relocation offset past its section", reloc_offset_past_section, ELF_ERR_RELOC_OFFSET, AT_RELOCATION },
    { "overlapping sections", overlapping_sections, DOMAIN_ERR_OVERLAP, AT_SECTION },
    { "writable and executable section", writable_text, DOMAIN_ERR_WX, AT_SECTION },
    { "section aligned past a page", text_aligned_past_page, DOMAIN_ERR_SECTION_ALIGN, AT_SECTION },
    { "SHT_REL relocations", rel_not_rela, DOMAIN_ERR_REL, AT_SECTION },
    { "unsupported relocation type", bad_relocation_type, ELF_ERR_RELOC_TYPE, AT_RELOCATION },
};

static void malformed_refused(void)
{
    uint64_t len0;
    uint8_t *orig = load(OBJDIR "gcc-O2/app.o", &len0);
    for (size_t i = 0; i < sizeof corpus / sizeof corpus[0]; i++) {
        uint64_t len = len0;
        uint8_t *b = malloc(len0);
        memcpy(b, orig, len0);
        corpus[i].edit(b, &len);
        struct loaded l;
        create_at(&l, b, len, "bad", 0);
        char name[160];
        snprintf(name, sizeof name, "%s refused: %s (code %d)", corpus[i].what, domain_err_text(l.err), l.err);
        CHECK(name, l.err == corpus[i].code && l.fault.where == corpus[i].where);
        unload(&l);
        free(b);
    }
    free(orig);
}

int main(void)
{
    for (size_t i = 0; i < sizeof variants / sizeof variants[0]; i++)
        link_and_call(variants[i], 0);
    link_and_call("gcc-O2", 1);
    link_and_call("clang-O2-pic", 1);
    duplicate_refused();
    reach_checked();
    malformed_refused();
    CHECK_EXIT();
}
