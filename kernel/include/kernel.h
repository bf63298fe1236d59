/* State the kernel builds at boot and the shell reports. */
#ifndef SPINEL_KERNEL_H
#define SPINEL_KERNEL_H

#include <stdint.h>
#include "boot/bootinfo.h"
#include "cap/cap.h"
#include "event/dispatch.h"
#include "mem/frame.h"

#define TICK_HZ 100

struct kernel {
    struct boot_info boot;
    struct frame_alloc frames;
    struct cap_space caps;     /* every application's externalized references */
    struct dispatcher events;
    uint32_t command_event;    /* Shell.Command: raised for each command line */
    uint64_t commands_seen;    /* counted by the kernel's own handler on it */
    uint32_t loaded_event;     /* Ext.Loaded: raised with each extension's name once it runs */
    uint64_t entry_cycles;  /* TSC at the first entry instruction */
    uint64_t banner_cycles; /* TSC when the banner was printed */
    uint64_t prompt_cycles; /* TSC at the first shell prompt */
};

extern struct kernel kernel;

/* The module ids that own events and install handlers. */
enum kernel_module { MODULE_KERNEL = 0, MODULE_SHELL = 1 };

void shell_run(void);
void kevents_init(struct kernel *k);
void bench_run(void);
const char *boot_protocol_name(uint32_t protocol);
const char *boot_err_text(int err);
void boot_report_warnings(const struct boot_info *bi);
int cmdline_has_word(const char *cmdline, const char *word);
/* The boot module whose line is exactly prefix then name ("ext " "sum"), or null. */
const struct boot_module *boot_module_named(const char *prefix, const char *name);

#endif
