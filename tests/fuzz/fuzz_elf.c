/* libFuzzer harness for the ELF reader: any bytes. Whatever elf_open,
 * elf_section, elf_symbol and elf_rela accept must lie inside: the
 * harness touches the first and last byte of every accepted section and
 * reads every accepted name up to its NUL, so ASan sees a promise broken
 * by one byte. */
#include <stdlib.h>
#include <string.h>
#include "domain/elf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static volatile uint8_t sink;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* An exact-size copy, so that ASan sees a read one byte past the end. */
    uint8_t *bytes = malloc(size ? size : 1);
    memcpy(bytes, data, size);
    struct elf_object o;
    int r = elf_open(bytes, size, &o);
    if (r < ELF_OK || r >= ELF_ERR_COUNT)
        abort();
    if (r == ELF_OK) {
        if (o.shnum == 0 || o.shstrndx >= o.shnum || o.shoff + ELF_SHDR_SIZE * (uint64_t)o.shnum > size)
            abort();
        for (uint32_t i = 0; i < o.shnum; i++) {
            struct elf_section sh;
            r = elf_section(&o, i, &sh);
            if (r < ELF_OK || r >= ELF_ERR_COUNT)
                abort();
            if (r == ELF_OK && sh.type != SHT_NOBITS && sh.size > 0)
                sink = bytes[sh.offset] ^ bytes[sh.offset + sh.size - 1];
        }
        struct elf_symtab t;
        r = elf_symtab(&o, &t);
        if (r < ELF_OK || r >= ELF_ERR_COUNT)
            abort();
        for (uint32_t i = 1; r == ELF_OK && i < o.shnum; i++) {
            struct elf_relsec rs;
            if (elf_relsec(&o, &t, i, &rs) != ELF_OK)
                continue;
            if (rs.offset + ELF_RELA_SIZE * (uint64_t)rs.count > size || rs.target >= o.shnum)
                abort();
            for (uint32_t j = 0; j < rs.count; j++) {
                struct elf_rela rel;
                if (elf_rela(&o, &t, &rs, j, &rel) == ELF_OK &&
                    (rel.sym >= t.count || rel.offset + rel.width > rs.target_size))
                    abort();
            }
        }
        for (uint32_t i = 0; r == ELF_OK && i < t.count; i++) {
            struct elf_symbol s;
            if (elf_symbol(&o, &t, i, &s) == ELF_OK && (bytes[s.name + s.name_len] != 0 ||
                                                         strlen((const char *)bytes + s.name) != s.name_len))
                abort();
        }
    }
    free(bytes);
    return 0;
}
