/* Help lines extensions add for their commands: copied into the kernel
 * (an extension's strings go with its pages) and dropped at its unload. */
#include "console.h"
#include "lib/kstring.h"
#include "shell/shell_help.h"

/* The shell's own command names are at most this long: help's column. */
#define NAME_COLUMN 8

struct help_entry {
    char name[SHELL_HELP_NAME];
    char text[SHELL_HELP_TEXT];
    uint32_t installer;
};

/* entries[0 .. count): kept in the order they were added. */
static struct help_entry entries[SHELL_HELP_MAX];
static uint32_t count;

void shell_help_line(const char *name, const char *args)
{
    size_t n = kstrnlen(name, SHELL_HELP_NAME);
    kprintf("  %s", name);
    do
        kputc(' ');
    while (++n < NAME_COLUMN);
    if (args)
        kprintf("%s: ", args);
}

/* At most size - 1 bytes of s, up to its NUL, with control bytes shown
 * as '?': an entry is one line of printable text. */
static void copy_text(char *out, uint32_t size, const char *s, uint32_t len)
{
    uint32_t i = 0;
    for (; i < len && i + 1 < size && s[i]; i++)
        out[i] = (uint8_t)s[i] < 0x20 || s[i] == 0x7f ? '?' : s[i];
    out[i] = '\0';
}

int shell_help_add(uint32_t installer, const char *name, uint32_t name_len, const char *text, uint32_t text_len)
{
    uint32_t mine = 0;
    for (uint32_t i = 0; i < count; i++)
        mine += entries[i].installer == installer;
    if (mine >= SHELL_HELP_QUOTA)
        return SPINEL_ERR_QUOTA;
    if (count == SHELL_HELP_MAX)
        return SPINEL_ERR_FULL;
    struct help_entry *e = &entries[count++];
    copy_text(e->name, sizeof e->name, name, name_len);
    copy_text(e->text, sizeof e->text, text, text_len);
    e->installer = installer;
    return SPINEL_OK;
}

void shell_help_drop(uint32_t installer)
{
    uint32_t kept = 0;
    for (uint32_t i = 0; i < count; i++)
        if (entries[i].installer != installer)
            entries[kept++] = entries[i];
    count = kept;
}

void shell_help_print_extensions(void)
{
    if (count > 0)
        kprintf("extensions:\n");
    for (uint32_t i = 0; i < count; i++) {
        shell_help_line(entries[i].name, 0);
        kprintf("%s\n", entries[i].text);
    }
}
