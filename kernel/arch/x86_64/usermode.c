/* Ring 3: the syscall MSRs, SMEP and SMAP where the CPU has them, and the
 * kernel stack that an entry from ring 3 lands on. */
#include "arch.h"
#include "console.h"
#include "cpu.h"
#include "gdt.h"
#include "usermode.h"

#define MSR_EFER 0xC0000080u
#define MSR_STAR 0xC0000081u
#define MSR_LSTAR 0xC0000082u
#define MSR_FMASK 0xC0000084u
#define EFER_SCE 1ull
#define CR4_SMEP (1ull << 20)
#define CR4_SMAP (1ull << 21)
/* Cleared on entry: IF (the frame is built first), DF (the C ABI), TF,
 * NT, and AC (SMAP holds in the kernel whatever the user set). */
#define ENTRY_FLAGS_CLEARED 0x47700ull

extern char syscall_entry[];
extern uint64_t syscall_kernel_rsp;
static uint64_t protections; /* ARCH_SMEP | ARCH_SMAP */

static uint64_t rdmsr(uint32_t msr)
{
    uint32_t lo, hi;
    __asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
    return ((uint64_t)hi << 32) | lo;
}

static void wrmsr(uint32_t msr, uint64_t v)
{
    __asm__ volatile("wrmsr" : : "c"(msr), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)) : "memory");
}

static uint32_t cpuid7_ebx(void)
{
    uint32_t a = 0, b, c = 0, d;
    __asm__ volatile("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
    if (a < 7)
        return 0;
    a = 7;
    c = 0;
    __asm__ volatile("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
    return b;
}

static void enable_protections(void)
{
    uint32_t ebx = cpuid7_ebx();
    uint64_t cr4;
    __asm__ volatile("mov %%cr4, %0" : "=r"(cr4));
    if (ebx & (1u << 7)) {
        cr4 |= CR4_SMEP;
        protections |= ARCH_SMEP;
    }
    if (ebx & (1u << 20)) {
        cr4 |= CR4_SMAP;
        protections |= ARCH_SMAP;
    }
    __asm__ volatile("mov %0, %%cr4" : : "r"(cr4) : "memory");
}

void usermode_init(void)
{
    wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
    wrmsr(MSR_STAR, ((uint64_t)GDT_SYSRET_BASE << 48) | ((uint64_t)GDT_KERNEL_CODE << 32));
    wrmsr(MSR_LSTAR, (uint64_t)syscall_entry);
    wrmsr(MSR_FMASK, ENTRY_FLAGS_CLEARED);
    enable_protections();
}

uint64_t arch_user_protections(void) { return protections; }

void arch_set_kernel_stack(uint64_t top)
{
    gdt_set_ring0_stack(top);
    syscall_kernel_rsp = top;
}

void arch_user_access_begin(void)
{
    if (protections & ARCH_SMAP)
        __asm__ volatile("stac" ::: "memory");
}

void arch_user_access_end(void)
{
    if (protections & ARCH_SMAP)
        __asm__ volatile("clac" ::: "memory");
}
