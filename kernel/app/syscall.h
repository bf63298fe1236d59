/* System calls as events: every syscall from ring 3 is raised as
 * Trap.Syscall, whose default handler is the kernel's own calls
 * (spinel/abi.h). Applications reference and raise only events named
 * App.*, whose handlers are given a struct app_raise. */
#ifndef SPINEL_APP_SYSCALL_H
#define SPINEL_APP_SYSCALL_H

#include <stdint.h>

struct kernel;
struct app;

/* What Trap.Syscall's handlers are given: the call as the registers said
 * it, and who made it (the application's owner id and reference table). */
struct syscall_event {
    uint64_t number;
    uint64_t arg[5];
    uint32_t owner, table, ctx;
    /* What the caller does once the raise is over: a raise never blocks
     * or ends its strand (the event would stay raising, and every other
     * application's call would find it busy). */
    uint32_t then;
    uint64_t then_arg;
};
enum syscall_then {
    THEN_RETURN = 0, THEN_EXIT = 1, THEN_YIELD = 2, THEN_SLEEP = 3,
    THEN_CALL = 4, THEN_REPLY_WAIT = 5 /* the port calls that block (app/port.h) */
};

/* What an App.* event's handlers are given. */
struct app_raise {
    uint64_t arg;
    uint32_t owner; /* the raising application */
};

/* Trap.Syscall's id, for the "syscall" interface (kernel/ext/ext_syscall.c). */
uint32_t syscall_event_id(void);
/* The application whose call Trap.Syscall is raised for, during the raise;
 * null otherwise: the only memory an extension's handler may copy. */
const struct app *syscall_serving(void);

/* Declares Trap.Syscall and the kernel's App.* events (from kevents_init). */
void syscall_events_declare(struct kernel *k);
/* A user copy's result (enum uc_err) as a system call answers it: 0, or
 * -SYS_ERR_TOO_LONG, -SYS_ERR_KERNEL, -SYS_ERR_FAULT (not mapped, or not as
 * the call needs). */
int64_t syscall_copy_error(int r);
/* A refused reference (enum cap_err) as a system call answers it:
 * -SYS_ERR_FOREIGN_REF, _STALE_REF, _WRONG_TYPE, _DENIED or _BAD_REF. */
int64_t syscall_ref_error(int r);

#endif
