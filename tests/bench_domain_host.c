/* Hosted half of the domain-link benchmark: for each N given as
 * "N lib.o app.o" (PIC objects from tests/bench.py), the best of 5 runs of
 * plan + create of both and resolve of app against lib, in ns. Memory is
 * mapped before the clock starts; the kernel's row includes its pages. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include "domain/domain.h"
#include "domain/plan.h"

static uint8_t *load(const char *path, uint64_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        exit(2);
    fseek(f, 0, SEEK_END);
    *len = (uint64_t)ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *b = malloc(*len);
    if (fread(b, 1, *len, f) != *len)
        exit(2);
    fclose(f);
    return b;
}

struct object {
    uint8_t *bytes, *image, *meta;
    uint64_t len;
    struct domain_plan plan;
    struct domain d;
};

static void prepare(struct object *o, const char *path)
{
    struct domain_fault f;
    o->bytes = load(path, &o->len);
    if (domain_plan(o->bytes, o->len, &o->plan, &f) != DOMAIN_OK)
        exit(3);
    o->image = mmap(0, o->plan.image_size + DOMAIN_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    o->meta = malloc(o->plan.meta_size);
}

static uint64_t now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

static uint64_t link_once(struct object *lib, struct object *app)
{
    struct domain_plan p1, p2;
    struct domain_fault f;
    uint64_t start = now_ns();
    if (domain_plan(lib->bytes, lib->len, &p1, &f) || domain_plan(app->bytes, app->len, &p2, &f) ||
        domain_create(lib->bytes, lib->len, &p1, lib->image, lib->meta, "lib", &lib->d, &f) ||
        domain_create(app->bytes, app->len, &p2, app->image, app->meta, "app", &app->d, &f) ||
        domain_resolve(&lib->d, &app->d, &f) || app->d.unresolved)
        exit(4);
    return now_ns() - start;
}

int main(int argc, char **argv)
{
    const char *previous = 0;
    static char names[8][32];
    for (int i = 1; i + 2 < argc && i < 22; i += 3) {
        struct object lib, app;
        prepare(&lib, argv[i + 1]);
        prepare(&app, argv[i + 2]);
        uint64_t best = UINT64_MAX;
        for (int run = 0; run < 5; run++) {
            uint64_t t = link_once(&lib, &app);
            best = t < best ? t : best;
        }
        char *name = names[(i / 3) % 8];
        snprintf(name, 32, "hosted_domain_link_%s", argv[i]);
        printf("BENCH %s %lu ns %s\n", name, (unsigned long)best, previous ? previous : "-");
        previous = name;
    }
    return 0;
}
