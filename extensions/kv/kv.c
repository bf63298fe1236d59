/* kv: a small key-value store that applications reach through three
 * system calls it adds (extensions/include/spinel/syscall.h), as SPIN
 * let applications extend the kernel:
 *   64 put(key, klen, value, vlen): 0, or -SYS_ERR_*
 *   65 get(key, klen, out, cap): the value's length, with at most cap of
 *      its bytes copied to out; or -SYS_ERR_NO_SUCH if no such key
 *   66 count(): the keys held
 * Keys are 1 to 16 bytes, values 0 to 64; 16 keys at most. Every buffer is
 * copied through syscall_copy_in/out, which check it against the calling
 * application's address space: a bad pointer is that call's error. The
 * table goes with the extension at unload, and with it the calls. */
#include "spinel/print.h"
#include "spinel/syscall.h"

#define KV_PUT (SYSCALL_FIRST + 0)
#define KV_GET (SYSCALL_FIRST + 1)
#define KV_COUNT (SYSCALL_FIRST + 2)
#define ENTRIES 16u
#define KEY_MAX 16u
#define VALUE_MAX 64u
#define FIND_FUEL (ENTRIES * (KEY_MAX + 1u))

/* An entry is free while klen is 0; a key's unused bytes are zero, so two
 * keys are the same when their lengths and all KEY_MAX bytes are. */
struct entry {
    uint8_t key[KEY_MAX];
    uint8_t value[VALUE_MAX];
    uint32_t klen, vlen;
};

static struct entry table[ENTRIES];

/* -e as the application's call returns it. */
/*@ requires 1 <= e <= 64;
    terminates \true;
    assigns \nothing;
    ensures \result == UINT64_MAX - (e - 1) && \result != 0;
*/
static uint64_t refused(uint64_t e)
{
    return UINT64_MAX - (e - 1u);
}

/*@ requires \valid_read(a + (0 .. KEY_MAX - 1)) && \valid_read(b + (0 .. KEY_MAX - 1));
    requires SpinelFuel >= KEY_MAX;
    terminates \true;
    assigns SpinelFuel;
    ensures SpinelFuel == \old(SpinelFuel) - KEY_MAX;
*/
static int same_key(const uint8_t *a, const uint8_t *b)
{
    int same = 1;
    /*@ loop invariant 0 <= i <= KEY_MAX;
        loop invariant same == 0 || same == 1;
        loop invariant SpinelFuel == \at(SpinelFuel, Pre) - i;
        loop assigns i, same, SpinelFuel;
        loop variant KEY_MAX - i;
    */
    for (uint32_t i = 0; i < KEY_MAX; i++) {
        spinel_spend();
        if (a[i] != b[i])
            same = 0;
    }
    return same;
}

/* The entry holding key (klen bytes, zero-padded), or ENTRIES; in *free
 * the first free entry, or ENTRIES (one pass for put). */
/*@ requires \valid_read(key + (0 .. KEY_MAX - 1));
    requires \valid(free) && \separated(free, &table);
    requires \separated(key + (0 .. KEY_MAX - 1), free);
    requires SpinelFuel >= FIND_FUEL;
    terminates \true;
    assigns *free, SpinelFuel;
    ensures 0 <= \result <= ENTRIES && 0 <= *free <= ENTRIES;
    ensures SpinelFuel >= \old(SpinelFuel) - FIND_FUEL;
*/
static uint32_t find(const uint8_t *key, uint32_t klen, uint32_t *free)
{
    *free = ENTRIES;
    /*@ loop invariant 0 <= i <= ENTRIES && 0 <= *free <= ENTRIES;
        loop invariant SpinelFuel >= \at(SpinelFuel, Pre) - i * (KEY_MAX + 1);
        loop assigns i, *free, SpinelFuel;
        loop variant ENTRIES - i;
    */
    for (uint32_t i = 0; i < ENTRIES; i++) {
        spinel_spend();
        if (table[i].klen == 0 && *free == ENTRIES)
            *free = i;
        else if (table[i].klen == klen && same_key(table[i].key, key))
            return i;
    }
    return ENTRIES;
}

/* The key of the call (its first two arguments) into key, zero-padded:
 * 0, or the refusal the call answers. */
/*@ requires \valid_read(c);
    requires \valid(key + (0 .. KEY_MAX - 1));
    requires \separated(key + (0 .. KEY_MAX - 1), c);
    terminates \true;
    assigns key[0 .. KEY_MAX - 1];
    ensures \result == 0 ==> 1 <= c->arg[1] <= KEY_MAX;
*/
static uint64_t key_in(const struct spinel_syscall *c, uint8_t *key)
{
    if (c->arg[1] == 0)
        return refused(SYSCALL_ERR_INVALID);
    if (c->arg[1] > KEY_MAX)
        return refused(SYSCALL_ERR_TOO_LONG);
    int64_t r = syscall_copy_in(c, key, c->arg[0], c->arg[1]);
    return r == 0 ? 0 : refused((uint64_t)-r);
}

/* put(key, klen, value, vlen): replaces the key's value, or takes a free
 * entry for it. -SYS_ERR_FULL: 16 other keys are held. */
/*@ requires \valid_read(c);
    requires SpinelFuel >= FIND_FUEL + KEY_MAX + VALUE_MAX;
    requires \separated(c, &table);
    terminates \true;
    assigns table[0 .. ENTRIES - 1], SpinelFuel;
*/
static uint64_t on_put(void *closure, const struct spinel_syscall *c)
{
    (void)closure;
    uint8_t key[KEY_MAX] = { 0 }, value[VALUE_MAX] = { 0 };
    uint64_t r = key_in(c, key);
    if (r != 0)
        return r;
    uint64_t vlen = c->arg[3];
    if (vlen > VALUE_MAX)
        return refused(SYSCALL_ERR_TOO_LONG);
    int64_t copied = syscall_copy_in(c, value, c->arg[2], vlen);
    if (copied != 0)
        return refused((uint64_t)-copied);
    uint32_t free = ENTRIES;
    uint32_t at = find(key, (uint32_t)c->arg[1], &free);
    if (at == ENTRIES)
        at = free;
    if (at == ENTRIES)
        return refused(SYSCALL_ERR_FULL);
    struct entry *e = &table[at];
    /*@ loop invariant 0 <= i <= KEY_MAX;
        loop invariant SpinelFuel >= \at(SpinelFuel, Pre) - FIND_FUEL - i;
        loop assigns i, e->key[0 .. KEY_MAX - 1], SpinelFuel;
        loop variant KEY_MAX - i;
    */
    for (uint32_t i = 0; i < KEY_MAX; i++) {
        spinel_spend();
        e->key[i] = key[i];
    }
    /*@ loop invariant 0 <= i <= VALUE_MAX;
        loop invariant SpinelFuel >= \at(SpinelFuel, Pre) - FIND_FUEL - KEY_MAX - i;
        loop assigns i, e->value[0 .. VALUE_MAX - 1], SpinelFuel;
        loop variant VALUE_MAX - i;
    */
    for (uint32_t i = 0; i < VALUE_MAX; i++) {
        spinel_spend();
        e->value[i] = value[i];
    }
    e->klen = (uint32_t)c->arg[1];
    e->vlen = (uint32_t)vlen;
    return 0;
}

/* get(key, klen, out, cap): the value's length; its first min(cap, length)
 * bytes copied to out. */
/*@ requires \valid_read(c);
    requires SpinelFuel >= FIND_FUEL;
    requires \separated(c, &table);
    terminates \true;
    assigns SpinelFuel, SpinelUser;
*/
static uint64_t on_get(void *closure, const struct spinel_syscall *c)
{
    (void)closure;
    uint8_t key[KEY_MAX] = { 0 };
    uint64_t r = key_in(c, key);
    if (r != 0)
        return r;
    uint32_t free = ENTRIES;
    uint32_t at = find(key, (uint32_t)c->arg[1], &free);
    if (at == ENTRIES)
        return refused(SYSCALL_ERR_NO_SUCH);
    /* put keeps vlen <= VALUE_MAX; a handler's proof knows nothing of
     * earlier calls, so the copy's bound is restated here. */
    uint32_t vlen = table[at].vlen <= VALUE_MAX ? table[at].vlen : VALUE_MAX;
    uint64_t n = c->arg[3] < vlen ? c->arg[3] : vlen;
    int64_t copied = syscall_copy_out(c, c->arg[2], table[at].value, n);
    return copied == 0 ? vlen : refused((uint64_t)-copied);
}

/* count(): the keys held. */
/*@ requires SpinelFuel >= ENTRIES;
    terminates \true;
    assigns SpinelFuel;
    ensures \result <= ENTRIES;
*/
static uint64_t on_count(void *closure, const struct spinel_syscall *c)
{
    (void)closure;
    (void)c;
    uint64_t n = 0;
    /*@ loop invariant 0 <= i <= ENTRIES && n <= i;
        loop invariant SpinelFuel == \at(SpinelFuel, Pre) - i;
        loop assigns i, n, SpinelFuel;
        loop variant ENTRIES - i;
    */
    for (uint32_t i = 0; i < ENTRIES; i++) {
        spinel_spend();
        n += table[i].klen != 0;
    }
    return n;
}

/* Serves the three numbers, or refuses the load (the kernel then
 * uninstalls whatever was installed). */
/*@ terminates \true;
    assigns SpinelEvents, SpinelConsole;
*/
int ext_init(void)
{
    int put = syscall_install(KV_PUT, on_put);
    int get = syscall_install(KV_GET, on_get);
    int count = syscall_install(KV_COUNT, on_count);
    if (put != SPINEL_OK || get != SPINEL_OK || count != SPINEL_OK) {
        print_str("kv: not served: install answered ");
        print_u64((uint64_t)put);
        print_str(" ");
        print_u64((uint64_t)get);
        print_str(" ");
        print_u64((uint64_t)count);
        print_str("\n");
        return 1;
    }
    print_str("kv: serving put 64, get 65, count 66 (16 keys of 16 bytes, values of 64)\n");
    return 0;
}
