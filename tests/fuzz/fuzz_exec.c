/* libFuzzer harness for the exec planner: any bytes. Whatever exec_plan
 * accepts must be what its contract says: each segment's file bytes
 * inside the buffer (the harness touches the first and last, so ASan sees
 * a promise broken by one byte), no more than its memory, inside the user
 * range, W^X, pages apart from every other segment's, the fields of its
 * program header, headers in file order; the entry in an executable
 * segment. A refusal is a known code, naming a header inside the table
 * when it is about one. */
#include <stdlib.h>
#include <string.h>
#include "app/exec.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static volatile uint8_t sink;

static uint64_t get(const uint8_t *p, int n)
{
    uint64_t v = 0;
    for (int i = n - 1; i >= 0; i--)
        v = v * 256 + p[i];
    return v;
}

static void check_segment(const uint8_t *bytes, size_t size, const struct exec_segment *s)
{
    const uint8_t *h = bytes + get(bytes + 32, 8) + 56 * (uint64_t)s->phdr;
    uint32_t flags = (uint32_t)get(h + 4, 4);
    if (get(h, 4) != PT_LOAD || s->offset != get(h + 8, 8) || s->vaddr != get(h + 16, 8) ||
        s->filesz != get(h + 32, 8) || s->memsz != get(h + 40, 8))
        abort();
    unsigned prot = ((flags & PF_R) ? TR_PROT_READ : 0) | ((flags & PF_W) ? TR_PROT_WRITE : 0) |
                    ((flags & PF_X) ? TR_PROT_EXEC : 0);
    if (flags > PF_ALL || s->prot != prot || prot == 0 ||
        (prot & (TR_PROT_WRITE | TR_PROT_EXEC)) == (TR_PROT_WRITE | TR_PROT_EXEC))
        abort();
    if (s->filesz > s->memsz || s->memsz == 0 || s->offset > size || s->filesz > size - s->offset)
        abort();
    if (s->vaddr < SYS_USER_MIN || s->vaddr + s->memsz > SYS_STACK_TOP - SYS_STACK_PAGES * 4096ull ||
        s->vaddr % 4096 != s->offset % 4096)
        abort();
    if (s->filesz > 0)
        sink = bytes[s->offset] ^ bytes[s->offset + s->filesz - 1];
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* An exact-size copy, so that ASan sees a read one byte past the end. */
    uint8_t *bytes = malloc(size ? size : 1);
    memcpy(bytes, data, size);
    struct exec_plan plan;
    int r = exec_plan(bytes, size, &plan);
    if (r != EXEC_OK && (r < EXEC_ERR_SHORT || r >= EXEC_ERR_LIMIT))
        abort();
    if (r >= EXEC_ERR_INTERP && r <= EXEC_ERR_OVERLAP && (plan.at < 0 || plan.at >= (int32_t)get(bytes + 56, 2)))
        abort();
    if (r == EXEC_OK) {
        int runs = 0;
        if (plan.count == 0 || plan.count > EXEC_SEGMENTS || plan.entry != get(bytes + 24, 8))
            abort();
        for (uint32_t k = 0; k < plan.count; k++) {
            const struct exec_segment *s = &plan.seg[k];
            check_segment(bytes, size, s);
            if (k > 0 && s->phdr <= plan.seg[k - 1].phdr)
                abort();
            for (uint32_t j = 0; j < k; j++) {
                const struct exec_segment *t = &plan.seg[j];
                if (s->vaddr / 4096 <= (t->vaddr + t->memsz - 1) / 4096 &&
                    t->vaddr / 4096 <= (s->vaddr + s->memsz - 1) / 4096)
                    abort();
            }
            if ((s->prot & TR_PROT_EXEC) && s->vaddr <= plan.entry && plan.entry - s->vaddr < s->memsz)
                runs = 1;
        }
        if (!runs)
            abort();
    }
    free(bytes);
    return 0;
}
