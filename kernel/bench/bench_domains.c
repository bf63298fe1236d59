/* Domain linker benchmark: boot modules named "bench-domain libN" and
 * "bench-domain appN" (app N imports N functions of lib N, tests/bench.py
 * generates them) are loaded and resolved: plan, pages, create for both,
 * then resolve app against lib. One row per N; each row's baseline is the
 * next smaller N, so linear growth shows as a ratio near 10. */
#include "arch.h"
#include "bench/bench.h"
#include "console.h"
#include "init/domains.h"
#include "kernel.h"
#include "lib/kstring.h"
#include "paging.h"

static void bench_link(const char *n, const char *row, const char *baseline)
{
    char lib_name[16] = "lib", app_name[16] = "app";
    kmemcpy((uint8_t *)lib_name + 3, (const uint8_t *)n, kstrnlen(n, 8) + 1);
    kmemcpy((uint8_t *)app_name + 3, (const uint8_t *)n, kstrnlen(n, 8) + 1);
    const struct boot_module *lib = boot_module_named("bench-domain ", lib_name);
    const struct boot_module *app = boot_module_named("bench-domain ", app_name);
    if (!lib || !app)
        return;
    uint64_t start = arch_cycles();
    struct kdomain *l = domains_load(lib_name, phys_to_virt(lib->base), lib->len);
    struct kdomain *a = domains_load(app_name, phys_to_virt(app->base), app->len);
    struct domain_fault f;
    if (!l || !a || domain_resolve(&l->d, &a->d, &f) != DOMAIN_OK || a->d.unresolved != 0)
        panic("bench: linking %s failed", app_name);
    bench_row(row, arch_cycles() - start, "instructions", baseline);
}

void bench_domains(void)
{
    bench_link("100", "domain_link_100", 0);
    bench_link("1000", "domain_link_1000", "domain_link_100");
    bench_link("10000", "domain_link_10000", "domain_link_1000");
}
