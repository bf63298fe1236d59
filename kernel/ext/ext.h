/* Extensions: packages the admission tool certified, linked into the
 * kernel as domains resolved against exactly the interfaces their
 * manifests import, started by their init, and unloaded with nothing
 * left behind. */
#ifndef SPINEL_EXT_KERNEL_H
#define SPINEL_EXT_KERNEL_H

#include <stdint.h>
#include "init/domains.h"

#define EXT_MAX 15 /* one capability table each: applications 1 .. 15 */
#define EXT_IMPORTS 8
/* Exports the shell's call may run, per extension (manifest "callable"). */
#define EXT_CALLABLE 8
/* Bytes of stack an extension's own frames may use (admit.py refuses
 * more); the kernel stack has room for them above the kernel's own. */
#define EXT_STACK_MAX 2048
/* Installer ids of extensions: EXT_INSTALLER_BASE + slot. */
#define EXT_INSTALLER_BASE 16u

struct extension {
    char name[DOMAIN_NAME_MAX];
    char imports[EXT_IMPORTS][DOMAIN_NAME_MAX];
    uint32_t nimports;
    /* SHA-256 of the exports header it was proved against, and of each
     * imported extension's header this one was proved against. */
    uint8_t exports_digest[32], has_exports;
    uint8_t contract[EXT_IMPORTS][32], has_contract[EXT_IMPORTS];
    /* Exports the admission tool found to take no arguments and have no
     * precondition: the only ones the shell's call runs. */
    char callable[EXT_CALLABLE][DOMAIN_NAME_MAX];
    uint32_t ncallable;
    struct kdomain *kd;
    uint32_t installer;
    uint32_t app;     /* its table of references: 1 + its slot (0 is the shell's) */
    uint8_t *summary; /* the proof summary, copied (vmem) */
    uint32_t summary_len;
    uint8_t used;
};

/* Loads every boot module whose line is "ext NAME". */
void ext_boot(void);
/* Checks, links and starts a package; prints why not. The bytes are read
 * during the call only. Returns the extension or null. */
struct extension *ext_load(const uint8_t *bytes, uint64_t len);
/* Runs fini, uninstalls every handler and guard in its image, frees its
 * domain: 0, or -1 with the reason printed. */
int ext_unload(const char *name);
/* Why the last ext_load or ext_unload refused, as the console said it
 * after "refused: " (one line): what the load port answers. */
const char *ext_refusal(void);
struct extension *ext_find(const char *name);
/* Whether e's manifest lists symbol as callable from the shell. */
int ext_callable(const struct extension *e, const char *symbol);
/* The extension whose image holds code address pc, or null: how the
 * interface knows who calls it (extensions cannot forge where they call
 * from: the gate refuses assembly and function pointers). */
struct extension *ext_of_code(uint64_t pc);
struct extension *ext_at(uint32_t i);
/* Receives one request from the load port, a package to load or a name
 * to unload, and answers it there (ext_port.c). */
void ext_port_receive(void);
/* The extension whose init or fini is running: the installer of what the
 * interface installs; null outside them. */
struct extension *ext_running(void);

#endif
