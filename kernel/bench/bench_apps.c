/* The system call row: the application "null" (user/apps/null) times its
 * own calls from ring 3 under -icount and prints its row; the bench runs
 * it, when the boot has it as module "app null", and waits for its end. */
#include "app/app.h"
#include "bench/bench.h"
#include "strand/runtime.h"

void bench_apps(void)
{
    uint32_t s;
    if (app_run("null", 4, 0, &s) != APP_OK)
        return;
    strand_join(s);
    strand_collect();
}
