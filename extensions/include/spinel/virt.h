/* Virtual address ranges for extensions (interface "virt", SPIN's
 * VirtAddr): ranges of addresses in a translation context the extension
 * holds (translation.h), each a reference in its own table. A range only
 * reserves addresses: a fault inside one is Translation.PageNotPresent,
 * outside every range Translation.BadAddress. At unload every range it
 * holds is released. */
#ifndef SPINEL_EXT_VIRT_H
#define SPINEL_EXT_VIRT_H

#include <stdint.h>
#include "ext.h"
#include "refs.h"

/* Attributes: an unmapped guard page after the range, so that a run off
 * its end is a BadAddress fault, never the next range. */
#define VIRT_GUARD 1u

/* VirtAddr.Allocate: size bytes (rounded up to whole pages, at most
 * 256 GiB) in the context ctx names, first fit above 1 GiB in the user
 * half; a reference to the range in *range, its first address in *base.
 * SPINEL_ERR_BAD_REF: ctx is not a live context reference of this
 * extension's; SPINEL_ERR_INVALID: size 0 or too large, or an unknown
 * attribute; SPINEL_ERR_NO_MEMORY: no room in the context;
 * SPINEL_ERR_FULL: the kernel's range table or this extension's
 * reference table is full. On refusal *range and *base are left alone. */
/*@ requires \valid(range) && \valid(base) && \separated(range, base);
    terminates \true;
    assigns *range, *base, SpinelRefs, SpinelServices;
    ensures \result == SPINEL_OK || \result == SPINEL_ERR_BAD_REF || \result == SPINEL_ERR_INVALID ||
            \result == SPINEL_ERR_NO_MEMORY || \result == SPINEL_ERR_FULL;
    ensures \result != SPINEL_OK ==> *range == \old(*range) && *base == \old(*base);
*/
int virt_alloc(spinel_ref ctx, uint64_t size, uint32_t attrib, spinel_ref *range, uint64_t *base);

/* VirtAddr.Deallocate: the addresses are free again (mappings in them are
 * not removed: that is Translation's), and range is stale. */
/*@ terminates \true;
    assigns SpinelRefs, SpinelServices;
    ensures \result == SPINEL_OK || \result == SPINEL_ERR_BAD_REF;
*/
int virt_free(spinel_ref range);

#endif
