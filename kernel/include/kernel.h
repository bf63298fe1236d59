/* State the kernel builds at boot and the shell reports. */
#ifndef SPINEL_KERNEL_H
#define SPINEL_KERNEL_H

#include <stdint.h>
#include "bootinfo.h"
#include "frame.h"

#define TICK_HZ 100

struct kernel {
    struct boot_info boot;
    struct frame_alloc frames;
    uint64_t entry_cycles;  /* TSC at the first entry instruction */
    uint64_t banner_cycles; /* TSC when the banner was printed */
    uint64_t prompt_cycles; /* TSC at the first shell prompt */
};

extern struct kernel kernel;

void shell_run(void);
void bench_run(void);
const char *boot_protocol_name(uint32_t protocol);
const char *boot_err_text(int err);
void boot_report_warnings(const struct boot_info *bi);
int cmdline_has_word(const char *cmdline, const char *word);

#endif
