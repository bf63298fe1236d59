/* Requests the host sends through the load port (COM2) while the kernel
 * runs: an 8-byte tag, a 32-bit little-endian length, then that many
 * bytes. "SPNLLOAD" carries a package, "SPNLUNLD" the name of an
 * extension to unload, "SPNLRUNX" an application to run: its name, a NUL,
 * then a static ELF64 executable. The kernel answers on the port with one
 * line, "loaded NAME", "unloaded NAME", "started NAME strand N" or
 * "refused: WHY", WHY being the reason the console gives, and says the
 * same on the console. A package or an executable is sent only after the
 * kernel answered its header with "ready": one it refuses by its length
 * is never sent, so no timing decides where the next request begins.
 *
 * An executable run through the port is copied into kernel memory it
 * owns for good and becomes a known application (app_add: the checks of
 * a boot module's), then starts (app_run); known, it stays so even when
 * it cannot start now, and `run NAME` starts it again. Sent again under
 * a known name, the very same bytes run the known image again (the copy
 * is dropped), other bytes are refused: that name is taken. */
#include "app/app.h"
#include "app/exec.h"
#include "arch.h"
#include "console.h"
#include "ext/ext.h"
#include "lib/kstring.h"
#include "init/vmem.h"

#define TAG_LOAD "SPNLLOAD"
#define TAG_UNLOAD "SPNLUNLD"
#define TAG_RUN "SPNLRUNX"
#define HEADER_LEN 12
#define PACKAGE_MAX (1u << 20)
#define BYTE_TICKS 200  /* 2 s without a byte: the sender is gone */
#define QUIET_TICKS 50  /* after a refusal, 0.5 s without a byte: the sender stopped */

static void reply(const char *a, const char *b)
{
    for (const char *s = a; *s; s++)
        arch_load_putc(*s);
    for (const char *s = b; *s; s++)
        arch_load_putc(*s);
    arch_load_putc('\n');
}

/* Bytes the sender announced and may still send, which the kernel has not
 * read: after a refusal they are dropped, so they are not read as new
 * requests. */
static uint64_t unread;

/* Reads n bytes into buf; 0 if the port fell silent. */
static int receive(uint8_t *buf, uint64_t n)
{
    for (uint64_t i = 0; i < n; i++) {
        int c = arch_load_getc(BYTE_TICKS);
        if (c < 0)
            return 0;
        buf[i] = (uint8_t)c;
        unread -= unread > 0;
    }
    return 1;
}

/* Stops at the first quiet moment too: the next sender's request is not
 * eaten when this one sent less than it announced. */
static uint64_t drain(void)
{
    uint64_t dropped = 0;
    for (; unread > 0 && arch_load_getc(QUIET_TICKS) >= 0; unread--)
        dropped++;
    return dropped;
}

static const char *load(uint64_t len)
{
    if (len > PACKAGE_MAX)
        return "the package is over 1 MiB";
    uint8_t *buf = vmem_alloc(len);
    if (!buf)
        return "out of memory";
    unread = len;
    reply("ready", "");
    const char *why = 0;
    struct extension *e = 0;
    if (!receive(buf, len))
        why = "the package stopped short";
    else if (!(e = ext_load(buf, len)))
        why = ext_refusal();
    vmem_free(buf, len);
    if (!why) {
        kprintf("ext %s: loaded from the load port\n", e->name);
        reply("loaded ", e->name);
    }
    return why;
}

/* An answer built from pieces: "NAME strand N", or an executable's
 * refusal as app_boot says it. */
static char text[160];

static uint32_t put(uint32_t at, const char *s)
{
    for (; *s && at < sizeof text - 1; s++)
        text[at++] = *s;
    text[at] = 0;
    return at;
}

static uint32_t put_u32(uint32_t at, uint32_t v)
{
    char digits[11];
    uint32_t k = sizeof digits - 1;
    digits[k] = 0;
    do
        digits[--k] = (char)('0' + v % 10);
    while ((v /= 10) != 0);
    return put(at, digits + k);
}

static const char *start(const char *name, uint32_t len)
{
    uint32_t strand;
    int r = app_run(name, len, 0, &strand);
    if (r != APP_OK)
        return app_err_text(r);
    put_u32(put(put(0, name), " strand "), strand);
    kprintf("load port: started %s\n", text);
    reply("started ", text);
    return 0;
}

/* Why app_add refused: an executable's reason with the program header
 * it is about and its code, as the console says it at boot. */
static const char *refusal(int r, int32_t header)
{
    if (r < EXEC_ERR_SHORT || r >= EXEC_ERR_LIMIT)
        return app_err_text(r);
    uint32_t at = 0;
    if (header != EXEC_NOWHERE)
        at = put(put_u32(put(0, "program header "), (uint32_t)header), ": ");
    put(put_u32(put(put(at, exec_err_text(r)), " (error "), (uint32_t)r), ")");
    return text;
}

static const char *run(uint64_t len)
{
    if (len == 0)
        return "the run request names no application";
    if (len > PACKAGE_MAX)
        return "the executable is over 1 MiB";
    uint8_t *buf = vmem_alloc(len);
    if (!buf)
        return "out of memory";
    unread = len;
    reply("ready", "");
    if (!receive(buf, len)) {
        vmem_free(buf, len);
        return "the executable stopped short";
    }
    /* The name ends at the first NUL: none among the first APP_NAME_MAX
     * bytes, and the name is too long (app_add refuses it first). */
    char name[APP_NAME_MAX];
    uint32_t n = 0;
    while (n < len && n < APP_NAME_MAX - 1 && buf[n] != 0)
        n++;
    int ended = n < len && buf[n] == 0;
    kmemcpy((uint8_t *)name, buf, n);
    name[n] = 0;
    uint64_t skip = ended ? n + 1 : len;
    if (!ended)
        n = APP_NAME_MAX;
    int32_t header;
    int r = app_add(name, n, buf + skip, len - skip, &header);
    const char *why = r == APP_OK || r == APP_ERR_KNOWN ? 0 : refusal(r, header);
    if (r == APP_OK)
        vmem_protect(buf, len, PAGE_R); /* the image's for good, read only */
    else
        vmem_free(buf, len); /* nothing registered: the copy is not needed */
    return why ? why : start(name, n);
}

static const char *unload(uint64_t len)
{
    char name[DOMAIN_NAME_MAX];
    if (len == 0)
        return "the unload request names no extension";
    if (len >= DOMAIN_NAME_MAX)
        return "the name is over 31 bytes";
    if (!receive((uint8_t *)name, len))
        return "the name stopped short";
    name[len] = 0;
    if (ext_unload(name) != 0)
        return ext_refusal();
    kprintf("ext %s: unloaded from the load port\n", name);
    reply("unloaded ", name);
    return 0;
}

static const char *serve(void)
{
    uint8_t head[HEADER_LEN];
    unread = 0;
    if (!receive(head, sizeof head))
        return "the request header did not arrive";
    uint64_t len = (uint64_t)head[8] | (uint64_t)head[9] << 8 | (uint64_t)head[10] << 16 | (uint64_t)head[11] << 24;
    if (kmemcmp(head, (const uint8_t *)TAG_LOAD, 8) == 0)
        return load(len);
    if (kmemcmp(head, (const uint8_t *)TAG_RUN, 8) == 0)
        return run(len);
    unread = len; /* a name comes with its header */
    if (kmemcmp(head, (const uint8_t *)TAG_UNLOAD, 8) == 0)
        return unload(len);
    unread = UINT64_MAX; /* not our protocol: no length to trust, drop all until quiet */
    return "not a load port request (SPNLLOAD, SPNLUNLD or SPNLRUNX)";
}

void ext_port_receive(void)
{
    kputs("\n");
    const char *why = serve();
    if (why) {
        kprintf("load port: refused: %s\n", why);
        reply("refused: ", why);
        uint64_t dropped = drain();
        /* Said, so one can tell when the port listens again. */
        if (dropped)
            kprintf("load port: dropped %lu bytes after the refusal\n", dropped);
    }
}
