/* hss_verify against RFC 8554 Appendix F's two test cases
 * (tests/vectors/rfc8554.txt), and against each of them altered: another
 * message, a flipped bit anywhere in the signature or key, truncation. */
#include <string.h>
#include "check.h"
#include "crypto/lms.h"

#define MAX_SIG 8192

struct vector {
    uint8_t pub[LMS_PUBLIC_LEN], sig[MAX_SIG], msg[256];
    uint64_t sig_len, msg_len;
};

static uint64_t unhex(const char *s, uint8_t *out, uint64_t max)
{
    uint64_t n = 0;
    while (s[0] && s[1] && s[0] != '\n' && n < max) {
        unsigned v;
        if (sscanf(s, "%2x", &v) != 1)
            break;
        out[n++] = (uint8_t)v;
        s += 2;
    }
    return n;
}

static int read_vector(const char *tc, struct vector *v)
{
    FILE *f = fopen("tests/vectors/rfc8554.txt", "r");
    static char line[20000];
    int found = 0;
    if (!f)
        return 0;
    size_t tl = strlen(tc);
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, tc, tl) != 0 || line[tl] != '.')
            continue;
        char *key = line + tl + 1, *val = strchr(key, ' ');
        if (!val)
            continue;
        val++;
        if (!strncmp(key, "message", 7)) {
            v->msg_len = 0;
            for (char *c = val; *c && *c != '\n' && v->msg_len < sizeof v->msg; c++) {
                if (c[0] == '\\' && c[1] == 'n') {
                    v->msg[v->msg_len++] = '\n';
                    c++;
                } else {
                    v->msg[v->msg_len++] = (uint8_t)*c;
                }
            }
            found |= 1;
        } else if (!strncmp(key, "public", 6)) {
            found |= (unhex(val, v->pub, LMS_PUBLIC_LEN) == LMS_PUBLIC_LEN) << 1;
        } else if (!strncmp(key, "signature", 9)) {
            v->sig_len = unhex(val, v->sig, MAX_SIG);
            found |= 4;
        }
    }
    fclose(f);
    return found == 7;
}

static int verify(const struct vector *v)
{
    return hss_verify(v->pub, v->msg, v->msg_len, v->sig, v->sig_len);
}

static void check_case(const char *tc)
{
    static struct vector v;
    char name[128];
    memset(&v, 0, sizeof v);
    snprintf(name, sizeof name, "%s: read from tests/vectors/rfc8554.txt", tc);
    CHECK(name, read_vector(tc, &v));
    snprintf(name, sizeof name, "%s: the RFC's signature verifies", tc);
    CHECK(name, verify(&v) == 1);
    v.msg[0] ^= 1;
    snprintf(name, sizeof name, "%s: not for another message", tc);
    CHECK(name, verify(&v) == 0);
    v.msg[0] ^= 1;
    int all = 1;
    for (uint64_t i = 0; i < v.sig_len; i += 7) {
        v.sig[i] ^= 0x04;
        all &= verify(&v) == 0;
        v.sig[i] ^= 0x04;
    }
    snprintf(name, sizeof name, "%s: a flipped bit in the signature (every 7th byte) is refused", tc);
    CHECK(name, all);
    all = 1;
    for (uint64_t i = 0; i < LMS_PUBLIC_LEN; i++) {
        v.pub[i] ^= 0x80;
        all &= verify(&v) == 0;
        v.pub[i] ^= 0x80;
    }
    snprintf(name, sizeof name, "%s: a flipped bit in the key is refused", tc);
    CHECK(name, all);
    v.sig_len--;
    snprintf(name, sizeof name, "%s: a truncated signature is refused", tc);
    CHECK(name, verify(&v) == 0);
    v.sig_len++;
    CHECK("still verifies after the checks", verify(&v) == 1);
}

int main(void)
{
    check_case("tc1");
    check_case("tc2");
    CHECK_EXIT();
}
