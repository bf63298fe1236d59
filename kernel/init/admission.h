/* What the kernel checks certificates with, generated at build time
 * (extensions/admit/keygen.py): the admission key, which never enters
 * git, and the digest of the interface headers extensions are proved
 * against. */
#ifndef SPINEL_ADMISSION_H
#define SPINEL_ADMISSION_H

#include <stdint.h>

extern const uint8_t admission_key[32];
extern const uint8_t interface_digest[32];

#endif
