/* The linker's refusals (how they are filled, and their words) and its
 * names as C strings, shared by the kernel and the host tools so that
 * both say the same thing. */
#include "domain/domain.h"

static const char *const elf_reasons[ELF_ERR_COUNT] = {
    [ELF_OK] = "ok",
    [ELF_ERR_SHORT] = "shorter than an ELF header",
    [ELF_ERR_MAGIC] = "not an ELF file (bad magic)",
    [ELF_ERR_CLASS] = "not a 64-bit ELF object",
    [ELF_ERR_ENDIAN] = "not little-endian",
    [ELF_ERR_VERSION] = "unknown ELF version",
    [ELF_ERR_TYPE] = "not a relocatable object (ET_REL)",
    [ELF_ERR_MACHINE] = "not an x86-64 object",
    [ELF_ERR_SHENTSIZE] = "section header size is not 64",
    [ELF_ERR_SHNUM] = "no section headers, or extended section numbering",
    [ELF_ERR_SHTAB_PAST_END] = "section header table runs past the end",
    [ELF_ERR_SHSTRNDX] = "section-name table index past the section table",
    [ELF_ERR_SECTION_PAST_END] = "bytes run past the end of the object",
    [ELF_ERR_ALIGN] = "alignment is not a power of two",
    [ELF_ERR_NO_SYMTAB] = "no symbol table",
    [ELF_ERR_SYMTAB_SHAPE] = "symbol table entries are not 24 bytes each",
    [ELF_ERR_STRTAB] = "the symbol table's string table is missing or not a string table",
    [ELF_ERR_SYM_NAME] = "name runs past the string table",
    [ELF_ERR_SYM_SECTION] = "section index past the section table",
    [ELF_ERR_NOT_RELA] = "not a relocation section with addends",
    [ELF_ERR_RELA_SHAPE] = "relocation entries are not 24 bytes each",
    [ELF_ERR_RELA_SYMTAB] = "relocations against another symbol table",
    [ELF_ERR_RELA_TARGET] = "the section it patches is missing or has no bytes",
    [ELF_ERR_RELOC_TYPE] = "relocation type not supported",
    [ELF_ERR_RELOC_SYMBOL] = "symbol index past the symbol table",
    [ELF_ERR_RELOC_OFFSET] = "patches bytes past the end of its section",
    [ELF_ERR_RELOC_RANGE] = "value does not fit the relocated field",
};

static const char *const domain_reasons[DOMAIN_ERR_LIMIT - DOMAIN_ERR_BINDING] = {
    [DOMAIN_ERR_BINDING - DOMAIN_ERR_BINDING] = "binding is not local, global or weak",
    [DOMAIN_ERR_COMMON - DOMAIN_ERR_BINDING] = "COMMON symbol (build with -fno-common)",
    [DOMAIN_ERR_TLS - DOMAIN_ERR_BINDING] = "thread-local storage",
    [DOMAIN_ERR_IFUNC - DOMAIN_ERR_BINDING] = "IFUNC symbol",
    [DOMAIN_ERR_REL - DOMAIN_ERR_BINDING] = "relocations without addends (SHT_REL) are not x86-64's",
    [DOMAIN_ERR_WX - DOMAIN_ERR_BINDING] = "section is both writable and executable",
    [DOMAIN_ERR_SECTION_ALIGN - DOMAIN_ERR_BINDING] = "alignment above a page",
    [DOMAIN_ERR_TOO_BIG - DOMAIN_ERR_BINDING] = "image larger than a domain may be",
    [DOMAIN_ERR_MEMORY - DOMAIN_ERR_BINDING] = "memory given does not match the object's plan",
    [DOMAIN_ERR_SYMBOL_SECTION - DOMAIN_ERR_BINDING] = "symbol in a section that is not loaded",
    [DOMAIN_ERR_DUPLICATE - DOMAIN_ERR_BINDING] = "exported by both domains",
    [DOMAIN_ERR_NOT_OBJECT - DOMAIN_ERR_BINDING] = "only an object domain has imports to resolve",
    [DOMAIN_ERR_TABLE - DOMAIN_ERR_BINDING] = "export table failed its check",
    [DOMAIN_ERR_UNRESOLVED - DOMAIN_ERR_BINDING] = "imports are still unresolved",
    [DOMAIN_ERR_NO_SYMBOL - DOMAIN_ERR_BINDING] = "no export of that name",
    [DOMAIN_ERR_OVERLAP - DOMAIN_ERR_BINDING] = "bytes overlap the previous loaded section",
    [DOMAIN_ERR_SYMBOL_VALUE - DOMAIN_ERR_BINDING] = "symbol's address would pass 2^64",
};

const char *domain_err_text(int code)
{
    if (code >= 0 && code < ELF_ERR_COUNT)
        return elf_reasons[code];
    if (code >= DOMAIN_ERR_BINDING && code < DOMAIN_ERR_LIMIT)
        return domain_reasons[code - DOMAIN_ERR_BINDING];
    return "unknown error";
}

const char *domain_export_name(const struct domain *d, uint32_t k)
{
    return (const char *)d->exports.names + d->exports.entries[k].name;
}

const char *domain_import_name(const struct domain *d, uint32_t k)
{
    return (const char *)d->exports.names + d->imports[k].name;
}
