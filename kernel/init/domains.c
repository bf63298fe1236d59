/* The kernel's domains: see domains.h. */
#include "console.h"
#include "init/domains.h"
#include "kernel.h"
#include "lib/kstring.h"
#include "init/module_table.h"
#include "paging.h"
#include "domain/plan.h"
#include "init/vmem.h"

static struct kdomain domains[DOMAINS_MAX];

struct kdomain *domains_at(uint32_t i) { return i < DOMAINS_MAX && domains[i].used ? &domains[i] : 0; }

struct kdomain *domains_find(const char *name)
{
    for (uint32_t i = 0; i < DOMAINS_MAX; i++)
        if (domains[i].used && kstrnlen(name, DOMAIN_NAME_MAX) == kstrnlen(domains[i].d.name, DOMAIN_NAME_MAX) &&
            kmemcmp((const uint8_t *)name, (const uint8_t *)domains[i].d.name,
                    kstrnlen(name, DOMAIN_NAME_MAX)) == 0)
            return &domains[i];
    return 0;
}

static struct kdomain *free_slot(void)
{
    for (uint32_t i = 0; i < DOMAINS_MAX; i++)
        if (!domains[i].used)
            return &domains[i];
    return 0;
}

static const char *where_text(enum domain_where w)
{
    switch (w) {
    case AT_SECTION: return "section";
    case AT_SYMBOL: return "symbol";
    case AT_RELOCATION: return "relocation section";
    default: return "";
    }
}

void domains_print_fault(const char *name, const uint8_t *bytes, uint64_t len, const struct domain_fault *f)
{
    (void)bytes;
    (void)len;
    kprintf("domain %s: refused: ", name);
    if (f->where == AT_RELOCATION)
        kprintf("relocation section %u entry %u: ", f->index, f->entry);
    else if (f->where != AT_OBJECT && f->where != AT_NAME)
        kprintf("%s %u: ", where_text(f->where), f->index);
    if (f->name)
        kprintf("%s: ", (const char *)f->name);
    kprintf("%s (error %d)\n", domain_err_text(f->code), f->code);
}

struct kdomain *domains_load(const char *name, const uint8_t *bytes, uint64_t len)
{
    struct domain_plan plan;
    struct domain_fault f;
    struct kdomain *kd = free_slot();
    if (!kd || domains_find(name)) {
        kprintf("domain %s: refused: %s\n", name, kd ? "name already loaded" : "too many domains");
        return 0;
    }
    if (domain_plan(bytes, len, &plan, &f) != DOMAIN_OK) {
        domains_print_fault(name, bytes, len, &f);
        return 0;
    }
    uint8_t *image = vmem_alloc(plan.image_size), *meta = vmem_alloc(plan.meta_size);
    if (!image || !meta || domain_create(bytes, len, &plan, image, meta, name, &kd->d, &f) != DOMAIN_OK) {
        if (!image || !meta)
            kprintf("domain %s: refused: out of memory\n", name);
        else
            domains_print_fault(name, bytes, len, &f);
        vmem_free(image, plan.image_size);
        vmem_free(meta, plan.meta_size);
        return 0;
    }
    kd->meta = meta;
    kd->meta_size = plan.meta_size;
    kd->used = 1;
    kd->sealed = 0;
    return kd;
}

/* W^X: text read-execute, read-only data and the GOT read-only; data stays
 * writable and never executable. */
void domains_seal(struct kdomain *kd)
{
    const struct domain_plan *p = &kd->d.plan;
    vmem_protect(kd->d.image, p->rx_size, PAGE_RX);
    vmem_protect(kd->d.image + p->rx_size, p->r_size, PAGE_R);
    kd->sealed = 1;
}

void domains_unload(struct kdomain *kd)
{
    vmem_free(kd->d.image, kd->d.plan.image_size);
    vmem_free(kd->meta, kd->meta_size);
    kd->used = kd->sealed = 0;
}

/* Resolves t against every sealed domain; seals it once whole. Only
 * sealed sources: code bound to a domain that still waits for imports
 * could reach an unpatched call. */
static int link_one(uint32_t i)
{
    struct kdomain *t = &domains[i];
    for (uint32_t j = 0; j < DOMAINS_MAX && t->d.unresolved; j++) {
        struct domain_fault f;
        if (j != i && domains[j].used && domains[j].sealed && domain_resolve(&domains[j].d, &t->d, &f) != DOMAIN_OK)
            domains_print_fault(t->d.name, 0, 0, &f);
    }
    if (t->d.unresolved)
        return 0;
    domains_seal(t);
    return 1;
}

/* Until nothing more can be sealed: a domain whose sources are objects
 * waits for them to be sealed first. Objects that import from each other
 * in a cycle stay waiting. */
void domains_link_all(void)
{
    for (int progress = 1; progress;) {
        progress = 0;
        for (uint32_t i = 0; i < DOMAINS_MAX; i++)
            if (domains[i].used && !domains[i].sealed && domains[i].d.kind == DOMAIN_OBJECT)
                progress |= link_one(i);
    }
}

static void create_modules(void)
{
    for (uint32_t i = 0; i < kernel_module_count; i++) {
        const struct module_interface *m = &kernel_modules[i];
        struct kdomain *kd = free_slot();
        struct domain_fault f;
        uint64_t size = domain_module_meta_size(m->count);
        uint8_t *meta = vmem_alloc(size);
        if (!kd || !meta ||
            domain_create_from_module(m->name, m->names, m->names_size, m->exports, m->count, meta, &kd->d, &f))
            panic("domains: cannot create module domain %s", m->name);
        kd->meta = meta;
        kd->meta_size = size;
        kd->used = kd->sealed = 1;
    }
}

/* "domain NAME" on a boot module's line: its bytes are an object. */
static const char *domain_name_of(const struct boot_module *m)
{
    const char *line = (const char *)m->cmdline;
    if (kmemcmp((const uint8_t *)line, (const uint8_t *)"domain ", 7) != 0 || line[7] == '\0')
        return 0;
    return line + 7;
}

void domains_init(void)
{
    uint32_t objects = 0, refused = 0;
    create_modules();
    for (uint32_t i = 0; i < kernel.boot.nmodules; i++) {
        const struct boot_module *m = &kernel.boot.modules[i];
        const char *name = domain_name_of(m);
        if (!name)
            continue;
        if (domains_load(name, phys_to_virt(m->base), m->len))
            objects++;
        else
            refused++;
    }
    domains_link_all();
    kprintf("domains: %u kernel module%s, %u object%s loaded, %u refused\n", kernel_module_count,
            plural(kernel_module_count), objects, plural(objects), refused);
}
