/* Page tables of translation contexts (kernel/arch/x86_64/uspace.c): the
 * hardware side of the proved Translation model. Each context has its own
 * top-level table whose kernel half is the kernel's; its user half holds
 * exactly the mappings the model holds, because the runtime (kernel/vm/)
 * writes a leaf here only after the model accepted the change, and clears
 * one before the model forgets it. Trusted glue. */
#ifndef SPINEL_USPACE_H
#define SPINEL_USPACE_H

#include <stdint.h>

/* Protections, as the model's TR_PROT_* bits. */
#define USPACE_READ 1u
#define USPACE_WRITE 2u
#define USPACE_EXEC 4u

/* A new top-level table (its frame's address), with the kernel's half and
 * an empty user half; 0 if no frame is left. */
uint64_t uspace_create(void);
/* Maps the user page vaddr to the frame at paddr with prot (never W+X: the
 * model refused that); intermediate tables are made as needed (the kernel
 * panics if no frame is left for one, as for its own tables). */
void uspace_map(uint64_t root, uint64_t vaddr, uint64_t paddr, uint32_t prot);
/* Clears the leaf of vaddr, if any, and its TLB entry. A frame mapped
 * executable stays sealed in the physmap until uspace_unseal. */
void uspace_unmap(uint64_t root, uint64_t vaddr);
/* The frame's physmap alias writable again: the runtime calls it when no
 * executable mapping of the frame is left. */
void uspace_unseal(uint64_t paddr);
/* Frees every table of the user half, then the top-level one. Every leaf
 * must be clear already (the runtime unmaps before it destroys). */
void uspace_destroy(uint64_t root);
/* Loads root, or the kernel's own tables for 0, into CR3 if it is not
 * loaded already. */
void uspace_activate(uint64_t root);
/* The leaf entry's frame and protection at vaddr (for tests and the
 * audit); 0 if not mapped. */
uint64_t uspace_lookup(uint64_t root, uint64_t vaddr, uint32_t *prot);
/* W^X on a context's tables (wx_audit.c): its top-level table and user
 * half walked; adds tables, pages and what breaks the invariant to *a
 * (an executable page whose frame's physmap alias is writable, a
 * writable one whose alias is sealed, a table not sealed). */
struct paging_audit;
void uspace_audit(uint64_t root, struct paging_audit *a);
/* Top-level tables alive (not destroyed), and table frames they use. */
void uspace_counts(uint64_t *spaces, uint64_t *tables);

#endif
