/* Applications: see app.h. Trusted runtime, like kernel/vm: the proved
 * exec_plan decides what an executable maps, the VM services (proved
 * models) decide every frame and mapping; this file only sequences them.
 * An application's resources are all held under its owner id, so its end
 * returns everything with one vm_release_owner, after its strand is dead
 * (a context cannot be destroyed while a strand runs in it). */
#include "app/app.h"
#include "app/exec.h"
#include "app/port.h"
#include "app/ucopy.h"
#include "arch.h"
#include "console.h"
#include "ext/ext.h"
#include "kernel.h"
#include "lib/kstring.h"
#include "paging.h"
#include "spinel/abi.h"
#include "strand/runtime.h"
#include "vm/vm.h"

struct image {
    char name[APP_NAME_MAX];
    const uint8_t *bytes;
    uint64_t len;
};

static struct image images[APP_IMAGES];
static uint32_t nimages;
static struct app apps[APP_RUNNING];

static int same(const char *a, const char *b, uint32_t len)
{
    return len < APP_NAME_MAX && kstrnlen(a, APP_NAME_MAX) == len && kmemcmp((const uint8_t *)a, (const uint8_t *)b, len) == 0;
}

static const struct image *image_named(const char *name, uint32_t len)
{
    for (uint32_t i = 0; i < nimages; i++)
        if (same(images[i].name, name, len))
            return &images[i];
    return 0;
}

static void register_image(const char *name, uint32_t len, const uint8_t *bytes, uint64_t n)
{
    struct image *im = &images[nimages++];
    kmemcpy((uint8_t *)im->name, (const uint8_t *)name, len);
    im->name[len] = 0;
    im->bytes = bytes;
    im->len = n;
}

int app_add(const char *name, uint32_t len, const uint8_t *bytes, uint64_t n, int32_t *at)
{
    *at = EXEC_NOWHERE;
    /* Names the shell can type (run NAME): printable, no space. */
    if (len == 0 || len >= APP_NAME_MAX)
        return APP_ERR_NAME;
    for (uint32_t i = 0; i < len; i++)
        if (name[i] <= ' ' || name[i] > '~')
            return APP_ERR_NAME;
    struct exec_plan plan;
    int err = exec_plan(bytes, n, &plan);
    *at = plan.at;
    if (err != EXEC_OK)
        return err;
    const struct image *known = image_named(name, len);
    if (known)
        return known->len == n && kmemcmp(known->bytes, bytes, n) == 0 ? APP_ERR_KNOWN : APP_ERR_TAKEN;
    if (nimages == APP_IMAGES)
        return APP_ERR_FULL;
    register_image(name, len, bytes, n);
    return APP_OK;
}

void app_boot(void)
{
    uint32_t refused = 0;
    for (uint32_t i = 0; i < kernel.boot.nmodules; i++) {
        const struct boot_module *m = &kernel.boot.modules[i];
        const char *line = (const char *)m->cmdline;
        if (kmemcmp((const uint8_t *)line, (const uint8_t *)"app ", 4) != 0)
            continue;
        const char *name = line + 4;
        const uint8_t *bytes = phys_to_virt(m->base);
        int32_t at;
        int err = app_add(name, (uint32_t)kstrnlen(name, APP_NAME_MAX), bytes, m->len, &at);
        if (err == APP_OK)
            continue;
        int file = err >= EXEC_ERR_SHORT && err < EXEC_ERR_LIMIT;
        if (file && at != EXEC_NOWHERE)
            kprintf("app %s: refused: program header %d: %s (error %d)\n", name, at, exec_err_text(err), err);
        else if (file)
            kprintf("app %s: refused: %s (error %d)\n", name, exec_err_text(err), err);
        else
            kprintf("app %s: refused: %s\n", name, app_err_text(err));
        refused++;
    }
    uint64_t p = arch_user_protections();
    kprintf("applications: %u known, %u refused; ring 3 with SMEP %s, SMAP %s\n", nimages, refused,
            p & ARCH_SMEP ? "on" : "off (not in this CPU)", p & ARCH_SMAP ? "on" : "off (not in this CPU)");
}

int app_table_taken(uint32_t t)
{
    for (uint32_t i = 0; i < APP_RUNNING; i++)
        if (apps[i].used && apps[i].table == t)
            return 1;
    return 0;
}

/* A reference table no extension and no application uses, from the top
 * (extensions take theirs from the bottom, 1 + their slot). */
static uint32_t free_table(void)
{
    for (uint32_t t = CAP_APPS - 1; t > 0; t--)
        if (!ext_at(t - 1) && !app_table_taken(t))
            return t;
    return 0;
}

/* The file's bytes that fall in user page v of segment s, into frame
 * paddr (zeroed): the rest of the page stays zero (.bss). */
static void fill_page(const struct exec_segment *s, const uint8_t *file, uint64_t v, uint64_t paddr)
{
    uint64_t lo = s->vaddr > v ? s->vaddr : v;
    uint64_t hi = s->vaddr + s->filesz < v + TR_PAGE_SIZE ? s->vaddr + s->filesz : v + TR_PAGE_SIZE;
    if (lo < hi)
        kmemcpy((uint8_t *)phys_to_virt(paddr) + (lo - v), file + s->offset + (lo - s->vaddr), hi - lo);
}

/* A fresh zeroed frame of a's, filled by fill (or left zero), mapped at v. */
static int map_page(const struct app *a, uint64_t v, uint32_t prot, const struct exec_segment *s, const uint8_t *file)
{
    uint32_t page;
    int r = vm_phys_alloc(a->owner, PHYS_ATTR_ZERO, &page);
    if (r != PHYS_OK)
        return r;
    if (s)
        fill_page(s, file, v, phys_address(&vm.phys, &kernel.frames, page));
    r = vm_map(a->owner, a->ctx, v, page, prot);
    if (r != TR_OK)
        vm_phys_free(a->owner, page);
    return r;
}

static uint64_t pages_of(const struct exec_segment *s)
{
    uint64_t lo = s->vaddr & ~(uint64_t)(TR_PAGE_SIZE - 1);
    return (s->vaddr + s->memsz - lo + TR_PAGE_SIZE - 1) / TR_PAGE_SIZE;
}

/* Every segment's pages (the file's bytes copied before the page is
 * mapped: an executable page is sealed from then on), then the stack. */
static int map_image(const struct app *a, const struct exec_plan *plan, const uint8_t *file)
{
    uint64_t total = SYS_STACK_PAGES;
    for (uint32_t k = 0; k < plan->count; k++)
        total += pages_of(&plan->seg[k]);
    if (total > TR_MAPPINGS)
        return APP_ERR_TOO_BIG;
    for (uint32_t k = 0; k < plan->count; k++) {
        const struct exec_segment *s = &plan->seg[k];
        uint64_t lo = s->vaddr & ~(uint64_t)(TR_PAGE_SIZE - 1);
        for (uint64_t i = 0; i < pages_of(s); i++) {
            int r = map_page(a, lo + i * TR_PAGE_SIZE, s->prot, s, file);
            if (r != 0)
                return r;
        }
    }
    for (uint64_t i = 1; i <= SYS_STACK_PAGES; i++) {
        int r = map_page(a, SYS_STACK_TOP - i * TR_PAGE_SIZE, TR_PROT_READ | TR_PROT_WRITE, 0, 0);
        if (r != 0)
            return r;
    }
    return 0;
}

/* The start of the stack as the System V ABI starts a process (abi.h):
 * argc, argv[] and a null pointer at the 16-byte aligned *sp, the
 * strings above them, up to SYS_STACK_TOP. */
struct start_block {
    uint64_t vector[SYS_ARGS + 3]; /* argc, argv[0 .. argc-1], null */
    char strings[APP_NAME_MAX + SYS_ARGS_BYTES];
};

/* The name, then each word of args (spaces apart), into b's strings;
 * the number of words in all, or 0 if there are too many or too long. */
static uint32_t split_args(struct start_block *b, const char *name, const char *args, uint32_t *bytes,
                           uint32_t *start)
{
    uint32_t n = (uint32_t)kstrnlen(name, APP_NAME_MAX) + 1, words = 1;
    kmemcpy((uint8_t *)b->strings, (const uint8_t *)name, n);
    start[0] = 0;
    for (const char *c = args ? args : ""; *c;) {
        if (*c == ' ') {
            c++;
            continue;
        }
        if (words == SYS_ARGS + 1)
            return 0;
        start[words++] = n;
        while (*c && *c != ' ') {
            if (n + 2 - start[1] > SYS_ARGS_BYTES) /* this byte and the NUL */
                return 0;
            b->strings[n++] = *c++;
        }
        b->strings[n++] = 0;
    }
    *bytes = n;
    return words;
}

static int push_args(struct app *a, const char *args)
{
    struct start_block b;
    uint32_t bytes, start[SYS_ARGS + 1];
    uint32_t argc = split_args(&b, a->name, args, &bytes, start);
    if (!argc)
        return APP_ERR_ARGS;
    uint64_t strings = SYS_STACK_TOP - bytes;
    a->sp = (strings - (argc + 2) * 8) & ~(uint64_t)15;
    b.vector[0] = argc;
    for (uint32_t i = 0; i < argc; i++)
        b.vector[1 + i] = strings + start[i];
    b.vector[1 + argc] = 0;
    if (user_copy_out(a->ctx, a->sp, b.vector, (argc + 2) * 8) != UC_OK ||
        user_copy_out(a->ctx, strings, b.strings, bytes) != UC_OK)
        return APP_ERR_ARGS; /* not reached: the stack pages are mapped and writable */
    return APP_OK;
}

static void app_start(void *arg)
{
    const struct app *a = arg;
    arch_enter_user(a->entry, a->sp);
}

/* Everything a held, returned: its strand is dead, or never ran. */
static void release(struct app *a)
{
    port_release(a);
    vm_release_owner(a->owner);
    for (uint32_t j = 0; j < CAP_SLOTS; j++) {
        const struct cap_slot *s = &kernel.caps.slot[a->table * CAP_SLOTS + j];
        if (s->live)
            cap_revoke(&kernel.caps, a->table, (cap_ref_t)s->gen * CAP_TOTAL + a->table * CAP_SLOTS + j);
    }
    a->used = 0;
}

static void reaped(void *arg) { release(arg); }

static int start(struct app *a, const struct image *im, const char *args)
{
    struct exec_plan plan;
    int r = exec_plan(im->bytes, im->len, &plan);
    if (r != EXEC_OK)
        return r;
    a->entry = plan.entry;
    if ((r = vm_ctx_create(a->owner, &a->ctx)) != TR_OK)
        return r;
    if ((r = map_image(a, &plan, im->bytes)) != 0 || (r = push_args(a, args)) != APP_OK)
        return r;
    /* Interrupts off: the strand must not run before it is in its context. */
    uint64_t flags = arch_irq_save();
    r = strand_spawn(a->name, app_start, a, a->owner, &a->strand);
    if (r == SCHED_OK && (r = strand_set_context(a->strand, a->ctx)) == SCHED_OK)
        strand_on_reap(a->strand, reaped, a);
    else if (r != SCHED_OK && a->strand < STRANDS)
        strand_kill(a->strand);
    arch_irq_restore(flags);
    return r == SCHED_OK ? APP_OK : APP_ERR_NO_STRAND;
}

int app_run(const char *name, uint32_t len, const char *args, uint32_t *strand)
{
    const struct image *im = image_named(name, len);
    if (!im)
        return APP_ERR_NO_SUCH;
    strand_collect(); /* applications that ended give their resources back */
    struct app *a = 0;
    for (uint32_t i = 0; i < APP_RUNNING && !a; i++)
        if (!apps[i].used)
            a = &apps[i];
    if (!a)
        return APP_ERR_BUSY;
    *a = (struct app){ .owner = APP_OWNER_BASE + (uint32_t)(a - apps), .table = free_table(), .strand = STRANDS,
                       .used = 1 };
    kmemcpy((uint8_t *)a->name, (const uint8_t *)im->name, APP_NAME_MAX);
    if (!a->table) {
        a->used = 0;
        return APP_ERR_NO_TABLE;
    }
    int r = start(a, im, args);
    if (r != APP_OK) {
        release(a);
        return r;
    }
    *strand = a->strand;
    return APP_OK;
}

struct app *app_on_strand(uint32_t index)
{
    for (uint32_t i = 0; i < APP_RUNNING; i++)
        if (apps[i].used && apps[i].strand == index)
            return &apps[i];
    return 0;
}

struct app *app_current(void) { return app_on_strand(strand_self()); }

_Noreturn void app_exit(const struct app *a, int64_t code)
{
    kprintf("app %s: exited with %ld\n", a->name, code);
    /* Its callers learn now, not at its reaping, that no answer comes. */
    uint64_t flags = arch_irq_save();
    port_release(a);
    arch_irq_restore(flags);
    strand_exit();
}

uint32_t app_images(const char **names, uint32_t n)
{
    uint32_t k = 0;
    for (uint32_t i = 0; i < nimages && k < n; i++)
        names[k++] = images[i].name;
    return k;
}

uint32_t app_running(struct app *out, uint32_t n)
{
    strand_collect();
    uint32_t k = 0;
    for (uint32_t i = 0; i < APP_RUNNING && k < n; i++)
        if (apps[i].used)
            out[k++] = apps[i];
    return k;
}

const char *app_err_text(int code)
{
    switch (code) {
    case APP_ERR_NO_SUCH: return "no such application";
    case APP_ERR_BUSY: return "too many applications running";
    case APP_ERR_NO_TABLE: return "no reference table is free";
    case APP_ERR_NO_STRAND: return "no strand is free";
    case APP_ERR_TOO_BIG: return "more pages than a context maps";
    case APP_ERR_NAME: return "the name is empty, over 15 bytes, or not printable";
    case APP_ERR_TAKEN: return "that name is taken by another executable";
    case APP_ERR_KNOWN: return "that executable is known already";
    case APP_ERR_FULL: return "too many applications";
    case APP_ERR_ARGS: return "more than 8 arguments, or over 128 bytes of them";
    default: return code >= EXEC_ERR_SHORT && code < EXEC_ERR_LIMIT ? exec_err_text(code) : vm_err_text(code);
    }
}
