/* Aggregate domains (domain_combine) and module domains
 * (domain_create_from_module): export tables without an image. */
#include "domain.h"
#include "kstring.h"

static int fail(struct domain_fault *f, int code, const uint8_t *name)
{
    f->code = code;
    f->where = name ? AT_NAME : AT_OBJECT;
    f->index = f->entry = 0;
    f->name = name;
    return code;
}

static void name_domain(struct domain *d, const char *name, enum domain_kind kind)
{
    uint32_t n = 0;
    for (; name && name[n] && n + 1 < DOMAIN_NAME_MAX; n++)
        d->name[n] = name[n];
    d->name[n] = 0;
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

/* Appends t's exports to in[*n], their names to names at *used. */
static void append_exports(const struct export_table *t, struct domain_export *in, uint32_t *n, uint8_t *names,
                           uint64_t *used)
{
    kmemcpy(names + *used, t->names, t->names_size + 1);
    for (uint32_t k = 0; k < t->count; k++) {
        in[*n] = t->entries[k];
        in[*n].name += (uint32_t)*used;
        (*n)++;
    }
    *used += t->names_size + 1;
}

int domain_combine(const struct domain *d1, const struct domain *d2, uint8_t *meta, const char *name,
                   struct domain *out, struct domain_fault *f)
{
    if (d1->exports.names_size + d2->exports.names_size + 2 > 0xFFFFFFFFu ||
        d1->exports.count > 0xFFFFFFFEu - d2->exports.count)
        return fail(f, DOMAIN_ERR_TOO_BIG, 0);
    for (uint32_t k = 0; k < d2->exports.count; k++) {
        const struct domain_export *e = &d2->exports.entries[k];
        if (export_lookup(&d1->exports, d2->exports.names + e->name, e->len, e->hash) >= 0)
            return fail(f, DOMAIN_ERR_DUPLICATE, d2->exports.names + e->name);
    }
    uint32_t count = d1->exports.count + d2->exports.count, n = 0;
    uint64_t used = 0;
    name_domain(out, name, DOMAIN_AGGREGATE);
    out->parts[0] = d1;
    out->parts[1] = d2;
    struct domain_export *in = carve_table(&out->exports, count, meta);
    uint8_t *names = meta + table_meta_size(count);
    append_exports(&d1->exports, in, &n, names, &used);
    append_exports(&d2->exports, in, &n, names, &used);
    out->exports.names = names;
    out->exports.names_size = used - 1;
    if (!export_table_build(&out->exports, in, count))
        return fail(f, DOMAIN_ERR_TABLE, 0);
    return fail(f, DOMAIN_OK, 0);
}
