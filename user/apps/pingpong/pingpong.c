/* pingpong: two applications talking through the kernel, one serving a
 * port and one calling it (spinel/abi.h's SYS_PORT .. SYS_REPLY_WAIT).
 *   run pingpong server      serves port "pong": each call's first word
 *                            plus one is its answer; a call whose second
 *                            word is QUIT ends the server unanswered
 *   run pingpong server count  the same port, each answer the keys held
 *                            in a table like the kv extension's, counted
 *                            as its count call does (the same service as
 *                            an application, for make bench)
 *   run pingpong client N    N calls, each answer checked, then QUIT (the
 *                            call answers -SYS_ERR_GONE: the server ended)
 *   run pingpong bench N [count]  N calls timed under -icount: make
 *                            bench's cross-address-space row, or with
 *                            count the kv count row
 * A client waits (yielding) for the server's port to exist, and stops at
 * the first answer that is not the one expected. It exits with 0 if every
 * answer was as expected, the last one -SYS_ERR_GONE. */
#include <spinel/sys.h>

#define QUIT 1
#define CONNECT_TRIES 1000

static long number(const char *s)
{
    long n = 0;
    while (*s >= '0' && *s <= '9')
        n = n * 10 + (*s++ - '0');
    return n;
}

static int same(const char *a, const char *b)
{
    while (*a && *a == *b)
        a++, b++;
    return *a == *b;
}

static unsigned long cycles(void)
{
    unsigned lo, hi;
    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return (unsigned long)hi << 32 | lo;
}

/* The kv extension's table (extensions/kv/kv.c) and its count call:
 * entries in use have a key length. Empty here, as in the bench. */
#define ENTRIES 16
struct entry {
    unsigned char key[16];
    unsigned char value[64];
    unsigned klen, vlen;
};
static struct entry table[ENTRIES];

static long count_keys(void)
{
    long n = 0;
    for (int i = 0; i < ENTRIES; i++)
        n += table[i].klen != 0;
    return n;
}

static int serve(int count)
{
    long port = sys_port("pong", 4);
    uprintf("pingpong: serving port pong: reference %ld\n", port);
    if (port < 0)
        return 1;
    struct sys_message m;
    long answer = 0, served = 0;
    for (;;) {
        long r = sys_reply_wait(port, answer, &m);
        if (r < 0) {
            uprintf("pingpong: reply_wait refused: %ld\n", r);
            return 1;
        }
        if (m.word[1] == QUIT) {
            uprintf("pingpong: served %ld calls; told to quit by application %lu\n", served, m.from);
            return 0;
        }
        answer = count ? count_keys() : (long)((m.word[0] + 1) & SYS_ANSWER_MAX);
        served++;
    }
}

static long connect(void)
{
    long port = sys_connect("pong", 4);
    for (int i = 0; port == -SYS_ERR_NO_SUCH && i < CONNECT_TRIES; i++) {
        sys_yield();
        port = sys_connect("pong", 4);
    }
    return port;
}

/* rounds calls, each answer checked; the first one wrong ends them. */
static int call(long rounds, int timed, int count)
{
    long port = connect(), i = 0, answer = 0;
    if (port < 0) {
        uprintf("pingpong: connect to pong refused: %ld\n", port);
        return 1;
    }
    sys_port_call(port, 0, 0); /* the first call's misses out of a timing */
    unsigned long start = cycles();
    for (volatile long k = 0; k < rounds; k = k + 1)
        ;
    unsigned long loop = cycles() - start;
    start = cycles();
    for (; i < rounds; i++)
        if ((answer = sys_port_call(port, (unsigned long)i, 0)) != (count ? 0 : i + 1))
            break;
    unsigned long total = cycles() - start;
    if (i < rounds)
        uprintf("pingpong: call %ld answered %ld\n", i, answer);
    else if (timed)
        uprintf("BENCH %s %lu instructions indirect_call\n", count ? "ipc_kv_count" : "ipc_ping_pong",
                total > loop && rounds ? (total - loop) / (unsigned long)rounds : 0);
    else
        uprintf("pingpong: %ld calls, every answer right\n", rounds);
    long last = sys_port_call(port, 0, QUIT);
    uprintf("pingpong: the call that ended the server answered %ld\n", last);
    return (i < rounds) + (last != -SYS_ERR_GONE);
}

int main(int argc, char **argv)
{
    int count = argc >= 3 && same(argv[argc - 1], "count");
    if (argc >= 2 && same(argv[1], "server"))
        return serve(count);
    if (argc >= 3 && (same(argv[1], "client") || same(argv[1], "bench")))
        return call(number(argv[2]), same(argv[1], "bench"), count);
    uprintf("usage: pingpong server [count] | pingpong client N | pingpong bench N [count]\n");
    return 2;
}
