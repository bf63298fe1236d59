/* Freestanding memory and string helpers used by the kernel. */
#ifndef SPINEL_KSTRING_H
#define SPINEL_KSTRING_H

#include <stddef.h>
#include <stdint.h>

/* TODO(contract) */
void kmemset(uint8_t *dst, uint8_t c, size_t n);
void kmemcpy(uint8_t *dst, const uint8_t *src, size_t n);
void kmemmove(uint8_t *dst, const uint8_t *src, size_t n);
int kmemcmp(const uint8_t *a, const uint8_t *b, size_t n);
size_t kstrnlen(const char *s, size_t max);

#endif
