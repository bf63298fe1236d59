/* How every linker function refuses: see domain_fail in domain.h. */
#include "domain/domain.h"

int domain_fail(struct domain_fault *f, int code, enum domain_where where, uint32_t index, uint32_t entry)
{
    f->code = code;
    f->where = where;
    f->index = index;
    f->entry = entry;
    f->name = 0;
    return code;
}
