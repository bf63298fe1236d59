/* The application rows, each timed from ring 3 under -icount by the
 * application itself, which prints its BENCH row; the bench runs them
 * when the boot has them as modules and waits for their end, asleep (a
 * joining strand that yields would take a turn between every two of a
 * ping-pong's):
 *   "app null": sys_null; then, if module "bench-ext kv" is there,
 *   sys_ext_kv_count with the kv extension loaded for that run;
 *   "app pingpong": ipc_ping_pong (a call to another application and its
 *   answer), and ipc_kv_count (kv's count served by an application). */
#include "app/app.h"
#include "bench/bench.h"
#include "console.h"
#include "ext/ext.h"
#include "kernel.h"
#include "paging.h"
#include "strand/runtime.h"

/* Runs name with args and waits for its end; 0 if it could not start. */
static int run_to_end(const char *name, uint32_t len, const char *args)
{
    uint32_t s;
    if (app_run(name, len, args, &s) != APP_OK)
        return 0;
    strand_await(s);
    return 1;
}

/* A server and a client of it; the client's last call ends the server. */
static void ipc_row(const char *server_args, const char *client_args)
{
    uint32_t server;
    if (app_run("pingpong", 8, server_args, &server) != APP_OK)
        return;
    run_to_end("pingpong", 8, client_args);
    strand_await(server);
    strand_collect();
}

void bench_apps(void)
{
    run_to_end("null", 4, 0);
    const struct boot_module *m = boot_module_named("bench-ext ", "kv");
    if (m) {
        if (!ext_load(phys_to_virt(m->base), m->len))
            panic("bench: cannot load the kv package");
        run_to_end("null", 4, "kv");
        if (ext_unload("kv") != 0)
            panic("bench: cannot unload kv");
    }
    strand_collect();
    ipc_row("server", "bench 1000");
    ipc_row("server count", "bench 1000 count");
}
