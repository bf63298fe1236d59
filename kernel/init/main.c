/* kmain: from the entry code to the shell, each step checked and reported. */
#include "arch.h"
#include "arch_init.h"
#include "boot_abi.h"
#include "app/app.h"
#include "console.h"
#include "init/domains.h"
#include "ext/ext.h"
#include "kernel.h"
#include "net/net.h"
#include "paging.h"
#include "strand/runtime.h"
#include "vm/vm.h"

struct kernel kernel;
static uint8_t frame_states[FRAME_MAX];

extern char __kernel_end[];

const char *boot_protocol_name(uint32_t protocol)
{
    switch (protocol) {
    case BOOT_PVH: return "PVH";
    case BOOT_MULTIBOOT2: return "multiboot2";
    default: return "unknown";
    }
}

static const char *mem_type_name(uint32_t type)
{
    static const char *const names[] = { "?", "usable", "reserved", "ACPI", "NVS", "bad" };
    return type < sizeof(names) / sizeof(names[0]) ? names[type] : "?";
}

static uint64_t usable_ram_end(const struct boot_info *bi)
{
    uint64_t end = 0;
    for (uint32_t i = 0; i < bi->nregions; i++)
        if (bi->regions[i].type == BOOT_MEM_USABLE && bi->regions[i].base + bi->regions[i].len > end)
            end = bi->regions[i].base + bi->regions[i].len;
    return end;
}

static void print_memory_map(const struct boot_info *bi)
{
    uint64_t usable = 0;
    for (uint32_t i = 0; i < bi->nregions; i++) {
        const struct boot_region *r = &bi->regions[i];
        kprintf("  [0x%012lx-0x%012lx) %s\n", r->base, r->base + r->len, mem_type_name(r->type));
        if (r->type == BOOT_MEM_USABLE)
            usable += r->len;
    }
    kprintf("memory map: %u region%s, %lu KiB usable\n", bi->nregions, plural(bi->nregions), usable / 1024);
}

/* Usable regions become free frames; everything else, the first MiB, the
 * kernel image and the boot modules are never handed out. */
static void init_frames(struct kernel *k)
{
    const struct boot_info *bi = &k->boot;
    uint64_t end = usable_ram_end(bi) / FRAME_SIZE;
    if (end > FRAME_MAX) {
        kprintf("frames: RAM above 4 GiB is not managed yet\n");
        end = FRAME_MAX;
    }
    frame_alloc_init(&k->frames, frame_states, end);
    for (uint32_t i = 0; i < bi->nregions; i++)
        if (bi->regions[i].type == BOOT_MEM_USABLE)
            frame_add_region(&k->frames, bi->regions[i].base, bi->regions[i].len);
    for (uint32_t i = 0; i < bi->nregions; i++)
        if (bi->regions[i].type != BOOT_MEM_USABLE)
            frame_reserve_region(&k->frames, bi->regions[i].base, bi->regions[i].len);
    frame_reserve_region(&k->frames, 0, KERNEL_PHYS);
    frame_reserve_region(&k->frames, KERNEL_PHYS, (uint64_t)__kernel_end - KERNEL_VMA - KERNEL_PHYS);
    for (uint32_t i = 0; i < bi->nmodules; i++)
        frame_reserve_region(&k->frames, bi->modules[i].base, bi->modules[i].len);
}

static void print_boot_args(const struct boot_info *bi)
{
    kprintf("command line: \"%s\"\n", (const char *)bi->cmdline);
    kprintf("modules: %u", bi->nmodules);
    if (bi->modules_skipped)
        kprintf(" (%u more skipped: at most %u)", bi->modules_skipped, BOOT_MODULES_MAX);
    kprintf("\n");
    for (uint32_t i = 0; i < bi->nmodules; i++)
        kprintf("  module %u: 0x%lx, %lu bytes, \"%s\"\n", i, bi->modules[i].base, bi->modules[i].len,
                (const char *)bi->modules[i].cmdline);
}

static void print_paging(void)
{
    const struct paging_stats *s = paging_stats();
    kprintf("paging: %lu MiB of RAM at 0x%lx (NX); kernel text %lu pages RX, rodata %lu R, "
            "data %lu RW+NX; %lu table frames\n",
            s->physmap_bytes >> 20, (uint64_t)PHYSMAP_BASE, s->text_pages, s->rodata_pages,
            s->data_pages, s->table_frames);
}

void kmain(uint32_t protocol, uint32_t info_paddr, uint32_t magic, uint64_t entry_cycles)
{
    kernel.entry_cycles = entry_cycles;
    arch_early_init();
    kernel.banner_cycles = arch_cycles();
    kprintf("\nSpinel %s (x86_64), booted via %s\n", SPINEL_VERSION, boot_protocol_name(protocol));
    int err = arch_read_boot_info(protocol, info_paddr, magic, &kernel.boot);
    if (err != BOOT_OK)
        panic("boot: cannot use the boot information: %s", boot_err_text(err));
    boot_report_warnings(&kernel.boot);
    print_memory_map(&kernel.boot);
    init_frames(&kernel);
    paging_init(&kernel.frames, usable_ram_end(&kernel.boot));
    print_paging();
    kprintf("frames: %lu free / %lu total\n", frame_count(&kernel.frames, FRAME_FREE),
            kernel.frames.nframes - frame_count(&kernel.frames, FRAME_ABSENT));
    print_boot_args(&kernel.boot);
    kevents_init(&kernel);
    vm_init();
    domains_init();
    strand_init(); /* before the extensions: their init may spawn strands */
    ext_boot();
    app_boot();
    net_init();
    arch_start_interrupts(TICK_HZ);
    shell_run();
}
