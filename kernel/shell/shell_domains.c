/* Shell commands on domains: domains, domain NAME, call NAME SYMBOL. */
#include "console.h"
#include "ext/ext.h"
#include "init/domains.h"
#include "lib/kstring.h"
#include "shell/shell_cmds.h"

static const char *kind_text(enum domain_kind k)
{
    return k == DOMAIN_OBJECT ? "object" : k == DOMAIN_MODULE ? "module" : "aggregate";
}

void cmd_domains(const char *args)
{
    (void)args;
    for (uint32_t i = 0; i < DOMAINS_MAX; i++) {
        const struct kdomain *kd = domains_at(i);
        if (!kd)
            continue;
        const struct domain *d = &kd->d;
        kprintf("%s: %s, %u export%s, %u import%s (%lu resolved)", d->name, kind_text(d->kind), d->exports.count,
                plural(d->exports.count), d->nimports, plural(d->nimports), d->nimports - d->unresolved);
        if (d->kind == DOMAIN_OBJECT) {
            uint64_t rx = d->plan.rx_size / DOMAIN_PAGE;
            kprintf(", sections %lu page%s rx %lu r %lu rw at %p, %s", rx, plural(rx), d->plan.r_size / DOMAIN_PAGE,
                    d->plan.rw_size / DOMAIN_PAGE, (void *)d->image, kd->sealed ? "sealed W^X" : "waiting for imports");
        }
        kprintf("\n");
    }
}

int next_word(const char **args, char *out, size_t n)
{
    const char *s = *args;
    size_t len = 0;
    while (*s == ' ')
        s++;
    for (; s[len] && s[len] != ' '; len++)
        if (len + 1 < n)
            out[len] = s[len];
    out[len + 1 < n ? len : n - 1] = '\0';
    *args = s + len; /* past the whole word, even a cut one */
    return len > 0;
}

void cmd_domain(const char *args)
{
    char name[DOMAIN_NAME_MAX];
    if (!next_word(&args, name, sizeof name)) {
        kprintf("usage: domain NAME (see 'domains')\n");
        return;
    }
    const struct kdomain *kd = domains_find(name);
    if (!kd) {
        kprintf("domain: no domain named %s\n", name);
        return;
    }
    const struct domain *d = &kd->d;
    for (uint32_t k = 0; k < d->exports.count; k++)
        kprintf("  export %s at %p\n", domain_export_name(d, k), (void *)d->exports.entries[k].addr);
    for (uint32_t k = 0; k < d->nimports; k++) {
        if (d->imports[k].bound)
            kprintf("  import %s bound to %p\n", domain_import_name(d, k), (void *)d->imports[k].addr);
        else
            kprintf("  import %s unresolved\n", domain_import_name(d, k));
    }
}

/* An extension's init and fini were proved to run at load and unload,
 * once each, with the kernel's bookkeeping around them: never from here. */
static int is_entry_point(const char *symbol)
{
    static const char *const entries[] = { "ext_init", "ext_fini" };
    for (uint32_t i = 0; i < sizeof entries / sizeof entries[0]; i++) {
        size_t n = kstrnlen(entries[i], 16);
        if (kstrnlen(symbol, 64) == n && kmemcmp((const uint8_t *)symbol, (const uint8_t *)entries[i], n) == 0)
            return 1;
    }
    return 0;
}

/* Whether symbol may be called with no arguments: for an extension, only
 * an export its package lists as callable (proved to take none and to need
 * no precondition); for an object loaded at boot (trusted, as the boot
 * configuration that names it), only an address in its code. Prints why
 * not. */
static int may_call(const struct kdomain *kd, const char *name, const char *symbol, uint64_t addr)
{
    const struct extension *e = ext_find(name);
    if (e && e->kd == kd) {
        if (!ext_callable(e, symbol)) {
            kprintf("call: %s.%s is not callable: only an export proved to take no arguments and to need "
                    "no precondition is, and its package lists none such\n", name, symbol);
            return 0;
        }
        return 1;
    }
    uint64_t code = (uint64_t)kd->d.image;
    if (addr < code || addr - code >= kd->d.plan.rx_size) {
        kprintf("call: %s.%s is not code (it is not in the domain's rx pages)\n", name, symbol);
        return 0;
    }
    return 1;
}

/* Calls an exported function taking nothing and returning a number: how
 * the tests run code that the linker placed, and an extension's exports
 * that are safe to call bare. */
void cmd_call(const char *args)
{
    char name[DOMAIN_NAME_MAX], symbol[64];
    uint64_t addr;
    if (!next_word(&args, name, sizeof name) || !next_word(&args, symbol, sizeof symbol)) {
        kprintf("usage: call DOMAIN SYMBOL\n");
        return;
    }
    const struct kdomain *kd = domains_find(name);
    if (!kd || kd->d.kind != DOMAIN_OBJECT) {
        kprintf("call: no object domain %s\n", name);
        return;
    }
    if (!kd->sealed) {
        kprintf("call: %s has %lu unresolved import%s: it runs nothing\n", name, kd->d.unresolved,
                plural(kd->d.unresolved));
        return;
    }
    if (is_entry_point(symbol)) {
        kprintf("call: %s runs only inside ext load and ext unload\n", symbol);
        return;
    }
    if (domain_lookup(&kd->d, (const uint8_t *)symbol, (uint32_t)kstrnlen(symbol, sizeof symbol), &addr) != DOMAIN_OK) {
        kprintf("call: %s exports no %s\n", name, symbol);
        return;
    }
    if (!may_call(kd, name, symbol, addr))
        return;
    uint64_t result = ((uint64_t (*)(void))addr)();
    kprintf("call: %s.%s returned %lu\n", name, symbol, result);
}
