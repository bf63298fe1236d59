/* Page tables of translation contexts: see uspace.h. Every table is
 * sealed (read-only through the physmap) before an entry points to it,
 * and every store goes through pte_store, as for the kernel's tables.
 * Leaves carry the user bit, so that ring 3 will reach them; ring 0 does
 * too, since SMAP is off. A frame mapped executable is sealed in the
 * physmap first, so no alias writes it; the runtime unseals it once the
 * model has no executable mapping of it left (uspace_unseal). */
#include "boot_abi.h"
#include "console.h"
#include "cpu.h"
#include "page_table.h"
#include "paging.h"
#include "pte_store.h"
#include "uspace.h"

#define PTE_U 0x4ull
#define USER_ENTRIES 256u /* the top-level entries of the user half */

static uint64_t spaces, tables;

static uint64_t *new_table(uint64_t *paddr)
{
    uint64_t *t = pt_alloc_table(paddr);
    physmap_seal(*paddr);
    tables++;
    return t;
}

uint64_t uspace_create(void)
{
    uint64_t paddr;
    uint64_t *root = pt_alloc_table(&paddr);
    const uint64_t *kernel_root = pt_kernel_pml4();
    /* The kernel's half is shared by reference: its top-level entries are
     * made at boot and never change afterwards (the physmap, the image and
     * vmem's 2 GiB all hang from entries that exist by then). */
    for (unsigned i = USER_ENTRIES; i < 512; i++)
        root[i] = kernel_root[i];
    physmap_seal(paddr);
    spaces++;
    tables++;
    return paddr;
}

static uint64_t leaf_flags(uint32_t prot)
{
    uint64_t f = PTE_P | PTE_U;
    if (prot & USPACE_WRITE)
        f |= PTE_W;
    if (!(prot & USPACE_EXEC))
        f |= PTE_NX;
    return f;
}

/* The table under entry idx of t, made if missing and make is set; null
 * if missing. */
static uint64_t *below(uint64_t *t, unsigned idx, int make)
{
    if (!(t[idx] & PTE_P)) {
        uint64_t paddr;
        if (!make)
            return 0;
        new_table(&paddr);
        pte_store(&t[idx], paddr | PTE_P | PTE_W | PTE_U);
    }
    return phys_to_virt(t[idx] & PTE_ADDR);
}

static uint64_t *leaf(uint64_t root, uint64_t vaddr, int make)
{
    uint64_t *t = phys_to_virt(root);
    for (int level = 3; level > 0 && t; level--)
        t = below(t, pt_index(vaddr, level), make);
    return t ? &t[pt_index(vaddr, 0)] : 0;
}

void uspace_map(uint64_t root, uint64_t vaddr, uint64_t paddr, uint32_t prot)
{
    uint64_t *e = leaf(root, vaddr, 1);
    if (prot & USPACE_EXEC)
        physmap_seal(paddr);
    pte_store(e, paddr | leaf_flags(prot));
    cpu_invlpg(vaddr);
}

void uspace_unmap(uint64_t root, uint64_t vaddr)
{
    uint64_t *e = leaf(root, vaddr, 0);
    if (!e || !(*e & PTE_P))
        return;
    pte_store(e, 0);
    cpu_invlpg(vaddr);
}

void uspace_unseal(uint64_t paddr) { physmap_unseal(paddr); }

/* Frees the table at paddr (level 3 the top one, whose first n entries
 * are the user half; 0 a table of leaves) and every table under it. */
static void free_below(uint64_t paddr, int level, unsigned n)
{
    const uint64_t *t = phys_to_virt(paddr);
    for (unsigned i = 0; i < n; i++) {
        if (!(t[i] & PTE_P))
            continue;
        if (level == 0)
            panic("uspace: a leaf is still mapped at destroy");
        free_below(t[i] & PTE_ADDR, level - 1, 512);
    }
    physmap_unseal(paddr);
    pt_free_table(paddr);
    tables--;
}

void uspace_destroy(uint64_t root)
{
    if (cpu_read_cr3() == root)
        panic("uspace: destroying the loaded address space");
    free_below(root, 3, USER_ENTRIES);
    spaces--;
}

void uspace_activate(uint64_t root)
{
    uint64_t want = root ? root : (uint64_t)pt_kernel_pml4() - PHYSMAP_BASE;
    if (cpu_read_cr3() != want)
        cpu_write_cr3(want);
}

uint64_t uspace_lookup(uint64_t root, uint64_t vaddr, uint32_t *prot)
{
    const uint64_t *e = leaf(root, vaddr, 0);
    if (!e || !(*e & PTE_P))
        return 0;
    *prot = USPACE_READ | (*e & PTE_W ? USPACE_WRITE : 0) | (*e & PTE_NX ? 0 : USPACE_EXEC);
    return *e & PTE_ADDR;
}

void uspace_counts(uint64_t *s, uint64_t *t)
{
    *s = spaces;
    *t = tables;
}
