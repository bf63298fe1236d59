/* The kernel's final page tables: all of RAM at PHYSMAP_BASE in 2 MiB
 * no-execute pages, and the kernel image in 4 KiB pages with text RX,
 * rodata R and data/bss RW+NX (W^X), but for the kernel stacks' guard
 * pages (kstack.c). The boot identity map is dropped. W^X holds for the
 * physmap's aliases too (physmap.c): the frames of page tables, of the
 * kernel's text and rodata and of every page mapped RX or R are
 * read-only there. Every store into a table goes through pte_store.h. */
#include "boot_abi.h"
#include "console.h"
#include "cpu.h"
#include "kstack.h"
#include "lib/kstring.h"
#include "page_table.h"
#include "paging.h"
#include "pte_store.h"

extern char __text_start[], __text_end[], __rodata_start[], __rodata_end[];
extern char __data_start[], __data_end[];

/* 0 while the boot identity map is live, PHYSMAP_BASE afterwards. */
static uint64_t phys_offset;
static struct frame_alloc *table_frames;
static uint64_t *kernel_pml4;
static struct paging_stats stats;

void *phys_to_virt(uint64_t paddr) { return (void *)(paddr + phys_offset); }

/* Zeroed through its alias, which a free frame always has writable. */
uint64_t *pt_alloc_table(uint64_t *paddr)
{
    if (frame_alloc(table_frames, paddr) != FRAME_OK)
        panic("paging: no free frame for a page table");
    uint64_t *table = phys_to_virt(*paddr);
    kmemset((uint8_t *)table, 0, FRAME_SIZE);
    stats.table_frames++;
    return table;
}

void pt_free_table(uint64_t paddr)
{
    if (frame_free(table_frames, paddr) != FRAME_OK)
        panic("paging: table frame 0x%lx cannot be freed", paddr);
    stats.table_frames--;
}

/* Sealed before any entry points to it, once paging is final;
 * paging_init seals the first ones. */
static uint64_t *new_table(uint64_t *paddr)
{
    uint64_t *table = pt_alloc_table(paddr);
    if (phys_offset)
        physmap_seal(*paddr);
    return table;
}

uint64_t *pt_kernel_pml4(void) { return kernel_pml4; }

/* Intermediate entries allow everything; the leaf decides. */
static uint64_t *next_level(uint64_t *table, unsigned idx)
{
    if (!(table[idx] & PTE_P)) {
        uint64_t paddr;
        new_table(&paddr);
        pte_store(&table[idx], paddr | PTE_P | PTE_W);
    }
    return phys_to_virt(table[idx] & PTE_ADDR);
}

static void map_2m(uint64_t *pml4, uint64_t vaddr, uint64_t paddr, uint64_t flags)
{
    uint64_t *pdpt = next_level(pml4, pt_index(vaddr, 3));
    uint64_t *pd = next_level(pdpt, pt_index(vaddr, 2));
    pte_store(&pd[pt_index(vaddr, 1)], paddr | flags | PTE_PS | PTE_P);
}

static void map_4k(uint64_t *pml4, uint64_t vaddr, uint64_t paddr, uint64_t flags)
{
    uint64_t *pdpt = next_level(pml4, pt_index(vaddr, 3));
    uint64_t *pd = next_level(pdpt, pt_index(vaddr, 2));
    uint64_t *pt = next_level(pd, pt_index(vaddr, 1));
    pte_store(&pt[pt_index(vaddr, 0)], paddr | flags | PTE_P);
}

static uint64_t map_kernel_range(uint64_t *pml4, const char *start, const char *end, uint64_t flags)
{
    uint64_t pages = 0;
    for (uint64_t va = (uint64_t)start; va < (uint64_t)end; va += FRAME_SIZE, pages++)
        map_4k(pml4, va, va - KERNEL_VMA, flags);
    return pages;
}

/* Every table of the tree under the table at paddr, itself included
 * (level 3 a PML4, 0 a page table, whose entries are all leaves). */
static void seal_tables(uint64_t paddr, int level)
{
    physmap_seal(paddr);
    if (level == 0)
        return;
    const uint64_t *t = phys_to_virt(paddr);
    for (unsigned i = 0; i < 512; i++)
        if ((t[i] & PTE_P) && !(t[i] & PTE_PS))
            seal_tables(t[i] & PTE_ADDR, level - 1);
}

static void seal_kernel_range(const char *start, const char *end)
{
    for (uint64_t va = (uint64_t)start; va < (uint64_t)end; va += FRAME_SIZE)
        physmap_seal(va - KERNEL_VMA);
}

void paging_init(struct frame_alloc *fa, uint64_t ram_end)
{
    uint64_t pml4_paddr;
    table_frames = fa;
    uint64_t *pml4 = new_table(&pml4_paddr);
    for (uint64_t pa = 0; pa < ram_end; pa += PAGE_2M)
        map_2m(pml4, PHYSMAP_BASE + pa, pa, PTE_W | PTE_NX);
    stats.physmap_bytes = (ram_end + PAGE_2M - 1) & ~(PAGE_2M - 1);
    physmap_init(stats.physmap_bytes);
    stats.text_pages = map_kernel_range(pml4, __text_start, __text_end, 0);
    stats.rodata_pages = map_kernel_range(pml4, __rodata_start, __rodata_end, PTE_NX);
    stats.data_pages = map_kernel_range(pml4, __data_start, __data_end, PTE_W | PTE_NX);
    cpu_write_cr3(pml4_paddr);
    phys_offset = PHYSMAP_BASE;
    kernel_pml4 = phys_to_virt(pml4_paddr);
    seal_tables(pml4_paddr, 3);
    seal_kernel_range(__text_start, __text_end);
    seal_kernel_range(__rodata_start, __rodata_end);
    stats.data_pages -= kstack_unmap_guards();
}

static uint64_t prot_flags(enum page_prot prot)
{
    return prot == PAGE_RX ? 0 : prot == PAGE_R ? PTE_NX : PTE_W | PTE_NX;
}

/* The leaf entry for vaddr, its tables made if missing. */
static uint64_t *leaf(uint64_t vaddr)
{
    uint64_t *pdpt = next_level(kernel_pml4, pt_index(vaddr, 3));
    uint64_t *pd = next_level(pdpt, pt_index(vaddr, 2));
    uint64_t *pt = next_level(pd, pt_index(vaddr, 1));
    return &pt[pt_index(vaddr, 0)];
}

/* A frame mapped RX or R is sealed before that mapping exists, and one
 * mapped RW unsealed only once it is: the alias is never writable while
 * the frame is executable or sealed read-only somewhere. A frame is
 * mapped at one address at most (vmem.c's frames are its own). */
static void set_leaf(uint64_t *e, uint64_t vaddr, uint64_t paddr, enum page_prot prot)
{
    if (prot != PAGE_RW)
        physmap_seal(paddr);
    pte_store(e, paddr | prot_flags(prot) | PTE_P);
    cpu_invlpg(vaddr);
    if (prot == PAGE_RW)
        physmap_unseal(paddr);
}

void paging_map(uint64_t vaddr, uint64_t paddr, enum page_prot prot) { set_leaf(leaf(vaddr), vaddr, paddr, prot); }

void pt_map_device(uint64_t vaddr, uint64_t paddr)
{
    pte_store(leaf(vaddr), paddr | PTE_PCD | PTE_PWT | PTE_W | PTE_NX | PTE_P);
    cpu_invlpg(vaddr);
}

void paging_protect(uint64_t vaddr, enum page_prot prot)
{
    uint64_t *e = leaf(vaddr);
    if (*e & PTE_P)
        set_leaf(e, vaddr, *e & PTE_ADDR, prot);
}

/* The frame is about to be freed (or was never sealed): writable again
 * through the physmap, once no other mapping of it is left. */
uint64_t paging_unmap(uint64_t vaddr)
{
    uint64_t *e = leaf(vaddr), paddr = *e & PTE_P ? *e & PTE_ADDR : 0;
    pte_store(e, 0);
    cpu_invlpg(vaddr);
    if (paddr)
        physmap_unseal(paddr);
    return paddr;
}

uint64_t paging_frame_of(uint64_t vaddr)
{
    const uint64_t *t = kernel_pml4;
    for (int level = 3; level > 0; level--) {
        uint64_t e = t[pt_index(vaddr, level)];
        if (!(e & PTE_P) || (e & PTE_PS))
            return 0;
        t = phys_to_virt(e & PTE_ADDR);
    }
    uint64_t e = t[pt_index(vaddr, 0)];
    return e & PTE_P ? e & PTE_ADDR : 0;
}

const struct paging_stats *paging_stats(void)
{
    physmap_counts(&stats.physmap_sealed, &stats.physmap_split);
    return &stats;
}
