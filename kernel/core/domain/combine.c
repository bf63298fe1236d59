/* Aggregate domains (domain_combine) and module domains
 * (domain_create_from_module): export tables without an image. */
#include "domain/domain.h"
#include "lib/kstring.h"
#include "domain/union.h"

static int fail(struct domain_fault *f, int code, const uint8_t *name)
{
    domain_fail(f, code, name ? AT_NAME : AT_OBJECT, 0, 0);
    f->name = name;
    return code;
}

static void name_domain(struct domain *d, const char *name, enum domain_kind kind)
{
    domain_set_name(d, name);
    d->kind = kind;
    d->image = 0;
    d->image_addr = 0;
    d->plan = (struct domain_plan){ 0 };
    d->imports = 0;
    d->patches = 0;
    d->nimports = d->unresolved = d->npatches = 0;
    d->parts[0] = d->parts[1] = 0;
    d->section_addr = 0;
}

static uint64_t align8(uint64_t n) { return (n + 7) & ~7ull; }

static uint64_t table_meta_size(uint32_t count)
{
    uint64_t nb = count ? count : 1;
    return 2ull * sizeof(struct domain_export) * count + align8(4 * (nb + 1));
}

uint64_t domain_module_meta_size(uint32_t count) { return table_meta_size(count); }

/* The table's arrays in meta; unsorted (the first count entries) is the
 * sort's input. */
static struct domain_export *carve_table(struct export_table *t, uint32_t count, uint8_t *meta)
{
    struct domain_export *unsorted = (struct domain_export *)meta;
    t->entries = unsorted + count;
    t->start = (uint32_t *)(t->entries + count);
    t->nbuckets = count ? count : 1;
    return unsorted;
}

int domain_create_from_module(const char *name, const uint8_t *names, uint64_t names_size,
                              const struct domain_export *entries, uint32_t count, uint8_t *meta,
                              struct domain *d, struct domain_fault *f)
{
    name_domain(d, name, DOMAIN_MODULE);
    struct domain_export *in = carve_table(&d->exports, count, meta);
    kmemcpy((uint8_t *)in, (const uint8_t *)entries, sizeof *entries * count);
    d->exports.names = names;
    d->exports.names_size = names_size;
    if (!export_table_build(&d->exports, in, count))
        return fail(f, DOMAIN_ERR_TABLE, 0);
    return fail(f, DOMAIN_OK, 0);
}

uint64_t domain_combine_meta_size(const struct domain *d1, const struct domain *d2)
{
    return table_meta_size(d1->exports.count + d2->exports.count) +
           align8(d1->exports.names_size + d2->exports.names_size + 2);
}

int domain_combine(const struct domain *d1, const struct domain *d2, uint8_t *meta, const char *name,
                   struct domain *out, struct domain_fault *f)
{
    if (d1->exports.names_size + d2->exports.names_size + 2 > 0xFFFFFFFFu ||
        d1->exports.count > 0xFFFFFFFEu - d2->exports.count)
        return fail(f, DOMAIN_ERR_TOO_BIG, 0);
    uint32_t count = d1->exports.count + d2->exports.count;
    uint64_t dup = 0;
    name_domain(out, name, DOMAIN_AGGREGATE);
    out->parts[0] = d1;
    out->parts[1] = d2;
    struct domain_export *scratch = carve_table(&out->exports, count, meta);
    int err = exports_union(&d1->exports, &d2->exports, scratch, meta + table_meta_size(count), &out->exports, &dup);
    if (err == DOMAIN_ERR_DUPLICATE)
        return fail(f, err, d2->exports.names + d2->exports.entries[dup].name);
    return fail(f, err, 0);
}
