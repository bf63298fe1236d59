/* PCI configuration space, mechanism 1: the address of a register goes
 * to port 0xCF8, its value is read or written at 0xCFC. Interrupts are
 * off between the two, so no handler's access comes in between. */
#include "arch.h"
#include "cpu.h"

#define PCI_ADDRESS 0xCF8
#define PCI_DATA 0xCFC

static void select_register(uint32_t bdf, uint32_t off)
{
    outl(PCI_ADDRESS, 0x80000000u | (bdf & 0xFFFFu) << 8 | (off & 0xFCu));
}

uint32_t arch_pci_read32(uint32_t bdf, uint32_t off)
{
    uint64_t flags = cpu_irq_save();
    select_register(bdf, off);
    uint32_t v = inl(PCI_DATA);
    cpu_irq_restore(flags);
    return v;
}

void arch_pci_write16(uint32_t bdf, uint32_t off, uint16_t v)
{
    uint64_t flags = cpu_irq_save();
    select_register(bdf, off);
    outw((uint16_t)(PCI_DATA + (off & 2u)), v);
    cpu_irq_restore(flags);
}
