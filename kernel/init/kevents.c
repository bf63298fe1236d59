/* The kernel's own events and capabilities at boot: Shell.Command, raised
 * for every command line, with a counting handler installed by the kernel;
 * Kernel.Probe, for the benchmarks; Ext.Loaded, raised when an extension
 * has started;
 * the shell (application 0) holds references to the events. */
#include "app/syscall.h"
#include "console.h"
#include "kernel.h"
#include "net/net.h"
#include "vm/vm.h"
#include "strand/strand_events.h"

/* The kernel's handlers are trusted code, admitted by being built in. */
static uint64_t count_command(void *closure, void *args)
{
    (void)args;
    (*(uint64_t *)closure)++;
    return 0;
}

/* Anyone may watch commands; the owner decides, as SPIN's authorisers. */
static int anyone(uint32_t event, uint32_t installer)
{
    (void)event;
    (void)installer;
    return 1;
}

static const struct event_decl shell_command = {
    .name = "Shell.Command",
    .prototype = "uint64_t handler(void *closure, const char *line)",
    .contract = "ShellCommandHandler",
    .owner = MODULE_SHELL,
    .policy = POLICY_ANY_TRUE,
    .authorise = anyone,
};

static const struct event_decl ext_loaded = {
    .name = "Ext.Loaded",
    .prototype = "uint64_t handler(void *closure, const char *name)",
    .contract = "LoadsHandler",
    .owner = MODULE_KERNEL,
    .policy = POLICY_LAST,
    .authorise = anyone,
};

static const struct event_decl kernel_probe = {
    .name = "Kernel.Probe",
    .prototype = "uint64_t handler(void *closure, void *args)",
    .contract = "ProbeHandler",
    .owner = MODULE_KERNEL,
    .policy = POLICY_LAST,
};

void kevents_init(struct kernel *k)
{
    uint32_t probe;
    cap_space_init(&k->caps);
    dispatch_init(&k->events);
    if (dispatch_declare(&k->events, &shell_command, &k->command_event) != DISPATCH_OK ||
        dispatch_declare(&k->events, &kernel_probe, &probe) != DISPATCH_OK ||
        dispatch_declare(&k->events, &ext_loaded, &k->loaded_event) != DISPATCH_OK)
        panic("events: cannot declare the kernel's events");
    vm_events_declare();
    strand_events_declare(k);
    syscall_events_declare(k);
    net_events_declare(k);
    int err = event_install(dispatch_event(&k->events, k->command_event), count_command, 0, &k->commands_seen, MODULE_KERNEL);
    if (err != DISPATCH_OK)
        panic("events: cannot install the command counter: error %d", err);
    for (uint32_t id = 0; id < k->events.nevents; id++) {
        cap_ref_t ref;
        err = cap_externalize(&k->caps, 0, &k->events.ev[id].obj, CAP_RIGHT_READ | CAP_RIGHT_CALL, &ref);
        if (err != CAP_OK)
            panic("caps: cannot externalize event %u: error %d", id, err);
    }
    uint32_t refs = cap_count_live(&k->caps, 0);
    kprintf("events: %u declared; capabilities: %u reference%s for the shell\n", k->events.nevents, refs,
            plural(refs));
}
