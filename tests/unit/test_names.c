/* Symbol-name hash and equality against a reference computed here. */
#include <string.h>
#include "check.h"
#include "domain/names.h"

static uint32_t reference_djb2(const char *s)
{
    uint32_t h = 5381;
    for (; *s; s++)
        h = h * 33u + (uint8_t)*s; /* uint32_t arithmetic wraps modulo 2^32 */
    return h;
}

static uint32_t hash(const char *s) { return name_hash((const uint8_t *)s, (uint32_t)strlen(s)); }

static int equal(const char *a, const char *b)
{
    return name_equal((const uint8_t *)a, (uint32_t)strlen(a), (const uint8_t *)b, (uint32_t)strlen(b));
}

int main(void)
{
    CHECK("hash of the empty name is 5381", hash("") == 5381);
    CHECK("hash of \"a\" is 5381 * 33 + 97", hash("a") == 177670);
    const char *names[] = { "event_raise", "cap_internalize", "kprintf", "a_rather_long_symbol_name_that_wraps_twice",
                            "\xff\xfe high bytes" };
    int all = 1;
    for (unsigned i = 0; i < sizeof names / sizeof names[0]; i++)
        all &= hash(names[i]) == reference_djb2(names[i]);
    CHECK("hashes agree with the reference, wrap-around included", all);
    CHECK("a name equals itself", equal("event_raise", "event_raise"));
    CHECK("a prefix is another name", !equal("event", "event_raise"));
    CHECK("one byte differs", !equal("event_raisf", "event_raise"));
    CHECK("empty names are equal", equal("", ""));
    CHECK_EXIT();
}
