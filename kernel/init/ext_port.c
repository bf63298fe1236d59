/* Extensions pushed by the host through the load port (COM2) while the
 * kernel runs: "SPNLLOAD", a 32-bit little-endian length, the package.
 * The kernel answers on the port "loaded NAME" or "refused: WHY", and
 * says the same on the console. */
#include "arch.h"
#include "console.h"
#include "ext.h"
#include "kstring.h"
#include "vmem.h"

#define FRAME_MAGIC "SPNLLOAD"
#define PACKAGE_MAX (1u << 20)
#define BYTE_TICKS 200 /* 2 s without a byte: the sender is gone */

static void reply(const char *a, const char *b)
{
    for (const char *s = a; *s; s++)
        arch_load_putc(*s);
    for (const char *s = b; *s; s++)
        arch_load_putc(*s);
    arch_load_putc('\n');
}

/* Reads n bytes into buf; 0 if the port fell silent. */
static int receive(uint8_t *buf, uint64_t n)
{
    for (uint64_t i = 0; i < n; i++) {
        int c = arch_load_getc(BYTE_TICKS);
        if (c < 0)
            return 0;
        buf[i] = (uint8_t)c;
    }
    return 1;
}

static const char *receive_and_load(void)
{
    uint8_t head[12];
    if (!receive(head, sizeof head))
        return "the frame header did not arrive";
    if (kmemcmp(head, (const uint8_t *)FRAME_MAGIC, 8) != 0)
        return "not a load frame (SPNLLOAD)";
    uint64_t len = (uint64_t)head[8] | (uint64_t)head[9] << 8 | (uint64_t)head[10] << 16 | (uint64_t)head[11] << 24;
    if (len > PACKAGE_MAX)
        return "the package is over 1 MiB";
    uint8_t *buf = vmem_alloc(len);
    if (!buf)
        return "out of memory";
    const char *why = 0;
    struct extension *e = 0;
    if (!receive(buf, len))
        why = "the package stopped short";
    else if (!(e = ext_load(buf, len)))
        why = "see the console";
    vmem_free(buf, len);
    if (!why) {
        kprintf("ext %s: loaded from the load port\n", e->name);
        reply("loaded ", e->name);
    }
    return why;
}

void ext_port_receive(void)
{
    kputs("\n");
    const char *why = receive_and_load();
    if (why) {
        kprintf("load port: refused: %s\n", why);
        reply("refused: ", why);
    }
}
