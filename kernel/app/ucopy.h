/* Copying between a ring-3 application's buffer and the kernel: the
 * trusted half of app/usercopy.h. The proved planner checks the buffer
 * against the live Translation model (vm.tr, vm.phys) and cuts it into one
 * piece per page; these copy the pieces through the physmap. Results are
 * enum uc_err's codes (UC_OK or the planner's refusal). */
#ifndef SPINEL_UCOPY_H
#define SPINEL_UCOPY_H

#include <stdint.h>
#include "app/usercopy.h"

/* len bytes from [uaddr, uaddr + len) of context ctx to dst, every page
 * mapped readable; on refusal dst is untouched. */
int user_copy_in(uint32_t ctx, void *dst, uint64_t uaddr, uint64_t len);
/* len bytes from src to [uaddr, uaddr + len) of context ctx, every page
 * mapped writable; on refusal not one byte of the buffer is written. */
int user_copy_out(uint32_t ctx, uint64_t uaddr, const void *src, uint64_t len);
/* Whether a copy of the whole buffer with need would be planned now (the
 * same answer as the copy's): a call that copies a long buffer piecewise
 * checks it first, so a bad buffer has no effect at all. */
int user_check(uint32_t ctx, uint64_t uaddr, uint64_t len, uint32_t need);

#endif
