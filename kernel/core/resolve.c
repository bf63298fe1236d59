/* domain_resolve: imports bound to another domain's exports, and the
 * relocations that waited for them patched. All or nothing: every value is
 * computed and range-checked before anything is written. */
#include "domain.h"
#include "reloc.h"

static int fail(struct domain_fault *f, int code, enum domain_where where, uint32_t index, uint32_t entry)
{
    f->code = code;
    f->where = where;
    f->index = index;
    f->entry = entry;
    f->name = 0;
    return code;
}

/* The source's export for import m, or -1. */
static int64_t find_import(const struct domain *source, const struct domain *target, const struct domain_import *m)
{
    return export_lookup(&source->exports, target->exports.names + m->name, m->len, m->hash);
}

/* The value patch p would write with its import at addr. */
static int patch_value(const struct domain_patch *p, uint64_t addr, uint64_t *value)
{
    return reloc_value(p->type, addr, p->addend, p->place, value);
}

static void write_field(uint64_t place, uint32_t width, uint64_t value)
{
    uint8_t *at = (uint8_t *)place;
    for (uint32_t b = 0; b < width; b++)
        at[b] = (uint8_t)(value >> (8 * b));
}

/* Every waiting patch whose import source exports must fit. */
static int check_patches(const struct domain *source, const struct domain *target, struct domain_fault *f)
{
    for (uint32_t i = 0; i < target->npatches; i++) {
        const struct domain_patch *p = &target->patches[i];
        const struct domain_import *m = &target->imports[p->import];
        int64_t k = p->done || m->bound ? -1 : find_import(source, target, m);
        uint64_t value;
        if (k >= 0 && patch_value(p, source->exports.entries[k].addr, &value) != ELF_OK) {
            fail(f, ELF_ERR_RELOC_RANGE, AT_RELOCATION, p->relsec, p->entry);
            f->name = (const char *)target->exports.names + m->name;
            return ELF_ERR_RELOC_RANGE;
        }
    }
    return DOMAIN_OK;
}

static uint32_t bind_imports(const struct domain *source, struct domain *target)
{
    uint32_t bound = 0;
    for (uint32_t j = 0; j < target->nimports; j++) {
        struct domain_import *m = &target->imports[j];
        int64_t k = m->bound ? -1 : find_import(source, target, m);
        if (k >= 0) {
            m->addr = source->exports.entries[k].addr;
            m->bound = 1;
            bound++;
        }
    }
    return bound;
}

static void apply_patches(struct domain *target)
{
    for (uint32_t i = 0; i < target->npatches; i++) {
        struct domain_patch *p = &target->patches[i];
        const struct domain_import *m = &target->imports[p->import];
        uint64_t value;
        if (p->done || !m->bound)
            continue;
        patch_value(p, m->addr, &value);
        write_field(p->place, p->type == R_X86_64_64 ? 8 : 4, value);
        p->done = 1;
    }
}

int domain_resolve(const struct domain *source, struct domain *target, uint32_t *bound, struct domain_fault *f)
{
    *bound = 0;
    if (target->kind != DOMAIN_OBJECT)
        return fail(f, DOMAIN_ERR_NOT_OBJECT, AT_OBJECT, 0, 0);
    int err = check_patches(source, target, f);
    if (err != DOMAIN_OK)
        return err;
    *bound = bind_imports(source, target);
    target->unresolved -= *bound;
    apply_patches(target);
    return fail(f, DOMAIN_OK, AT_OBJECT, 0, 0);
}

int domain_lookup(const struct domain *d, const char *name, uint64_t *addr)
{
    uint32_t len = 0;
    while (name[len])
        len++;
    int64_t k = export_lookup(&d->exports, (const uint8_t *)name, len, name_hash((const uint8_t *)name, len));
    if (k < 0)
        return DOMAIN_ERR_NO_SYMBOL;
    *addr = d->exports.entries[k].addr;
    return DOMAIN_OK;
}

const char *domain_export_name(const struct domain *d, uint32_t k)
{
    return (const char *)d->exports.names + d->exports.entries[k].name;
}

const char *domain_import_name(const struct domain *d, uint32_t k)
{
    return (const char *)d->exports.names + d->imports[k].name;
}
