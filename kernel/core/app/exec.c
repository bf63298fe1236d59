/* ELF64 static executables: the ELF header, then each program header in
 * file order, then the entry point; read byte by byte, each offset
 * checked before it is used, one check per function. */
#include "app/exec.h"

/* The identification bytes: magic, 64-bit, little-endian, version 1. */
/*@ requires \valid_read(b + (0 .. 6));
    terminates \true;
    assigns \nothing;
    ensures \result == ExecIdentError(b);
*/
static int check_ident(const uint8_t *b)
{
    if (b[0] != 0x7f || b[1] != 'E' || b[2] != 'L' || b[3] != 'F')
        return EXEC_ERR_MAGIC;
    if (b[4] != 2)
        return EXEC_ERR_CLASS;
    if (b[5] != 1)
        return EXEC_ERR_ENDIAN;
    if (b[6] != 1)
        return EXEC_ERR_VERSION;
    return EXEC_OK;
}

/* Type, machine, version and program header size. */
/*@ requires \valid_read(b + (0 .. EXEC_EHDR_SIZE - 1));
    terminates \true;
    assigns \nothing;
    ensures \result == ExecKindError(b);
*/
static int check_kind(const uint8_t *b)
{
    if (le16(b + 16) != ET_EXEC)
        return EXEC_ERR_TYPE;
    if (le16(b + 18) != EM_X86_64)
        return EXEC_ERR_MACHINE;
    if (le32(b + 20) != 1)
        return EXEC_ERR_VERSION;
    if (le16(b + 54) != EXEC_PHDR_SIZE)
        return EXEC_ERR_PHENTSIZE;
    return EXEC_OK;
}

/* The program header table inside the file, without overflow. */
/*@ requires ExecBytes(b, len) && len >= EXEC_EHDR_SIZE;
    terminates \true;
    assigns \nothing;
    ensures \result == ExecTableError(b, len);
    ensures \result == EXEC_OK ==> ExecTableIn(b, len);
*/
static int check_table(const uint8_t *b, uint64_t len)
{
    uint64_t phoff = le64(b + 32);
    uint32_t phnum = le16(b + 56);
    if (phnum == PN_XNUM)
        return EXEC_ERR_PHNUM;
    if (phoff > len || EXEC_PHDR_SIZE * (uint64_t)phnum > len - phoff)
        return EXEC_ERR_PHTAB_PAST_END;
    return EXEC_OK;
}

/*@ requires ExecBytes(b, len);
    terminates \true;
    assigns \nothing;
    ensures \result == ExecHeaderError(b, len);
    ensures \result == EXEC_OK ==> ExecTableIn(b, len);
*/
static int check_header(const uint8_t *b, uint64_t len)
{
    if (len < EXEC_EHDR_SIZE)
        return EXEC_ERR_SHORT;
    int err = check_ident(b);
    if (err == EXEC_OK)
        err = check_kind(b);
    if (err == EXEC_OK)
        err = check_table(b, len);
    return err;
}

/*@ terminates \true;
    assigns \nothing;
    ensures \result == ExecTypeError(type);
*/
static int check_type(uint32_t type)
{
    switch (type) {
    case PT_INTERP:
        return EXEC_ERR_INTERP;
    case PT_DYNAMIC:
        return EXEC_ERR_DYNAMIC;
    case PT_TLS:
        return EXEC_ERR_TLS;
    case PT_LOAD:
    case PT_NULL:
    case PT_NOTE:
    case PT_PHDR:
    case PT_GNU_STACK:
    case PT_GNU_RELRO:
    case PT_GNU_PROPERTY:
        return EXEC_OK;
    default:
        return EXEC_ERR_PHDR_TYPE;
    }
}

/*@ terminates \true;
    assigns \nothing;
    ensures \result == ExecFileError(offset, vaddr, filesz, memsz, len);
*/
static int check_file(uint64_t offset, uint64_t vaddr, uint64_t filesz, uint64_t memsz, uint64_t len)
{
    if (filesz > memsz)
        return EXEC_ERR_FILESZ;
    if (offset > len || filesz > len - offset)
        return EXEC_ERR_FILE_PAST_END;
    if (memsz == 0)
        return EXEC_ERR_EMPTY;
    if (vaddr % EXEC_PAGE != offset % EXEC_PAGE)
        return EXEC_ERR_ALIGN;
    return EXEC_OK;
}

/*@ terminates \true;
    assigns \nothing;
    ensures \result == ExecRangeError(vaddr, memsz);
*/
static int check_range(uint64_t vaddr, uint64_t memsz)
{
    if (vaddr < EXEC_LOW || vaddr > EXEC_HIGH || memsz > EXEC_HIGH - vaddr)
        return EXEC_ERR_RANGE;
    return EXEC_OK;
}

/*@ terminates \true;
    assigns \nothing;
    ensures \result == ExecFlagsError(flags);
*/
static int check_flags(uint32_t flags)
{
    if (flags > PF_ALL)
        return EXEC_ERR_FLAGS;
    if (flags == 0)
        return EXEC_ERR_NO_PROT;
    if (flags % 4 == PF_W + PF_X)
        return EXEC_ERR_WX;
    return EXEC_OK;
}

/* The TR_PROT_* bits of p_flags, in arithmetic: the provers need no
 * bit-vectors. */
/*@ requires flags <= PF_ALL;
    terminates \true;
    assigns \nothing;
    ensures \result == ExecProt(flags);
*/
static uint16_t prot_of(uint32_t flags)
{
    return (uint16_t)((flags / PF_R) % 2 * TR_PROT_READ + (flags / PF_W) % 2 * TR_PROT_WRITE +
                      flags % 2 * TR_PROT_EXEC);
}

/* Reads program header i, a PT_LOAD, into *s if its fields pass. */
/*@ requires ExecBytes(b, len) && ExecTableIn(b, len) && i < ExecPhnum(b);
    requires \valid(s) && \separated(s, b + (0 .. len - 1));
    terminates \true;
    assigns *s;
    ensures \result == ExecSegError(ExecPhOffset(b, i), ExecPhVaddr(b, i), ExecPhFilesz(b, i),
                                    ExecPhMemsz(b, i), ExecPhFlags(b, i), len);
    ensures \result == EXEC_OK ==> ExecSegIs(*s, b, i) && ExecSegFits(*s, len);
*/
static int read_segment(const uint8_t *b, uint64_t len, uint32_t i, struct exec_segment *s)
{
    const uint8_t *h = b + (le64(b + 32) + EXEC_PHDR_SIZE * (uint64_t)i);
    //@ assert h == ExecPh(b, i);
    uint32_t flags = le32(h + 4);
    uint64_t offset = le64(h + 8), vaddr = le64(h + 16), filesz = le64(h + 32), memsz = le64(h + 40);
    int err = check_file(offset, vaddr, filesz, memsz, len);
    if (err == EXEC_OK)
        err = check_range(vaddr, memsz);
    if (err == EXEC_OK)
        err = check_flags(flags);
    if (err != EXEC_OK)
        return err;
    s->vaddr = vaddr;
    s->memsz = memsz;
    s->offset = offset;
    s->filesz = filesz;
    s->prot = prot_of(flags);
    s->phdr = (uint16_t)i;
    return EXEC_OK;
}

/* The first of plan->seg[0 .. count) that shares a page with
 * plan->seg[count], or count if none does. */
/*@ requires \valid_read(plan) && plan->count < EXEC_SEGMENTS;
    requires \forall integer k; 0 <= k <= plan->count ==> ExecSegPlaced(plan->seg[k]);
    terminates \true;
    assigns \nothing;
    ensures \result <= plan->count;
    ensures \forall integer k; 0 <= k < \result ==>
      !ExecPagesMeet(plan->seg[plan->count].vaddr, plan->seg[plan->count].memsz,
                     plan->seg[k].vaddr, plan->seg[k].memsz);
    ensures \result < plan->count ==>
      ExecPagesMeet(plan->seg[plan->count].vaddr, plan->seg[plan->count].memsz,
                    plan->seg[\result].vaddr, plan->seg[\result].memsz);
*/
static uint32_t first_meeting(const struct exec_plan *plan)
{
    const struct exec_segment *s = &plan->seg[plan->count];
    uint64_t first = s->vaddr / EXEC_PAGE, last = (s->vaddr + s->memsz - 1) / EXEC_PAGE;
    uint32_t k;
    /*@ loop invariant 0 <= k <= plan->count;
        loop invariant \forall integer j; 0 <= j < k ==>
          !ExecPagesMeet(s->vaddr, s->memsz, plan->seg[j].vaddr, plan->seg[j].memsz);
        loop assigns k;
        loop variant plan->count - k;
    */
    for (k = 0; k < plan->count; k++) {
        const struct exec_segment *t = &plan->seg[k];
        if (first <= (t->vaddr + t->memsz - 1) / EXEC_PAGE && t->vaddr / EXEC_PAGE <= last)
            break;
    }
    return k;
}

/* Program header i, a PT_LOAD: the count, its fields, then its pages
 * against the earlier segments'; appended to the plan if all pass. */
/*@ requires ExecBytes(b, len) && ExecTableIn(b, len) && i < ExecPhnum(b) && ExecPhLoad(b, i);
    requires \valid(plan) && \separated(plan, b + (0 .. len - 1));
    requires ExecPlanned(plan, b, len, i) && ExecSound(b, len, i);
    terminates \true;
    assigns plan->count, plan->seg[0 .. EXEC_SEGMENTS - 1];
    ensures planned: \result == EXEC_OK ==> ExecPlanned(plan, b, len, i + 1);
    ensures sound: \result == EXEC_OK ==> ExecSound(b, len, i + 1);
    ensures refused: \result != EXEC_OK ==> ExecRefusal(b, len, i, \result);
*/
static int take_load(const uint8_t *b, uint64_t len, uint32_t i, struct exec_plan *plan)
{
    //@ assert loads: ExecLoads(b, i + 1) == ExecLoads(b, i) + 1;
    if (plan->count == EXEC_SEGMENTS)
        return EXEC_ERR_TOO_MANY;
    uint32_t n = plan->count;
    int err = read_segment(b, len, i, &plan->seg[n]);
    if (err != EXEC_OK)
        return err;
    //@ assert fields: ExecPhError(b, len, i) == EXEC_OK;
    //@ assert new: ExecSegIs(plan->seg[n], b, i) && ExecSegFits(plan->seg[n], len);
    /*@ assert kept: \forall integer k; 0 <= k < n ==>
          ExecSegFrom(plan, k, b, i) && ExecSegFits(plan->seg[k], len); */
    /*@ assert index: \forall integer j; 0 <= j < i && ExecPhLoad(b, j) ==>
          0 <= ExecLoads(b, j) < n && plan->seg[ExecLoads(b, j)].phdr == j; */
    uint32_t k = first_meeting(plan);
    if (k < n) {
        //@ assert witness: plan->seg[k].phdr < i && ExecPhLoad(b, plan->seg[k].phdr);
        //@ assert meets: ExecMeet(b, i, plan->seg[k].phdr);
        return EXEC_ERR_OVERLAP;
    }
    /*@ assert apart: \forall integer j; 0 <= j < i && ExecPhLoad(b, j) ==> !ExecMeet(b, i, j); */
    plan->count = n + 1;
    //@ assert from: ExecSegFrom(plan, n, b, i + 1);
    return EXEC_OK;
}

/* Program header i: its type, then a PT_LOAD's checks. */
/*@ requires ExecBytes(b, len) && ExecTableIn(b, len) && i < ExecPhnum(b);
    requires \valid(plan) && \separated(plan, b + (0 .. len - 1));
    requires ExecPlanned(plan, b, len, i) && ExecSound(b, len, i);
    terminates \true;
    assigns plan->count, plan->seg[0 .. EXEC_SEGMENTS - 1];
    ensures \result == EXEC_OK ==> ExecPlanned(plan, b, len, i + 1) && ExecSound(b, len, i + 1);
    ensures \result != EXEC_OK ==> ExecRefusal(b, len, i, \result);
*/
static int take(const uint8_t *b, uint64_t len, uint32_t i, struct exec_plan *plan)
{
    const uint8_t *h = b + (le64(b + 32) + EXEC_PHDR_SIZE * (uint64_t)i);
    //@ assert h == ExecPh(b, i);
    uint32_t type = le32(h);
    int err = check_type(type);
    if (err != EXEC_OK)
        return err;
    if (type == PT_LOAD)
        return take_load(b, len, i, plan);
    //@ assert loads: ExecLoads(b, i + 1) == ExecLoads(b, i);
    return EXEC_OK;
}

/* Every program header in file order, up to the first refused. */
/*@ requires ExecBytes(b, len) && ExecHeaderError(b, len) == EXEC_OK && ExecTableIn(b, len);
    requires \valid(plan) && \separated(plan, b + (0 .. len - 1));
    requires plan->count == 0;
    terminates \true;
    assigns plan->count, plan->at, plan->seg[0 .. EXEC_SEGMENTS - 1];
    ensures \result == EXEC_OK ==> ExecPlanned(plan, b, len, ExecPhnum(b)) && ExecSound(b, len, ExecPhnum(b));
    ensures \result != EXEC_OK ==> ExecFirstBad(b, len, plan->at) && ExecRefusal(b, len, plan->at, \result);
*/
static int take_all(const uint8_t *b, uint64_t len, struct exec_plan *plan)
{
    uint32_t phnum = le16(b + 56);
    uint32_t i;
    /*@ loop invariant 0 <= i <= phnum;
        loop invariant ExecPlanned(plan, b, len, i) && ExecSound(b, len, i);
        loop assigns i, plan->count, plan->at, plan->seg[0 .. EXEC_SEGMENTS - 1];
        loop variant phnum - i;
    */
    for (i = 0; i < phnum; i++) {
        plan->at = (int32_t)i;
        int err = take(b, len, i, plan);
        if (err != EXEC_OK)
            return err;
    }
    return EXEC_OK;
}

/* The first segment that is executable and holds entry, or count. */
/*@ requires \valid_read(plan) && plan->count <= EXEC_SEGMENTS;
    terminates \true;
    assigns \nothing;
    ensures \result <= plan->count;
    ensures \result < plan->count ==> ExecSegRuns(plan->seg[\result], entry);
    ensures \result == plan->count ==> \forall integer k; 0 <= k < plan->count ==> !ExecSegRuns(plan->seg[k], entry);
*/
static uint32_t entry_segment(const struct exec_plan *plan, uint64_t entry)
{
    uint32_t k;
    /*@ loop invariant 0 <= k <= plan->count;
        loop invariant \forall integer j; 0 <= j < k ==> !ExecSegRuns(plan->seg[j], entry);
        loop assigns k;
        loop variant plan->count - k;
    */
    for (k = 0; k < plan->count; k++) {
        const struct exec_segment *s = &plan->seg[k];
        /* prot is at most TR_PROT_ALL: EXEC is set exactly when prot >= TR_PROT_EXEC. */
        if (s->prot >= TR_PROT_EXEC && s->vaddr <= entry && entry - s->vaddr < s->memsz)
            break;
    }
    return k;
}

/* The entry point, in a planned executable segment. */
/*@ requires ExecBytes(b, len) && ExecTableIn(b, len);
    requires \valid(plan) && \separated(plan, b + (0 .. len - 1));
    requires ExecPlanned(plan, b, len, ExecPhnum(b)) && plan->entry == ExecEntry(b);
    terminates \true;
    assigns \nothing;
    ensures \result == EXEC_OK || \result == EXEC_ERR_ENTRY;
    ensures runs: \result == EXEC_OK ==>
      \exists integer i; 0 <= i < ExecPhnum(b) && ExecPhLoad(b, i) && ExecRunsEntry(b, i);
    ensures none: \result == EXEC_ERR_ENTRY ==>
      \forall integer i; 0 <= i < ExecPhnum(b) && ExecPhLoad(b, i) ==> !ExecRunsEntry(b, i);
*/
static int check_entry(const uint8_t *b, uint64_t len, const struct exec_plan *plan)
{
    (void)b, (void)len; /* only the contract reads them */
    uint32_t k = entry_segment(plan, plan->entry);
    if (k == plan->count) {
        /*@ assert each: \forall integer i; 0 <= i < ExecPhnum(b) && ExecPhLoad(b, i) ==>
              ExecSegIs(plan->seg[ExecLoads(b, i)], b, i) && !ExecSegRuns(plan->seg[ExecLoads(b, i)], plan->entry); */
        return EXEC_ERR_ENTRY;
    }
    //@ assert from: ExecSegFrom(plan, k, b, ExecPhnum(b));
    //@ assert runs: ExecPhLoad(b, plan->seg[k].phdr) && ExecRunsEntry(b, plan->seg[k].phdr);
    return EXEC_OK;
}

int exec_plan(const uint8_t *bytes, uint64_t len, struct exec_plan *plan)
{
    plan->entry = 0;
    plan->count = 0;
    plan->at = EXEC_NOWHERE;
    int err = check_header(bytes, len);
    if (err != EXEC_OK)
        return err;
    plan->entry = le64(bytes + 24);
    err = take_all(bytes, len, plan);
    if (err != EXEC_OK)
        return err;
    plan->at = EXEC_NOWHERE;
    if (plan->count == 0)
        return EXEC_ERR_NO_LOAD;
    return check_entry(bytes, len, plan);
}
