/* The system call interface between applications (ring 3) and the kernel:
 * shared by the kernel's entry (kernel/app/) and the user library (user/).
 *
 * `syscall` with the number in rax and up to five arguments in rdi, rsi,
 * rdx, r10 and r8 (the kernel reads nothing else from user registers);
 * the result comes back in rax. rcx and r11 are clobbered by the
 * instruction itself. A result below 0 is -SYS_ERR_*; each refusal has
 * its own number, so an application can tell why.
 *
 * Each call is raised as the event Trap.Syscall; the kernel's own calls
 * are its default handlers, and an extension may add a call by installing
 * a handler guarded on a number from SYS_EXTENSION_BASE up. */
#ifndef SPINEL_ABI_H
#define SPINEL_ABI_H

enum sys_number {
    SYS_WRITE = 0,   /* write(buf, len): len bytes to the console; returns len */
    SYS_EXIT = 1,    /* exit(code): ends the application; never returns */
    SYS_YIELD = 2,   /* yield(): the next runnable strand runs; returns 0 */
    SYS_SLEEP = 3,   /* sleep(ticks): blocks that many timer ticks; returns 0 */
    SYS_GETREF = 4,  /* getref(name, len): a reference to the event so named */
    SYS_DROPREF = 5, /* dropref(ref): the reference dies; returns 0 */
    SYS_RAISE = 6,   /* raise(ref, arg): raises the event; its handler's answer */
    SYS_MAP = 7,     /* map(vaddr, prot): a fresh zeroed page there; returns 0 */
    SYS_UNMAP = 8,   /* unmap(vaddr): the page mapped there is freed; returns 0 */
    /* Ports: one application calls another through the kernel. */
    SYS_PORT = 9,       /* port(name, len): a new port the caller serves; its reference */
    SYS_CONNECT = 10,   /* connect(name, len): a reference to call the port so named */
    SYS_CALL = 11,      /* call(ref, w0, w1): blocks until the server answers; the answer */
    SYS_REPLY_WAIT = 12, /* reply_wait(ref, answer, msg): answers the call being served,
                          * if any, then blocks until the next call is in *msg; 0 */
    SYS_KERNEL_CALLS = 13
};

/* A call as its port's server receives it: the caller's two words and
 * who made it (the calling application's id, filled in by the kernel). */
struct sys_message {
    unsigned long word[2];
    unsigned long from;
};
#define SYS_PORT_NAME_MAX 15 /* bytes of a port's name */
#define SYS_ANSWER_MAX 0x7fffffffffffffffl /* answers are 0 .. this: never an error */

/* Numbers an extension may serve (SYS_EXTENSION_BASE .. SYS_NUMBER_MAX). */
#define SYS_EXTENSION_BASE 64
#define SYS_NUMBER_MAX 127

/* Protections for SYS_MAP (as TR_PROT_*; never write and execute). */
#define SYS_PROT_READ 1
#define SYS_PROT_WRITE 2

enum sys_err {
    SYS_ERR_NO_SUCH_CALL = 1, /* no handler for the number */
    SYS_ERR_FAULT = 2,        /* a buffer is not mapped, or not as the call needs */
    SYS_ERR_KERNEL = 3,       /* a buffer reaches into the kernel's half */
    SYS_ERR_TOO_LONG = 4,     /* a buffer longer than the call takes */
    SYS_ERR_BAD_REF = 5,      /* never issued to this application */
    SYS_ERR_STALE_REF = 6,    /* issued, since revoked or dropped */
    SYS_ERR_FOREIGN_REF = 7,  /* another application's reference */
    SYS_ERR_WRONG_TYPE = 8,   /* a reference to another kind of object */
    SYS_ERR_DENIED = 9,       /* the reference lacks the right */
    SYS_ERR_NO_SUCH = 10,     /* no object of that name */
    SYS_ERR_FULL = 11,        /* no room: references, frames or mappings */
    SYS_ERR_INVALID = 12,     /* an argument out of its range */
    SYS_ERR_TAKEN = 13,       /* a port of that name is served already */
    SYS_ERR_GONE = 14         /* the port's server ended before it answered */
};

/* The user half's layout for executables: segments from SYS_USER_MIN up
 * (the pages below fault, so a null pointer is caught), the stack's pages
 * just below SYS_STACK_TOP. */
#define SYS_USER_MIN 0x400000ull
#define SYS_STACK_TOP 0x7ff000000000ull
#define SYS_STACK_PAGES 4

/* Entering an executable: ring 3 at e_entry, with rsp 16-byte aligned
 * and pointing at argc, as the System V ABI starts a process: argc (8
 * bytes), argv[0 .. argc-1] (pointers to the words' strings, just above
 * in the stack page), a null pointer. argv[0] is the application's name,
 * the rest are the words the shell's "run NAME ARGS" was given, at most
 * SYS_ARGS of them, SYS_ARGS_BYTES in all. No environment, no auxiliary
 * vector; no other register is set. The user library's _start
 * (user/lib/crt0.S) clears rbp and the direction flag itself, calls
 * int main(int argc, char **argv), and passes its result to exit. */
#define SYS_ARGS 8
#define SYS_ARGS_BYTES 128

#endif
