/* Applications: static ELF64 executables from boot modules ("app NAME")
 * or the load port (spinel run), each run in ring 3 on its own strand, in
 * its own Translation context with user pages only, holding kernel objects
 * only through references in its own table. */
#ifndef SPINEL_APP_H
#define SPINEL_APP_H

#include <stdint.h>

#define APP_IMAGES 12u  /* executables known (boot modules, load port) */
#define APP_RUNNING 6u  /* applications running at once */
#define APP_NAME_MAX 16u
/* Owner ids of running applications (frames, contexts, strands): apart
 * from the shell's (1) and the extensions' (16 ..). */
#define APP_OWNER_BASE 48u

struct app {
    char name[APP_NAME_MAX];
    uint32_t owner, ctx, strand, table;
    uint64_t entry, sp; /* where it starts in ring 3 */
    uint8_t used;
};

/* Refusals of app_run (after enum exec_err's and the VM's codes). */
enum app_err {
    APP_OK = 0,
    APP_ERR_NO_SUCH = 200,   /* no executable of that name */
    APP_ERR_BUSY = 201,      /* APP_RUNNING applications run already */
    APP_ERR_NO_TABLE = 202,  /* every reference table is taken */
    APP_ERR_NO_STRAND = 203, /* no strand or stack is free */
    APP_ERR_TOO_BIG = 204,   /* more pages than a context maps */
    /* Refusals of app_add. */
    APP_ERR_NAME = 205,      /* no name, a name too long, or not printable */
    APP_ERR_TAKEN = 206,     /* another executable has that name */
    APP_ERR_KNOWN = 207,     /* that name is known with these very bytes */
    APP_ERR_FULL = 208,      /* APP_IMAGES executables are known */
    APP_ERR_ARGS = 209       /* over SYS_ARGS words, or SYS_ARGS_BYTES of them */
};

/* Registers every boot module "app NAME"; a malformed executable is
 * refused with its reason now, and never runs. */
void app_boot(void);
/* Registers executable bytes[0, n) under name[0, len) (1 to APP_NAME_MAX-1
 * printable bytes, no space): APP_OK, or why not (the name's reason first,
 * then exec_plan's, then APP_ERR_KNOWN, APP_ERR_TAKEN, APP_ERR_FULL),
 * nothing registered; *at is the program header exec_plan's refusal is
 * about, or EXEC_NOWHERE. The bytes are kept, not copied: they must live
 * as long as the kernel. */
int app_add(const char *name, uint32_t len, const uint8_t *bytes, uint64_t n, int32_t *at);
/* Starts executable name: its segments and stack mapped in a new context,
 * a strand entering ring 3 at its entry with argv the name and the words
 * of args (a NUL-terminated string, spaces apart; null for none), as
 * spinel/abi.h says. APP_OK and the strand's index, or why not (an
 * exec_err, a VM code or an app_err), nothing left held. */
int app_run(const char *name, uint32_t len, const char *args, uint32_t *strand);
/* The running application on strand index, or null. */
struct app *app_on_strand(uint32_t index);
/* The application of the running strand, or null (a kernel strand). */
struct app *app_current(void);
/* Ends the calling application with code; does not return. */
_Noreturn void app_exit(const struct app *a, int64_t code);
/* Whether reference table t is an application's (extensions skip it). */
int app_table_taken(uint32_t t);
/* Listing for the shell: executables known, and applications running. */
uint32_t app_images(const char **names, uint32_t n);
uint32_t app_running(struct app *out, uint32_t n);
const char *app_err_text(int code);

#endif
