/* The VM services' events. Their handlers run only for their own: a
 * kernel guard, installed with each extension handler, lets a fault's
 * handler run only if its installer owns the faulting context, and a
 * Reclaim handler only if its installer holds the candidate (ext_vm.c).
 * With no handler the default keeps today's behaviour: a fault is
 * reported and the strand stopped (vm_fault), a Reclaim takes nothing. */
#include "console.h"
#include "kernel.h"
#include "vm/vm.h"
#include "vm/vm_internal.h"

static int anyone(uint32_t event, uint32_t installer)
{
    (void)event;
    (void)installer;
    return 1;
}

#define FAULT_EVENT(event_name, contract_name)                                   \
    {                                                                            \
        .name = event_name,                                                      \
        .prototype = "uint64_t handler(void *closure, const struct spinel_fault *f)", \
        .contract = contract_name, .owner = MODULE_KERNEL, .policy = POLICY_ANY_TRUE, \
        .authorise = anyone,                                                     \
    }

static const struct event_decl fault_events[VM_FAULT_KINDS] = {
    FAULT_EVENT("Translation.PageNotPresent", "TranslationFaultHandler"),
    FAULT_EVENT("Translation.BadAddress", "TranslationFaultHandler"),
    FAULT_EVENT("Translation.ProtectionFault", "TranslationFaultHandler"),
};

static const struct event_decl reclaim_event = {
    .name = "PhysAddr.Reclaim",
    .prototype = "uint64_t handler(void *closure, struct spinel_reclaim *r)",
    .contract = "PhysReclaimHandler",
    .owner = MODULE_KERNEL,
    .policy = POLICY_ANY_TRUE,
    .authorise = anyone,
};

void vm_events_declare(void)
{
    int err = dispatch_declare(&kernel.events, &reclaim_event, &vm.reclaim_event);
    for (uint32_t k = 0; k < VM_FAULT_KINDS && err == DISPATCH_OK; k++)
        err = dispatch_declare(&kernel.events, &fault_events[k], &vm.fault_event[k]);
    if (err != DISPATCH_OK)
        panic("vm: cannot declare its events: error %d", err);
}
