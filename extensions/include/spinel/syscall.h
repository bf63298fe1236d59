/* System calls served by extensions (interface "syscall"): how SPIN let
 * applications extend the kernel. Every `syscall` from ring 3 is raised as
 * Trap.Syscall (user/include/spinel/abi.h), whose default handler is the
 * kernel's own calls; an extension adds a call by installing a handler
 * for a number of its own from SYSCALL_FIRST to SYSCALL_LAST.
 *
 * Authority: the kernel guards each handler with its number (the closure
 * is the number, the guard is the kernel's), so a handler runs only for
 * calls with that number: never for another extension's, never for the
 * kernel's own (0 .. 63, refused at install). One extension at a time
 * serves a number. At unload its handlers go, and their numbers answer
 * -SYS_ERR_NO_SUCH_CALL again.
 *
 * A handler runs with interrupts off, on the calling application's strand,
 * while the call is raised: it must be short. It reads the caller's
 * buffers only through syscall_copy_in and writes them only through
 * syscall_copy_out, which check them against the caller's own address
 * space (the proved copy planner): a bad pointer is an error code, never
 * a fault in the kernel. Its result is what the application's call
 * returns: by the ABI's convention >= 0, or -SYS_ERR_* as a uint64_t. */
#ifndef SPINEL_EXT_SYSCALL_H
#define SPINEL_EXT_SYSCALL_H

#include <stdint.h>
#include "ext.h"

/* The numbers extensions may serve: abi.h's SYS_EXTENSION_BASE and
 * SYS_NUMBER_MAX (the kernel checks they agree). Constants, not macros:
 * the admission tool copies the handler contract as written. */
enum syscall_numbers {
    SYSCALL_FIRST = 64,
    SYSCALL_LAST = 127
};

/* abi.h's refusals, which a handler answers negated (as a uint64_t) and
 * its copies return negated. */
enum syscall_err {
    SYSCALL_ERR_NO_SUCH_CALL = 1, /* no handler for the number */
    SYSCALL_ERR_FAULT = 2,        /* a buffer not mapped as the copy needs, or no call is served */
    SYSCALL_ERR_KERNEL = 3,       /* a buffer reaching into the kernel's half */
    SYSCALL_ERR_TOO_LONG = 4,     /* longer than the call takes (a copy: than SYSCALL_COPY_MAX) */
    SYSCALL_ERR_NO_SUCH = 10,     /* no object of that name */
    SYSCALL_ERR_FULL = 11,        /* no room */
    SYSCALL_ERR_INVALID = 12      /* an argument out of its range */
};

/* The longest buffer one copy takes (the kernel's UC_MAX_LEN). */
enum { SYSCALL_COPY_MAX = 16384 };

/* The call as the registers said it (rax; rdi, rsi, rdx, r10, r8), and
 * the calling application's owner id. A view of the kernel's own record
 * of the call: a handler may not keep it. */
struct spinel_syscall {
    uint64_t number;
    uint64_t arg[5];
    uint32_t caller;
};

/* A handler: closure is the kernel's (the number), c the call. */
typedef uint64_t syscall_handler(void *closure, const struct spinel_syscall *c);

/* The handler contract of Trap.Syscall: the call is one of the handler's
 * numbers; it may write its own globals, the console, and (through
 * syscall_copy_out) the caller's memory. */
/*@ requires \valid_read(c);
    requires SYSCALL_FIRST <= c->number <= SYSCALL_LAST;
    requires SpinelFuel >= SpinelBound;
    requires \separated(c, &SpinelStateAt);
    terminates \true;
    assigns SpinelState, SpinelConsole, SpinelFuel, SpinelUser;
*/
uint64_t syscall_handler_contract(void *closure, const struct spinel_syscall *c);

/* Installs h as the handler of system call number, for calls with that
 * number only. From init only. SPINEL_ERR_DENIED: number is one of the
 * kernel's own (below SYSCALL_FIRST); SPINEL_ERR_INVALID: beyond
 * SYSCALL_LAST; SPINEL_ERR_TAKEN: another extension serves it;
 * SPINEL_ERR_DUPLICATE: this one serves it already; SPINEL_ERR_QUOTA: it
 * serves SPINEL_HANDLER_QUOTA numbers already; SPINEL_ERR_FULL: the
 * event's table is full. */
/*@ terminates \true;
    assigns SpinelEvents;
    ensures \result == SPINEL_OK || \result == SPINEL_ERR_DENIED || \result == SPINEL_ERR_INVALID ||
            \result == SPINEL_ERR_TAKEN || \result == SPINEL_ERR_DUPLICATE || \result == SPINEL_ERR_FULL ||
            \result == SPINEL_ERR_NOT_NOW || \result == SPINEL_ERR_QUOTA;
    ensures number < SYSCALL_FIRST ==> \result == SPINEL_ERR_DENIED || \result == SPINEL_ERR_NOT_NOW;
    ensures number > SYSCALL_LAST ==> \result == SPINEL_ERR_INVALID || \result == SPINEL_ERR_NOT_NOW;
*/
int syscall_install(uint64_t number, syscall_handler *h);

/* Uninstalls h from number. From init or fini only. */
/*@ terminates \true;
    assigns SpinelEvents;
    ensures \result == SPINEL_OK || \result == SPINEL_ERR_ABSENT || \result == SPINEL_ERR_NOT_NOW;
*/
int syscall_uninstall(uint64_t number, syscall_handler *h);

/* len bytes of the calling application's memory from uaddr into dst: 0,
 * or -SYSCALL_ERR_TOO_LONG, -SYSCALL_ERR_KERNEL or -SYSCALL_ERR_FAULT
 * (also outside a handler of c's call), and then dst is untouched. The
 * application is the one the kernel knows is in the call, never one c
 * names. */
/*@ requires \valid_read(c);
    requires \valid(dst + (0 .. len - 1));
    requires \separated(dst + (0 .. len - 1), c);
    terminates \true;
    assigns dst[0 .. len - 1];
    ensures \result == 0 || \result == -SYSCALL_ERR_TOO_LONG || \result == -SYSCALL_ERR_KERNEL ||
            \result == -SYSCALL_ERR_FAULT;
    ensures len > SYSCALL_COPY_MAX ==> \result == -SYSCALL_ERR_TOO_LONG;
    ensures \result != 0 ==> \forall integer i; 0 <= i < len ==> dst[i] == \old(dst[i]);
*/
int64_t syscall_copy_in(const struct spinel_syscall *c, uint8_t *dst, uint64_t uaddr, uint64_t len);

/* len bytes from src into the calling application's memory at uaddr
 * (every page mapped writable): 0, or the refusals of syscall_copy_in,
 * and then not one byte was written. */
/*@ requires \valid_read(c);
    requires \valid_read(src + (0 .. len - 1));
    terminates \true;
    assigns SpinelUser;
    ensures \result == 0 || \result == -SYSCALL_ERR_TOO_LONG || \result == -SYSCALL_ERR_KERNEL ||
            \result == -SYSCALL_ERR_FAULT;
    ensures len > SYSCALL_COPY_MAX ==> \result == -SYSCALL_ERR_TOO_LONG;
*/
int64_t syscall_copy_out(const struct spinel_syscall *c, uint64_t uaddr, const uint8_t *src, uint64_t len);

#endif
