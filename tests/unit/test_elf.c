/* The ELF reader on real gcc-built objects (the kernel's own, built by
 * make) and on each malformation, refused with its own code. */
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "domain/elf.h"

#define OBJECT "build/k/kernel/core/cap/cap.o"

static void put16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); }
static void put64(uint8_t *p, uint64_t v) { for (int i = 0; i < 8; i++) p[i] = (uint8_t)(v >> (8 * i)); }

/* elf_open's verdict on a copy of the object with one edit. */
static int open_edited(const uint8_t *orig, uint64_t len, uint64_t at, const uint8_t *bytes, int n)
{
    uint8_t *b = malloc(len);
    memcpy(b, orig, len);
    memcpy(b + at, bytes, (size_t)n);
    struct elf_object o;
    int r = elf_open(b, len, &o);
    free(b);
    return r;
}

/* The first verdict elf_section gives over all sections, after one edit
 * to section header idx at field offset field. */
static int sections_edited(const uint8_t *orig, uint64_t len, uint32_t idx, uint32_t field, uint64_t value)
{
    uint8_t *b = malloc(len);
    memcpy(b, orig, len);
    struct elf_object o;
    int r = elf_open(b, len, &o);
    if (r == ELF_OK) {
        put64(b + o.shoff + ELF_SHDR_SIZE * idx + field, value);
        struct elf_section sh;
        for (uint32_t i = 0; i < o.shnum && r == ELF_OK; i++)
            r = elf_section(&o, i, &sh);
    }
    free(b);
    return r;
}

static void put32(uint8_t *p, uint32_t v) { for (int i = 0; i < 4; i++) p[i] = (uint8_t)(v >> (8 * i)); }

/* elf_symtab's verdict after one edit to the symbol table's section header
 * (a 64-bit field at offset field; the link at 40 is 32-bit). */
static int symtab_edited(const uint8_t *orig, uint64_t len, uint32_t field, uint64_t value)
{
    uint8_t *b = malloc(len);
    memcpy(b, orig, len);
    struct elf_object o;
    struct elf_symtab t;
    elf_open(b, len, &o);
    int r = elf_symtab(&o, &t);
    if (r == ELF_OK) {
        uint8_t *h = b + o.shoff + ELF_SHDR_SIZE * t.index + field;
        if (field == 40)
            put32(h, (uint32_t)value);
        else
            put64(h, value);
        r = elf_symtab(&o, &t);
    }
    free(b);
    return r;
}

/* elf_symbol's verdict on symbol i after one edit (name at 0 is 32-bit,
 * the section index at 6 is 16-bit). */
static int symbol_edited(const uint8_t *orig, uint64_t len, uint32_t i, uint32_t field, uint32_t value)
{
    uint8_t *b = malloc(len);
    memcpy(b, orig, len);
    struct elf_object o;
    struct elf_symtab t;
    struct elf_symbol s;
    elf_open(b, len, &o);
    int r = elf_symtab(&o, &t);
    if (r == ELF_OK) {
        uint8_t *p = b + t.offset + ELF_SYM_SIZE * (uint64_t)i + field;
        if (field == 0)
            put32(p, value);
        else
            put16(p, (uint16_t)value);
        r = elf_symbol(&o, &t, i, &s);
    }
    free(b);
    return r;
}

/* A section with bytes in the file, to edit. */
static uint32_t progbits_section(const struct elf_object *o)
{
    struct elf_section sh;
    for (uint32_t i = 1; i < o->shnum; i++)
        if (elf_section(o, i, &sh) == ELF_OK && sh.type == SHT_PROGBITS && sh.size > 0)
            return i;
    return 0;
}

int main(void)
{
    uint64_t len;
    uint8_t *obj = load(OBJECT, &len);
    CHECK("the kernel object " OBJECT " is there (make builds it)", obj != 0);
    if (!obj)
        CHECK_EXIT();

    struct elf_object o;
    CHECK("a gcc -O2 object opens", elf_open(obj, len, &o) == ELF_OK && o.shnum > 1 && o.shstrndx < o.shnum);
    int all_ok = 1, strtab = 0;
    struct elf_section sh;
    for (uint32_t i = 0; i < o.shnum; i++) {
        all_ok &= elf_section(&o, i, &sh) == ELF_OK;
        if (i == o.shstrndx)
            strtab = sh.type == SHT_STRTAB;
    }
    CHECK("every section header is accepted", all_ok);
    CHECK("the section-name table is a string table", strtab);
    uint32_t text = progbits_section(&o);
    CHECK("it has a section with bytes", text != 0);

    uint8_t one[2];
    CHECK("truncated header", elf_open(obj, ELF_EHDR_SIZE - 1, &o) == ELF_ERR_SHORT);
    one[0] = 'X';
    CHECK("bad magic", open_edited(obj, len, 1, one, 1) == ELF_ERR_MAGIC);
    one[0] = 1;
    CHECK("32-bit class", open_edited(obj, len, 4, one, 1) == ELF_ERR_CLASS);
    one[0] = 2;
    CHECK("big-endian", open_edited(obj, len, 5, one, 1) == ELF_ERR_ENDIAN);
    put16(one, 2);
    CHECK("an executable, not relocatable", open_edited(obj, len, 16, one, 2) == ELF_ERR_TYPE);
    put16(one, 3);
    CHECK("i386 machine", open_edited(obj, len, 18, one, 2) == ELF_ERR_MACHINE);
    put16(one, 40);
    CHECK("section header size 40", open_edited(obj, len, 58, one, 2) == ELF_ERR_SHENTSIZE);
    put16(one, 0);
    CHECK("no section headers (extended numbering)", open_edited(obj, len, 60, one, 2) == ELF_ERR_SHNUM);
    uint8_t far[8];
    put64(far, len - 8);
    CHECK("section header table past the end", open_edited(obj, len, 40, far, 8) == ELF_ERR_SHTAB_PAST_END);
    put64(far, UINT64_MAX - 10);
    CHECK("section header offset near 2^64", open_edited(obj, len, 40, far, 8) == ELF_ERR_SHTAB_PAST_END);
    put16(one, 0xffff);
    CHECK("huge section count", open_edited(obj, len, 60, one, 2) == ELF_ERR_SHTAB_PAST_END);
    elf_open(obj, len, &o);
    put16(one, (uint16_t)o.shnum);
    CHECK("name table index past the table", open_edited(obj, len, 62, one, 2) == ELF_ERR_SHSTRNDX);
    CHECK("section offset past the end", sections_edited(obj, len, text, 24, len) == ELF_ERR_SECTION_PAST_END);
    CHECK("section size past the end", sections_edited(obj, len, text, 32, len) == ELF_ERR_SECTION_PAST_END);
    CHECK("offset + size wraps", sections_edited(obj, len, text, 32, UINT64_MAX) == ELF_ERR_SECTION_PAST_END);
    CHECK("alignment 3", sections_edited(obj, len, text, 48, 3) == ELF_ERR_ALIGN);
    CHECK("alignment 2^63 is fine", sections_edited(obj, len, text, 48, 1ull << 63) == ELF_OK);

    /* Symbols: every one of the real object reads, names inside the table. */
    struct elf_symtab t;
    elf_open(obj, len, &o);
    CHECK("the symbol table is found", elf_symtab(&o, &t) == ELF_OK && t.count > 1);
    int syms_ok = 1, named = 0;
    for (uint32_t i = 0; i < t.count; i++) {
        struct elf_symbol s;
        syms_ok &= elf_symbol(&o, &t, i, &s) == ELF_OK;
        named += s.name_len > 0 && strlen((const char *)obj + s.name) == s.name_len;
    }
    CHECK("every symbol reads, with its name", syms_ok && named > 0);
    CHECK("symbol entry size 16", symtab_edited(obj, len, 56, 16) == ELF_ERR_SYMTAB_SHAPE);
    CHECK("symbol table with half an entry", symtab_edited(obj, len, 32, 24 * (uint64_t)t.count - 12) ==
                                               ELF_ERR_SYMTAB_SHAPE);
    CHECK("string table link past the sections", symtab_edited(obj, len, 40, o.shnum) == ELF_ERR_STRTAB);
    CHECK("string table link to the symbol table itself", symtab_edited(obj, len, 40, t.index) == ELF_ERR_STRTAB);
    CHECK("symbol name past its string table", symbol_edited(obj, len, t.count - 1, 0, 0xfffffff0u) ==
                                                 ELF_ERR_SYM_NAME);
    CHECK("symbol section index past the sections", symbol_edited(obj, len, t.count - 1, 6, o.shnum) ==
                                                      ELF_ERR_SYM_SECTION);
    CHECK("symbol with SHN_ABS is fine", symbol_edited(obj, len, t.count - 1, 6, SHN_ABS) == ELF_OK);

    uint64_t klen;
    uint8_t *kernel = load("build/spinel.elf", &klen);
    CHECK("the kernel image is refused as not relocatable", kernel && elf_open(kernel, klen, &o) == ELF_ERR_TYPE);
    free(kernel);
    free(obj);
    CHECK_EXIT();
}
