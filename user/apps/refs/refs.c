/* References from ring 3: every kernel object an application names is a
 * reference in its own table, and each kind of bad reference is refused
 * with its own error (spinel/abi.h). Also maps a page of its own and
 * writes through it, then unmaps it, and serves a port of its own to see
 * every misuse of ports refused. Each line says what was tried and
 * what came back; exits 0 if every answer was the expected one. */
#include <spinel/sys.h>

static int failures;

static void expect(const char *what, long got, long want)
{
    uprintf("refs: %s: %ld%s\n", what, got, got == want ? "" : " UNEXPECTED");
    failures += got != want;
}

static void references(void)
{
    long t = sys_getref("App.Time", 8);
    uprintf("refs: getref App.Time: %s\n", t >= 0 ? "a reference" : "REFUSED");
    failures += t < 0;
    long ticks = sys_raise(t, 0);
    uprintf("refs: raise App.Time: %s\n", ticks >= 0 ? "ticks" : "REFUSED");
    failures += ticks < 0;
    expect("raise of a slot of its own never issued (forged)", sys_raise(t + 1, 0), -SYS_ERR_BAD_REF);
    expect("raise of the shell's reference 0 (foreign)", sys_raise(0, 0), -SYS_ERR_FOREIGN_REF);
    expect("raise of -1 (beyond any reference)", sys_raise(-1, 0), -SYS_ERR_BAD_REF);
    expect("dropref", sys_dropref(t), 0);
    expect("raise after dropref (stale)", sys_raise(t, 0), -SYS_ERR_STALE_REF);
    expect("dropref again (stale)", sys_dropref(t), -SYS_ERR_STALE_REF);
    expect("getref of a kernel event not for applications", sys_getref("Trap.Syscall", 12), -SYS_ERR_NO_SUCH);
    expect("getref of no event", sys_getref("App.Nothing", 11), -SYS_ERR_NO_SUCH);
    expect("getref with a kernel pointer as the name", sys_getref((const char *)0xffff800000001000ul, 8),
           -SYS_ERR_KERNEL);
    expect("a call nobody serves", sys_call5(SYS_EXTENSION_BASE + 9, 0, 0, 0, 0, 0), -SYS_ERR_NO_SUCH_CALL);
}

#define SCRATCH ((void *)0x100000000000ul)

static void pages(void)
{
    expect("map a page read-write", sys_map(SCRATCH, SYS_PROT_READ | SYS_PROT_WRITE), 0);
    volatile long *word = SCRATCH;
    *word = 42;
    expect("read back through it", *word, 42);
    expect("map it again", sys_map(SCRATCH, SYS_PROT_READ), -SYS_ERR_INVALID);
    expect("map executable", sys_map((char *)SCRATCH + 4096, 4), -SYS_ERR_INVALID);
    expect("map in the kernel's half", sys_map((void *)0xffff800000000000ul, SYS_PROT_READ), -SYS_ERR_KERNEL);
    expect("write from it", sys_write(SCRATCH, 0), 0);
    expect("unmap", sys_unmap(SCRATCH), 0);
    expect("unmap again", sys_unmap(SCRATCH), -SYS_ERR_INVALID);
}

/* Misuses of ports, each refused with its own error; none blocks. */
static void ports(void)
{
    struct sys_message m;
    long own = sys_port("refs", 4);
    uprintf("refs: port refs: %s\n", own >= 0 ? "a reference" : "REFUSED");
    failures += own < 0;
    expect("port refs again (taken)", sys_port("refs", 4), -SYS_ERR_TAKEN);
    expect("port with a 16-byte name", sys_port("sixteen-letters!", 16), -SYS_ERR_INVALID);
    expect("port with a kernel pointer as its name", sys_port((const char *)0xffff800000000000ul, 4), -SYS_ERR_KERNEL);
    expect("connect to no port", sys_connect("nothing", 7), -SYS_ERR_NO_SUCH);
    expect("call through the server's reference (no call right)", sys_port_call(own, 1, 0), -SYS_ERR_DENIED);
    long mine = sys_connect("refs", 4);
    expect("call its own port (it would wait for itself)", sys_port_call(mine, 1, 0), -SYS_ERR_INVALID);
    expect("reply_wait through a caller's reference", sys_reply_wait(mine, 0, &m), -SYS_ERR_DENIED);
    expect("reply_wait with a negative answer", sys_reply_wait(own, -1, &m), -SYS_ERR_INVALID);
    expect("reply_wait into the kernel's half", sys_reply_wait(own, 0, (struct sys_message *)0xffff800000000000ul),
           -SYS_ERR_KERNEL);
    expect("reply_wait into an unmapped page", sys_reply_wait(own, 0, (struct sys_message *)0x100000000000ul),
           -SYS_ERR_FAULT);
    expect("reply_wait through an event's reference", sys_reply_wait(sys_getref("App.Time", 8), 0, &m),
           -SYS_ERR_WRONG_TYPE);
    expect("dropref of the port's reference", sys_dropref(own), 0);
    expect("reply_wait after dropref (stale)", sys_reply_wait(own, 0, &m), -SYS_ERR_STALE_REF);
}

int main(void)
{
    references();
    pages();
    ports();
    uprintf("refs: %d unexpected\n", failures);
    return failures;
}
