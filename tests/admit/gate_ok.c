//! name gate_ok
//! imports print shell
//! handler Shell.Command on_tally
//! guard Shell.Command is_tally
/* gate_ok: everything the gate lets through, and no reject expected.
 * "tally WORD" counts WORD's vowels and other letters and how many words
 * of each length it saw; the guard picks the lines whose first word is
 * "tally". It has static
 * globals (a struct and an array), a const table, a helper, loops with
 * variants, a cast that only adds const, a handler and a guard passed by
 * name to shell_install, and the handler passed again to shell_uninstall. */
#include "spinel/print.h"
#include "spinel/shell.h"

enum tally_kind { TALLY_VOWEL, TALLY_OTHER, TALLY_KINDS };

struct tally {
    uint64_t lines;
    uint64_t letters[TALLY_KINDS];
};

#define LAST_MAX 16

static struct tally totals;
static uint64_t by_length[LAST_MAX];
static char prefix[8] = "tally: ";

/*@ terminates \true;
    assigns \nothing;
    ensures \result == TALLY_VOWEL || \result == TALLY_OTHER;
*/
static enum tally_kind kind_of(char c)
{
    static const char vowels[5] = { 'a', 'e', 'i', 'o', 'u' };
    /*@ loop invariant 0 <= i <= 5;
        loop assigns i;
        loop variant 5 - i;
    */
    for (uint32_t i = 0; i < 5; i++) {
        spinel_spend();
        if (vowels[i] == c)
            return TALLY_VOWEL;
    }
    return TALLY_OTHER;
}

/*@ requires ShellLine(line);
    terminates \true;
    assigns \nothing;
*/
static int is_tally(void *closure, const char *line)
{
    (void)closure;
    return shell_word_is(line, "tally");
}

/* The bytes of text before its NUL, at most LAST_MAX - 1 of them. */
/*@ requires ShellLine(text);
    terminates \true;
    assigns \nothing;
    ensures 0 <= \result < LAST_MAX && \valid_read(text + (0 .. \result));
*/
static uint32_t word_length(const char *text)
{
    uint32_t n = 0;
    /*@ loop invariant 0 <= n < LAST_MAX;
        loop invariant \forall integer k; 0 <= k < n ==> text[k] != 0;
        loop invariant \valid_read(text + (0 .. n));
        loop assigns n;
        loop variant LAST_MAX - 1 - n;
    */
    while (text[n] != 0 && n < LAST_MAX - 1) {
        spinel_spend();
        n++;
    }
    return n;
}

/*@ requires ShellLine(line);
    terminates \true;
    assigns totals, by_length[0 .. LAST_MAX - 1], SpinelConsole;
*/
static uint64_t on_tally(void *closure, const char *line)
{
    (void)closure;
    const char *word = shell_args(line);
    uint32_t n = word_length(word);
    /*@ loop invariant 0 <= i <= n;
        loop assigns i, totals.letters[0 .. TALLY_KINDS - 1];
        loop variant n - i;
    */
    for (uint32_t i = 0; i < n; i++) {
        spinel_spend();
        enum tally_kind k = kind_of(word[i]);
        if (totals.letters[k] < UINT64_MAX)
            totals.letters[k]++;
    }
    if (by_length[n] < UINT64_MAX)
        by_length[n]++;
    if (totals.lines < UINT64_MAX)
        totals.lines++;
    const char *shown = (const char *)prefix;   /* only adds const */
    print_text(shown, sizeof prefix - 1);
    print_text(word, n);
    print_str(", vowels so far ");
    print_u64(totals.letters[TALLY_VOWEL]);
    print_str(", words this long ");
    print_u64(by_length[n]);
    print_str("\n");
    return 1;
}

/*@ terminates \true;
    assigns totals, by_length[0 .. LAST_MAX - 1], SpinelEvents;
*/
int ext_init(void)
{
    totals.lines = 0;
    /*@ loop invariant 0 <= k <= TALLY_KINDS;
        loop assigns k, totals.letters[0 .. TALLY_KINDS - 1];
        loop variant TALLY_KINDS - k;
    */
    for (uint32_t k = 0; k < TALLY_KINDS; k++) {
        spinel_spend();
        totals.letters[k] = 0;
    }
    /*@ loop invariant 0 <= n <= LAST_MAX;
        loop assigns n, by_length[0 .. LAST_MAX - 1];
        loop variant LAST_MAX - n;
    */
    for (uint32_t n = 0; n < LAST_MAX; n++) {
        spinel_spend();
        by_length[n] = 0;
    }
    return shell_install(on_tally, is_tally);
}

/*@ terminates \true;
    assigns SpinelEvents;
*/
void ext_fini(void)
{
    int r = shell_uninstall(on_tally);
    (void)r;
}
