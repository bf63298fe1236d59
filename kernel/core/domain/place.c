/* Placing an object's sections: see place.h. */
#include "domain/domain.h"
#include "lib/kstring.h"
#include "domain/layout.h"
#include "domain/link.h"
#include "domain/place.h"

/*@ requires 0 <= g <= 3 && rx <= LINK_GROUP_MAX && r <= LINK_GROUP_MAX;
    terminates \true;
    assigns \nothing;
    ensures \result == GroupStartOf(rx, r, g);
*/
static uint64_t group_start(uint64_t rx, uint64_t r, enum layout_group g)
{
    return g == GROUP_RX ? 0 : g == GROUP_R ? rx : rx + r;
}

/*@ requires 0 <= g <= 3;
    terminates \true;
    assigns \nothing;
    ensures \result == GroupSizeOf(rx, r, rw, g);
*/
static uint64_t group_size(uint64_t rx, uint64_t r, uint64_t rw, enum layout_group g)
{
    return g == GROUP_RX ? rx : g == GROUP_R ? r : rw;
}

/* Where section i goes, by the layout's rule (layout.h): *at is 0 for a
 * section that is not loaded, otherwise its address inside its group.
 * The sizes come as values and the section as ObjSh* of the bytes, so
 * that nothing the passes write can change them. */
/*@ requires ElfObjectOk(o) && i < o->shnum && o->shoff == Le64(o->bytes + 40);
    requires rx <= LINK_GROUP_MAX && r <= LINK_GROUP_MAX && rw <= LINK_GROUP_MAX;
    requires \valid(l) && LayoutOk(l) && \valid(addr + (0 .. o->shnum - 1));
    requires 0 < base && base + rx + r + rw <= 0xFFFFFFFFFFFFFFFF;
    requires \separated(addr + (0 .. o->shnum - 1), l, o, o->bytes + (0 .. o->len - 1));
    requires \separated(addr + (0 .. o->shnum - 1), l->used + (0 .. 3));
    requires \separated(l, o, o->bytes + (0 .. o->len - 1));
    terminates \true;
    assigns addr[i], l->used[0 .. 3];
    ensures LayoutOk(l);
    ensures \result == DOMAIN_OK ==>
      SectionIn(rx, r, rw, base, addr[i], ObjShSize(o->bytes, i), LayoutGroupOf(ObjShFlags(o->bytes, i)), i);
    ensures kept: \forall integer k; 0 <= k < i ==> addr[k] == \old(addr[k]);
*/
static int place_section(const struct elf_object *o, uint32_t i, struct layout *l, uint64_t rx, uint64_t r,
                         uint64_t rw, uint64_t base, uint64_t *addr)
{
    struct elf_section sh;
    uint64_t offset, a = 0;
    int err = ELF_OK;
    enum layout_group g = GROUP_NONE;
    if (i != 0 && (err = elf_section(o, i, &sh)) == ELF_OK) {
        //@ assert read: sh.size == ObjShSize(o->bytes, i) && sh.flags == ObjShFlags(o->bytes, i);
        g = layout_group_of(&sh);
    }
    //@ assert grouped: err == ELF_OK && i != 0 ==> g == LayoutGroupOf(ObjShFlags(o->bytes, i));
    if (g != GROUP_NONE && (err = layout_place(l, &sh, &offset)) == DOMAIN_OK) {
        uint64_t size = group_size(rx, r, rw, g);
        if (offset > size || sh.size > size - offset)
            err = DOMAIN_ERR_MEMORY;
        else
            a = base + group_start(rx, r, g) + offset;
    }
    addr[i] = a;
    return err;
}

/*@ requires ElfObjectOk(o) && o->shoff == Le64(o->bytes + 40) && \valid_read(p) && PLAN_SIZED(*p);
    requires \valid(addr + (0 .. o->shnum - 1)) && \valid(f) && \valid(l) && LayoutOk(l);
    requires 0 < base && base + p->image_size <= 0xFFFFFFFFFFFFFFFF;
    requires \separated(addr + (0 .. o->shnum - 1), l, f, o, p, o->bytes + (0 .. o->len - 1));
    requires \separated(addr + (0 .. o->shnum - 1), l->used + (0 .. 3));
    terminates \true;
    assigns addr[0 .. o->shnum - 1], l->used[0 .. 3], *f;
    ensures f->code == \result;
    ensures \result == DOMAIN_OK ==> \forall integer i; 0 <= i < o->shnum ==>
      SectionIn(\old(p->rx_size), \old(p->r_size), \old(p->rw_size), base, addr[i], ObjShSize(o->bytes, i),
                LayoutGroupOf(ObjShFlags(o->bytes, i)), i);
*/
static int place_all(const struct elf_object *o, const struct domain_plan *p, uint64_t base, uint64_t *addr,
                     struct layout *l, struct domain_fault *f)
{
    const uint64_t rx = p->rx_size, r = p->r_size, rw = p->rw_size;
    const uint32_t shnum = o->shnum;
    /*@ loop invariant 0 <= i <= shnum && LayoutOk(l);
        loop invariant \forall integer k; 0 <= k < i ==>
          SectionIn(rx, r, rw, base, addr[k], ObjShSize(o->bytes, k), LayoutGroupOf(ObjShFlags(o->bytes, k)), k);
        loop assigns i, l->used[0 .. 3], addr[0 .. shnum - 1];
        loop variant shnum - i;
    */
    for (uint32_t i = 0; i < shnum; i++) {
        int err = place_section(o, i, l, rx, r, rw, base, addr);
        if (err != DOMAIN_OK)
            return domain_fail(f, err, AT_SECTION, i, 0);
    }
    return domain_fail(f, DOMAIN_OK, AT_OBJECT, 0, 0);
}

/* Section i's bytes at address a of the image (zeros for NOBITS). */
/*@ requires ElfObjectOk(o) && i < o->shnum && \valid(image + (0 .. size - 1));
    requires \separated(image + (0 .. size - 1), o, o->bytes + (0 .. o->len - 1));
    terminates \true;
    assigns image[0 .. size - 1];
*/
static int load_section(const struct elf_object *o, uint32_t i, uint64_t a, uint8_t *image, uint64_t base,
                        uint64_t size)
{
    struct elf_section sh;
    int err = elf_section(o, i, &sh);
    if (err != ELF_OK)
        return err;
    if (a < base || a - base > size || sh.size > size - (a - base))
        return DOMAIN_ERR_MEMORY;
    if (sh.size == 0)
        return DOMAIN_OK;
    if (sh.type == SHT_NOBITS)
        kmemset(image + (a - base), 0, sh.size);
    else
        kmemcpy(image + (a - base), o->bytes + sh.offset, sh.size);
    return DOMAIN_OK;
}

/*@ requires ElfObjectOk(o) && \valid_read(addr + (0 .. o->shnum - 1)) && \valid(image + (0 .. size - 1));
    requires \valid(f);
    requires \separated(image + (0 .. size - 1), addr + (0 .. o->shnum - 1), f, o, o->bytes + (0 .. o->len - 1));
    requires \separated(f, addr + (0 .. o->shnum - 1), o, o->bytes + (0 .. o->len - 1));
    terminates \true;
    assigns image[0 .. size - 1], *f;
    ensures f->code == \result;
*/
static int load_all(const struct elf_object *o, const uint64_t *addr, uint8_t *image, uint64_t base,
                    uint64_t size, struct domain_fault *f)
{
    /*@ loop invariant 0 <= i <= o->shnum;
        loop assigns i, image[0 .. size - 1];
        loop variant o->shnum - i;
    */
    for (uint32_t i = 0; i < o->shnum; i++) {
        int err = addr[i] ? load_section(o, i, addr[i], image, base, size) : DOMAIN_OK;
        if (err != DOMAIN_OK)
            return domain_fail(f, err, AT_SECTION, i, 0);
    }
    return domain_fail(f, DOMAIN_OK, AT_OBJECT, 0, 0);
}

/* The public passes take the object and the plan as values (see place.h)
 * and work on copies here. */
int domain_place_sections(struct elf_object o, struct domain_plan p, uint64_t base, uint64_t *addr,
                          struct layout *l, struct domain_fault *f)
{
    //@ assert ok: ElfObjectOk(&o);
    return place_all(&o, &p, base, addr, l, f);
}

int domain_load_sections(struct elf_object o, const uint64_t *addr, uint8_t *image, uint64_t base, uint64_t size,
                         struct domain_fault *f)
{
    //@ assert ok: ElfObjectOk(&o);
    return load_all(&o, addr, image, base, size, f);
}
