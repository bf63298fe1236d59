/* The kernel's final page tables: all of RAM at PHYSMAP_BASE in 2 MiB
 * no-execute pages, and the kernel image in 4 KiB pages with text RX,
 * rodata R and data/bss RW+NX (W^X), but for the kernel stacks' guard
 * pages (kstack.c). The boot identity map is dropped. */
#include "boot_abi.h"
#include "console.h"
#include "cpu.h"
#include "kstack.h"
#include "lib/kstring.h"
#include "paging.h"

#define PTE_P 0x1ull
#define PTE_W 0x2ull
#define PTE_PS 0x80ull
#define PTE_NX (1ull << 63)
#define PTE_ADDR 0x000FFFFFFFFFF000ull
#define PAGE_2M 0x200000ull

extern char __text_start[], __text_end[], __rodata_start[], __rodata_end[];
extern char __data_start[], __data_end[];

/* 0 while the boot identity map is live, PHYSMAP_BASE afterwards. */
static uint64_t phys_offset;
static struct frame_alloc *table_frames;
static uint64_t *kernel_pml4;
static struct paging_stats stats;

void *phys_to_virt(uint64_t paddr) { return (void *)(paddr + phys_offset); }

static uint64_t *new_table(uint64_t *paddr)
{
    if (frame_alloc(table_frames, paddr) != FRAME_OK)
        panic("paging: no free frame for a page table");
    uint64_t *table = phys_to_virt(*paddr);
    kmemset((uint8_t *)table, 0, FRAME_SIZE);
    stats.table_frames++;
    return table;
}

static unsigned index_at(uint64_t vaddr, int level) { return (vaddr >> (12 + 9 * level)) & 511; }

/* Intermediate entries allow everything; the leaf decides. */
static uint64_t *next_level(uint64_t *table, unsigned idx)
{
    if (!(table[idx] & PTE_P)) {
        uint64_t paddr;
        new_table(&paddr);
        table[idx] = paddr | PTE_P | PTE_W;
    }
    return phys_to_virt(table[idx] & PTE_ADDR);
}

static void map_2m(uint64_t *pml4, uint64_t vaddr, uint64_t paddr, uint64_t flags)
{
    uint64_t *pdpt = next_level(pml4, index_at(vaddr, 3));
    uint64_t *pd = next_level(pdpt, index_at(vaddr, 2));
    pd[index_at(vaddr, 1)] = paddr | flags | PTE_PS | PTE_P;
}

static void map_4k(uint64_t *pml4, uint64_t vaddr, uint64_t paddr, uint64_t flags)
{
    uint64_t *pdpt = next_level(pml4, index_at(vaddr, 3));
    uint64_t *pd = next_level(pdpt, index_at(vaddr, 2));
    uint64_t *pt = next_level(pd, index_at(vaddr, 1));
    pt[index_at(vaddr, 0)] = paddr | flags | PTE_P;
}

static uint64_t map_kernel_range(uint64_t *pml4, const char *start, const char *end, uint64_t flags)
{
    uint64_t pages = 0;
    for (uint64_t va = (uint64_t)start; va < (uint64_t)end; va += FRAME_SIZE, pages++)
        map_4k(pml4, va, va - KERNEL_VMA, flags);
    return pages;
}

void paging_init(struct frame_alloc *fa, uint64_t ram_end)
{
    uint64_t pml4_paddr;
    table_frames = fa;
    uint64_t *pml4 = new_table(&pml4_paddr);
    for (uint64_t pa = 0; pa < ram_end; pa += PAGE_2M)
        map_2m(pml4, PHYSMAP_BASE + pa, pa, PTE_W | PTE_NX);
    stats.physmap_bytes = (ram_end + PAGE_2M - 1) & ~(PAGE_2M - 1);
    stats.text_pages = map_kernel_range(pml4, __text_start, __text_end, 0);
    stats.rodata_pages = map_kernel_range(pml4, __rodata_start, __rodata_end, PTE_NX);
    stats.data_pages = map_kernel_range(pml4, __data_start, __data_end, PTE_W | PTE_NX);
    cpu_write_cr3(pml4_paddr);
    phys_offset = PHYSMAP_BASE;
    kernel_pml4 = phys_to_virt(pml4_paddr);
    stats.data_pages -= kstack_unmap_guards();
}

static uint64_t prot_flags(enum page_prot prot)
{
    return prot == PAGE_RX ? 0 : prot == PAGE_R ? PTE_NX : PTE_W | PTE_NX;
}

/* The leaf entry for vaddr, its tables made if missing. */
static uint64_t *leaf(uint64_t vaddr)
{
    uint64_t *pdpt = next_level(kernel_pml4, index_at(vaddr, 3));
    uint64_t *pd = next_level(pdpt, index_at(vaddr, 2));
    uint64_t *pt = next_level(pd, index_at(vaddr, 1));
    return &pt[index_at(vaddr, 0)];
}

void paging_map(uint64_t vaddr, uint64_t paddr, enum page_prot prot)
{
    *leaf(vaddr) = paddr | prot_flags(prot) | PTE_P;
    cpu_invlpg(vaddr);
}

void paging_protect(uint64_t vaddr, enum page_prot prot)
{
    uint64_t *e = leaf(vaddr);
    *e = (*e & PTE_ADDR) | prot_flags(prot) | PTE_P;
    cpu_invlpg(vaddr);
}

uint64_t paging_unmap(uint64_t vaddr)
{
    uint64_t *e = leaf(vaddr), paddr = *e & PTE_P ? *e & PTE_ADDR : 0;
    *e = 0;
    cpu_invlpg(vaddr);
    return paddr;
}

const struct paging_stats *paging_stats(void) { return &stats; }
