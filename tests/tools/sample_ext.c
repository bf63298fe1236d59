/* A sample of what extension objects hold, for domain-dump against nm:
 * imports (functions and data), exports (functions, data, bss, rodata),
 * a weak definition, a weak import, and locals that are neither. */
extern int kprint(const char *s);
extern unsigned long ticks;
extern void maybe_there(void) __attribute__((weak));

int counter = 3;
unsigned long zeroed;
const char banner[] = "sample";
static int hidden;

static int twice(int x) { return 2 * x + hidden; }

__attribute__((weak)) int tunable(void) { return 7; }

int sample_entry(int x)
{
    if (maybe_there)
        maybe_there();
    counter += twice(x) + (int)ticks;
    return kprint(banner) + tunable();
}
