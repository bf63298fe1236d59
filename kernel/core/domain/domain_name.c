/* A domain's name: see domain_set_name in domain.h. */
#include "domain/domain.h"

void domain_set_name(struct domain *d, const char *name)
{
    uint32_t n = 0;
    /*@ loop invariant 0 <= n < DOMAIN_NAME_MAX && (name == \null ==> n == 0);
        loop invariant name != \null ==> \forall integer k; 0 <= k < n ==> d->name[k] == name[k] && name[k] != 0;
        loop invariant name != \null && !\valid_read(name + (0 .. DOMAIN_NAME_MAX - 2)) ==>
          \exists integer m; n <= m < DOMAIN_NAME_MAX - 1 && \valid_read(name + (0 .. m)) && name[m] == 0;
        loop assigns n, d->name[0 .. DOMAIN_NAME_MAX - 2];
        loop variant DOMAIN_NAME_MAX - n;
    */
    for (; name && n + 1 < DOMAIN_NAME_MAX && name[n]; n++)
        d->name[n] = name[n];
    d->name[n] = 0;
    /*@ assert copied: name != \null ==>
          d->name[n] == 0 && \forall integer k; 0 <= k < n ==> d->name[k] == name[k] && name[k] != 0; */
}
