/* ELF64 relocatable objects: the header, section headers, symbol table
 * and relocation entries, read byte by byte, each offset checked before
 * it is used. */
#include "domain/elf.h"

/* The identification bytes: magic, 64-bit, little-endian, version 1. */
/*@ requires \valid_read(b + (0 .. 6));
    terminates \true;
    assigns \nothing;
    ensures \result == ElfIdentError(b);
*/
static int check_ident(const uint8_t *b)
{
    if (b[0] != 0x7f || b[1] != 'E' || b[2] != 'L' || b[3] != 'F')
        return ELF_ERR_MAGIC;
    if (b[4] != 2)
        return ELF_ERR_CLASS;
    if (b[5] != 1)
        return ELF_ERR_ENDIAN;
    if (b[6] != 1)
        return ELF_ERR_VERSION;
    return ELF_OK;
}

/* Type, machine, version and section header size. */
/*@ requires \valid_read(b + (0 .. ELF_EHDR_SIZE - 1));
    terminates \true;
    assigns \nothing;
    ensures \result == ElfKindError(b);
*/
static int check_kind(const uint8_t *b)
{
    if (le16(b + 16) != ET_REL)
        return ELF_ERR_TYPE;
    if (le16(b + 18) != EM_X86_64)
        return ELF_ERR_MACHINE;
    if (le32(b + 20) != 1)
        return ELF_ERR_VERSION;
    if (le16(b + 58) != ELF_SHDR_SIZE)
        return ELF_ERR_SHENTSIZE;
    return ELF_OK;
}

int elf_open(const uint8_t *bytes, uint64_t len, struct elf_object *o)
{
    o->bytes = bytes;
    o->len = len;
    o->shoff = 0;
    o->shnum = 0;
    o->shstrndx = 0;
    if (len < ELF_EHDR_SIZE)
        return ELF_ERR_SHORT;
    int err = check_ident(bytes);
    if (err == ELF_OK)
        err = check_kind(bytes);
    if (err != ELF_OK)
        return err;
    uint64_t shoff = le64(bytes + 40);
    uint32_t shnum = le16(bytes + 60), shstrndx = le16(bytes + 62);
    /* shnum 0 means extended numbering (the count in section 0): refused. */
    if (shnum == 0)
        return ELF_ERR_SHNUM;
    if (shoff > len || ELF_SHDR_SIZE * (uint64_t)shnum > len - shoff)
        return ELF_ERR_SHTAB_PAST_END;
    if (shstrndx >= shnum)
        return ELF_ERR_SHSTRNDX;
    o->shoff = shoff;
    o->shnum = shnum;
    o->shstrndx = shstrndx;
    return ELF_OK;
}

/* What is wrong with a section of this type, place and alignment in an
 * object of len bytes. A function of its own so that elf_section has one
 * path to its writes. */
/*@ terminates \true;
    assigns \nothing;
    ensures !(type == SHT_NOBITS || (offset <= len && size <= len - offset)) ==>
      \result == ELF_ERR_SECTION_PAST_END;
    ensures (type == SHT_NOBITS || (offset <= len && size <= len - offset)) && !ElfAlignOk(align) ==>
      \result == ELF_ERR_ALIGN;
    ensures (type == SHT_NOBITS || (offset <= len && size <= len - offset)) && ElfAlignOk(align) ==>
      \result == ELF_OK;
*/
static int section_fault(uint32_t type, uint64_t offset, uint64_t size, uint64_t align, uint64_t len)
{
    if (type != SHT_NOBITS && (offset > len || size > len - offset))
        return ELF_ERR_SECTION_PAST_END;
    if (!ElfAlignOk(align))
        return ELF_ERR_ALIGN;
    return ELF_OK;
}

int elf_section(const struct elf_object *o, uint32_t i, struct elf_section *sh)
{
    const uint8_t *h = o->bytes + (o->shoff + ELF_SHDR_SIZE * (uint64_t)i);
    //@ assert h == ElfShdr(o, i);
    uint32_t type = le32(h + 4);
    uint64_t offset = le64(h + 24), size = le64(h + 32), align = le64(h + 48);
    int err = section_fault(type, offset, size, align, o->len);
    if (err != ELF_OK)
        return err;
    /*@ assert read: type == ElfShType(o, i) && offset == ElfShOffset(o, i) &&
                     size == ElfShSize(o, i) && align == ElfShAlign(o, i); */
    uint32_t name = le32(h), link = le32(h + 40), info = le32(h + 44);
    uint64_t flags = le64(h + 8), entsize = le64(h + 56);
    //@ assert read_flags: flags == ElfShFlags(o, i);
    sh->name = name;
    sh->flags = flags;
    sh->link = link;
    sh->info = info;
    sh->entsize = entsize;
    sh->type = type;
    sh->offset = offset;
    sh->size = size;
    sh->align = align;
    return ELF_OK;
}

int elf_symtab(const struct elf_object *o, struct elf_symtab *t)
{
    t->index = 0;
    t->offset = 0;
    t->count = 0;
    t->str_offset = 0;
    t->str_size = 0;
    struct elf_section sh;
    uint32_t i;
    /*@ loop invariant 1 <= i <= o->shnum;
        loop assigns i, sh;
        loop variant o->shnum - i;
    */
    for (i = 1; i < o->shnum; i++) {
        int err = elf_section(o, i, &sh);
        if (err != ELF_OK)
            return err;
        if (sh.type == SHT_SYMTAB)
            break;
    }
    if (i == o->shnum)
        return ELF_ERR_NO_SYMTAB;
    if (sh.entsize != ELF_SYM_SIZE || sh.size % ELF_SYM_SIZE != 0 || sh.size / ELF_SYM_SIZE > UINT32_MAX)
        return ELF_ERR_SYMTAB_SHAPE;
    if (sh.link == 0 || sh.link >= o->shnum)
        return ELF_ERR_STRTAB;
    struct elf_section str;
    int err = elf_section(o, sh.link, &str);
    if (err != ELF_OK)
        return err;
    if (str.type != SHT_STRTAB || str.size == 0)
        return ELF_ERR_STRTAB;
    t->index = i;
    t->offset = sh.offset;
    t->count = (uint32_t)(sh.size / ELF_SYM_SIZE);
    t->str_offset = str.offset;
    t->str_size = str.size;
    return ELF_OK;
}

/* The first NUL in b[start .. end), or end if there is none. */
/*@ requires start <= end && \valid_read(b + (start .. end - 1));
    terminates \true;
    assigns \nothing;
    ensures start <= \result <= end;
    ensures \forall integer k; start <= k < \result ==> b[k] != 0;
    ensures \result < end ==> b[\result] == 0;
*/
static uint64_t find_nul(const uint8_t *b, uint64_t start, uint64_t end)
{
    uint64_t k = start;
    /*@ loop invariant start <= k <= end;
        loop invariant \forall integer j; start <= j < k ==> b[j] != 0;
        loop assigns k;
        loop variant end - k;
    */
    while (k < end && b[k] != 0)
        k++;
    return k;
}

int elf_symbol(const struct elf_object *o, const struct elf_symtab *t, uint32_t i, struct elf_symbol *s)
{
    const uint8_t *p = o->bytes + (t->offset + ELF_SYM_SIZE * (uint64_t)i);
    uint32_t name = le32(p);
    uint8_t info = p[4];
    uint16_t shndx = le16(p + 6);
    s->name = 0;
    s->name_len = 0;
    s->bind = (uint8_t)(info / 16);
    s->type = (uint8_t)(info % 16);
    s->shndx = shndx;
    s->value = le64(p + 8);
    s->size = le64(p + 16);
    if (name >= t->str_size)
        return ELF_ERR_SYM_NAME;
    uint64_t start = t->str_offset + name, end = t->str_offset + t->str_size;
    uint64_t nul = find_nul(o->bytes, start, end);
    if (nul == end || nul - start > UINT32_MAX)
        return ELF_ERR_SYM_NAME;
    if (shndx != SHN_UNDEF && shndx < SHN_LORESERVE && shndx >= o->shnum)
        return ELF_ERR_SYM_SECTION;
    s->name = start;
    s->name_len = (uint32_t)(nul - start);
    return ELF_OK;
}

/* Fills *rs in one call, so that its caller frames the symbol table
 * across one assigns clause instead of four stores. */
/*@ requires \valid(rs);
    terminates \true;
    assigns *rs;
    ensures rs->offset == offset && rs->count == count && rs->target == target && rs->target_size == target_size;
*/
static void set_relsec(struct elf_relsec *rs, uint64_t offset, uint32_t count, uint32_t target, uint64_t target_size)
{
    rs->offset = offset;
    rs->count = count;
    rs->target = target;
    rs->target_size = target_size;
}

int elf_relsec(const struct elf_object *o, const struct elf_symtab *t, uint32_t i, struct elf_relsec *rs)
{
    set_relsec(rs, 0, 0, 0, 0);
    struct elf_section sh, target;
    int err = elf_section(o, i, &sh);
    if (err != ELF_OK)
        return err;
    if (sh.type != SHT_RELA)
        return ELF_ERR_NOT_RELA;
    if (sh.entsize != ELF_RELA_SIZE || sh.size % ELF_RELA_SIZE != 0 || sh.size / ELF_RELA_SIZE > UINT32_MAX)
        return ELF_ERR_RELA_SHAPE;
    if (sh.link != t->index)
        return ELF_ERR_RELA_SYMTAB;
    if (sh.info == 0 || sh.info >= o->shnum)
        return ELF_ERR_RELA_TARGET;
    err = elf_section(o, sh.info, &target);
    if (err != ELF_OK)
        return err;
    if (target.type == SHT_NOBITS)
        return ELF_ERR_RELA_TARGET;
    // The entries fill the section: the provers need the division spelt out.
    //@ assert whole: ELF_RELA_SIZE * (sh.size / ELF_RELA_SIZE) == sh.size;
    set_relsec(rs, sh.offset, (uint32_t)(sh.size / ELF_RELA_SIZE), sh.info, target.size);
    //@ assert kept: ElfSymtabOk(o, t);
    //@ assert inside: rs->offset + ELF_RELA_SIZE * rs->count <= o->len && rs->target < o->shnum;
    return ELF_OK;
}

/* Bytes a relocation type patches, or 0 for a type the linker does not
 * support. */
/*@ terminates \true;
    assigns \nothing;
    ensures \result == ElfRelocWidth(type);
*/
static uint32_t reloc_width(uint32_t type)
{
    switch (type) {
    case R_X86_64_64:
        return 8;
    case R_X86_64_PC32:
    case R_X86_64_PLT32:
    case R_X86_64_GOTPCREL:
    case R_X86_64_32:
    case R_X86_64_32S:
    case R_X86_64_GOTPCRELX:
    case R_X86_64_REX_GOTPCRELX:
        return 4;
    default:
        return 0;
    }
}

int elf_rela(const struct elf_object *o, const struct elf_symtab *t, const struct elf_relsec *rs, uint32_t j,
             struct elf_rela *r)
{
    const uint8_t *p = o->bytes + (rs->offset + ELF_RELA_SIZE * (uint64_t)j);
    uint64_t offset = le64(p);
    /* r_info: type in the low 32 bits, symbol in the high 32 (little-endian). */
    uint32_t type = le32(p + 8), sym = le32(p + 12);
    uint64_t addend = le64(p + 16);
    uint32_t width = reloc_width(type);
    r->offset = offset;
    r->type = type;
    r->sym = sym;
    r->width = width;
    r->addend = addend <= INT64_MAX ? (int64_t)addend : -(int64_t)(UINT64_MAX - addend) - 1;
    if (width == 0)
        return ELF_ERR_RELOC_TYPE;
    if (sym >= t->count)
        return ELF_ERR_RELOC_SYMBOL;
    uint64_t size = rs->target_size;
    if (offset > size || width > size - offset)
        return ELF_ERR_RELOC_OFFSET;
    return ELF_OK;
}
