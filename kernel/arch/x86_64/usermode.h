/* Ring 3's machine setup (usermode.c, syscall.S). */
#ifndef SPINEL_USERMODE_H
#define SPINEL_USERMODE_H

/* EFER.SCE, the syscall MSRs, and CR4.SMEP/SMAP if CPUID has them. */
void usermode_init(void);

#endif
