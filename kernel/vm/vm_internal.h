/* What the files of kernel/vm/ share and nobody else needs. */
#ifndef SPINEL_VM_INTERNAL_H
#define SPINEL_VM_INTERNAL_H

/* VirtAddr's codes are passed on past this base, apart from PhysAddr's
 * (1..8) and Translation's (32..43). */
#define VM_VIRT_ERR_BASE 64

#endif
