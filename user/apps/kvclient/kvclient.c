/* kvclient: uses the system calls the kv extension adds (64 put, 65 get,
 * 66 count; extensions/kv/kv.c). Puts three keys, reads them back, asks
 * for a missing one, and tries buffers the kernel must refuse: a kernel
 * pointer, an over-long key or value. Each line says what was tried and
 * what came back; exits with the number of unexpected answers (0: all as
 * expected). Without kv loaded every call answers -SYS_ERR_NO_SUCH_CALL. */
#include <spinel/sys.h>

#define KV_PUT (SYS_EXTENSION_BASE + 0)
#define KV_GET (SYS_EXTENSION_BASE + 1)
#define KV_COUNT (SYS_EXTENSION_BASE + 2)
#define KERNEL_POINTER 0xffff800000001000l

static int unexpected;

static long expect(const char *what, long got, long want)
{
    uprintf("kvclient: %s: %ld%s\n", what, got, got == want ? "" : " UNEXPECTED");
    unexpected += got != want;
    return got;
}

static long put(const char *key, long klen, const char *value, long vlen)
{
    return sys_call5(KV_PUT, (long)key, klen, (long)value, vlen, 0);
}

static long get(const char *key, long klen, char *out, long cap)
{
    return sys_call5(KV_GET, (long)key, klen, (long)out, cap, 0);
}

/* get key: its value printed, and its length checked. */
static void get_back(const char *key, long klen, const char *value, long vlen)
{
    char out[65] = { 0 };
    long n = get(key, klen, out, 64);
    uprintf("kvclient: get %s: %ld \"%s\"%s\n", key, n, n >= 0 && n <= 64 ? out : "",
            n == vlen ? "" : " UNEXPECTED");
    for (long i = 0; n == vlen && i < vlen; i++)
        if (out[i] != value[i])
            n = -100;
    unexpected += n != vlen;
}

int main(void)
{
    expect("put alpha", put("alpha", 5, "one", 3), 0);
    expect("put beta", put("beta", 4, "two", 3), 0);
    expect("put gamma", put("gamma", 5, "three", 5), 0);
    expect("put beta again", put("beta", 4, "deux", 4), 0);
    expect("count", sys_call5(KV_COUNT, 0, 0, 0, 0, 0), 3);
    get_back("alpha", 5, "one", 3);
    get_back("beta", 4, "deux", 4);
    get_back("gamma", 5, "three", 5);
    char small[2] = { 0 };
    expect("get gamma into 2 bytes (its length)", get("gamma", 5, small, 2), 5);
    expect("get delta (missing)", get("delta", 5, small, 2), -SYS_ERR_NO_SUCH);
    expect("put with a kernel pointer as the key", put((const char *)KERNEL_POINTER, 5, "x", 1), -SYS_ERR_KERNEL);
    expect("get into a kernel pointer", get("alpha", 5, (char *)KERNEL_POINTER, 64), -SYS_ERR_KERNEL);
    expect("put a 17-byte key", put("seventeen-letters", 17, "x", 1), -SYS_ERR_TOO_LONG);
    expect("put an empty key", put("", 0, "x", 1), -SYS_ERR_INVALID);
    expect("put a 65-byte value", put("big", 3, (const char *)main, 65), -SYS_ERR_TOO_LONG);
    uprintf("kvclient: %d unexpected\n", unexpected);
    return unexpected;
}
