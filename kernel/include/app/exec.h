/* ELF64 static executables for x86-64, read as untrusted bytes: which
 * segments to map where, from the program headers, before anything is
 * mapped. exec_plan only plans; the loader maps what the plan says. */
#ifndef SPINEL_EXEC_H
#define SPINEL_EXEC_H

#include <stdint.h>
#include "lib/bytes.h"
#include "mem/translation.h"
#include "spinel/abi.h"

#define EXEC_SEGMENTS 8u
#define EXEC_EHDR_SIZE 64u
#define EXEC_PHDR_SIZE 56u
#define EXEC_PAGE 4096u
/* Segments lie in [EXEC_LOW, EXEC_HIGH): from the lowest user address to
 * the stack's lowest page (abi.h), both page multiples. */
#define EXEC_LOW SYS_USER_MIN
#define EXEC_HIGH (SYS_STACK_TOP - SYS_STACK_PAGES * 4096ull)

#define ET_EXEC 2u
#define EM_X86_64 62u
/* e_phnum's escape to extended numbering (the count in section 0). */
#define PN_XNUM 0xffffu

/* Program header types. A static executable is mapped from its PT_LOADs
 * alone. PT_INTERP and PT_DYNAMIC ask for a dynamic linker, and PT_TLS
 * for a thread-local block that Spinel does not set up: refused. The
 * ignored ones carry no mapping: PT_NULL is unused; PT_NOTE (build id,
 * ABI tag) and PT_PHDR (the table itself) describe bytes inside a
 * PT_LOAD or not loaded at all; PT_GNU_STACK asks for a non-executable
 * stack, which Spinel's user stack always is; PT_GNU_RELRO asks a dynamic
 * loader to make data read-only after relocating, and a static executable
 * has nothing to relocate; PT_GNU_PROPERTY holds CET/ISA notes that only
 * a dynamic loader acts on. */
#define PT_NULL 0u
#define PT_LOAD 1u
#define PT_DYNAMIC 2u
#define PT_INTERP 3u
#define PT_NOTE 4u
#define PT_PHDR 6u
#define PT_TLS 7u
#define PT_GNU_STACK 0x6474e551u
#define PT_GNU_RELRO 0x6474e552u
#define PT_GNU_PROPERTY 0x6474e553u

/* p_flags */
#define PF_X 1u
#define PF_W 2u
#define PF_R 4u
#define PF_ALL 7u

/* From 140 up, apart from every other module's codes. */
enum exec_err {
    EXEC_OK = 0,
    EXEC_ERR_SHORT = 140,          /* shorter than an ELF header */
    EXEC_ERR_MAGIC = 141,          /* not \x7fELF */
    EXEC_ERR_CLASS = 142,          /* not 64-bit */
    EXEC_ERR_ENDIAN = 143,         /* not little-endian */
    EXEC_ERR_VERSION = 144,        /* e_ident[EI_VERSION] or e_version is not 1 */
    EXEC_ERR_TYPE = 145,           /* not an executable (ET_EXEC): objects, PIE and shared objects refused */
    EXEC_ERR_MACHINE = 146,        /* not x86-64 */
    EXEC_ERR_PHENTSIZE = 147,      /* program header size is not 56 */
    EXEC_ERR_PHNUM = 148,          /* extended program header numbering (e_phnum PN_XNUM) */
    EXEC_ERR_PHTAB_PAST_END = 149, /* the program header table runs past the end */
    EXEC_ERR_INTERP = 150,         /* PT_INTERP: asks for a dynamic linker */
    EXEC_ERR_DYNAMIC = 151,        /* PT_DYNAMIC: not static */
    EXEC_ERR_TLS = 152,            /* PT_TLS: thread-local storage */
    EXEC_ERR_PHDR_TYPE = 153,      /* a program header type exec_plan does not know */
    EXEC_ERR_TOO_MANY = 154,       /* more than EXEC_SEGMENTS PT_LOAD headers */
    EXEC_ERR_FILESZ = 155,         /* p_filesz > p_memsz */
    EXEC_ERR_FILE_PAST_END = 156,  /* p_offset + p_filesz runs past the end */
    EXEC_ERR_EMPTY = 157,          /* p_memsz is 0 */
    EXEC_ERR_ALIGN = 158,          /* p_vaddr and p_offset differ modulo a page */
    EXEC_ERR_RANGE = 159,          /* pages outside [SYS_USER_MIN, the stack's lowest page) */
    EXEC_ERR_FLAGS = 160,          /* p_flags has bits other than R, W, X */
    EXEC_ERR_NO_PROT = 161,        /* p_flags is 0: no access at all */
    EXEC_ERR_WX = 162,             /* writable and executable */
    EXEC_ERR_OVERLAP = 163,        /* shares a page with an earlier PT_LOAD */
    EXEC_ERR_NO_LOAD = 164,        /* no PT_LOAD at all */
    EXEC_ERR_ENTRY = 165,          /* e_entry is in no executable segment */
    EXEC_ERR_LIMIT = 166
};

/* No program header: where a refusal of the ELF header, of no PT_LOAD at
 * all or of the entry point points. */
#define EXEC_NOWHERE (-1)

/* One PT_LOAD: memory [vaddr, vaddr + memsz), whose first filesz bytes
 * are the file's [offset, offset + filesz) and the rest zero; phdr is its
 * program header's index (e_phnum is at most 0xfffe), so that the loader
 * can name it.
 * Field types keep WP's typed memory apart (as in mem/translation.h):
 * prot and phdr are 16-bit (prot as tr_mapping's), the plan's count
 * 32-bit and at signed, so that writing the count or at leaves every
 * fact about the segments standing without a proof. */
struct exec_segment {
    uint64_t vaddr, memsz, offset, filesz;
    uint16_t prot; /* TR_PROT_* bits */
    uint16_t phdr;
};

/* A plan: the entry point and the PT_LOADs in file order. at names the
 * program header a refusal is about (EXEC_NOWHERE if none), so that an
 * error message can say which. */
struct exec_plan {
    uint64_t entry;
    uint32_t count;
    int32_t at;
    struct exec_segment seg[EXEC_SEGMENTS];
};

#include "app/exec.acsl"

/* Plans the mapping of bytes[0 .. len) as an ELF64 little-endian x86-64
 * static executable (ET_EXEC), or names the first check it fails, in this
 * order: the ELF header (exactly ExecHeaderError), then each program
 * header in turn (its type; for a PT_LOAD, the count, its fields, then
 * overlap with the earlier ones), then at least one PT_LOAD, then the
 * entry point. Reads nothing outside bytes[0 .. len), writes only *plan. */
/*@ requires ExecBytes(bytes, len);
    requires \valid(plan) && \separated(plan, bytes + (0 .. len - 1));
    terminates \true;
    assigns *plan;
    ensures known: \result == EXEC_OK || EXEC_ERR_SHORT <= \result < EXEC_ERR_LIMIT;
    ensures ok: \result == EXEC_OK ==>
      plan->count == ExecLoads(bytes, ExecPhnum(bytes)) && plan->entry == ExecEntry(bytes) &&
      (\forall integer j; 0 <= j < ExecPhnum(bytes) && ExecPhLoad(bytes, j) ==>
         ExecSegIs(plan->seg[ExecLoads(bytes, j)], bytes, j));
    ensures planned: \result == EXEC_OK ==> ExecPlanned(plan, bytes, len, ExecPhnum(bytes));
    ensures header: ExecHeaderError(bytes, len) != EXEC_OK ==> plan->at == EXEC_NOWHERE;
    ensures type: \result == EXEC_ERR_INTERP || \result == EXEC_ERR_DYNAMIC || \result == EXEC_ERR_TLS ||
                  \result == EXEC_ERR_PHDR_TYPE ==>
      ExecFirstBad(bytes, len, plan->at) && \result == ExecTypeError(ExecPhType(bytes, plan->at));
    ensures too_many: \result == EXEC_ERR_TOO_MANY ==>
      ExecFirstBad(bytes, len, plan->at) && ExecPhLoad(bytes, plan->at) &&
      ExecLoads(bytes, plan->at) == EXEC_SEGMENTS;
    ensures segment: EXEC_ERR_FILESZ <= \result <= EXEC_ERR_WX ==>
      ExecFirstBad(bytes, len, plan->at) && ExecPhLoad(bytes, plan->at) &&
      ExecLoads(bytes, plan->at) < EXEC_SEGMENTS && \result == ExecPhError(bytes, len, plan->at);
    ensures overlap: \result == EXEC_ERR_OVERLAP ==>
      ExecFirstBad(bytes, len, plan->at) && ExecPhLoad(bytes, plan->at) &&
      ExecLoads(bytes, plan->at) < EXEC_SEGMENTS && ExecPhError(bytes, len, plan->at) == EXEC_OK &&
      \exists integer j; 0 <= j < plan->at && ExecPhLoad(bytes, j) && ExecMeet(bytes, plan->at, j);
    ensures no_load: \result == EXEC_ERR_NO_LOAD ==>
      ExecHeaderError(bytes, len) == EXEC_OK && ExecSound(bytes, len, ExecPhnum(bytes)) &&
      \forall integer i; 0 <= i < ExecPhnum(bytes) ==> !ExecPhLoad(bytes, i);
    ensures entry: \result == EXEC_ERR_ENTRY ==>
      ExecHeaderError(bytes, len) == EXEC_OK && ExecSound(bytes, len, ExecPhnum(bytes)) &&
      \forall integer i; 0 <= i < ExecPhnum(bytes) && ExecPhLoad(bytes, i) ==> !ExecRunsEntry(bytes, i);
    behavior bad_header:
      assumes ExecHeaderError(bytes, len) != EXEC_OK;
      ensures \result == ExecHeaderError(bytes, len);
    behavior accepted:
      assumes ExecAccepts(bytes, len);
      ensures \result == EXEC_OK;
    behavior refused:
      assumes ExecHeaderError(bytes, len) == EXEC_OK && !ExecAccepts(bytes, len);
      ensures \result != EXEC_OK;
    complete behaviors;
    disjoint behaviors;
*/
int exec_plan(const uint8_t *bytes, uint64_t len, struct exec_plan *plan);

/* The words for a code of exec_plan ("unknown error" for any other). */
const char *exec_err_text(int code);

#endif
