/* What every extension is: an init that installs its handlers, an
 * optional fini that releases what it holds, and the ghost state their
 * contracts name. Read extensions/README.md first. */
#ifndef SPINEL_EXT_H
#define SPINEL_EXT_H

#include <stdint.h>

/* The most loop iterations any one call of an entry point (init, fini, a
 * handler or a guard) may make: an extension whose manifest asks for more
 * is refused. eBPF bounds a program at 1 M instructions; Spinel proves its
 * bound. */
#define SPINEL_FUEL_BUDGET 1048576

#include "ext/ext.acsl"

/* One loop iteration's fuel: every loop body of an extension begins with
 * spinel_spend(); (the gate refuses any other loop). Empty for gcc, a
 * ghost decrement for WP, which must prove the fuel suffices. */
/*@ requires SpinelFuel >= 1;
    terminates \true;
    assigns SpinelFuel;
    ensures SpinelFuel == \old(SpinelFuel) - 1;
*/
static inline void spinel_spend(void)
{
    /*@ ghost SpinelFuel = SpinelFuel - 1; */
}

/* Results of the interface calls. */
enum spinel_err {
    SPINEL_OK = 0,
    SPINEL_ERR_DENIED = 1,    /* the event's owner does not let this extension install */
    SPINEL_ERR_DUPLICATE = 2, /* that handler is installed already */
    SPINEL_ERR_FULL = 3,      /* the event's handler table is full */
    SPINEL_ERR_ABSENT = 4,    /* uninstall of a handler not installed */
    SPINEL_ERR_NOT_NOW = 5,   /* handlers are installed from init or fini only */
    SPINEL_ERR_NO_SUCH = 6,   /* no object of that name */
    SPINEL_ERR_BAD_REF = 7,   /* not a live reference of this extension's, with the right asked for */
    SPINEL_ERR_QUOTA = 8,     /* this extension has SPINEL_HANDLER_QUOTA handlers on that event already */
    /* The VM services' refusals (phys.h, virt.h, translation.h): each
     * changes nothing. */
    SPINEL_ERR_NO_MEMORY = 9,    /* no free frame (after Reclaim), or no room for the range */
    SPINEL_ERR_UNALIGNED = 10,   /* the address is not the start of a page */
    SPINEL_ERR_KERNEL_HALF = 11, /* the address is in the kernel's half */
    SPINEL_ERR_PROT = 12,        /* unknown protection bits, or no access at all */
    SPINEL_ERR_WX = 13,          /* writable and executable at once */
    SPINEL_ERR_MAPPED = 14,      /* something is mapped at that address already */
    SPINEL_ERR_NOT_MAPPED = 15,  /* nothing is mapped at that address */
    SPINEL_ERR_IN_USE = 16,      /* a mapping still names the frame */
    SPINEL_ERR_INVALID = 17,     /* a size or attribute the service does not take */
    SPINEL_ERR_TAKEN = 18        /* another extension serves that system call number (syscall.h) */
};

/* Handlers one extension may have installed on one event: no extension
 * can fill an event's table (16) and lock out the next. */
#define SPINEL_HANDLER_QUOTA 4

/* The contract every extension's init meets (the admission tool proves
 * ext_init against it through a generated wrapper): it terminates, and
 * makes at most SpinelBound loop iterations (SpinelFuel), and writes only
 * the extension's own globals (SpinelState), the console, the event tables,
 * its capability table and the VM services' state (SpinelServices). 0
 * means ready; anything else refuses the load, and the kernel uninstalls
 * whatever init installed. */
/*@ requires SpinelFuel >= SpinelBound;
    terminates \true;
    assigns SpinelState, SpinelConsole, SpinelEvents, SpinelRefs, SpinelServices, SpinelFuel;
*/
int ext_init_contract(void);

/* The same for the optional fini, run at unload before the kernel
 * uninstalls what remains and frees the extension's memory. */
/*@ requires SpinelFuel >= SpinelBound;
    terminates \true;
    assigns SpinelState, SpinelConsole, SpinelEvents, SpinelRefs, SpinelServices, SpinelFuel;
*/
void ext_fini_contract(void);

#endif
