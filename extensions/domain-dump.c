/* domain-dump FILE.o: validates an ELF64 relocatable object with the
 * kernel's own checks (domain_plan: header, sections, symbols, every
 * relocation, what the linker refuses) and prints its exports and imports, one per line, sorted: what
 * domain_create will record. A refusal prints "error: REASON" and exits 2. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "domain/domain.h"
#include "domain/plan.h"
#include "domain/symbols.h"

/* "error: REASON", naming the section, symbol or relocation concerned. */
static int refuse(const uint8_t *bytes, uint64_t len, const struct domain_fault *f)
{
    const char *reason = domain_err_text(f->code);
    struct elf_object o;
    struct elf_symtab t;
    struct elf_symbol s;
    switch (f->where) {
    case AT_SECTION:
        printf("error: section %u: %s\n", f->index, reason);
        break;
    case AT_SYMBOL:
        if (elf_open(bytes, len, &o) == ELF_OK && elf_symtab(&o, &t) == ELF_OK &&
            elf_symbol(&o, &t, f->index, &s) == ELF_OK)
            printf("error: symbol %u (%s): %s\n", f->index, (const char *)bytes + s.name, reason);
        else
            printf("error: symbol %u: %s\n", f->index, reason);
        break;
    case AT_RELOCATION:
        printf("error: relocation section %u entry %u: %s\n", f->index, f->entry, reason);
        break;
    default:
        printf("error: %s\n", reason);
    }
    return 2;
}

static int by_line(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *line_for(const char *role, const char *name)
{
    size_t n = strlen(name) + 8;
    char *line = malloc(n);
    snprintf(line, n, "%s %s", role, name);
    return line;
}

/* The object's exports and imports, as domain_create records them. */
static void print_symbols(const uint8_t *bytes, uint64_t len)
{
    struct elf_object o;
    struct elf_symtab t;
    elf_open(bytes, len, &o);
    elf_symtab(&o, &t);
    char **lines = calloc(t.count + 1, sizeof *lines);
    uint32_t n = 0;
    for (uint32_t i = 0; i < t.count; i++) {
        struct elf_symbol s;
        enum symbol_role role;
        elf_symbol(&o, &t, i, &s);
        symbol_role(&o, &s, &role);
        if (role != ROLE_LOCAL)
            lines[n++] = line_for(role == ROLE_IMPORT ? "import" : "export", (const char *)bytes + s.name);
    }
    qsort(lines, n, sizeof *lines, by_line);
    for (uint32_t i = 0; i < n; i++) {
        printf("%s\n", lines[i]);
        free(lines[i]);
    }
    free(lines);
}

static int dump(const uint8_t *bytes, uint64_t len)
{
    struct domain_plan plan;
    struct domain_fault fault;
    if (domain_plan(bytes, len, &plan, &fault) != DOMAIN_OK)
        return refuse(bytes, len, &fault);
    print_symbols(bytes, len);
    return 0;
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
