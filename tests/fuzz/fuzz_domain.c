/* libFuzzer harness for the domain linker: any bytes through domain_plan,
 * and what it accepts through domain_create into memory of exactly the
 * planned sizes, then resolve against a module domain and combine with
 * it. ASan sees any write past the image or the tables, any read past
 * the object. */
#include <stdlib.h>
#include <string.h>
#include "domain/domain.h"
#include "domain/plan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_MEMORY (16u << 20)

static const uint8_t module_names[] = "lib_checksum\0kputs\0lib_seed";
static struct domain_export module_entries[3];
static uint8_t module_meta[4096];

static void module(struct domain *m)
{
    static const uint32_t at[3] = { 0, 13, 19 }, len[3] = { 12, 5, 8 };
    struct domain_fault f;
    for (int i = 0; i < 3; i++)
        module_entries[i] = (struct domain_export){ at[i], len[i], name_hash(module_names + at[i], len[i]),
                                                    0x1000u * (i + 1) };
    if (domain_create_from_module("m", module_names, sizeof module_names - 1, module_entries, 3, module_meta, m,
                                  &f) != DOMAIN_OK)
        abort();
}

static void link(const uint8_t *bytes, size_t size, const struct domain_plan *plan)
{
    struct domain d, m, both;
    struct domain_fault f;
    uint8_t *image = malloc(plan->image_size ? plan->image_size : 1);
    uint8_t *meta = malloc(plan->meta_size ? plan->meta_size : 1);
    int r = domain_create(bytes, size, plan, image, meta, "fuzz", &d, &f);
    if (r == DOMAIN_OK) {
        module(&m);
        uint64_t before = d.unresolved;
        r = domain_resolve(&m, &d, &f);
        if (r == DOMAIN_OK && d.unresolved > before)
            abort();
        uint8_t *cmeta = malloc(domain_combine_meta_size(&d, &m));
        r = domain_combine(&d, &m, cmeta, "both", &both, &f);
        if (r == DOMAIN_OK && both.exports.count != d.exports.count + m.exports.count)
            abort();
        free(cmeta);
    }
    free(meta);
    free(image);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t *bytes = malloc(size ? size : 1);
    memcpy(bytes, data, size);
    struct domain_plan plan;
    struct domain_fault f;
    if (domain_plan(bytes, size, &plan, &f) == DOMAIN_OK && plan.image_size <= MAX_MEMORY &&
        plan.meta_size <= MAX_MEMORY)
        link(bytes, size, &plan);
    free(bytes);
    return 0;
}
