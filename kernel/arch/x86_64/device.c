/* Devices' registers in the kernel's half: the 8 MiB above vmem's window
 * (VMEM_LIMIT), under the same top-level entry as the kernel image, so
 * every translation context, which shares the kernel's top-level entries
 * by reference, sees them. A bump pointer: drivers map once, at boot. */
#include "arch.h"
#include "cpu.h"
#include "page_table.h"

#define DEVICE_BASE 0xFFFFFFFFFF000000ull
#define DEVICE_LIMIT 0xFFFFFFFFFF800000ull
#define PAGE 4096ull

static uint64_t next_va = DEVICE_BASE;

volatile uint8_t *arch_map_device(uint64_t paddr, uint64_t bytes)
{
    uint64_t first = paddr & ~(PAGE - 1), end = (paddr + bytes + PAGE - 1) & ~(PAGE - 1);
    if (bytes == 0 || end <= first || end - first > DEVICE_LIMIT - next_va)
        return 0;
    uint64_t va = next_va;
    for (uint64_t off = 0; off < end - first; off += PAGE)
        pt_map_device(va + off, first + off);
    next_va += end - first;
    return (volatile uint8_t *)(va + (paddr - first));
}
