/* exec-plan FILE: checks a static executable with the kernel's own
 * planner (exec_plan) and prints what the kernel would map: the entry
 * point, then one line per PT_LOAD, in file order, in readelf -lW's
 * words. A refusal prints "error: [program header N: ]REASON" and exits 2. */
#include <stdio.h>
#include <stdlib.h>
#include "app/exec.h"

static uint8_t *read_all(const char *path, uint64_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *b = malloc(n > 0 ? (size_t)n : 1);
    if (b && fread(b, 1, (size_t)n, f) != (size_t)n) {
        free(b);
        b = 0;
    }
    fclose(f);
    *len = (uint64_t)n;
    return b;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: exec-plan FILE\n");
        return 1;
    }
    uint64_t len;
    uint8_t *bytes = read_all(argv[1], &len);
    if (!bytes) {
        perror(argv[1]);
        return 1;
    }
    struct exec_plan plan;
    int r = exec_plan(bytes, len, &plan);
    free(bytes);
    if (r != EXEC_OK) {
        if (plan.at != EXEC_NOWHERE)
            printf("error: program header %d: %s\n", plan.at, exec_err_text(r));
        else
            printf("error: %s\n", exec_err_text(r));
        return 2;
    }
    printf("entry 0x%llx\n", (unsigned long long)plan.entry);
    for (uint32_t k = 0; k < plan.count; k++) {
        const struct exec_segment *s = &plan.seg[k];
        printf("LOAD 0x%06llx 0x%016llx 0x%06llx 0x%06llx %c%c%c phdr %u\n", (unsigned long long)s->offset,
               (unsigned long long)s->vaddr, (unsigned long long)s->filesz, (unsigned long long)s->memsz,
               s->prot & TR_PROT_READ ? 'R' : ' ', s->prot & TR_PROT_WRITE ? 'W' : ' ',
               s->prot & TR_PROT_EXEC ? 'E' : ' ', s->phdr);
    }
    return 0;
}
