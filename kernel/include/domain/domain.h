/* Logical protection domains (SPIN's Domain interface): code from an ELF64
 * relocatable object placed in memory the caller gives, its exports and
 * imports; resolve binds imports to another domain's exports; combine
 * makes an aggregate; module domains export kernel interfaces.
 *
 * Memory is the caller's: domain_plan says how many bytes of pages (the
 * image: rx, then r, then rw groups, each page-aligned for W^X) and how
 * many bytes of metadata (kernel-only tables) an object needs;
 * domain_create fills them. The image stays writable until every import is
 * resolved; the caller then seals it with the groups' protections. */
#ifndef SPINEL_DOMAIN_H
#define SPINEL_DOMAIN_H

#include <stdint.h>
#include "domain/elf.h"
#include "domain/exports.h"
#include "domain/reloc.h"

#define DOMAIN_PAGE 4096u
#define DOMAIN_NAME_MAX 32u

/* Refusals of the linker beyond the ELF reader's (enum elf_err). */
enum domain_err {
    DOMAIN_OK = 0,
    DOMAIN_ERR_BINDING = 100,   /* a symbol neither local, global nor weak */
    DOMAIN_ERR_COMMON = 101,    /* a COMMON symbol (build with -fno-common) */
    DOMAIN_ERR_TLS = 102,       /* thread-local storage */
    DOMAIN_ERR_IFUNC = 103,     /* an IFUNC symbol */
    DOMAIN_ERR_REL = 104,       /* relocations without addends (SHT_REL) */
    DOMAIN_ERR_WX = 105,        /* a section both writable and executable */
    DOMAIN_ERR_SECTION_ALIGN = 106, /* alignment above a page */
    DOMAIN_ERR_TOO_BIG = 107,   /* the image or its tables overflow */
    DOMAIN_ERR_MEMORY = 108,    /* the memory given is smaller than the plan */
    DOMAIN_ERR_SYMBOL_SECTION = 109, /* a symbol in a section that is not loaded */
    DOMAIN_ERR_DUPLICATE = 110, /* a name exported twice */
    DOMAIN_ERR_NOT_OBJECT = 111, /* resolve's target must be an object domain */
    DOMAIN_ERR_TABLE = 112,     /* the export table failed its check */
    DOMAIN_ERR_UNRESOLVED = 113, /* imports left: the domain may not run */
    DOMAIN_ERR_NO_SYMBOL = 114, /* no export of that name */
    DOMAIN_ERR_OVERLAP = 115,   /* a loaded section's bytes overlap the one before */
    DOMAIN_ERR_SYMBOL_VALUE = 116, /* a symbol's address would pass 2^64 */
    DOMAIN_ERR_LIMIT = 117
};

/* What went wrong and where: code is an enum elf_err or enum domain_err;
 * where names the kind of index (section, symbol, relocation section). */
enum domain_where { AT_OBJECT, AT_SECTION, AT_SYMBOL, AT_RELOCATION, AT_NAME };
struct domain_fault {
    int code;
    enum domain_where where;
    uint32_t index;  /* section, symbol, or relocation section */
    uint32_t entry;  /* the relocation's entry in its section */
    const uint8_t *name; /* the symbol concerned (NUL-terminated), or 0 */
};

/* What an object needs, computed from its bytes alone. */
struct domain_plan {
    uint64_t rx_size, r_size, rw_size; /* each a multiple of the page */
    uint64_t got_offset;    /* in the r group: one 8-byte slot per GOT symbol */
    uint64_t image_size;    /* rx_size + r_size + rw_size */
    uint64_t meta_size;     /* bytes of tables */
    uint32_t nsections, nsymbols, nexports, nimports, npatches, ngot;
    uint64_t names_size;
};

/* An import: a name this domain uses and does not define. */
struct domain_import {
    uint32_t name;   /* offset in the domain's names */
    uint32_t len, hash;
    uint64_t addr;   /* once bound */
    int64_t offer;   /* resolve's scratch: the source's export offered, or -1 */
    uint16_t bound;  /* integer types apart from the image's bytes and the
                        export tables', so that WP sees writes to one leave
                        the others alone */
};

/* A relocation waiting for an import: patched when it is bound. A GOT
 * slot for an import waits as an R_X86_64_64 patch of the slot. */
struct domain_patch {
    uint32_t offset;  /* of the patched bytes, in the image (under 3 GiB) */
    int64_t addend;
    uint32_t import, type;
    uint32_t relsec, entry; /* for error messages */
    int16_t done;     /* a type of its own here, like bound: see there */
};

enum domain_kind { DOMAIN_OBJECT = 1, DOMAIN_MODULE = 2, DOMAIN_AGGREGATE = 3 };

struct domain {
    char name[DOMAIN_NAME_MAX];
    enum domain_kind kind;
    uint8_t *image;        /* image[0 .. image_size), page-aligned */
    uint64_t image_addr;   /* image's address: what relocations compute with */
    struct domain_plan plan;
    struct export_table exports;
    struct domain_import *imports;
    uint32_t nimports;
    uint64_t unresolved;   /* imports not bound yet (64 bits: a type apart from the patches', for WP) */
    struct domain_patch *patches;
    uint32_t npatches;
    const struct domain *parts[2]; /* an aggregate's two domains */
    uint64_t *section_addr; /* per ELF section: where it was placed, or 0 */
};

#include "domain/resolve.acsl"
#include "domain/domain.acsl"

/* Places the object in image[0 .. plan->image_size) (page-aligned, zeroed
 * or not) with its tables in meta[0 .. plan->meta_size) (8-byte aligned),
 * applies every relocation that does not name an import, and records the
 * exports, imports and waiting relocations. The plan must be
 * domain_plan's (plan.h) for the same bytes. */
int domain_create(const uint8_t *bytes, uint64_t len, const struct domain_plan *plan, uint8_t *image,
                  uint8_t *meta, const char *name, struct domain *d, struct domain_fault *fault);

/* Binds each unbound import of target whose name source exports and
 * patches the relocations that use it; the others stay unbound, and
 * target->unresolved counts them. On a refusal (a patched value out of
 * range) target is unchanged. */
/*@ requires ResolveReady(source, target) && \valid(f);
    requires \separated(f, source, target, target->imports + (0 .. target->nimports - 1),
                        target->patches + (0 .. target->npatches - 1),
                        target->image + (0 .. target->plan.image_size - 1),
                        target->exports.names + (0 .. target->exports.names_size));
    requires \separated(f, source->exports.entries + (0 .. source->exports.count - 1),
                        source->exports.start + (0 .. source->exports.nbuckets),
                        source->exports.names + (0 .. source->exports.names_size));
    terminates \true;
    assigns *f, target->unresolved,
            target->imports[0 .. target->nimports - 1].addr, target->imports[0 .. target->nimports - 1].bound,
            target->imports[0 .. target->nimports - 1].offer,
            target->patches[0 .. target->npatches - 1].done, target->image[0 .. target->plan.image_size - 1];
    ensures \result == DOMAIN_OK || \result == ELF_ERR_RELOC_RANGE || \result == DOMAIN_ERR_NOT_OBJECT;
    ensures \result == DOMAIN_ERR_NOT_OBJECT <==> target->kind != DOMAIN_OBJECT;
    ensures refused_unchanged: \result != DOMAIN_OK ==>
      (\forall integer j; 0 <= j < target->nimports ==>
         target->imports[j].bound == \old(target->imports[j].bound) &&
         target->imports[j].addr == \old(target->imports[j].addr)) &&
      (\forall integer i; 0 <= i < target->npatches ==> target->patches[i].done == \old(target->patches[i].done)) &&
      (\forall integer x; 0 <= x < target->plan.image_size ==> target->image[x] == \old(target->image[x]));
    ensures bound_kept: \result == DOMAIN_OK ==> \forall integer j; 0 <= j < target->nimports ==>
      \old(target->imports[j].bound) != 0 ==>
        target->imports[j].bound == \old(target->imports[j].bound) &&
        target->imports[j].addr == \old(target->imports[j].addr);
    ensures exported_bound: \result == DOMAIN_OK ==> \forall integer j; 0 <= j < target->nimports ==>
      \old(target->imports[j].bound) == 0 && \old(Exported(source, target, j)) ==>
        target->imports[j].bound == 1 &&
        \let a = target->imports[j].addr; \at(ExportedAt(source, target, j, a), Pre);
    ensures others_unbound: \result == DOMAIN_OK ==> \forall integer j; 0 <= j < target->nimports ==>
      \old(target->imports[j].bound) == 0 && !\old(Exported(source, target, j)) ==> target->imports[j].bound == 0;
    ensures patched: \result == DOMAIN_OK ==> \forall integer i; 0 <= i < target->npatches ==>
      target->imports[target->patches[i].import].bound != 0 ==> target->patches[i].done != 0;
    ensures \result == DOMAIN_OK ==> target->unresolved <= target->nimports;
*/
int domain_resolve(const struct domain *source, struct domain *target, struct domain_fault *f);

/* Bytes of metadata domain_combine needs for d1 and d2. */
uint64_t domain_combine_meta_size(const struct domain *d1, const struct domain *d2);

/* out exports the union of d1's and d2's exports; a name both export is
 * refused with DOMAIN_ERR_DUPLICATE. meta as domain_combine_meta_size says. */
int domain_combine(const struct domain *d1, const struct domain *d2, uint8_t *meta, const char *name,
                   struct domain *out, struct domain_fault *fault);

/* A module's interface as a domain: its exports are entries[0 .. count)
 * with names in names[0 .. names_size]; meta holds the buckets
 * (domain_module_meta_size). */
uint64_t domain_module_meta_size(uint32_t count);
int domain_create_from_module(const char *name, const uint8_t *names, uint64_t names_size,
                              const struct domain_export *entries, uint32_t count, uint8_t *meta,
                              struct domain *d, struct domain_fault *fault);

/* The address d exports under name[0 .. len), or DOMAIN_ERR_NO_SYMBOL. */
/*@ requires \valid_read(d) && ExportTableOk(&d->exports) && ExportNamesReadable(&d->exports);
    requires \valid_read(name + (0 .. len - 1)) && \valid(addr) && \separated(addr, d, d->exports.entries + (0 .. d->exports.count - 1));
    terminates \true;
    assigns *addr;
    ensures \result == DOMAIN_OK || \result == DOMAIN_ERR_NO_SYMBOL;
    ensures \result == DOMAIN_OK ==> \exists integer k; 0 <= k < d->exports.count &&
      ExportIs(&d->exports, k, NameHash(name, len), name, len) && *addr == d->exports.entries[k].addr;
    ensures \result == DOMAIN_ERR_NO_SYMBOL ==> \forall integer k; 0 <= k < d->exports.count ==>
      !ExportIs(&d->exports, k, NameHash(name, len), name, len);
*/
int domain_lookup(const struct domain *d, const uint8_t *name, uint32_t len, uint64_t *addr);

/* The name of export or import k, NUL-terminated. */
const char *domain_export_name(const struct domain *d, uint32_t k);
const char *domain_import_name(const struct domain *d, uint32_t k);

/* Fills f (no name) and returns code: how every linker function refuses. */
/*@ requires \valid(f);
    terminates \true;
    assigns *f;
    ensures \result == code && f->code == code && f->where == where && f->index == index &&
            f->entry == entry && f->name == \null;
*/
int domain_fail(struct domain_fault *f, int code, enum domain_where where, uint32_t index, uint32_t entry);

/* d->name = name, cut to DOMAIN_NAME_MAX - 1 bytes (empty for a null name). */
/*@ requires \valid(d) && (name == \null || DomainNameReadable(name));
    requires name == \null || \separated(d, name + (0 .. DOMAIN_NAME_MAX - 2));
    terminates \true;
    assigns d->name[0 .. DOMAIN_NAME_MAX - 1];
    ensures name == \null ==> d->name[0] == 0;
    ensures name != \null ==> \exists integer n; 0 <= n < DOMAIN_NAME_MAX && d->name[n] == 0 &&
      \forall integer k; 0 <= k < n ==> d->name[k] == name[k] && name[k] != 0;
*/
void domain_set_name(struct domain *d, const char *name);

/* One line of text for a code of enum elf_err or enum domain_err. */
const char *domain_err_text(int code);

#endif
