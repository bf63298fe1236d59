/* SHA-256 against FIPS 180-4's examples and lengths around the padding
 * boundaries, and incremental hashing against one shot. Expected values
 * from Python's hashlib. */
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "crypto/sha256.h"

static void hex(const char *h, uint8_t *out, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned v;
        sscanf(h + 2 * i, "%2x", &v);
        out[i] = (uint8_t)v;
    }
}

/* digest equals the 64 hex digits want. */
static int is(const uint8_t digest[32], const char *want)
{
    uint8_t w[32];
    hex(want, w, 32);
    return memcmp(digest, w, 32) == 0;
}

static int sha_is(const void *data, uint64_t len, const char *want)
{
    uint8_t d[32];
    sha256_digest(data, len, d);
    return is(d, want);
}

static void fips_vectors(void)
{
    CHECK("sha256 of the empty message",
          sha_is("", 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    CHECK("sha256 of \"abc\" (one block)",
          sha_is("abc", 3, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    CHECK("sha256 of the 448-bit message (two blocks)",
          sha_is(two, strlen(two), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"));
    uint8_t *million = malloc(1000000);
    memset(million, 'a', 1000000);
    CHECK("sha256 of one million 'a'",
          sha_is(million, 1000000, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"));
    struct sha256 s;
    uint8_t d[32];
    sha256_init(&s);
    for (int i = 0; i < 1000; i++)
        sha256_update(&s, million, 1000);
    sha256_final(&s, d);
    CHECK("one million 'a' in thousand-byte updates",
          is(d, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"));
    free(million);
}

/* Lengths where the padding changes shape: 55 bytes still fit the length
 * in the last block, 56 do not; 64 and 128 end on a block boundary. */
static void padding_boundaries(void)
{
    static const struct { uint64_t n; const char *want; } v[] = {
        { 55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318" },
        { 56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a" },
        { 63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34" },
        { 64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb" },
        { 65, "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0" },
        { 119, "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb" },
        { 120, "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c" },
        { 128, "6836cf13bac400e9105071cd6af47084dfacad4e5e302c94bfed24e013afb73e" },
    };
    uint8_t a[128];
    memset(a, 'a', sizeof a);
    int all = 1;
    for (unsigned i = 0; i < sizeof v / sizeof v[0]; i++) {
        uint8_t *exact = malloc(v[i].n); /* its own size: ASan sees a read past the end */
        memcpy(exact, a, v[i].n);
        int ok = sha_is(exact, v[i].n, v[i].want);
        if (!ok)
            printf("  length %llu differs\n", (unsigned long long)v[i].n);
        all &= ok;
        free(exact);
    }
    CHECK("sha256 of 'a' * 55, 56, 63, 64, 65, 119, 120, 128", all);
}

/* Every split of a 200-byte message into two updates, and byte by byte,
 * gives the one-shot digest; fill and total say what the contract says. */
static void incremental(void)
{
    uint8_t m[200], one[32], d[32];
    for (int i = 0; i < 200; i++)
        m[i] = (uint8_t)(i * 131 + 7);
    sha256_digest(m, sizeof m, one);
    int same = 1, counts = 1;
    for (uint64_t p = 0; p <= sizeof m; p++) {
        struct sha256 s;
        sha256_init(&s);
        sha256_update(&s, m, p);
        counts &= s.total == p && s.fill == p % 64;
        sha256_update(&s, m + p, sizeof m - p);
        counts &= s.total == sizeof m && s.fill == sizeof m % 64;
        sha256_final(&s, d);
        same &= memcmp(d, one, 32) == 0;
    }
    CHECK("every split point of 200 bytes equals one shot", same);
    CHECK("total and fill after each update", counts);
    struct sha256 s;
    sha256_init(&s);
    for (int i = 0; i < 200; i++)
        sha256_update(&s, m + i, 1);
    sha256_final(&s, d);
    CHECK("byte by byte equals one shot", memcmp(d, one, 32) == 0);
    sha256_init(&s);
    sha256_update(&s, m, 0);
    sha256_update(&s, 0, 0); /* an empty update may pass no buffer */
    sha256_update(&s, m, sizeof m);
    sha256_final(&s, d);
    CHECK("empty updates change nothing", memcmp(d, one, 32) == 0);
}

int main(void)
{
    fips_vectors();
    padding_boundaries();
    incremental();
    CHECK_EXIT();
}
