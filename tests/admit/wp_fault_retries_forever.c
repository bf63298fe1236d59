//! name fault_retries
//! imports phys translation virt
//! handler Translation.ProtectionFault on_protection
/* expect: wp_fault_retries_forever.c:30: rejected: this loop may not terminate */
/* A guard-like ProtectionFault handler that, instead of answering once,
 * retries the change of protection until the kernel accepts it: were the
 * refusal lasting (the page unmapped, a stale reference), it would spin
 * with interrupts off on the faulting strand forever. The fault handler
 * contract says it terminates; no variant can show this loop does. */
#include "spinel/phys.h"
#include "spinel/translation.h"
#include "spinel/virt.h"

static spinel_ref ctx, range;
static uint32_t ctx_number;
static uint64_t base;
static uint64_t tries;

/*@ requires \valid_read(f);
    terminates \true;
    assigns tries, SpinelServices, SpinelFuel;
*/
static uint64_t on_protection(void *closure, const struct spinel_fault *f)
{
    (void)closure;
    if (f->ctx != ctx_number)
        return 0;
    uint64_t page = f->vaddr & ~(uint64_t)4095;
    /*@ loop assigns tries, SpinelServices, SpinelFuel; */
    while (translation_protect(ctx, page, TRANSLATION_READ | TRANSLATION_WRITE) != SPINEL_OK) {
        spinel_spend();
        if (tries < UINT64_MAX)
            tries++;
    }
    return 1;
}

/*@ terminates \true;
    assigns ctx, range, ctx_number, base, tries, SpinelRefs, SpinelServices, SpinelEvents;
*/
int ext_init(void)
{
    tries = 0;
    if (translation_create(&ctx, &ctx_number) != SPINEL_OK || virt_alloc(ctx, 4096, 0, &range, &base) != SPINEL_OK)
        return 1;
    return translation_install_protection(on_protection);
}
