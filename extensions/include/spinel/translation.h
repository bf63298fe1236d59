/* Addressing contexts for extensions (interface "translation", SPIN's
 * Translation): contexts and their mappings of user pages to frames the
 * extension holds (phys.h), and the events Translation.PageNotPresent,
 * BadAddress and ProtectionFault, raised when a strand running in a
 * context faults.
 *
 * Authority: a context is reached only through the reference
 * translation_create gave, a frame only through its phys.h reference,
 * each checked against the calling extension's table
 * (SPINEL_ERR_BAD_REF). Nothing is ever mapped in the kernel's half, and
 * no mapping is writable and executable at once. Every refusal changes
 * nothing. At unload each context it holds is destroyed, with its
 * mappings, and the strands running in them are killed.
 *
 * Faults: a fault's handlers are only those of the context's holder (a
 * kernel guard). They run with interrupts off, on the faulting strand.
 * A handler resolves the fault by mapping a frame there, or by widening
 * the mapping's protection; then the access is tried again. Whether it
 * was resolved is read off the kernel's model after the handlers ran, not
 * off their answers: otherwise the strand is stopped, with a report. */
#ifndef SPINEL_EXT_TRANSLATION_H
#define SPINEL_EXT_TRANSLATION_H

#include <stdint.h>
#include "ext.h"
#include "refs.h"

/* Protections: a bit set. Write without execute, or execute without
 * write; every mapping is readable. */
#define TRANSLATION_READ 1u
#define TRANSLATION_WRITE 2u
#define TRANSLATION_EXEC 4u

/* The kinds of fault, one event each. */
enum spinel_fault_kind {
    SPINEL_FAULT_NOT_PRESENT = 0, /* Translation.PageNotPresent: inside a range, nothing mapped */
    SPINEL_FAULT_BAD_ADDRESS = 1, /* Translation.BadAddress: in no range */
    SPINEL_FAULT_PROTECTION = 2   /* Translation.ProtectionFault: mapped, but not for that access */
};

/* What a fault's handlers are given. */
struct spinel_fault {
    uint64_t vaddr;  /* the faulting address (not rounded to its page) */
    uint32_t access; /* TRANSLATION_READ, _WRITE or _EXEC: what was tried */
    uint32_t kind;   /* enum spinel_fault_kind */
    uint32_t ctx;    /* the context's number, as translation_create gave it */
    uint32_t owner;  /* its holder: the installer of the handlers that run */
};

/* A fault handler: closure is the kernel's (the installer's id). */
typedef uint64_t translation_handler(void *closure, const struct spinel_fault *f);

/* The handler contract of the three Translation events: it may call the
 * services (map a frame, change a protection, allocate a frame: which
 * writes SpinelServices and SpinelRefs), write its own globals and the
 * console; it may not keep f. The result is a hint: the kernel checks its
 * model. */
/*@ requires \valid_read(f);
    requires SpinelFuel >= SpinelBound;
    requires \separated(f, &SpinelStateAt);
    terminates \true;
    assigns SpinelState, SpinelConsole, SpinelFuel, SpinelRefs, SpinelServices;
*/
uint64_t translation_fault_contract(void *closure, const struct spinel_fault *f);

/* Installs h last on Translation.PageNotPresent (BadAddress,
 * ProtectionFault), run only for faults in this extension's contexts.
 * From init only. */
/*@ terminates \true;
    assigns SpinelEvents;
    ensures \result == SPINEL_OK || \result == SPINEL_ERR_DENIED || \result == SPINEL_ERR_DUPLICATE ||
            \result == SPINEL_ERR_FULL || \result == SPINEL_ERR_NOT_NOW || \result == SPINEL_ERR_QUOTA;
*/
int translation_install_not_present(translation_handler *h);
/*@ terminates \true;
    assigns SpinelEvents;
    ensures \result == SPINEL_OK || \result == SPINEL_ERR_DENIED || \result == SPINEL_ERR_DUPLICATE ||
            \result == SPINEL_ERR_FULL || \result == SPINEL_ERR_NOT_NOW || \result == SPINEL_ERR_QUOTA;
*/
int translation_install_bad_address(translation_handler *h);
/*@ terminates \true;
    assigns SpinelEvents;
    ensures \result == SPINEL_OK || \result == SPINEL_ERR_DENIED || \result == SPINEL_ERR_DUPLICATE ||
            \result == SPINEL_ERR_FULL || \result == SPINEL_ERR_NOT_NOW || \result == SPINEL_ERR_QUOTA;
*/
int translation_install_protection(translation_handler *h);

/* Uninstalls h from that event. From init or fini only. */
/*@ terminates \true;
    assigns SpinelEvents;
    ensures \result == SPINEL_OK || \result == SPINEL_ERR_ABSENT || \result == SPINEL_ERR_NOT_NOW;
*/
int translation_uninstall_not_present(translation_handler *h);
/*@ terminates \true;
    assigns SpinelEvents;
    ensures \result == SPINEL_OK || \result == SPINEL_ERR_ABSENT || \result == SPINEL_ERR_NOT_NOW;
*/
int translation_uninstall_bad_address(translation_handler *h);
/*@ terminates \true;
    assigns SpinelEvents;
    ensures \result == SPINEL_OK || \result == SPINEL_ERR_ABSENT || \result == SPINEL_ERR_NOT_NOW;
*/
int translation_uninstall_protection(translation_handler *h);

/* Translation.Create: a new empty context held by this extension; a
 * reference to it in *ctx, its number (as faults name it) in *number.
 * SPINEL_ERR_FULL: no free context, or this extension's table is full
 * (then nothing is created, and *ctx and *number are left alone). */
/*@ requires \valid(ctx) && \valid(number) && \separated(ctx, number);
    terminates \true;
    assigns *ctx, *number, SpinelRefs, SpinelServices;
    ensures \result == SPINEL_OK || \result == SPINEL_ERR_FULL || \result == SPINEL_ERR_BAD_REF;
    ensures \result != SPINEL_OK ==> *ctx == \old(*ctx) && *number == \old(*number);
*/
int translation_create(spinel_ref *ctx, uint32_t *number);

/* Translation.Destroy: the strands running in it killed, every mapping
 * of the context removed, its ranges released, and ctx (with the ranges'
 * references) stale. SPINEL_ERR_IN_USE: the calling strand runs in it (a
 * fault handler's). */
/*@ terminates \true;
    assigns SpinelRefs, SpinelServices;
    ensures \result == SPINEL_OK || \result == SPINEL_ERR_BAD_REF || \result == SPINEL_ERR_IN_USE;
*/
int translation_destroy(spinel_ref ctx);

/* AddMapping: the page at vaddr in ctx maps frame with prot.
 * SPINEL_ERR_BAD_REF: ctx or frame is not a live reference of this
 * extension's of that kind; SPINEL_ERR_UNALIGNED, SPINEL_ERR_KERNEL_HALF,
 * SPINEL_ERR_PROT, SPINEL_ERR_WX, SPINEL_ERR_MAPPED: as ext.h says;
 * SPINEL_ERR_FULL: the context's mappings are full. */
/*@ terminates \true;
    assigns SpinelServices;
    ensures \result == SPINEL_OK || \result == SPINEL_ERR_BAD_REF || \result == SPINEL_ERR_UNALIGNED ||
            \result == SPINEL_ERR_KERNEL_HALF || \result == SPINEL_ERR_PROT || \result == SPINEL_ERR_WX ||
            \result == SPINEL_ERR_MAPPED || \result == SPINEL_ERR_FULL;
*/
int translation_map(spinel_ref ctx, uint64_t vaddr, spinel_ref frame, uint32_t prot);

/* RemoveMapping: nothing is mapped at vaddr in ctx afterwards; the frame
 * stays held. */
/*@ terminates \true;
    assigns SpinelServices;
    ensures \result == SPINEL_OK || \result == SPINEL_ERR_BAD_REF || \result == SPINEL_ERR_UNALIGNED ||
            \result == SPINEL_ERR_KERNEL_HALF || \result == SPINEL_ERR_NOT_MAPPED;
*/
int translation_unmap(spinel_ref ctx, uint64_t vaddr);

/* ExamineMapping: the protection of the mapping at vaddr in ctx, in
 * *prot; SPINEL_ERR_NOT_MAPPED if there is none (then *prot is left
 * alone). */
/*@ requires \valid(prot);
    terminates \true;
    assigns *prot;
    ensures \result == SPINEL_OK || \result == SPINEL_ERR_BAD_REF || \result == SPINEL_ERR_UNALIGNED ||
            \result == SPINEL_ERR_KERNEL_HALF || \result == SPINEL_ERR_NOT_MAPPED;
    ensures \result != SPINEL_OK ==> *prot == \old(*prot);
*/
int translation_examine(spinel_ref ctx, uint64_t vaddr, uint32_t *prot);

/* A change of protection of the mapping at vaddr in ctx (same frame),
 * with AddMapping's refusals. */
/*@ terminates \true;
    assigns SpinelServices;
    ensures \result == SPINEL_OK || \result == SPINEL_ERR_BAD_REF || \result == SPINEL_ERR_UNALIGNED ||
            \result == SPINEL_ERR_KERNEL_HALF || \result == SPINEL_ERR_PROT || \result == SPINEL_ERR_WX ||
            \result == SPINEL_ERR_NOT_MAPPED;
*/
int translation_protect(spinel_ref ctx, uint64_t vaddr, uint32_t prot);

/* A test workload: the kernel's touch strand, owned by this extension, run
 * in ctx over every page of range (which must lie in ctx): it writes a
 * word to each page, reads it back, and prints
 * "touch: strand N: P pages written and read back" or where it stopped
 * (at most the first 64 pages: a context's mappings).
 * Its faults go to this extension's handlers. It is killed at unload.
 * SPINEL_ERR_BAD_REF: ctx or range is not this extension's, or range is
 * not in ctx; SPINEL_ERR_FULL: no free strand or stack. */
/*@ terminates \true;
    assigns SpinelServices;
    ensures \result == SPINEL_OK || \result == SPINEL_ERR_BAD_REF || \result == SPINEL_ERR_FULL;
*/
int translation_touch(spinel_ref ctx, spinel_ref range);

#endif
