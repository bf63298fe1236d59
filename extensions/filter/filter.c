/* filter: a firewall of one rule, on IP.Filter. Its guard accepts (and
 * so the kernel drops) every IPv4 packet from the address `filter
 * A.B.C.D` names at the shell; `filter off` lets them all through again,
 * `filter` alone says which address is dropped. A guard writes nothing,
 * so the filter cannot count what it drops: the kernel counts them
 * ("ip: filtered"). */
#include "spinel/net.h"
#include "spinel/print.h"
#include "spinel/shell.h"

/* The source dropped (host order), while on is 1. */
static uint32_t blocked;
static int on;

/* Nonzero: drop p. */
/*@ requires \valid_read(p);
    terminates \true;
    assigns \nothing;
    ensures \result != 0 <==> on != 0 && p->src == blocked;
*/
static int drops(void *closure, const struct net_ipv4 *p)
{
    (void)closure;
    return on != 0 && p->src == blocked;
}

/*@ requires ShellLine(line);
    terminates \true;
    assigns \nothing;
*/
static int is_filter(void *closure, const char *line)
{
    (void)closure;
    return shell_word_is(line, "filter");
}

/* The bytes of text before its NUL. */
/*@ requires ShellLine(text);
    requires SpinelFuel >= 127;
    terminates \true;
    assigns SpinelFuel;
    ensures 0 <= \result < 128 && \valid_read(text + (0 .. \result));
    ensures SpinelFuel == \old(SpinelFuel) - \result;
*/
static uint32_t text_length(const char *text)
{
    uint32_t n = 0;
    /*@ loop invariant 0 <= n < 128;
        loop invariant \forall integer k; 0 <= k < n ==> text[k] != 0;
        loop invariant \valid_read(text + (0 .. n));
        loop invariant SpinelFuel == \at(SpinelFuel, Pre) - n;
        loop assigns n, SpinelFuel;
        loop variant 127 - n;
    */
    while (text[n] != 0 && n < 127) {
        spinel_spend();
        n++;
    }
    return n;
}

/* n less the spaces that end the n bytes at text. */
/*@ requires \valid_read(text + (0 .. n - 1));
    requires SpinelFuel >= n;
    terminates \true;
    assigns SpinelFuel;
    ensures 0 <= \result <= n;
    ensures SpinelFuel >= \old(SpinelFuel) - n;
*/
static uint32_t trimmed(const char *text, uint32_t n)
{
    uint32_t m = n;
    /*@ loop invariant 0 <= m <= n;
        loop invariant SpinelFuel == \at(SpinelFuel, Pre) - (n - m);
        loop assigns m, SpinelFuel;
        loop variant m;
    */
    while (m > 0 && text[m - 1] == ' ') {
        spinel_spend();
        m--;
    }
    return m;
}

/* The dotted quad A.B.C.D in the n bytes at s (each part 1 to 3 digits,
 * at most 255) into *addr, host order: 1; or 0 if s is anything else. */
/*@ requires \valid_read(s + (0 .. n - 1));
    requires \valid(addr);
    requires n <= 127;
    requires SpinelFuel >= 127;
    terminates \true;
    assigns *addr, SpinelFuel;
    ensures \result == 0 || \result == 1;
    ensures SpinelFuel >= \old(SpinelFuel) - 127;
*/
static int parse_quad(const char *s, uint32_t n, uint32_t *addr)
{
    uint32_t part[4] = { 0 };
    uint32_t dots = 0, digits = 0;
    /*@ loop invariant 0 <= i <= n;
        loop invariant 0 <= dots <= 3 && 0 <= digits <= 3;
        loop invariant \forall integer k; 0 <= k < 4 ==> part[k] <= 255;
        loop invariant SpinelFuel == \at(SpinelFuel, Pre) - i;
        loop assigns i, dots, digits, part[0 .. 3], SpinelFuel;
        loop variant n - i;
    */
    for (uint32_t i = 0; i < n; i++) {
        spinel_spend();
        char c = s[i];
        if (c == '.') {
            if (digits == 0 || dots == 3)
                return 0;
            dots++;
            digits = 0;
        } else if (c >= '0' && c <= '9' && digits < 3) {
            uint32_t v = part[dots] * 10u + (uint32_t)(c - '0');
            if (v > 255)
                return 0;
            part[dots] = v;
            digits++;
        } else {
            return 0;
        }
    }
    if (dots != 3 || digits == 0)
        return 0;
    *addr = part[0] * 16777216u + part[1] * 65536u + part[2] * 256u + part[3];
    return 1;
}

/*@ terminates \true;
    assigns SpinelConsole;
*/
static void print_address(uint32_t a)
{
    print_u64(a >> 24);
    print_str(".");
    print_u64(a >> 16 & 0xffu);
    print_str(".");
    print_u64(a >> 8 & 0xffu);
    print_str(".");
    print_u64(a & 0xffu);
}

/*@ terminates \true;
    assigns SpinelConsole;
*/
static void print_state(void)
{
    if (on == 0) {
        print_str("filter: off\n");
        return;
    }
    print_str("filter: dropping packets from ");
    print_address(blocked);
    print_str("\n");
}

/* At most 127 iterations to find the argument's end, 127 to drop its
 * final spaces and 127 to read it as an address. */
/*@ requires ShellLine(line);
    requires SpinelFuel >= 381;
    requires \separated(line + (0 .. 127), &blocked, &on);
    terminates \true;
    assigns blocked, on, SpinelConsole, SpinelFuel;
*/
static uint64_t on_command(void *closure, const char *line)
{
    (void)closure;
    const char *args = shell_args(line);
    uint32_t n = trimmed(args, text_length(args));
    uint32_t addr = 0;
    if (n == 3 && args[0] == 'o' && args[1] == 'f' && args[2] == 'f') {
        on = 0;
    } else if (n != 0 && parse_quad(args, n, &addr)) {
        blocked = addr;
        on = 1;
    } else if (n != 0) {
        print_str("filter: not an address: ");
        print_text(args, n);
        print_str(" (want A.B.C.D, each part 0 to 255, or off)\n");
        return 1;
    }
    print_state();
    return 1;
}

/*@ terminates \true;
    assigns blocked, on, SpinelEvents;
*/
int ext_init(void)
{
    blocked = 0;
    on = 0;
    int err = net_filter_install(drops);
    if (err != SPINEL_OK)
        return err;
    err = shell_install(on_command, is_filter);
    if (err == SPINEL_OK)
        shell_help_str("filter", "[A.B.C.D | off]: drop the IPv4 packets from A.B.C.D; off: none"); /* help can do without it */
    return err;
}
