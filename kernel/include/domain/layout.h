/* Where a domain's sections go: three groups (rx, r, rw), each a run of
 * pages, sections placed in object order at their alignment. Shared by
 * domain_plan, which sizes the groups, and domain_create, which uses the
 * same offsets. */
#ifndef SPINEL_LAYOUT_H
#define SPINEL_LAYOUT_H

#include <stdint.h>
#include "domain/domain.h"
#include "domain/elf.h"

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

#include "domain/layout.acsl"

/* The group of a section: GROUP_NONE when it is not loaded. */
/*@ requires \valid_read(sh);
    terminates \true;
    assigns \nothing;
    ensures \result == LayoutGroupOf(sh->flags);
*/
enum layout_group layout_group_of(const struct elf_section *sh);

/* Reserves n bytes in group g at the first multiple of align (at most a
 * page) at or after what the group uses; 0 or DOMAIN_ERR_TOO_BIG. */
/*@ requires \valid(l) && \valid(offset) && \separated(l, offset);
    requires 0 <= g <= 3 && 1 <= align <= 4096 && LayoutOk(l);
    terminates \true;
    assigns l->used[g], *offset;
    ensures LayoutOk(l);
    behavior fits:
      assumes LayoutAlignUp(l->used[g], align) + n <= LAYOUT_GROUP_MAX;
      ensures \result == 0;
      ensures *offset == LayoutAlignUp(\old(l->used[g]), align) && *offset % align == 0;
      ensures \old(l->used[g]) <= *offset && l->used[g] == *offset + n;
    behavior too_big:
      assumes LayoutAlignUp(l->used[g], align) + n > LAYOUT_GROUP_MAX;
      ensures \result == DOMAIN_ERR_TOO_BIG && l->used[g] == \old(l->used[g]);
    complete behaviors;
    disjoint behaviors;
*/
int layout_reserve(struct layout *l, enum layout_group g, uint64_t n, uint64_t align, uint64_t *offset);

/* Places sh (a loaded section) in its group: *offset is its offset inside
 * the group, sh->size bytes that no other placed section overlaps. 0, or
 * DOMAIN_ERR_WX / DOMAIN_ERR_TLS / DOMAIN_ERR_SECTION_ALIGN /
 * DOMAIN_ERR_TOO_BIG, and then l is unchanged. */
/*@ requires \valid(l) && \valid(offset) && \valid_read(sh) && \separated(l, offset, sh);
    requires LayoutOk(l);
    terminates \true;
    assigns l->used[0 .. 3], *offset;
    ensures LayoutOk(l);
    ensures \result == 0 || \result == DOMAIN_ERR_WX || \result == DOMAIN_ERR_TLS ||
            \result == DOMAIN_ERR_SECTION_ALIGN || \result == DOMAIN_ERR_TOO_BIG;
    ensures \result == 0 ==> \let g = LayoutGroupOf(sh->flags);
      \old(l->used[g]) <= *offset && l->used[g] == *offset + sh->size &&
      (\forall integer h; 0 <= h <= 3 && h != g ==> l->used[h] == \old(l->used[h]));
    ensures \result != 0 ==> \forall integer h; 0 <= h <= 3 ==> l->used[h] == \old(l->used[h]);
*/
int layout_place(struct layout *l, const struct elf_section *sh, uint64_t *offset);

/* A group's size, rounded up to whole pages. */
/*@ requires \valid_read(l) && LayoutOk(l) && 0 <= g <= 3;
    terminates \true;
    assigns \nothing;
    ensures l->used[g] <= \result < l->used[g] + DOMAIN_PAGE && \result % DOMAIN_PAGE == 0;
*/
uint64_t layout_pages(const struct layout *l, enum layout_group g);

/* 1 when relocation type t goes through a GOT slot. */
/*@ terminates \true;
    assigns \nothing;
    ensures \result == 1 <==> (t == R_X86_64_GOTPCREL || t == R_X86_64_GOTPCRELX || t == R_X86_64_REX_GOTPCRELX);
    ensures \result == 0 || \result == 1;
*/
int reloc_uses_got(uint32_t t);

#endif
