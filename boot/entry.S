/* Spinel's entry: both boot protocols arrive here in 32-bit protected mode
 * with paging off. We map the first 4 GiB twice (identity, and the top
 * 2 GiB for the higher-half kernel), enter long mode and call kmain. */
#include "boot_abi.h"

/* Multiboot2 header: GRUB finds it in the first 32 KiB of the file. */
    .section .multiboot2, "a"
    .align 8
mb2_header:
    .long 0xe85250d6
    .long 0                                   /* architecture: i386 */
    .long mb2_header_end - mb2_header
    .long -(0xe85250d6 + (mb2_header_end - mb2_header))
    .short 0, 0                               /* end tag */
    .long 8
mb2_header_end:

/* PVH note: QEMU's -kernel enters at pvh_entry with ebx -> hvm_start_info. */
    .section .note.Xen, "a"
    .align 4
    .long 4, 8, 18                            /* namesz, descsz, PHYS32_ENTRY */
    .asciz "Xen"
    .align 4
    .quad pvh_entry

    .section .boot.text, "ax"
    .code32
    .global mb2_entry, pvh_entry
mb2_entry:
    cli
    mov %eax, %esi                            /* multiboot2 magic */
    mov $BOOT_PROTO_MULTIBOOT2, %edi
    jmp boot_common
pvh_entry:
    cli
    xor %esi, %esi
    mov $BOOT_PROTO_PVH, %edi
boot_common:
    mov %ebx, boot_info_phys
    mov %esi, boot_magic
    mov %edi, boot_protocol
    rdtsc
    mov %eax, boot_tsc
    mov %edx, boot_tsc + 4
    mov $0x80000001, %eax
    cpuid
    test $(1 << 29), %edx                     /* long mode */
    jz no_long_mode
    test $(1 << 20), %edx                     /* NX */
    jz no_long_mode
    call build_boot_tables
    mov $boot_pml4, %eax
    mov %eax, %cr3
    mov %cr4, %eax
    or $(1 << 5), %eax                        /* PAE */
    mov %eax, %cr4
    mov $0xC0000080, %ecx                     /* EFER */
    rdmsr
    or $((1 << 8) | (1 << 11)), %eax          /* LME, NXE */
    wrmsr
    mov %cr0, %eax
    or $((1 << 31) | (1 << 16) | 1), %eax     /* PG, WP, PE */
    mov %eax, %cr0
    lgdt boot_gdt_ptr
    ljmp $0x08, $long_mode

no_long_mode:
    hlt
    jmp no_long_mode

/* PML4[0] and PML4[511] share four page directories of 2 MiB pages. */
build_boot_tables:
    mov $boot_pml4, %edi
    xor %eax, %eax
    mov $(3 * 1024), %ecx                     /* pml4, pdpt_low, pdpt_high */
    rep stosl
    movl $(boot_pdpt_low + 3), boot_pml4
    movl $(boot_pdpt_high + 3), boot_pml4 + 511 * 8
    movl $(boot_pd + 3), boot_pdpt_high + 510 * 8
    movl $(boot_pd + 4096 + 3), boot_pdpt_high + 511 * 8
    mov $(boot_pd + 3), %eax
    mov $boot_pdpt_low, %edi
    mov $4, %ecx
1:  mov %eax, (%edi)
    movl $0, 4(%edi)
    add $4096, %eax
    add $8, %edi
    loop 1b
    mov $0x83, %eax                           /* present, writable, 2 MiB */
    mov $boot_pd, %edi
    mov $2048, %ecx
2:  mov %eax, (%edi)
    movl $0, 4(%edi)
    add $0x200000, %eax
    add $8, %edi
    loop 2b
    ret

    .code64
long_mode:
    mov $0x10, %ax
    mov %ax, %ds
    mov %ax, %es
    mov %ax, %ss
    xor %ax, %ax
    mov %ax, %fs
    mov %ax, %gs
    movabs $higher_half, %rax
    jmp *%rax

    .section .boot.data, "aw"
    .align 8
boot_gdt:
    .quad 0
    .quad 0x00AF9A000000FFFF                  /* 0x08: 64-bit code */
    .quad 0x00CF92000000FFFF                  /* 0x10: data */
boot_gdt_ptr:
    .short boot_gdt_ptr - boot_gdt - 1
    .long boot_gdt
    .align 8
boot_tsc:        .quad 0
boot_info_phys:  .long 0
boot_magic:      .long 0
boot_protocol:   .long 0

    .section .boot.bss, "aw", @nobits
    .align 4096
boot_pml4:      .skip 4096
boot_pdpt_low:  .skip 4096
boot_pdpt_high: .skip 4096
boot_pd:        .skip 4 * 4096

    .text
higher_half:
    /* Loaders are meant to zero .bss; do not depend on it. */
    movabs $__bss_start, %rdi
    movabs $__bss_end, %rcx
    sub %rdi, %rcx
    shr $3, %rcx                              /* both ends are 8-byte aligned */
    xor %eax, %eax
    rep stosq
    movabs $boot_stack_top, %rsp
    xor %ebp, %ebp
    movl boot_protocol, %edi
    movl boot_info_phys, %esi
    movl boot_magic, %edx
    movq boot_tsc, %rcx
    call kmain
3:  cli
    hlt
    jmp 3b

    .bss
    .align STACK_GUARD_SIZE
    .global boot_stack_guard
boot_stack_guard:                             /* unmapped by kstack.c: an overflow faults */
    .skip STACK_GUARD_SIZE
boot_stack:
    .skip BOOT_STACK_SIZE
boot_stack_top:
