/* Extensions: see ext.h. */
#include "ext/admission.h"
#include "console.h"
#include "app/app.h"
#include "ext/ext.h"
#include "ext/ext_strand.h"
#include "ext/ext_syscall.h"
#include "ext/ext_vm.h"
#include "kernel.h"
#include "lib/kstring.h"
#include "init/module_table.h"
#include "crypto/package.h"
#include "paging.h"
#include "shell/shell_help.h"
#include "init/vmem.h"

#define MANIFEST_MAX 1024

static struct extension exts[EXT_MAX];
static struct extension *running;
/* The last refusal's reason, for the load port to send back (the longest
 * is 83 bytes). */
static char refusal[128];

const char *ext_refusal(void) { return refusal; }

/* refusal = a then b, cut to fit. */
static void note_refusal(const char *a, const char *b)
{
    uint64_t n = 0;
    for (const char *s = a; *s && n + 1 < sizeof refusal; s++)
        refusal[n++] = *s;
    for (const char *s = b; *s && n + 1 < sizeof refusal; s++)
        refusal[n++] = *s;
    refusal[n] = 0;
}

struct extension *ext_running(void) { return running; }

struct extension *ext_at(uint32_t i) { return i < EXT_MAX && exts[i].used ? &exts[i] : 0; }

static int same_name(const char *a, const char *b)
{
    uint64_t n = kstrnlen(a, DOMAIN_NAME_MAX);
    return n == kstrnlen(b, DOMAIN_NAME_MAX) && kmemcmp((const uint8_t *)a, (const uint8_t *)b, n) == 0;
}

struct extension *ext_find(const char *name)
{
    for (uint32_t i = 0; i < EXT_MAX; i++)
        if (exts[i].used && same_name(exts[i].name, name))
            return &exts[i];
    return 0;
}

/* Moves *s past spaces: whether a word follows before end. */
static int skip_spaces(const char **s, const char *end)
{
    while (*s < end && **s == ' ')
        (*s)++;
    return *s < end && **s != '\n';
}

/* Copies the word at *s (up to a space or newline) into out; 0 if it is
 * empty or too long. */
static int take_word(const char **s, const char *end, char *out)
{
    uint32_t n = 0;
    while (*s < end && **s == ' ')
        (*s)++;
    for (; *s < end && **s != ' ' && **s != '\n'; (*s)++) {
        if (n + 1 >= DOMAIN_NAME_MAX)
            return 0;
        out[n++] = **s;
    }
    out[n] = 0;
    return n > 0;
}

/* 64 hexadecimal digits at *s into out; 0 if they are not there. */
static int take_digest(const char **s, const char *end, uint8_t out[32])
{
    skip_spaces(s, end);
    for (uint32_t i = 0; i < 64; i++, (*s)++) {
        char c = *s < end ? **s : 0;
        int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
        if (v < 0)
            return 0;
        out[i / 2] = (uint8_t)(i % 2 ? out[i / 2] * 16 + v : v);
    }
    return 1;
}

static int line_is(const char *s, const char *eol, const char *key, uint32_t n)
{
    return eol - s > n && kmemcmp((const uint8_t *)s, (const uint8_t *)key, n) == 0;
}

/* "contract NAME DIGEST": the header of import NAME this was proved against. */
static const char *read_contract(const char *s, const char *eol, struct extension *e)
{
    char name[DOMAIN_NAME_MAX];
    if (!take_word(&s, eol, name))
        return "a contract line names no import";
    for (uint32_t k = 0; k < e->nimports; k++)
        if (same_name(e->imports[k], name)) {
            e->has_contract[k] = (uint8_t)take_digest(&s, eol, e->contract[k]);
            return e->has_contract[k] ? 0 : "a contract line has no SHA-256";
        }
    return "a contract line names something it does not import";
}

/* The manifest's name, imports and header digests; the rest (events,
 * handlers) was the admission tool's business. */
static const char *read_manifest(const struct package *p, struct extension *e)
{
    const char *s = (const char *)p->manifest, *end = s + p->manifest_len;
    e->name[0] = 0;
    e->nimports = 0;
    e->has_exports = 0;
    e->ncallable = 0;
    kmemset(e->has_contract, 0, sizeof e->has_contract);
    while (s < end) {
        const char *eol = s;
        while (eol < end && *eol != '\n')
            eol++;
        if (eol - s > 5 && kmemcmp((const uint8_t *)s, (const uint8_t *)"name ", 5) == 0) {
            s += 5;
            if (!take_word(&s, eol, e->name))
                return "the manifest's name is empty or too long";
        } else if (eol - s >= 7 && kmemcmp((const uint8_t *)s, (const uint8_t *)"imports", 7) == 0) {
            for (s += 7; skip_spaces(&s, eol);)
                if (e->nimports >= EXT_IMPORTS || !take_word(&s, eol, e->imports[e->nimports++]))
                    return "the manifest imports too many interfaces, or a name too long";
        } else if (line_is(s, eol, "exports ", 8)) {
            char header[DOMAIN_NAME_MAX];
            s += 8;
            if (!take_word(&s, eol, header) || !(e->has_exports = (uint8_t)take_digest(&s, eol, e->exports_digest)))
                return "the manifest's exports line has no SHA-256";
        } else if (line_is(s, eol, "contract ", 9)) {
            const char *why = read_contract(s + 9, eol, e);
            if (why)
                return why;
        } else if (line_is(s, eol, "callable ", 9)) {
            s += 9;
            if (e->ncallable >= EXT_CALLABLE || !take_word(&s, eol, e->callable[e->ncallable++]))
                return "the manifest lists too many callable exports, or a name too long";
        }
        s = eol + 1;
    }
    return e->name[0] ? 0 : "the manifest has no name";
}

int ext_callable(const struct extension *e, const char *symbol)
{
    for (uint32_t i = 0; i < e->ncallable; i++)
        if (same_name(e->callable[i], symbol))
            return 1;
    return 0;
}

static int is_interface(const char *name)
{
    for (uint32_t i = 0; i < kernel_module_count; i++)
        if (kernel_modules[i].for_extensions && same_name(kernel_modules[i].name, name))
            return 1;
    return 0;
}

/* Binds e's imports to exactly the domains its manifest names: extension
 * interfaces and loaded extensions, nothing else of the kernel. */
static const char *resolve_imports(struct extension *e)
{
    for (uint32_t i = 0; i < e->nimports; i++) {
        struct kdomain *src = domains_find(e->imports[i]);
        struct domain_fault f;
        const struct extension *from = ext_find(e->imports[i]);
        if (!src || (!is_interface(e->imports[i]) && !from)) {
            kprintf("ext %s: imports %s, which is not loaded\n", e->name, e->imports[i]);
            return "it imports a domain that is neither an extension interface nor a loaded extension";
        }
        if (from && !(e->has_contract[i] && from->has_exports &&
                      kmemcmp(e->contract[i], from->exports_digest, 32) == 0)) {
            kprintf("ext %s: was proved against another %s.h than the loaded %s exports\n", e->name,
                    e->imports[i], e->imports[i]);
            return "an imported extension's contracts are not the ones it was proved against";
        }
        if (domain_resolve(&src->d, &e->kd->d, &f) != DOMAIN_OK) {
            domains_print_fault(e->name, 0, 0, &f);
            return "an import cannot be bound";
        }
    }
    if (e->kd->d.unresolved)
        return "some of its imports are exported by none of the interfaces its manifest names";
    return 0;
}

/* Every handler or guard whose code lies in the extension's image. */
static void uninstall_all(const struct extension *e)
{
    uint64_t lo = (uint64_t)e->kd->d.image, hi = lo + e->kd->d.plan.image_size;
    for (uint32_t id = 0; id < kernel.events.nevents; id++) {
        struct event *ev = &kernel.events.ev[id];
        for (uint32_t i = ev->count; i-- > 0;) {
            const struct handler_entry *h = &ev->entry[i];
            uint64_t fn = (uint64_t)h->fn, guard = (uint64_t)h->guard;
            if (h->live && ((fn >= lo && fn < hi) || (guard >= lo && guard < hi)))
                event_uninstall(ev, h->fn, h->closure);
        }
    }
}

/* Every live reference in e's table: stale from now on. */
static void revoke_all(const struct extension *e)
{
    for (uint32_t j = 0; j < CAP_SLOTS; j++) {
        const struct cap_slot *s = &kernel.caps.slot[e->app * CAP_SLOTS + j];
        if (s->live)
            cap_revoke(&kernel.caps, e->app, (cap_ref_t)s->gen * CAP_TOTAL + e->app * CAP_SLOTS + j);
    }
}

struct extension *ext_of_code(uint64_t pc)
{
    for (uint32_t i = 0; i < EXT_MAX; i++) {
        const struct extension *e = &exts[i];
        uint64_t lo = e->used ? (uint64_t)e->kd->d.image : 0;
        if (e->used && pc >= lo && pc < lo + e->kd->d.plan.rx_size)
            return &exts[i];
    }
    return 0;
}

static void forget(struct extension *e)
{
    ext_strand_forget(e);
    ext_syscall_forget(e);
    uninstall_all(e);
    ext_vm_forget(e); /* its strands are dead and its handlers gone: nothing runs in its contexts */
    shell_help_drop(e->installer);
    revoke_all(e);
    domains_unload(e->kd);
    vmem_free(e->summary, e->summary_len);
    e->used = 0;
}

static uint64_t entry(const struct extension *e, const char *symbol)
{
    uint64_t addr;
    if (domain_lookup(&e->kd->d, (const uint8_t *)symbol, (uint32_t)kstrnlen(symbol, 16), &addr) != DOMAIN_OK)
        return 0;
    return addr;
}

static struct extension *free_ext(void)
{
    for (uint32_t i = 0; i < EXT_MAX; i++)
        if (!exts[i].used && !app_table_taken(1 + i)) /* its table is an application's */
            return &exts[i];
    return 0;
}

static struct extension *refuse(const char *name, const char *why)
{
    kprintf("ext %s: refused: %s\n", name, why);
    note_refusal(why, "");
    return 0;
}

/* Links e (its domain created) and runs its init. */
static const char *start(struct extension *e)
{
    const char *why = resolve_imports(e);
    if (why)
        return why;
    domains_seal(e->kd);
    uint64_t init = entry(e, "ext_init");
    if (!init)
        return "it exports no ext_init";
    running = e;
    int status = ((int (*)(void))init)();
    running = 0;
    return status == 0 ? 0 : "its ext_init returned nonzero";
}

struct extension *ext_load(const uint8_t *bytes, uint64_t len)
{
    struct package p;
    struct extension *e = free_ext();
    int err = package_open(bytes, len, admission_public_key, interface_digest, &p);
    if (err != PACKAGE_OK)
        return refuse("package", package_err_text(err));
    if (!e)
        return refuse("package", "too many extensions");
    const char *why = read_manifest(&p, e);
    if (why)
        return refuse("package", why);
    if (ext_find(e->name) || domains_find(e->name))
        return refuse(e->name, "that name is loaded already");
    e->kd = domains_load(e->name, p.object, p.object_len);
    if (!e->kd)
        return refuse(e->name, "its object is not a domain (see above)");
    e->installer = EXT_INSTALLER_BASE + (uint32_t)(e - exts);
    e->app = 1 + (uint32_t)(e - exts);
    e->summary = vmem_alloc(p.summary_len);
    e->summary_len = p.summary_len;
    if (e->summary)
        kmemcpy(e->summary, p.summary, p.summary_len);
    e->used = 1;
    why = e->summary ? start(e) : "out of memory";
    if (why) {
        forget(e);
        return refuse(e->name, why);
    }
    event_raise(dispatch_event(&kernel.events, kernel.loaded_event), e->name);
    return e;
}

static int imported_by_other(const struct extension *e)
{
    for (uint32_t i = 0; i < EXT_MAX; i++)
        for (uint32_t k = 0; exts[i].used && &exts[i] != e && k < exts[i].nimports; k++)
            if (same_name(exts[i].imports[k], e->name)) {
                kprintf("ext %s: not unloaded: %s imports it\n", e->name, exts[i].name);
                note_refusal(exts[i].name, " imports it");
                return 1;
            }
    return 0;
}

int ext_unload(const char *name)
{
    struct extension *e = ext_find(name);
    if (!e) {
        kprintf("ext %s: not loaded\n", name);
        note_refusal(name, " is not loaded");
        return -1;
    }
    if (imported_by_other(e))
        return -1;
    uint64_t fini = entry(e, "ext_fini");
    if (fini) {
        running = e;
        ((void (*)(void))fini)();
        running = 0;
    }
    forget(e);
    return 0;
}

/* "ext NAME" on a boot module's line. */
void ext_boot(void)
{
    uint32_t loaded = 0, refused = 0;
    for (uint32_t i = 0; i < kernel.boot.nmodules; i++) {
        const struct boot_module *m = &kernel.boot.modules[i];
        const char *line = (const char *)m->cmdline;
        if (kmemcmp((const uint8_t *)line, (const uint8_t *)"ext", 3) != 0 || (line[3] != ' ' && line[3] != 0))
            continue;
        if (ext_load(phys_to_virt(m->base), m->len))
            loaded++;
        else
            refused++;
    }
    kprintf("extensions: %u loaded, %u refused\n", loaded, refused);
}
