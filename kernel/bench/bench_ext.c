/* Extension benchmarks: boot modules "bench-ext NAME" are packages the
 * bench loads itself. Rows: the certificate check alone, a whole load
 * (certificate, create, resolve against the manifest's interfaces, init)
 * and an unload; and a call into the checksum extension's fletcher16
 * against a call to the same source built into the kernel. Both calls go
 * through a pointer, as the dispatcher's do: an extension costs a
 * procedure call, no more. */
#include "ext/admission.h"
#include "arch.h"
#include "bench/bench.h"
#include "console.h"
#include "ext/ext.h"
#include "kernel.h"
#include "lib/kstring.h"
#include "crypto/package.h"
#include "paging.h"

/* The checksum extension's source, built into the kernel under other
 * names: the baseline has exactly the extension's code. */
#define fletcher16 kernel_fletcher16
#define ext_init kernel_checksum_init
#include "../../extensions/checksum/checksum.c"
#undef fletcher16
#undef ext_init

typedef uint32_t fletcher_fn(const char *data, uint32_t len);
static fletcher_fn *volatile kernel_target = kernel_fletcher16;
static const char sample[] = "sixteen bytes!!";

static uint64_t calls(fletcher_fn *volatile *target, uint64_t overhead)
{
    uint64_t start = arch_cycles();
    for (volatile int i = 0; i < BENCH_ROUNDS; i = i + 1)
        (*target)(sample, sizeof sample - 1);
    return bench_per_round(arch_cycles() - start, overhead);
}

static void bench_call(const struct extension *e, uint64_t overhead)
{
    uint64_t addr;
    if (domain_lookup(&e->kd->d, (const uint8_t *)"fletcher16", 10, &addr) != DOMAIN_OK)
        panic("bench: checksum exports no fletcher16");
    static fletcher_fn *volatile ext_target;
    ext_target = (fletcher_fn *)addr;
    if (ext_target(sample, sizeof sample - 1) != kernel_target(sample, sizeof sample - 1))
        panic("bench: the extension and the kernel disagree on fletcher16");
    bench_row("ext_call_fletcher16", calls(&ext_target, overhead), "instructions", "kernel_call_fletcher16");
    bench_row("kernel_call_fletcher16", calls(&kernel_target, overhead), "instructions", 0);
}

void bench_ext(uint64_t overhead)
{
    const struct boot_module *m = boot_module_named("bench-ext ", "checksum");
    if (!m)
        return;
    const uint8_t *bytes = phys_to_virt(m->base);
    struct package p;
    uint64_t start = arch_cycles();
    int err = package_open(bytes, m->len, admission_public_key, interface_digest, &p);
    uint64_t certificate = arch_cycles() - start;
    start = arch_cycles();
    struct extension *e = ext_load(bytes, m->len);
    uint64_t load = arch_cycles() - start;
    if (err != PACKAGE_OK || !e)
        panic("bench: cannot load the checksum package");
    bench_row("ext_certificate", certificate, "instructions", "ext_load");
    bench_row("ext_load", load, "instructions", "domain_link_100");
    bench_call(e, overhead);
    start = arch_cycles();
    if (ext_unload("checksum") != 0)
        panic("bench: cannot unload checksum");
    bench_row("ext_unload", arch_cycles() - start, "instructions", "ext_load");
}
