/* domain_create: the trusted shell around the proved domain_link. It
 * cuts the caller's metadata bytes into typed tables, which WP's typed
 * memory model cannot follow (a byte buffer seen as uint64_t and struct
 * arrays), and turns the image pointer into the address relocations
 * compute with. domain_plan runs first for its precise refusals (overlap,
 * SHT_REL, relocations against unloaded sections) and to check that the
 * memory given matches; domain_link re-checks every bound it writes by. */
#include "domain/domain.h"
#include "domain/link.h"
#include "domain/plan.h"

static uint8_t *carve(uint8_t **meta, uint64_t bytes)
{
    uint8_t *at = *meta;
    *meta += (bytes + 7) & ~7ull;
    return at;
}

/* carve rounds each table up to 8 bytes; PlanMetaSize (spec/domain/plan.acsl),
 * which domain_plan's meta_size is proved to equal, rounds only the
 * bucket starts and the names, so every entry size must be a multiple. */
_Static_assert(sizeof(struct link_symbol) % 8 == 0 && sizeof(struct domain_export) % 8 == 0 &&
                   sizeof(struct domain_import) % 8 == 0 && sizeof(struct domain_patch) % 8 == 0,
               "carve and PlanMetaSize disagree");

/* The order and sizes PlanMetaSize counts. */
static void carve_tables(struct domain_tables *tb, const struct domain_plan *p, uint8_t *meta)
{
    const uint64_t nb = p->nexports ? p->nexports : 1;
    tb->section_addr = (uint64_t *)carve(&meta, 8ull * p->nsections);
    tb->syms = (struct link_symbol *)carve(&meta, sizeof(struct link_symbol) * p->nsymbols);
    tb->unsorted = (struct domain_export *)carve(&meta, sizeof(struct domain_export) * p->nexports);
    tb->entries = (struct domain_export *)carve(&meta, sizeof(struct domain_export) * p->nexports);
    tb->start = (uint32_t *)carve(&meta, 4ull * (nb + 1));
    tb->imports = (struct domain_import *)carve(&meta, sizeof(struct domain_import) * p->nimports);
    tb->patches = (struct domain_patch *)carve(&meta, sizeof(struct domain_patch) * p->npatches);
    tb->names = carve(&meta, p->names_size + 1);
}

static int same_plan(const struct domain_plan *a, const struct domain_plan *b)
{
    return a->image_size == b->image_size && a->meta_size == b->meta_size && a->rx_size == b->rx_size &&
           a->r_size == b->r_size && a->rw_size == b->rw_size && a->got_offset == b->got_offset &&
           a->npatches == b->npatches && a->nimports == b->nimports && a->nexports == b->nexports &&
           a->nsymbols == b->nsymbols && a->nsections == b->nsections && a->names_size == b->names_size;
}

int domain_create(const uint8_t *bytes, uint64_t len, const struct domain_plan *plan, uint8_t *image,
                  uint8_t *meta, const char *name, struct domain *d, struct domain_fault *f)
{
    struct domain_plan fresh;
    struct domain_tables tb;
    int err = domain_plan(bytes, len, &fresh, f);
    if (err != DOMAIN_OK)
        return err;
    if (!same_plan(&fresh, plan))
        return domain_fail(f, DOMAIN_ERR_MEMORY, AT_OBJECT, 0, 0);
    carve_tables(&tb, plan, meta);
    return domain_link(bytes, len, plan, &tb, image, (uint64_t)image, name, d, f);
}
