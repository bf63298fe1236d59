/* The kernel's domains: module domains for its interfaces, and object
 * domains loaded from boot modules ("domain NAME" on the module's line),
 * resolved against the modules and each other, sealed W^X once whole. */
#ifndef SPINEL_DOMAINS_H
#define SPINEL_DOMAINS_H

#include <stdint.h>
#include "domain/domain.h"

#define DOMAINS_MAX 32

struct kdomain {
    struct domain d;
    uint8_t *meta;
    uint64_t meta_size;
    uint8_t used, sealed;
};

void domains_init(void);
/* Creates a domain from an object's bytes; prints the refusal if any. */
struct kdomain *domains_load(const char *name, const uint8_t *bytes, uint64_t len);
/* Resolves every unsealed object domain against the sealed ones, sealing
 * each once whole, until nothing changes. */
void domains_link_all(void);
/* Seals kd W^X: text RX, rodata and GOT R, data RW+NX. */
void domains_seal(struct kdomain *kd);
/* Frees an object domain's pages; nothing may still call into it. */
void domains_unload(struct kdomain *kd);
struct kdomain *domains_find(const char *name);
struct kdomain *domains_at(uint32_t i);
void domains_print_fault(const char *name, const uint8_t *bytes, uint64_t len, const struct domain_fault *f);

#endif
