/* TEMP (lead's test copy; the helper's version replaces it). */
#ifndef SPINEL_UCOPY_H
#define SPINEL_UCOPY_H
#include <stdint.h>
#include "app/usercopy.h"
int user_check(uint32_t ctx, uint64_t uaddr, uint64_t len, uint32_t need);
int user_copy_in(uint32_t ctx, void *dst, uint64_t uaddr, uint64_t len);
int user_copy_out(uint32_t ctx, uint64_t uaddr, const void *src, uint64_t len);
#endif
