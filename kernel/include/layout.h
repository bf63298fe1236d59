/* Where a domain's sections go: three groups (rx, r, rw), each a run of
 * pages, sections placed in object order at their alignment. Shared by
 * domain_plan, which sizes the groups, and domain_create, which uses the
 * same offsets. */
#ifndef SPINEL_LAYOUT_H
#define SPINEL_LAYOUT_H

#include <stdint.h>
#include "elf.h"

#define SHF_WRITE 0x1u
#define SHF_ALLOC 0x2u
#define SHF_EXECINSTR 0x4u
#define SHF_TLS 0x400u
#define STT_SECTION 3u
#define STT_TLS 6u
#define STT_GNU_IFUNC 10u
#define SHT_REL 9u
/* Each group stays below this: offsets inside it fit 32 bits. */
#define LAYOUT_GROUP_MAX 0x40000000u

enum layout_group { GROUP_NONE = 0, GROUP_RX = 1, GROUP_R = 2, GROUP_RW = 3 };

struct layout {
    uint64_t used[4]; /* bytes used in each group so far */
};

/* The group of a section: GROUP_NONE when it is not loaded. */
enum layout_group layout_group_of(const struct elf_section *sh);

/* Places sh in its group: *offset is its offset inside the group. 0, or
 * DOMAIN_ERR_WX / DOMAIN_ERR_SECTION_ALIGN / DOMAIN_ERR_TLS /
 * DOMAIN_ERR_TOO_BIG. */
int layout_place(struct layout *l, const struct elf_section *sh, uint64_t *offset);

/* Reserves n bytes aligned to align (a power of two, at most a page) in
 * group g; 0 or DOMAIN_ERR_TOO_BIG. */
int layout_reserve(struct layout *l, enum layout_group g, uint64_t n, uint64_t align, uint64_t *offset);

/* A group's size, rounded up to whole pages. */
uint64_t layout_pages(const struct layout *l, enum layout_group g);

/* 1 when relocation type t goes through a GOT slot. */
int reloc_uses_got(uint32_t t);

#endif
