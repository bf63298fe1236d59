/* Machine set-up steps, called once by kmain in this order. */
#ifndef SPINEL_ARCH_INIT_H
#define SPINEL_ARCH_INIT_H

#include <stdint.h>
#include "boot/bootinfo.h"

/* Serial console, GDT/TSS, IDT, PIC remapped and masked. */
void arch_early_init(void);
/* Reads the loader's structures (through the boot identity map) into bi;
 * returns a boot_err. */
int arch_read_boot_info(uint32_t protocol, uint32_t info_paddr, uint32_t magic,
                        struct boot_info *bi);
/* Periodic timer and serial input, then interrupts on. */
void arch_start_interrupts(unsigned tick_hz);

#endif
