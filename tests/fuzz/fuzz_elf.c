/* libFuzzer harness for the ELF reader: any bytes. Whatever elf_open and
 * elf_section accept must lie inside the buffer: the harness touches the
 * first and last byte of every accepted section, so ASan sees a promise
 * broken by one byte. */
#include <stdlib.h>
#include <string.h>
#include "elf.h"

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
    }
    free(bytes);
    return 0;
}
