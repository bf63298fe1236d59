/* A test fixture, not an app: one system call with all five arguments
 * (and a number from the extensions' range), so that
 * tests/apps/test_apps_host.py sees each in its register (rdi, rsi, rdx,
 * r10, r8); exits 0 if the answer came back in rax, 1 if not. */
#include <spinel/sys.h>

int main(void)
{
    long r = sys_call5(SYS_EXTENSION_BASE, 0x1111, 0x2222, 0x3333, 0x4444, -0x5555);
    return r == 0x6666 ? 0 : 1;
}
