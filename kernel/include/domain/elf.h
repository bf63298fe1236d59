/* ELF64 relocatable objects for x86-64, read as untrusted bytes: the
 * header, section headers, symbols and relocations, every offset and size
 * checked against the buffer before anything is read through it. */
#ifndef SPINEL_ELF_H
#define SPINEL_ELF_H

#include <stdint.h>
#include "lib/bytes.h"

#define ELF_EHDR_SIZE 64u
#define ELF_SHDR_SIZE 64u
#define ELF_SYM_SIZE 24u
#define ET_REL 1u
#define EM_X86_64 62u
#define SHT_NULL 0u
#define SHT_PROGBITS 1u
#define SHT_SYMTAB 2u
#define SHT_STRTAB 3u
#define SHT_RELA 4u
#define SHT_NOBITS 8u
#define SHN_UNDEF 0u
#define SHN_LORESERVE 0xff00u
#define SHN_ABS 0xfff1u
#define SHN_COMMON 0xfff2u
#define ELF_RELA_SIZE 24u
#define R_X86_64_64 1u
#define R_X86_64_PC32 2u
#define R_X86_64_PLT32 4u
#define R_X86_64_GOTPCREL 9u
#define R_X86_64_32 10u
#define R_X86_64_32S 11u
#define R_X86_64_GOTPCRELX 41u
#define R_X86_64_REX_GOTPCRELX 42u
#define STB_LOCAL 0u
#define STB_GLOBAL 1u
#define STB_WEAK 2u

enum elf_err {
    ELF_OK = 0,
    ELF_ERR_SHORT = 1,          /* shorter than an ELF header */
    ELF_ERR_MAGIC = 2,          /* not \x7fELF */
    ELF_ERR_CLASS = 3,          /* not 64-bit */
    ELF_ERR_ENDIAN = 4,         /* not little-endian */
    ELF_ERR_VERSION = 5,
    ELF_ERR_TYPE = 6,           /* not a relocatable object (ET_REL) */
    ELF_ERR_MACHINE = 7,        /* not x86-64 */
    ELF_ERR_SHENTSIZE = 8,      /* section header size is not 64 */
    ELF_ERR_SHNUM = 9,          /* no section headers, or extended numbering */
    ELF_ERR_SHTAB_PAST_END = 10, /* the section header table runs past the end */
    ELF_ERR_SHSTRNDX = 11,      /* section-name table index past the table */
    ELF_ERR_SECTION_PAST_END = 12, /* a section's bytes run past the end */
    ELF_ERR_ALIGN = 13,         /* a section alignment is not a power of two */
    ELF_ERR_NO_SYMTAB = 14,     /* no symbol table */
    ELF_ERR_SYMTAB_SHAPE = 15,  /* symbol table entries not 24 bytes, or a partial entry */
    ELF_ERR_STRTAB = 16,        /* the symbol table's string table is missing or not one */
    ELF_ERR_SYM_NAME = 17,      /* a symbol name runs past its string table */
    ELF_ERR_SYM_SECTION = 18,   /* a symbol's section index is past the section table */
    ELF_ERR_NOT_RELA = 19,      /* not a relocation section with addends */
    ELF_ERR_RELA_SHAPE = 20,    /* entries not 24 bytes, or a partial entry */
    ELF_ERR_RELA_SYMTAB = 21,   /* its symbol table is not the object's */
    ELF_ERR_RELA_TARGET = 22,   /* the section it patches is missing or has no bytes */
    ELF_ERR_RELOC_TYPE = 23,    /* a relocation type the linker does not support */
    ELF_ERR_RELOC_SYMBOL = 24,  /* a relocation's symbol index past the symbol table */
    ELF_ERR_RELOC_OFFSET = 25,  /* a relocation patches bytes past its section's end */
    ELF_ERR_RELOC_RANGE = 26,   /* a relocation's value does not fit its field */
    ELF_ERR_COUNT = 27
};

/* An object elf_open accepted. */
struct elf_object {
    const uint8_t *bytes;
    uint64_t len;
    uint64_t shoff;    /* section header table */
    uint32_t shnum;    /* section headers, at least 1 (index 0 is null) */
    uint32_t shstrndx; /* the section-name string table */
};

/* One section header, as read. */
struct elf_section {
    uint32_t name; /* offset in the section-name table */
    uint32_t type;
    uint64_t flags;
    uint64_t offset, size;
    uint32_t link, info;
    uint64_t align, entsize;
};

/* The symbol table of an object and its string table, both inside it. */
struct elf_symtab {
    uint32_t index;          /* its section */
    uint64_t offset;         /* entries at offset .. offset + 24 * count */
    uint32_t count;
    uint64_t str_offset, str_size; /* its string table */
};

/* One symbol, as read; name is an offset in the object's bytes, where a
 * NUL-terminated string of name_len bytes lies inside the string table. */
struct elf_symbol {
    uint64_t name;
    uint32_t name_len;
    uint8_t bind, type;
    uint16_t shndx;
    uint64_t value, size;
};

/* A relocation section (SHT_RELA) and the section it patches. */
struct elf_relsec {
    uint64_t offset;      /* entries at offset .. offset + 24 * count */
    uint32_t count;
    uint32_t target;      /* the section it patches */
    uint64_t target_size; /* its size, inside the object */
};

/* One relocation: patch width bytes at offset in the target section with
 * a value computed from symbol sym, the addend and the type. */
struct elf_rela {
    uint64_t offset;
    uint32_t sym, type, width;
    int64_t addend;
};

#include "domain/elf.acsl"

/* Accepts bytes[0 .. len) as an ELF64 little-endian x86-64 relocatable
 * object whose section header table lies inside the buffer, or names the
 * first thing wrong. Reads nothing outside bytes[0 .. len). */
/*@ requires ElfBytes(bytes, len) && \valid(o) && \separated(o, bytes + (0 .. len - 1));
    terminates \true;
    assigns *o;
    ensures verdict: \result == ElfHeaderError(bytes, len);
    ensures \result == ELF_OK <==> ElfObjectOk(o) && o->bytes == bytes && o->len == len;
    ensures \result == ELF_OK ==>
      o->shoff == Le64(bytes + 40) && o->shnum == Le16(bytes + 60) && o->shstrndx == Le16(bytes + 62);
*/
int elf_open(const uint8_t *bytes, uint64_t len, struct elf_object *o);

/* Reads section header i of an accepted object and checks that its bytes
 * lie inside the object and its alignment is 0 or a power of two. */
/*@ requires ElfObjectOk(o) && i < o->shnum;
    requires \valid(sh) && \separated(sh, o, o->bytes + (0 .. o->len - 1));
    terminates \true;
    assigns *sh;
    behavior past_end:
      assumes !ElfShInside(o, i);
      ensures \result == ELF_ERR_SECTION_PAST_END;
    behavior bad_align:
      assumes ElfShInside(o, i) && !ElfAlignOk(ElfShAlign(o, i));
      ensures \result == ELF_ERR_ALIGN;
    behavior ok:
      assumes ElfShInside(o, i) && ElfAlignOk(ElfShAlign(o, i));
      ensures \result == ELF_OK;
      ensures sh->type == \old(ElfShType(o, i));
      ensures sh->offset == \old(ElfShOffset(o, i));
      ensures sh->size == \old(ElfShSize(o, i));
      ensures sh->align == \old(ElfShAlign(o, i));
      ensures sh->flags == \old(ElfShFlags(o, i));
      ensures inside: sh->type != SHT_NOBITS ==> sh->offset <= \old(o->len) && sh->size <= \old(o->len) - sh->offset;
    complete behaviors;
    disjoint behaviors;
*/
int elf_section(const struct elf_object *o, uint32_t i, struct elf_section *sh);

/* Finds the object's symbol table (the first SHT_SYMTAB) and checks it
 * and its string table. */
/*@ requires ElfObjectOk(o) && \valid(t) && \separated(t, o, o->bytes + (0 .. o->len - 1));
    terminates \true;
    assigns *t;
    ensures \result == ELF_OK ==> ElfSymtabOk(o, t);
    ensures \result == ELF_OK || \result == ELF_ERR_NO_SYMTAB || \result == ELF_ERR_SYMTAB_SHAPE ||
            \result == ELF_ERR_STRTAB || \result == ELF_ERR_SECTION_PAST_END || \result == ELF_ERR_ALIGN;
*/
int elf_symtab(const struct elf_object *o, struct elf_symtab *t);

/* Reads symbol i and checks that its name is a string inside the string
 * table and its section index names a section or a reserved index. */
/*@ requires ElfSymtabOk(o, t) && i < t->count;
    requires \valid(s) && \separated(s, o, t, o->bytes + (0 .. o->len - 1));
    terminates \true;
    assigns *s;
    ensures \result == ELF_OK || \result == ELF_ERR_SYM_NAME || \result == ELF_ERR_SYM_SECTION;
    ensures \result == ELF_OK ==> ElfNameOk(o, t, s->name, s->name_len);
    ensures \result == ELF_OK ==>
      (s->shndx == SHN_UNDEF || s->shndx >= SHN_LORESERVE || s->shndx < o->shnum);
*/
int elf_symbol(const struct elf_object *o, const struct elf_symtab *t, uint32_t i, struct elf_symbol *s);

/* Checks section i as a relocation section of the object's symbol table
 * that patches a section with bytes. */
/*@ requires ElfSymtabOk(o, t) && i < o->shnum;
    requires \valid(rs) && \separated(rs, o, t, o->bytes + (0 .. o->len - 1));
    terminates \true;
    assigns *rs;
    ensures \result == ELF_OK ==> ElfRelsecOk(o, t, rs);
    ensures \result == ELF_OK || \result == ELF_ERR_NOT_RELA || \result == ELF_ERR_RELA_SHAPE ||
            \result == ELF_ERR_RELA_SYMTAB || \result == ELF_ERR_RELA_TARGET ||
            \result == ELF_ERR_SECTION_PAST_END || \result == ELF_ERR_ALIGN;
*/
int elf_relsec(const struct elf_object *o, const struct elf_symtab *t, uint32_t i, struct elf_relsec *rs);

/* Reads relocation j of rs and checks its type is one the linker supports
 * (64, PC32, PLT32, 32, 32S, GOTPCREL, GOTPCRELX, REX_GOTPCRELX), its
 * symbol is in the symbol table and the bytes it patches lie inside the
 * target section. */
/*@ requires ElfRelsecOk(o, t, rs) && j < rs->count;
    requires \valid(r) && \separated(r, o, t, rs, o->bytes + (0 .. o->len - 1));
    terminates \true;
    assigns *r;
    ensures \result == ELF_OK || \result == ELF_ERR_RELOC_TYPE || \result == ELF_ERR_RELOC_SYMBOL ||
            \result == ELF_ERR_RELOC_OFFSET;
    ensures \result == ELF_OK ==> (r->width == 4 || r->width == 8) && r->sym < t->count &&
      r->offset <= rs->target_size && r->width <= rs->target_size - r->offset;
    ensures \result == ELF_OK ==> r->width == ElfRelocWidth(r->type);
*/
int elf_rela(const struct elf_object *o, const struct elf_symtab *t, const struct elf_relsec *rs, uint32_t j,
             struct elf_rela *r);

#endif
