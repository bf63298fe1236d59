/* The kernel's side of the extension interface (extensions/include/spinel/):
 * what the interface domains "print", "shell", "loads" and "refs" export. Trusted, like
 * every kernel function an extension's proof assumes the contract of. */
#include "console.h"
#include "ext/ext.h"
#include "ext/ext_install.h"
#include "kernel.h"
#include "lib/kstring.h"
#include "shell/shell_help.h"
#include "spinel/refs.h"
#include "spinel/loads.h"
#include "spinel/print.h"
#include "spinel/shell.h"

void print_text(const char *s, uint32_t len)
{
    for (uint32_t i = 0; i < len && s[i]; i++)
        kprintf("%c", s[i]);
}

void print_u64(uint64_t v) { kprintf("%lu", v); }

void print_hex(uint64_t v) { kprintf("0x%lx", v); }

static int install(uint32_t event, handler_fn h, guard_fn g)
{
    return ext_install_handler(event, h, g, EXT_CLOSURE_NONE);
}

static int uninstall(uint32_t event, handler_fn h) { return ext_uninstall_handler(event, h, EXT_CLOSURE_NONE); }

int shell_install(shell_handler *h, shell_guard *g)
{
    return install(kernel.command_event, (handler_fn)h, (guard_fn)g);
}

int shell_uninstall(shell_handler *h) { return uninstall(kernel.command_event, (handler_fn)h); }

int shell_help(const char *name, uint32_t name_len, const char *text, uint32_t text_len)
{
    const struct extension *e = ext_running();
    if (!e)
        return SPINEL_ERR_NOT_NOW;
    return shell_help_add(e->installer, name, name_len, text, text_len);
}

int loads_install(loads_handler *h) { return install(kernel.loaded_event, (handler_fn)h, 0); }

int loads_uninstall(loads_handler *h) { return uninstall(kernel.loaded_event, (handler_fn)h); }

int shell_word(const char *line, const char *word, uint32_t len)
{
    return kstrnlen(line, SHELL_LINE_MAX) >= len && kmemcmp((const uint8_t *)line, (const uint8_t *)word, len) == 0 &&
           (line[len] == ' ' || line[len] == '\0');
}

const char *shell_args(const char *line)
{
    uint32_t i = 0;
    while (i + 1 < SHELL_LINE_MAX && line[i] && line[i] != ' ')
        i++;
    while (i + 1 < SHELL_LINE_MAX && line[i] == ' ')
        i++;
    return line + i;
}

#define CALLER() EXT_CALLER()

static struct event *event_named(const char *name, uint32_t len)
{
    for (uint32_t id = 0; id < kernel.events.nevents; id++) {
        struct event *ev = &kernel.events.ev[id];
        if (kstrnlen(ev->name, 64) == len && kmemcmp((const uint8_t *)ev->name, (const uint8_t *)name, len) == 0)
            return ev;
    }
    return 0;
}

int refs_event(const char *name, uint32_t len, spinel_ref *ref)
{
    const struct extension *e = CALLER();
    struct event *ev = event_named(name, len);
    cap_ref_t r;
    if (!e)
        return SPINEL_ERR_BAD_REF;
    if (!ev)
        return SPINEL_ERR_NO_SUCH;
    if (cap_externalize(&kernel.caps, e->app, &ev->obj, CAP_RIGHT_READ | CAP_RIGHT_CALL, &r) != CAP_OK)
        return SPINEL_ERR_FULL;
    *ref = r;
    return SPINEL_OK;
}

int refs_raises(spinel_ref ref, uint64_t *raises)
{
    const struct extension *e = CALLER();
    struct kobject *obj;
    if (!e || cap_internalize(&kernel.caps, e->app, ref, CAP_EVENT, CAP_RIGHT_READ, &obj) != CAP_OK)
        return SPINEL_ERR_BAD_REF;
    /* obj is the event's first member: the event itself. */
    *raises = ((const struct event *)obj)->raises;
    return SPINEL_OK;
}

int refs_drop(spinel_ref ref)
{
    const struct extension *e = CALLER();
    return e && cap_revoke(&kernel.caps, e->app, ref) == CAP_OK ? SPINEL_OK : SPINEL_ERR_BAD_REF;
}
