/* The first application: one line from ring 3, with where its stack is
 * (a local's address, which should be just below SYS_STACK_TOP), and its
 * arguments if it has more than its name, then exit 0. */
#include <spinel/sys.h>

int main(int argc, char **argv)
{
    int here = 0;
    unsigned long sp = (unsigned long)&here;
    int in_stack = sp < SYS_STACK_TOP && sp >= SYS_STACK_TOP - SYS_STACK_PAGES * 4096ull;
    uprintf("hello from ring 3\n");
    uprintf("hello: stack near %p, %s the stack's %d pages below %p\n", (void *)&here,
            in_stack ? "within" : "OUTSIDE", SYS_STACK_PAGES, (void *)SYS_STACK_TOP);
    if (argc > 1) {
        uprintf("hello: %d arguments:", argc);
        for (int i = 0; i < argc; i++)
            uprintf(" [%s]", argv[i]);
        uprintf("%s\n", argv[argc] ? " NO NULL AFTER THEM" : "");
    }
    return 0;
}
