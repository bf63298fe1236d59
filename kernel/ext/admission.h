/* What the kernel checks certificates with, generated at build time
 * (extensions/admit/keygen.py): the public half of the machine's signing
 * key (the private half never enters the tree or the image), and the
 * digest of the interface headers extensions are proved against. */
#ifndef SPINEL_ADMISSION_H
#define SPINEL_ADMISSION_H

#include <stdint.h>
#include "crypto/lms.h"

extern const uint8_t admission_public_key[LMS_PUBLIC_LEN];
extern const uint8_t interface_digest[32];

#endif
