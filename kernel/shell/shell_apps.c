/* The shell's application commands: apps, run NAME ARGS. An application is
 * killed like any strand (kill N); its resources return when it is reaped. */
#include "app/app.h"
#include "console.h"
#include "lib/kstring.h"
#include "shell/shell_cmds.h"

void cmd_apps(const char *args)
{
    (void)args;
    const char *names[APP_IMAGES];
    struct app running[APP_RUNNING];
    uint32_t n = app_images(names, APP_IMAGES);
    kprintf("%u application%s known:", n, plural(n));
    for (uint32_t i = 0; i < n; i++)
        kprintf(" %s", names[i]);
    n = app_running(running, APP_RUNNING);
    kprintf("\n%u running\n", n);
    for (uint32_t i = 0; i < n; i++)
        kprintf("  %s: strand %u, context %u, owner %u, reference table %u\n", running[i].name, running[i].strand,
                running[i].ctx, running[i].owner, running[i].table);
}

void cmd_run(const char *args)
{
    char name[APP_NAME_MAX];
    uint32_t strand;
    if (!next_word(&args, name, sizeof name)) {
        kprintf("usage: run NAME [ARGS] (see 'apps')\n");
        return;
    }
    uint32_t len = (uint32_t)kstrnlen(name, sizeof name);
    int r = app_run(name, len, args, &strand);
    if (r == APP_OK)
        kprintf("run %s: strand %u\n", name, strand);
    else
        kprintf("run %s: refused: %s (error %d)\n", name, app_err_text(r), r);
}
