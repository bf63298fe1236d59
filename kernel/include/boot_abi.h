/* Values shared by the assembly entry and C: usable from both. */
#ifndef SPINEL_BOOT_ABI_H
#define SPINEL_BOOT_ABI_H

#define BOOT_PROTO_PVH 1        /* = BOOT_PVH in bootinfo.h */
#define BOOT_PROTO_MULTIBOOT2 2 /* = BOOT_MULTIBOOT2 */
#define MULTIBOOT2_MAGIC 0x36d76289
#define BOOT_STACK_SIZE 16384
#define STACK_GUARD_SIZE 4096 /* the unmapped page below each kernel stack */

#define KERNEL_PHYS 0x100000
#define KERNEL_VMA 0xFFFFFFFF80000000
#define PHYSMAP_BASE 0xFFFF800000000000
#define EARLY_IDENTITY_LIMIT 0x100000000 /* the entry maps the first 4 GiB */

#endif
