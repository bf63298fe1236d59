//! name portthief
//! imports print udp
//! handler UDP.PacketArrived quiet
/* portthief: tries UDP ports it may not have. With echo serving port 7,
 * its installs answer: 7 SPINEL_ERR_TAKEN (18), 0 and 65536
 * SPINEL_ERR_INVALID (17), a free port (7007) SPINEL_OK (0), and 7007
 * again SPINEL_ERR_DUPLICATE (2). init prints the answers and succeeds;
 * its handler answers nothing, so datagrams to 7007 are delivered and
 * dropped by it, and echo keeps port 7. */
#include "spinel/print.h"
#include "spinel/udp.h"

/*@ requires \valid_read(d);
    terminates \true;
    assigns \nothing;
*/
static uint64_t quiet(void *closure, const struct udp_datagram *d)
{
    (void)closure;
    (void)d;
    return 0;
}

/*@ requires \valid_read(what + (0 .. len - 1));
    terminates \true;
    assigns SpinelEvents, SpinelConsole;
*/
static void try(const char *what, uint32_t len, uint32_t port)
{
    print_str("portthief: install on ");
    print_text(what, len);
    print_str(": ");
    print_u64((uint64_t)udp_install(port, quiet));
    print_str("\n");
}

/*@ terminates \true;
    assigns SpinelEvents, SpinelConsole;
*/
int ext_init(void)
{
    try("7 (echo's)", 10, 7);
    try("0", 1, 0);
    try("65536", 5, 65536);
    try("7007", 4, 7007);
    try("7007 again", 10, 7007);
    return 0;
}
