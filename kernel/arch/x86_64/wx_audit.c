/* The W^X invariant checked on the live tables (spec/README.md, "The
 * physmap"): a walk of every table reachable from the kernel's PML4, and
 * of the user half of each translation context's tables. It
 * counts as broken a table whose frame is not sealed in the physmap, a
 * page both writable and executable, and a page outside the physmap
 * whose rights disagree with its frame's alias: writable but sealed
 * (sealed code or data, or a table, written through another mapping), or
 * read-only or executable but not sealed (its alias writable). */
#include "boot_abi.h"
#include "page_table.h"
#include "paging.h"

#define SIGN_EXTEND 0xFFFF000000000000ull
#define USER_TOP 0x0000800000000000ull

/* A user page (a translation context's): executable means its frame is
 * sealed, writable that it is not; read-only may be either (a frame the
 * holder maps R here may be executable in another context). */
static int user_leaf_broken(uint64_t e)
{
    int sealed = physmap_is_sealed(e & PTE_ADDR);
    return (!(e & PTE_NX) && !sealed) || ((e & PTE_W) && sealed);
}

static void check_leaf(struct paging_audit *a, uint64_t vaddr, uint64_t e, uint64_t size)
{
    a->pages++;
    if ((e & PTE_W) && !(e & PTE_NX))
        a->broken++;
    if (vaddr < USER_TOP) {
        a->broken += (uint64_t)user_leaf_broken(e);
        return;
    }
    if (vaddr - PHYSMAP_BASE < paging_stats()->physmap_bytes)
        return; /* an alias itself: its rights are what sealed means */
    uint64_t paddr = e & (size == FRAME_SIZE ? PTE_ADDR : PDE_2M_ADDR);
    for (uint64_t off = 0; off < size; off += FRAME_SIZE)
        if (physmap_is_sealed(paddr + off) == ((e & PTE_W) != 0)) {
            a->broken++;
            return;
        }
}

/* level 3: a PML4, 0: a page table; base: the first address it maps;
 * entries 0 .. n - 1 walked. */
static void walk(struct paging_audit *a, uint64_t table_paddr, int level, uint64_t base, unsigned n)
{
    const uint64_t *t = phys_to_virt(table_paddr);
    a->tables++;
    if (!physmap_is_sealed(table_paddr))
        a->broken++;
    for (unsigned i = 0; i < n; i++) {
        if (!(t[i] & PTE_P))
            continue;
        uint64_t size = 1ull << (12 + 9 * level), vaddr = base + i * size;
        if (level == 3 && i >= 256)
            vaddr |= SIGN_EXTEND;
        if (level == 0 || (t[i] & PTE_PS))
            check_leaf(a, vaddr, t[i], size);
        else
            walk(a, t[i] & PTE_ADDR, level - 1, vaddr, 512);
    }
}

void paging_audit(struct paging_audit *a)
{
    a->tables = a->pages = a->broken = 0;
    walk(a, (uint64_t)pt_kernel_pml4() - PHYSMAP_BASE, 3, 0, 512);
}

/* A context's tables: its top-level one and its user half (the kernel's
 * half is the kernel's own tables, audited above). Adds to *a. */
void uspace_audit(uint64_t root, struct paging_audit *a) { walk(a, root, 3, 0, 256); }
