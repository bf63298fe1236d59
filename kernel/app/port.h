/* Ports: one application calls another through the kernel, the
 * cross-address-space call of SPIN's measurements. A port is a kernel
 * object (CAP_PORT) that one application serves and others call, each
 * through a reference in its own table: the server's reference may wait
 * for calls (CAP_RIGHT_WRITE), a caller's may only call (CAP_RIGHT_CALL).
 *
 * A call is synchronous: two words go to the server with the caller's id,
 * one answer comes back, and the caller is blocked in between. The calls
 * waiting on a port are served in the order they came. When the server
 * ends, every call waiting or being served answers -SYS_ERR_GONE and every
 * reference to the port dies with it.
 *
 * Trusted runtime, like app.c: the proved copy (user_copy_out) writes the
 * message into the server, the proved table checks every reference; this
 * file only sequences them, with interrupts off, and blocks strands after
 * Trap.Syscall's raise is over (a raise never blocks). */
#ifndef SPINEL_APP_PORT_H
#define SPINEL_APP_PORT_H

#include <stdint.h>

struct app;

#define APP_PORTS 4u /* ports served at once */

/* port(name, len) for application a: a new port named name[0, len) (in
 * a's memory) that a serves, and a's reference to it; or -SYS_ERR_*. */
int64_t port_create(const struct app *a, uint64_t name, uint64_t len);
/* connect(name, len): a reference in a's table to call the port so named. */
int64_t port_connect(const struct app *a, uint64_t name, uint64_t len);
/* call(ref, w0, w1) from a, which blocks until the server answers: the
 * answer (0 .. SYS_ANSWER_MAX) or -SYS_ERR_*. */
int64_t port_call(const struct app *a, uint64_t ref, uint64_t w0, uint64_t w1);
/* reply_wait(ref, answer, msg) from the port's server a: answer to the
 * call being served, if any; then blocks until a call comes, written to
 * a's struct sys_message at msg. 0, or -SYS_ERR_* with nothing done. */
int64_t port_reply_wait(const struct app *a, uint64_t ref, uint64_t answer, uint64_t msg);
/* Application a exits, or is reaped after a fault or a kill (interrupts
 * off): the ports it served end, and it is forgotten as a caller. After an
 * exit its callers are answered at once; after a fault or a kill, when
 * the dead strand is reaped (the next shell command or app_run). */
void port_release(const struct app *a);
/* Ports served now, for the shell. */
uint32_t port_count(void);

#endif
