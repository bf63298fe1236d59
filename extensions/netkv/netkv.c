/* netkv: a key-value store served on UDP port 7001, one request per
 * datagram and one reply to each:
 *   put KEY VALUE   ok, or err full (16 keys held already)
 *   get KEY         value VALUE, or err no such key
 *   del KEY         ok, or err no such key
 *   count           count N
 * Words are bytes 0x21..0x7e separated by single spaces, with nothing
 * before the first or after the last; keys are 1 to 16 bytes, values 1
 * to 64. Anything else is answered "err " and the problem's name. */
#include "spinel/print.h"
#include "spinel/udp.h"

#define NETKV_PORT 7001u
#define ENTRIES 16u
#define KEY_MAX 16u
#define VALUE_MAX 64u
/* A request's words: the verb, the key, the value. */
#define WORDS_MAX 3u
/* The longest canned text (answer_text), and the longest reply: a text,
 * then a value. */
#define TEXT_MAX 24u
#define REPLY_MAX (TEXT_MAX + VALUE_MAX)

/* Loop iterations (fuel), most first: find looks at every entry and
 * compares its key; a put may then look for a free entry and copies the
 * key and the value; a reply copies a text, and get's a value too. */
#define FIND_FUEL (ENTRIES * (KEY_MAX + 1u))
#define PUT_FUEL (FIND_FUEL + ENTRIES + KEY_MAX + VALUE_MAX)
#define VERBS_FUEL 14u /* put, get, del, count: 3 + 3 + 3 + 5 bytes compared */
#define SERVE_FUEL (VERBS_FUEL + PUT_FUEL + TEXT_MAX)
#define REQUEST_FUEL (UDP_PAYLOAD_MAX + SERVE_FUEL)

/* What a reply begins with: a whole answer, or the word before a value or
 * a number. */
enum answer {
    OK, VALUE, COUNT,
    ERR_EMPTY, ERR_BYTE, ERR_SEPARATOR, ERR_VERB, ERR_NO_KEY, ERR_KEY_LONG,
    ERR_NO_VALUE, ERR_VALUE_LONG, ERR_TOO_MANY, ERR_FULL, ERR_NO_SUCH,
    ANSWERS
};

/* Each answer's text, NUL-padded. */
static const uint8_t answer_text[ANSWERS][TEXT_MAX] = {
    [OK] = "ok",
    [VALUE] = "value ",
    [COUNT] = "count ",
    [ERR_EMPTY] = "err empty request",
    [ERR_BYTE] = "err non-printable byte",
    [ERR_SEPARATOR] = "err bad separator",
    [ERR_VERB] = "err unknown verb",
    [ERR_NO_KEY] = "err missing key",
    [ERR_KEY_LONG] = "err key too long",
    [ERR_NO_VALUE] = "err missing value",
    [ERR_VALUE_LONG] = "err value too long",
    [ERR_TOO_MANY] = "err too many words",
    [ERR_FULL] = "err full",
    [ERR_NO_SUCH] = "err no such key",
};

/* An entry is free while klen is 0. */
struct entry {
    uint8_t key[KEY_MAX];
    uint8_t value[VALUE_MAX];
    uint32_t klen, vlen;
};

static struct entry table[ENTRIES];

/* The words of a request: word k is the len[k] bytes at at[k]. */
struct request {
    uint32_t n;
    uint32_t at[WORDS_MAX];
    uint32_t len[WORDS_MAX];
};

/*@ predicate Words(struct request *r, integer size) =
      0 <= r->n <= WORDS_MAX &&
      \forall integer k; 0 <= k < r->n ==> 1 <= r->len[k] && r->at[k] + r->len[k] <= size;
*/

/* Copies n bytes from src to dst. */
/*@ requires \valid(dst + (0 .. n - 1)) && \valid_read(src + (0 .. n - 1));
    requires \separated(dst + (0 .. n - 1), src + (0 .. n - 1));
    requires SpinelFuel >= n;
    terminates \true;
    assigns dst[0 .. n - 1], SpinelFuel;
    ensures SpinelFuel == \old(SpinelFuel) - n;
*/
static void copy(uint8_t *dst, const uint8_t *src, uint32_t n)
{
    /*@ loop invariant 0 <= i <= n;
        loop invariant SpinelFuel == \at(SpinelFuel, Pre) - i;
        loop assigns i, dst[0 .. n - 1], SpinelFuel;
        loop variant n - i;
    */
    for (uint32_t i = 0; i < n; i++) {
        spinel_spend();
        dst[i] = src[i];
    }
}

/* a's text into out: its length, at most TEXT_MAX. */
/*@ requires 0 <= a < ANSWERS;
    requires \valid(out + (0 .. TEXT_MAX - 1));
    requires SpinelFuel >= TEXT_MAX;
    terminates \true;
    assigns out[0 .. TEXT_MAX - 1], SpinelFuel;
    ensures \result <= TEXT_MAX;
    ensures SpinelFuel >= \old(SpinelFuel) - TEXT_MAX;
*/
static uint32_t say(uint8_t *out, enum answer a)
{
    uint32_t n = 0;
    /*@ loop invariant 0 <= n <= TEXT_MAX;
        loop invariant SpinelFuel == \at(SpinelFuel, Pre) - n;
        loop assigns n, out[0 .. TEXT_MAX - 1], SpinelFuel;
        loop variant TEXT_MAX - n;
    */
    while (n < TEXT_MAX && answer_text[a][n] != 0) {
        spinel_spend();
        out[n] = answer_text[a][n];
        n++;
    }
    return n;
}

/* The request's words into r: OK, or what is wrong with them. One pass,
 * one iteration per byte. */
/*@ requires 1 <= len;
    requires \valid_read(s + (0 .. len - 1));
    requires \valid(r) && r->n == 0;
    requires SpinelFuel >= len;
    terminates \true;
    assigns *r, SpinelFuel;
    ensures Words(r, len);
    ensures \result == OK ==> r->n >= 1;
    ensures \result == OK || \result == ERR_BYTE || \result == ERR_SEPARATOR ||
            \result == ERR_TOO_MANY;
    ensures SpinelFuel >= \old(SpinelFuel) - len;
*/
static enum answer split(const uint8_t *s, uint32_t len, struct request *r)
{
    int in_word = 0;
    /*@ loop invariant 0 <= i <= len;
        loop invariant Words(r, i);
        loop invariant in_word != 0 ==> r->n >= 1 && r->at[r->n - 1] + r->len[r->n - 1] == i;
        loop invariant in_word == 0 ==> i == 0 || r->n >= 1;
        loop invariant SpinelFuel == \at(SpinelFuel, Pre) - i;
        loop assigns i, in_word, *r, SpinelFuel;
        loop variant len - i;
    */
    for (uint32_t i = 0; i < len; i++) {
        spinel_spend();
        uint8_t c = s[i];
        if (c == ' ') {
            if (in_word == 0)
                return ERR_SEPARATOR; /* first, or after another space */
            in_word = 0;
        } else if (c < 0x21 || c > 0x7e) {
            return ERR_BYTE;
        } else if (in_word != 0) {
            r->len[r->n - 1]++;
        } else {
            if (r->n == WORDS_MAX)
                return ERR_TOO_MANY;
            r->at[r->n] = i;
            r->len[r->n] = 1;
            r->n++;
            in_word = 1;
        }
    }
    return in_word != 0 ? OK : ERR_SEPARATOR; /* not after a final space */
}

/* Whether the n bytes at w are the vn bytes at verb. */
/*@ requires \valid_read(w + (0 .. n - 1)) && \valid_read(verb + (0 .. vn - 1));
    requires SpinelFuel >= vn;
    terminates \true;
    assigns SpinelFuel;
    ensures \result == 0 || \result == 1;
    ensures SpinelFuel >= \old(SpinelFuel) - vn;
*/
static int word_is(const uint8_t *w, uint32_t n, const char *verb, uint32_t vn)
{
    if (n != vn)
        return 0;
    /*@ loop invariant 0 <= i <= n;
        loop invariant SpinelFuel == \at(SpinelFuel, Pre) - i;
        loop assigns i, SpinelFuel;
        loop variant n - i;
    */
    for (uint32_t i = 0; i < n; i++) {
        spinel_spend();
        if (w[i] != verb[i])
            return 0;
    }
    return 1;
}

/* word_is with a string literal. */
#define verb_is(w, n, literal) word_is((w), (n), (literal), sizeof(literal) - 1)

/* Whether the n bytes at a and at b are the same. */
/*@ requires \valid_read(a + (0 .. n - 1)) && \valid_read(b + (0 .. n - 1));
    requires SpinelFuel >= n;
    terminates \true;
    assigns SpinelFuel;
    ensures SpinelFuel >= \old(SpinelFuel) - n;
*/
static int same(const uint8_t *a, const uint8_t *b, uint32_t n)
{
    /*@ loop invariant 0 <= i <= n;
        loop invariant SpinelFuel == \at(SpinelFuel, Pre) - i;
        loop assigns i, SpinelFuel;
        loop variant n - i;
    */
    for (uint32_t i = 0; i < n; i++) {
        spinel_spend();
        if (a[i] != b[i])
            return 0;
    }
    return 1;
}

/* The entry holding the key (klen bytes at key), or ENTRIES. */
/*@ requires \valid_read(key + (0 .. klen - 1));
    requires 1 <= klen <= KEY_MAX;
    requires SpinelFuel >= FIND_FUEL;
    terminates \true;
    assigns SpinelFuel;
    ensures 0 <= \result <= ENTRIES;
    ensures SpinelFuel >= \old(SpinelFuel) - FIND_FUEL;
*/
static uint32_t find(const uint8_t *key, uint32_t klen)
{
    /*@ loop invariant 0 <= i <= ENTRIES;
        loop invariant SpinelFuel >= \at(SpinelFuel, Pre) - i * (KEY_MAX + 1);
        loop assigns i, SpinelFuel;
        loop variant ENTRIES - i;
    */
    for (uint32_t i = 0; i < ENTRIES; i++) {
        spinel_spend();
        if (table[i].klen == klen && same(table[i].key, key, klen))
            return i;
    }
    return ENTRIES;
}

/* A free entry, or ENTRIES. */
/*@ requires SpinelFuel >= ENTRIES;
    terminates \true;
    assigns SpinelFuel;
    ensures 0 <= \result <= ENTRIES;
    ensures SpinelFuel >= \old(SpinelFuel) - ENTRIES;
*/
static uint32_t vacant(void)
{
    /*@ loop invariant 0 <= i <= ENTRIES;
        loop invariant SpinelFuel == \at(SpinelFuel, Pre) - i;
        loop assigns i, SpinelFuel;
        loop variant ENTRIES - i;
    */
    for (uint32_t i = 0; i < ENTRIES; i++) {
        spinel_spend();
        if (table[i].klen == 0)
            return i;
    }
    return ENTRIES;
}

/* The keys held: at most ENTRIES. */
/*@ requires SpinelFuel >= ENTRIES;
    terminates \true;
    assigns SpinelFuel;
    ensures \result <= ENTRIES;
    ensures SpinelFuel == \old(SpinelFuel) - ENTRIES;
*/
static uint32_t held(void)
{
    uint32_t n = 0;
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

/* put: replaces the key's value, or takes a free entry for it. */
/*@ requires \valid_read(key + (0 .. klen - 1)) && \valid_read(value + (0 .. vlen - 1));
    requires 1 <= klen <= KEY_MAX && 1 <= vlen <= VALUE_MAX;
    requires \separated(key + (0 .. klen - 1), &table) && \separated(value + (0 .. vlen - 1), &table);
    requires SpinelFuel >= PUT_FUEL;
    terminates \true;
    assigns table[0 .. ENTRIES - 1], SpinelFuel;
    ensures \result == OK || \result == ERR_FULL;
    ensures SpinelFuel >= \old(SpinelFuel) - PUT_FUEL;
*/
static enum answer put(const uint8_t *key, uint32_t klen, const uint8_t *value, uint32_t vlen)
{
    uint32_t at = find(key, klen);
    if (at == ENTRIES)
        at = vacant();
    if (at == ENTRIES)
        return ERR_FULL;
    copy(table[at].key, key, klen);
    copy(table[at].value, value, vlen);
    table[at].klen = klen;
    table[at].vlen = vlen;
    return OK;
}

/* del: frees the key's entry. */
/*@ requires \valid_read(key + (0 .. klen - 1));
    requires 1 <= klen <= KEY_MAX;
    requires SpinelFuel >= FIND_FUEL;
    terminates \true;
    assigns table[0 .. ENTRIES - 1], SpinelFuel;
    ensures \result == OK || \result == ERR_NO_SUCH;
    ensures SpinelFuel >= \old(SpinelFuel) - FIND_FUEL;
*/
static enum answer del(const uint8_t *key, uint32_t klen)
{
    uint32_t at = find(key, klen);
    if (at == ENTRIES)
        return ERR_NO_SUCH;
    table[at].klen = 0;
    return OK;
}

/* get: "value VALUE" into out, or the refusal; the reply's length. */
/*@ requires \valid_read(key + (0 .. klen - 1));
    requires 1 <= klen <= KEY_MAX;
    requires \valid(out + (0 .. REPLY_MAX - 1));
    requires \separated(out + (0 .. REPLY_MAX - 1), &table);
    requires SpinelFuel >= FIND_FUEL + TEXT_MAX + VALUE_MAX;
    terminates \true;
    assigns out[0 .. REPLY_MAX - 1], SpinelFuel;
    ensures \result <= REPLY_MAX;
    ensures SpinelFuel >= \old(SpinelFuel) - (FIND_FUEL + TEXT_MAX + VALUE_MAX);
*/
static uint32_t get(const uint8_t *key, uint32_t klen, uint8_t *out)
{
    uint32_t at = find(key, klen);
    if (at == ENTRIES)
        return say(out, ERR_NO_SUCH);
    uint32_t n = say(out, VALUE);
    /* put keeps vlen <= VALUE_MAX; a handler's proof knows nothing of
     * earlier calls, so the bound is restated here. */
    uint32_t vlen = table[at].vlen <= VALUE_MAX ? table[at].vlen : VALUE_MAX;
    copy(out + n, table[at].value, vlen);
    return n + vlen;
}

/* count: "count N" into out; the reply's length. */
/*@ requires \valid(out + (0 .. REPLY_MAX - 1));
    requires SpinelFuel >= ENTRIES + TEXT_MAX;
    terminates \true;
    assigns out[0 .. REPLY_MAX - 1], SpinelFuel;
    ensures \result <= REPLY_MAX;
    ensures SpinelFuel >= \old(SpinelFuel) - (ENTRIES + TEXT_MAX);
*/
static uint32_t count(uint8_t *out)
{
    uint32_t keys = held();
    uint32_t n = say(out, COUNT);
    if (keys >= 10) {
        out[n] = '1';
        n++;
        keys -= 10;
    }
    out[n] = (uint8_t)('0' + keys);
    return n + 1;
}

/* What is wrong with r's words for a verb of that many words (itself
 * included), or OK. */
/*@ requires \valid_read(r);
    requires 1 <= words <= WORDS_MAX;
    terminates \true;
    assigns \nothing;
    ensures \result == OK ==> r->n == words;
    ensures \result == OK && words >= 2 ==> r->len[1] <= KEY_MAX;
    ensures \result == OK && words >= 3 ==> r->len[2] <= VALUE_MAX;
    ensures \result == OK || \result == ERR_NO_KEY || \result == ERR_NO_VALUE || \result == ERR_TOO_MANY ||
            \result == ERR_KEY_LONG || \result == ERR_VALUE_LONG;
*/
static enum answer arity(const struct request *r, uint32_t words)
{
    if (r->n < words)
        return r->n < 2 ? ERR_NO_KEY : ERR_NO_VALUE;
    if (r->n > words)
        return ERR_TOO_MANY;
    if (words >= 2 && r->len[1] > KEY_MAX)
        return ERR_KEY_LONG;
    if (words >= 3 && r->len[2] > VALUE_MAX)
        return ERR_VALUE_LONG;
    return OK;
}

/* The reply to the request (len bytes at s, its words in r) into out:
 * the reply's length. */
/*@ requires \valid_read(s + (0 .. len - 1));
    requires \valid_read(r) && Words(r, len) && r->n >= 1;
    requires \valid(out + (0 .. REPLY_MAX - 1));
    requires \separated(s + (0 .. len - 1), &table) && \separated(out + (0 .. REPLY_MAX - 1), &table);
    requires \separated(r, &table) && \separated(r, out + (0 .. REPLY_MAX - 1));
    requires SpinelFuel >= SERVE_FUEL;
    terminates \true;
    assigns table[0 .. ENTRIES - 1], out[0 .. REPLY_MAX - 1], SpinelFuel;
    ensures \result <= REPLY_MAX;
    ensures SpinelFuel >= \old(SpinelFuel) - SERVE_FUEL;
*/
static uint32_t serve(const uint8_t *s, uint32_t len, const struct request *r, uint8_t *out)
{
    (void)len; /* the contract's: the words lie within the request */
    const uint8_t *verb = s + r->at[0];
    enum answer a = ERR_VERB;
    if (verb_is(verb, r->len[0], "put")) {
        a = arity(r, 3);
        if (a == OK)
            a = put(s + r->at[1], r->len[1], s + r->at[2], r->len[2]);
    } else if (verb_is(verb, r->len[0], "get")) {
        a = arity(r, 2);
        if (a == OK)
            return get(s + r->at[1], r->len[1], out);
    } else if (verb_is(verb, r->len[0], "del")) {
        a = arity(r, 2);
        if (a == OK)
            a = del(s + r->at[1], r->len[1]);
    } else if (verb_is(verb, r->len[0], "count")) {
        a = arity(r, 1);
        if (a == OK)
            return count(out);
    }
    return say(out, a);
}

/* The reply to the len bytes at s into out: its length. */
/*@ requires 1 <= len <= UDP_PAYLOAD_MAX;
    requires \valid_read(s + (0 .. len - 1));
    requires \valid(out + (0 .. REPLY_MAX - 1));
    requires \separated(s + (0 .. len - 1), &table) && \separated(out + (0 .. REPLY_MAX - 1), &table);
    requires SpinelFuel >= REQUEST_FUEL;
    terminates \true;
    assigns table[0 .. ENTRIES - 1], out[0 .. REPLY_MAX - 1], SpinelFuel;
    ensures \result <= REPLY_MAX;
*/
static uint32_t reply_to(const uint8_t *s, uint32_t len, uint8_t *out)
{
    struct request r = { 0 };
    enum answer a = split(s, len, &r);
    if (a != OK)
        return say(out, a);
    return serve(s, len, &r, out);
}

/* One request, one reply. An empty datagram's data pointer is not
 * promised to point anywhere (udp.h asks it readable for no byte at all),
 * so it is not even read then. */
/*@ requires \valid_read(d);
    requires d->len <= UDP_PAYLOAD_MAX;
    requires \valid_read(d->data + (0 .. d->len - 1));
    requires \separated(d->data + (0 .. d->len - 1), &table);
    requires SpinelFuel >= REQUEST_FUEL;
    terminates \true;
    assigns table[0 .. ENTRIES - 1], SpinelFuel, SpinelNet;
*/
static uint64_t on_datagram(void *closure, const struct udp_datagram *d)
{
    (void)closure;
    uint8_t out[REPLY_MAX] = { 0 };
    uint32_t n = d->len == 0 ? say(out, ERR_EMPTY) : reply_to(d->data, d->len, out);
    (void)udp_reply(d, out, n);
    return 0;
}

/*@ terminates \true;
    assigns SpinelEvents, SpinelConsole;
*/
int ext_init(void)
{
    int err = udp_install(NETKV_PORT, on_datagram);
    if (err != SPINEL_OK) {
        print_str("netkv: UDP port 7001 not served: udp_install answered ");
        print_u64((uint64_t)err);
        print_str("\n");
        return err;
    }
    print_str("netkv: serving UDP port 7001 (16 keys of up to 16 bytes, values of up to 64)\n");
    return 0;
}
