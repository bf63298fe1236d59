/* The kernel's module domains, generated at build time (kernel/modules.py). */
#ifndef SPINEL_MODULE_TABLE_H
#define SPINEL_MODULE_TABLE_H

#include <stdint.h>
#include "domain/exports.h"

struct module_interface {
    const char *name;
    const uint8_t *names;
    uint64_t names_size;
    const struct domain_export *exports;
    uint32_t count;
    uint8_t for_extensions; /* an extension interface (extensions/include/spinel/) */
};

extern const struct module_interface kernel_modules[];
extern const uint32_t kernel_module_count;

#endif
