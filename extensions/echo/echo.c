/* echo: the UDP echo service (RFC 862) on port 7. Each datagram is sent
 * back to its sender as it came; `echo` at the shell says how many came
 * and how many replies the device refused. */
#include "spinel/print.h"
#include "spinel/shell.h"
#include "spinel/udp.h"

#define ECHO_PORT 7u

static uint64_t datagrams, refused;

/* The datagram handler needs nothing but udp.h and the two counters: the
 * benchmark builds this very function into the kernel to weigh an
 * extension's handler against a built-in one. Counters saturate rather
 * than wrap, so the proof needs no bound on the uptime. */
/*@ requires \valid_read(d);
    requires \object_pointer(d->data);
    requires \valid_read(d->data + (0 .. d->len - 1));
    terminates \true;
    assigns datagrams, refused, SpinelNet;
*/
static uint64_t on_datagram(void *closure, const struct udp_datagram *d)
{
    (void)closure;
    int r = udp_reply(d, d->data, d->len);
    if (datagrams < UINT64_MAX)
        datagrams++;
    if (r != SPINEL_OK && refused < UINT64_MAX)
        refused++;
    return 0;
}

/*@ requires ShellLine(line);
    terminates \true;
    assigns \nothing;
*/
static int is_echo(void *closure, const char *line)
{
    (void)closure;
    return shell_word_is(line, "echo");
}

/*@ requires ShellLine(line);
    terminates \true;
    assigns SpinelConsole;
*/
static uint64_t on_command(void *closure, const char *line)
{
    (void)closure;
    (void)line;
    print_str("echo: ");
    print_u64(datagrams);
    /* print_str takes a literal (its length is sizeof - 1): not a ?: of two */
    if (datagrams == 1)
        print_str(" datagram, ");
    else
        print_str(" datagrams, ");
    print_u64(refused);
    if (refused == 1)
        print_str(" reply refused\n");
    else
        print_str(" replies refused\n");
    return 1;
}

/* Serves the port, or refuses the load (the kernel then uninstalls what
 * was installed). */
/*@ terminates \true;
    assigns datagrams, refused, SpinelEvents, SpinelConsole;
*/
int ext_init(void)
{
    datagrams = 0;
    refused = 0;
    int udp = udp_install(ECHO_PORT, on_datagram);
    if (udp != SPINEL_OK) {
        print_str("echo: UDP port 7 not served: udp_install answered ");
        print_u64((uint64_t)udp);
        print_str("\n");
        return udp;
    }
    int shell = shell_install(on_command, is_echo);
    if (shell == SPINEL_OK)
        shell_help_str("echo", "the datagrams echoed on UDP port 7, and the replies refused"); /* help can do without it */
    return shell;
}
