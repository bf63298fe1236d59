/* The Ext.Loaded event for extensions (interface "loads"): raised with an
 * extension's name each time one has been loaded and its init has run. */
#ifndef SPINEL_LOADS_H
#define SPINEL_LOADS_H

#include <stdint.h>
#include "ext.h"

/* A handler: closure is always null for extensions; name is the loaded
 * extension's (at most 31 bytes and its NUL). */
typedef uint64_t loads_handler(void *closure, const char *name);

/* The handler contract of Ext.Loaded (LoadsHandler). It may write its own
 * globals and the console; it may not keep name. */
/*@ requires ShellLine(name);
    requires SpinelFuel >= SpinelBound;
    requires \separated(name + (0 .. 127), &SpinelStateAt);
    terminates \true;
    assigns SpinelState, SpinelConsole, SpinelFuel;
*/
uint64_t loads_handler_contract(void *closure, const char *name);

/* Installs h last on Ext.Loaded, unguarded. From init only. */
/*@ terminates \true;
    assigns SpinelEvents;
    ensures \result == SPINEL_OK || \result == SPINEL_ERR_DENIED || \result == SPINEL_ERR_DUPLICATE ||
            \result == SPINEL_ERR_FULL || \result == SPINEL_ERR_NOT_NOW || \result == SPINEL_ERR_QUOTA;
*/
int loads_install(loads_handler *h);

/* Uninstalls h. From init or fini only. */
/*@ terminates \true;
    assigns SpinelEvents;
    ensures \result == SPINEL_OK || \result == SPINEL_ERR_ABSENT || \result == SPINEL_ERR_NOT_NOW;
*/
int loads_uninstall(loads_handler *h);

#endif
