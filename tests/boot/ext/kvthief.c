//! name kvthief
//! imports print syscall
//! handler Trap.Syscall answer
/* kvthief: tries the system call numbers it may not have. With kv
 * loaded, its installs answer: the kernel's write (1) SPINEL_ERR_DENIED
 * (1), kv's put (64) SPINEL_ERR_TAKEN (18), 128 (beyond the range)
 * SPINEL_ERR_INVALID (17), a free number (70) SPINEL_OK (0), and 70 again
 * SPINEL_ERR_DUPLICATE (2). init prints the answers and succeeds. */
#include "spinel/print.h"
#include "spinel/syscall.h"

/*@ requires \valid_read(c);
    terminates \true;
    assigns \nothing;
*/
static uint64_t answer(void *closure, const struct spinel_syscall *c)
{
    (void)closure;
    return c->number;
}

/*@ requires \valid_read(what + (0 .. len - 1));
    terminates \true;
    assigns SpinelEvents, SpinelConsole;
*/
static void try(const char *what, uint32_t len, uint64_t number)
{
    print_str("kvthief: install on ");
    print_text(what, len);
    print_str(": ");
    print_u64((uint64_t)syscall_install(number, answer));
    print_str("\n");
}

/*@ terminates \true;
    assigns SpinelEvents, SpinelConsole;
*/
int ext_init(void)
{
    try("1 (write)", 9, 1);
    try("64 (kv's put)", 13, 64);
    try("128", 3, 128);
    try("70", 2, 70);
    try("70 again", 8, 70);
    return 0;
}
