/* W^X for aliases: the physmap maps all of RAM writable at PHYSMAP_BASE,
 * so every frame that holds sealed code, sealed read-only data or a page
 * table has its physmap page made read-only here (sealed), and writable
 * again only when it is freed (unsealed). The physmap starts in 2 MiB
 * pages; one is split into 4 KiB pages while a frame inside it is sealed,
 * and merged back, its table freed, when the last one is unsealed, so
 * loading and unloading leaves the free frames as they were
 * (spec/README.md, "The physmap"). */
#include "boot_abi.h"
#include "cpu.h"
#include "page_table.h"
#include "paging.h"
#include "pte_store.h"

static uint64_t physmap_end; /* bytes of RAM the physmap covers */
static uint64_t sealed_pages, split_pages;

void physmap_init(uint64_t bytes) { physmap_end = bytes; }

static uint64_t *table_of(uint64_t entry) { return phys_to_virt(entry & PTE_ADDR); }

/* The page-directory entry mapping the alias of paddr: the physmap maps
 * all RAM, so every level is present. */
static uint64_t *pd_entry(uint64_t alias)
{
    uint64_t *pdpt = table_of(pt_kernel_pml4()[pt_index(alias, 3)]);
    uint64_t *pd = table_of(pdpt[pt_index(alias, 2)]);
    return &pd[pt_index(alias, 1)];
}

/* A 2 MiB page becomes a table of 512 4 KiB pages with its rights. The
 * new table is filled while its own alias is still writable (a free
 * frame's always is), put in place with one store, and then sealed
 * itself, which may split another 2 MiB page: each split leaves one
 * fewer to split, so this ends. invlpg of any address in a large page
 * drops its TLB entry and the paging-structure caches for it. */
static void split(uint64_t *pde, uint64_t alias)
{
    uint64_t pt_paddr, base = *pde & PDE_2M_ADDR, rights = *pde & (PTE_W | PTE_NX);
    uint64_t *pt = pt_alloc_table(&pt_paddr);
    for (unsigned i = 0; i < 512; i++)
        pt[i] = (base + (uint64_t)i * FRAME_SIZE) | rights | PTE_P;
    pte_store(pde, pt_paddr | PTE_P | PTE_W);
    cpu_invlpg(alias);
    split_pages++;
    physmap_seal(pt_paddr);
}

/* The 4 KiB entry of paddr's alias, its 2 MiB page split if need be. */
static uint64_t *alias_entry(uint64_t paddr)
{
    uint64_t alias = PHYSMAP_BASE + paddr, *pde = pd_entry(alias);
    if (*pde & PTE_PS)
        split(pde, alias);
    return &table_of(*pde)[pt_index(alias, 0)];
}

void physmap_seal(uint64_t paddr)
{
    if (paddr >= physmap_end)
        return;
    uint64_t *e = alias_entry(paddr);
    if (*e & PTE_W) {
        pte_store(e, *e & ~PTE_W);
        cpu_invlpg(PHYSMAP_BASE + paddr);
        sealed_pages++;
    }
}

/* Whether a split page still seals a frame other than its own table's. */
static int seals_others(const uint64_t *pt, uint64_t pt_paddr)
{
    for (unsigned i = 0; i < 512; i++)
        if (!(pt[i] & PTE_W) && (pt[i] & PTE_ADDR) != pt_paddr)
            return 1;
    return 0;
}

/* Back to one 2 MiB page with the rights it was split with; every 4 KiB
 * TLB entry of it dropped. Its table is no table any more: writable
 * again (sealed inside this page, it now simply is; sealed in another,
 * unsealed there, which may merge that one) and freed. */
static void merge(uint64_t *pde, uint64_t alias)
{
    uint64_t pt_paddr = *pde & PTE_ADDR, base = alias & ~(PAGE_2M - 1);
    const uint64_t *pt = table_of(*pde);
    uint64_t rights = pt[0] & PTE_NX, own = (pt_paddr & ~(PAGE_2M - 1)) == base - PHYSMAP_BASE;
    pte_store(pde, (base - PHYSMAP_BASE) | rights | PTE_W | PTE_PS | PTE_P);
    for (unsigned i = 0; i < 512; i++)
        cpu_invlpg(base + (uint64_t)i * FRAME_SIZE);
    split_pages--;
    if (own)
        sealed_pages--;
    else
        physmap_unseal(pt_paddr);
    pt_free_table(pt_paddr);
}

/* A 2 MiB page is never sealed, so only a split one has anything to do. */
void physmap_unseal(uint64_t paddr)
{
    if (paddr >= physmap_end)
        return;
    uint64_t alias = PHYSMAP_BASE + paddr, *pde = pd_entry(alias);
    if (*pde & PTE_PS)
        return;
    uint64_t *pt = table_of(*pde), *e = &pt[pt_index(alias, 0)];
    if (*e & PTE_W)
        return;
    pte_store(e, *e | PTE_W);
    cpu_invlpg(alias);
    sealed_pages--;
    if (!seals_others(pt, *pde & PTE_ADDR))
        merge(pde, alias);
}

int physmap_is_sealed(uint64_t paddr)
{
    if (paddr >= physmap_end)
        return 0;
    uint64_t alias = PHYSMAP_BASE + paddr, *pde = pd_entry(alias);
    return !(*pde & PTE_PS) && !(table_of(*pde)[pt_index(alias, 0)] & PTE_W);
}

void physmap_counts(uint64_t *sealed, uint64_t *split)
{
    *sealed = sealed_pages;
    *split = split_pages;
}
