/* Capabilities for extensions (interface "refs"): references to kernel
 * objects in the extension's own table, unforgeable: the kernel checks
 * each one on use against the table of the extension that calls (it
 * knows the caller by the code address the call came from), and revokes
 * them all when the extension is unloaded. Today the objects are events. */
#ifndef SPINEL_REFS_H
#define SPINEL_REFS_H

#include <stdint.h>
#include "ext.h"

/* An externalized reference: a number that means something only in the
 * table of the extension it was issued to, and only until revoked. */
typedef uint64_t spinel_ref;

/* A reference, with the rights to read and raise, to the event named by
 * the len bytes at name (e.g. "Shell.Command"), issued into this
 * extension's table. */
/*@ requires \valid_read(name + (0 .. len - 1)) && \valid(ref);
    terminates \true;
    assigns *ref, SpinelRefs;
    ensures \result == SPINEL_OK || \result == SPINEL_ERR_NO_SUCH || \result == SPINEL_ERR_FULL ||
            \result == SPINEL_ERR_BAD_REF;
*/
int refs_event(const char *name, uint32_t len, spinel_ref *ref);

/* refs_event with a string literal. */
#define refs_event_named(literal, ref) refs_event((literal), sizeof(literal) - 1, (ref))

/* How many times the event ref names has been raised, if ref is a live
 * reference with the read right in this extension's table; otherwise
 * SPINEL_ERR_BAD_REF (forged, revoked, another extension's, or not an
 * event) and *raises is left alone. */
/*@ requires \valid(raises);
    terminates \true;
    assigns *raises;
    ensures \result == SPINEL_OK || \result == SPINEL_ERR_BAD_REF;
    ensures \result != SPINEL_OK ==> *raises == \old(*raises);
*/
int refs_raises(spinel_ref ref, uint64_t *raises);

/* Revokes ref: it, and any copy of it, is stale from now on. */
/*@ terminates \true;
    assigns SpinelRefs;
    ensures \result == SPINEL_OK || \result == SPINEL_ERR_BAD_REF;
*/
int refs_drop(spinel_ref ref);

#endif
