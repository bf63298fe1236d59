/* The system calls as C functions: each is sys_call5 with its number
 * (abi.h) and its arguments, the unused ones 0. */
#include <spinel/sys.h>

long sys_write(const void *buf, unsigned long len)
{
    return sys_call5(SYS_WRITE, (long)buf, (long)len, 0, 0, 0);
}

_Noreturn void sys_exit(long code)
{
    sys_call5(SYS_EXIT, code, 0, 0, 0, 0);
    /* The kernel never returns from exit; should it, spin rather than
     * run off the end of a _Noreturn function. */
    for (;;)
        sys_call5(SYS_EXIT, code, 0, 0, 0, 0);
}

long sys_yield(void)
{
    return sys_call5(SYS_YIELD, 0, 0, 0, 0, 0);
}

long sys_sleep(unsigned long ticks)
{
    return sys_call5(SYS_SLEEP, (long)ticks, 0, 0, 0, 0);
}

long sys_getref(const char *name, unsigned long len)
{
    return sys_call5(SYS_GETREF, (long)name, (long)len, 0, 0, 0);
}

long sys_dropref(long ref)
{
    return sys_call5(SYS_DROPREF, ref, 0, 0, 0, 0);
}

long sys_raise(long ref, long arg)
{
    return sys_call5(SYS_RAISE, ref, arg, 0, 0, 0);
}

long sys_map(void *vaddr, long prot)
{
    return sys_call5(SYS_MAP, (long)vaddr, prot, 0, 0, 0);
}

long sys_unmap(void *vaddr)
{
    return sys_call5(SYS_UNMAP, (long)vaddr, 0, 0, 0, 0);
}

long sys_port(const char *name, unsigned long len)
{
    return sys_call5(SYS_PORT, (long)name, (long)len, 0, 0, 0);
}

long sys_connect(const char *name, unsigned long len)
{
    return sys_call5(SYS_CONNECT, (long)name, (long)len, 0, 0, 0);
}

long sys_port_call(long ref, unsigned long w0, unsigned long w1)
{
    return sys_call5(SYS_CALL, ref, (long)w0, (long)w1, 0, 0);
}

long sys_reply_wait(long ref, long answer, struct sys_message *msg)
{
    return sys_call5(SYS_REPLY_WAIT, ref, answer, (long)msg, 0, 0);
}
