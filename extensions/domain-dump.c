/* domain-dump FILE.o: validates an ELF64 relocatable object with the
 * kernel's own (proved) reader (header, sections, symbols, relocations)
 * and prints its exports and imports, one per line, sorted: what
 * domain_create will record. A refusal prints "error: REASON" and exits 2. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "elf.h"

#define STT_TLS 6
#define STT_GNU_IFUNC 10

static const char *const reasons[ELF_ERR_COUNT] = {
    [ELF_OK] = "ok",
    [ELF_ERR_SHORT] = "shorter than an ELF header",
    [ELF_ERR_MAGIC] = "not an ELF file (bad magic)",
    [ELF_ERR_CLASS] = "not a 64-bit ELF object",
    [ELF_ERR_ENDIAN] = "not little-endian",
    [ELF_ERR_VERSION] = "unknown ELF version",
    [ELF_ERR_TYPE] = "not a relocatable object (ET_REL)",
    [ELF_ERR_MACHINE] = "not an x86-64 object",
    [ELF_ERR_SHENTSIZE] = "section header size is not 64",
    [ELF_ERR_SHNUM] = "no section headers, or extended section numbering",
    [ELF_ERR_SHTAB_PAST_END] = "section header table runs past the end",
    [ELF_ERR_SHSTRNDX] = "section-name table index past the section table",
    [ELF_ERR_SECTION_PAST_END] = "bytes run past the end of the object",
    [ELF_ERR_ALIGN] = "alignment is not a power of two",
    [ELF_ERR_NO_SYMTAB] = "no symbol table",
    [ELF_ERR_SYMTAB_SHAPE] = "symbol table entries are not 24 bytes each",
    [ELF_ERR_STRTAB] = "the symbol table's string table is missing or not a string table",
    [ELF_ERR_SYM_NAME] = "name runs past the string table",
    [ELF_ERR_SYM_SECTION] = "section index past the section table",
    [ELF_ERR_NOT_RELA] = "not a relocation section with addends",
    [ELF_ERR_RELA_SHAPE] = "relocation entries are not 24 bytes each",
    [ELF_ERR_RELA_SYMTAB] = "relocations against another symbol table",
    [ELF_ERR_RELA_TARGET] = "the section it patches is missing or has no bytes",
    [ELF_ERR_RELOC_TYPE] = "relocation type not supported",
    [ELF_ERR_RELOC_SYMBOL] = "symbol index past the symbol table",
    [ELF_ERR_RELOC_OFFSET] = "patches bytes past the end of its section",
    [ELF_ERR_RELOC_RANGE] = "value does not fit the relocated field",
};

static int refuse(const char *where, long index, int err)
{
    if (index >= 0)
        printf("error: %s %ld: %s\n", where, index, reasons[err]);
    else
        printf("error: %s\n", reasons[err]);
    return 2;
}

static int by_line(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* One "export NAME" / "import NAME" line for symbol s, or none (locals,
 * the null symbol); 2 for what the kernel cannot honour. */
static int classify(const uint8_t *bytes, uint32_t i, const struct elf_symbol *s, char **line)
{
    const char *name = (const char *)bytes + s->name;
    *line = 0;
    if (s->bind == STB_LOCAL || s->name_len == 0)
        return 0;
    if (s->bind != STB_GLOBAL && s->bind != STB_WEAK) {
        printf("error: symbol %u (%s): binding %u is not global or weak\n", i, name, s->bind);
        return 2;
    }
    if (s->type == STT_TLS || s->type == STT_GNU_IFUNC || s->shndx == SHN_COMMON) {
        printf("error: symbol %u (%s): %s\n", i, name,
               s->type == STT_TLS ? "thread-local storage" :
               s->type == STT_GNU_IFUNC ? "IFUNC" : "COMMON symbol (build with -fno-common)");
        return 2;
    }
    size_t n = strlen(name) + 8;
    *line = malloc(n);
    snprintf(*line, n, "%s %s", s->shndx == SHN_UNDEF ? "import" : "export", name);
    return 0;
}

#define SHT_REL 9u

/* Every relocation section and entry, as domain_create will patch them. */
static int check_relocations(const struct elf_object *o, const struct elf_symtab *t)
{
    for (uint32_t i = 1; i < o->shnum; i++) {
        struct elf_section sh;
        struct elf_relsec rs;
        elf_section(o, i, &sh);
        if (sh.type == SHT_REL) {
            printf("error: section %u: relocations without addends (SHT_REL) are not x86-64's\n", i);
            return 2;
        }
        if (sh.type != SHT_RELA)
            continue;
        int err = elf_relsec(o, t, i, &rs);
        if (err != ELF_OK)
            return refuse("relocation section", i, err);
        for (uint32_t j = 0; j < rs.count; j++) {
            struct elf_rela r;
            if ((err = elf_rela(o, t, &rs, j, &r)) != ELF_OK) {
                printf("error: relocation section %u entry %u (type %u): %s\n", i, j, r.type, reasons[err]);
                return 2;
            }
        }
    }
    return 0;
}

static int dump(const uint8_t *bytes, uint64_t len)
{
    struct elf_object o;
    int err = elf_open(bytes, len, &o);
    if (err != ELF_OK)
        return refuse("", -1, err);
    for (uint32_t i = 0; i < o.shnum; i++) {
        struct elf_section sh;
        if ((err = elf_section(&o, i, &sh)) != ELF_OK)
            return refuse("section", i, err);
    }
    struct elf_symtab t;
    if ((err = elf_symtab(&o, &t)) != ELF_OK)
        return refuse("", -1, err);
    char **lines = calloc(t.count + 1, sizeof *lines);
    uint32_t n = 0;
    int status = 0;
    for (uint32_t i = 0; i < t.count && status == 0; i++) {
        struct elf_symbol s;
        if ((err = elf_symbol(&o, &t, i, &s)) != ELF_OK)
            status = refuse("symbol", i, err);
        else if ((status = classify(bytes, i, &s, &lines[n])) == 0)
            n += lines[n] != 0;
    }
    if (status == 0)
        status = check_relocations(&o, &t);
    if (status == 0) {
        qsort(lines, n, sizeof *lines, by_line);
        for (uint32_t i = 0; i < n; i++)
            printf("%s\n", lines[i]);
    }
    for (uint32_t i = 0; i < n; i++)
        free(lines[i]);
    free(lines);
    return status;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: domain-dump FILE.o\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (!f) {
        printf("error: cannot open %s\n", argv[1]);
        return 2;
    }
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *bytes = malloc(len > 0 ? (size_t)len : 1);
    if (len < 0 || fread(bytes, 1, (size_t)len, f) != (size_t)len) {
        printf("error: cannot read %s\n", argv[1]);
        return 2;
    }
    fclose(f);
    int status = dump(bytes, (uint64_t)len);
    free(bytes);
    return status;
}
