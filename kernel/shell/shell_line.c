/* The shell's line editor: reads one line from the console, echoing it.
 * Ctrl-C drops the line, terminal escape sequences (arrow and function
 * keys) are swallowed, a tab separates words as a space does, and a line
 * too long for the buffer is refused whole rather than run cut short. */
#include "arch.h"
#include "console.h"
#include "ext/ext.h"
#include "shell/shell_cmds.h"

#define CTRL_C 0x03
#define BELL 0x07
#define BACKSPACE 0x08
#define ESC 0x1b
#define DEL 0x7f

/* Where the editor is in an escape sequence: ESC [ parameters final
 * (CSI: arrows are ESC [ A..D, Delete ESC [ 3 ~), ESC O x (SS3: arrows in
 * application mode, F1-F4), or ESC x. */
enum escape { ESC_NONE, ESC_START, ESC_CSI, ESC_SS3 };

struct editor {
    char *line;
    size_t n, max;
    int too_long; /* a byte was refused: the line is not what was typed */
    enum escape esc;
};

/* Whether c belongs to an escape sequence (and is consumed by it). ESC
 * starts one anew wherever it comes; a control byte cuts one short and
 * counts as typed, so a stray ESC never eats the Enter after it. */
static int in_escape(struct editor *ed, int c)
{
    enum escape at = ed->esc;
    ed->esc = ESC_NONE;
    if (c == ESC) {
        ed->esc = ESC_START;
        return 1;
    }
    if (at == ESC_NONE || c < 0x20)
        return 0;
    if (at == ESC_START)
        ed->esc = c == '[' ? ESC_CSI : c == 'O' ? ESC_SS3 : ESC_NONE;
    else if (at == ESC_CSI && c < 0x40)
        ed->esc = ESC_CSI; /* a parameter or intermediate byte: the final one is still to come */
    return 1;
}

static void type_byte(struct editor *ed, char c)
{
    if (ed->n + 1 < ed->max) {
        ed->line[ed->n++] = c;
        kputc(c);
    } else if (!ed->too_long) { /* one bell: the echo stopping shows the rest */
        ed->too_long = 1;
        kputc(BELL);
    }
}

/* Shows the prompt and the line so far again, after output that came in
 * the middle of it (a package from the load port). */
static void redraw(const struct editor *ed)
{
    kputs("spinel> ");
    for (size_t i = 0; i < ed->n; i++)
        kputc(ed->line[i]);
}

/* The line ends: whether it may run. */
static int finish(struct editor *ed)
{
    kputs("\n");
    ed->line[ed->n] = '\0';
    if (!ed->too_long)
        return 1;
    kprintf("line too long (max %lu characters): not run\n", (uint64_t)(ed->max - 1));
    return 0;
}

int read_line(char *line, size_t max)
{
    struct editor ed = { line, 0, max, 0, ESC_NONE };
    for (;;) {
        int c = arch_getc();
        if (c == ARCH_LOAD_PENDING) {
            ext_port_receive();
            redraw(&ed);
        } else if (in_escape(&ed, c)) {
            continue;
        } else if (c == '\r' || c == '\n') {
            return finish(&ed);
        } else if (c == CTRL_C) {
            kputs("^C\n");
            return 0;
        } else if (c == DEL || c == BACKSPACE) {
            if (ed.n > 0) {
                ed.n--;
                kputs("\b \b");
            }
        } else if (c == '\t' || (c >= 0x20 && c < DEL)) {
            type_byte(&ed, c == '\t' ? ' ' : (char)c);
        }
    }
}
