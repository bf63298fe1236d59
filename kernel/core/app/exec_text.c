/* The words for exec_plan's refusals, shared by the kernel and the host
 * tools so that both say the same thing. */
#include "app/exec.h"

static const char *const exec_reasons[EXEC_ERR_LIMIT - EXEC_ERR_SHORT] = {
    [EXEC_ERR_SHORT - EXEC_ERR_SHORT] = "shorter than an ELF header",
    [EXEC_ERR_MAGIC - EXEC_ERR_SHORT] = "not an ELF file (bad magic)",
    [EXEC_ERR_CLASS - EXEC_ERR_SHORT] = "not a 64-bit ELF file",
    [EXEC_ERR_ENDIAN - EXEC_ERR_SHORT] = "not little-endian",
    [EXEC_ERR_VERSION - EXEC_ERR_SHORT] = "unknown ELF version",
    [EXEC_ERR_TYPE - EXEC_ERR_SHORT] = "not an executable (ET_EXEC; build with -static, not -pie)",
    [EXEC_ERR_MACHINE - EXEC_ERR_SHORT] = "not an x86-64 executable",
    [EXEC_ERR_PHENTSIZE - EXEC_ERR_SHORT] = "program header size is not 56",
    [EXEC_ERR_PHNUM - EXEC_ERR_SHORT] = "extended program header numbering",
    [EXEC_ERR_PHTAB_PAST_END - EXEC_ERR_SHORT] = "program header table runs past the end",
    [EXEC_ERR_INTERP - EXEC_ERR_SHORT] = "asks for a dynamic linker (PT_INTERP); build with -static",
    [EXEC_ERR_DYNAMIC - EXEC_ERR_SHORT] = "dynamically linked (PT_DYNAMIC); build with -static",
    [EXEC_ERR_TLS - EXEC_ERR_SHORT] = "thread-local storage (PT_TLS)",
    [EXEC_ERR_PHDR_TYPE - EXEC_ERR_SHORT] = "unknown program header type",
    [EXEC_ERR_TOO_MANY - EXEC_ERR_SHORT] = "more than 8 loadable segments",
    [EXEC_ERR_FILESZ - EXEC_ERR_SHORT] = "file size larger than memory size",
    [EXEC_ERR_FILE_PAST_END - EXEC_ERR_SHORT] = "segment's bytes run past the end of the file",
    [EXEC_ERR_EMPTY - EXEC_ERR_SHORT] = "segment of no memory",
    [EXEC_ERR_ALIGN - EXEC_ERR_SHORT] = "address and file offset differ modulo a page",
    [EXEC_ERR_RANGE - EXEC_ERR_SHORT] = "segment outside the user half's program area",
    [EXEC_ERR_FLAGS - EXEC_ERR_SHORT] = "flags other than read, write and execute",
    [EXEC_ERR_NO_PROT - EXEC_ERR_SHORT] = "segment neither readable, writable nor executable",
    [EXEC_ERR_WX - EXEC_ERR_SHORT] = "segment both writable and executable",
    [EXEC_ERR_OVERLAP - EXEC_ERR_SHORT] = "segment shares a page with an earlier one",
    [EXEC_ERR_NO_LOAD - EXEC_ERR_SHORT] = "no loadable segment",
    [EXEC_ERR_ENTRY - EXEC_ERR_SHORT] = "entry point outside every executable segment",
};

const char *exec_err_text(int code)
{
    if (code == EXEC_OK)
        return "ok";
    if (code >= EXEC_ERR_SHORT && code < EXEC_ERR_LIMIT && exec_reasons[code - EXEC_ERR_SHORT])
        return exec_reasons[code - EXEC_ERR_SHORT];
    return "unknown error";
}
