/* A boot-module extension for the in-kernel linker test: imports the
 * kernel's console interface and lib.c's checksum. */
extern void kputs(const char *s);
extern unsigned lib_checksum(const unsigned char *p, unsigned long n);
extern int lib_seed;

static const char greeting[] = "ext: linked and running\n";

unsigned long ext_main(void)
{
    kputs(greeting);
    lib_seed = 9;
    return lib_checksum((const unsigned char *)"spinel", 6);
}
