/* The echo extension's source built into the kernel: the same handler,
 * compiled by the kernel's compiler and called by the stack as a kernel
 * handler, which bench_net.c weighs against the admitted extension. Its
 * init is renamed and never run: the bench installs the handler itself. */
#define ext_init bench_echo_builtin_init
#include "../../extensions/echo/echo.c"
#undef ext_init

udp_handler *bench_echo_builtin_handler(void);
udp_handler *bench_echo_builtin_handler(void) { return on_datagram; }
