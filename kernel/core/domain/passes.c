/* The four passes of domain_link: see passes.h. */
#include "domain/domain.h"
#include "lib/kstring.h"
#include "domain/layout.h"
#include "domain/link.h"
#include "domain/names.h"
#include "domain/passes.h"
#include "domain/place.h"
#include "domain/reloc.h"
#include "domain/symbols.h"

/* The address symbol s stands for: its absolute value, the GOT, a place
 * in its (loaded) section, or 0. */
/*@ requires \valid_read(s) && \valid_read(addr + (0 .. nsec - 1)) && \valid(out);
    requires \separated(out, s, addr + (0 .. nsec - 1));
    terminates \true;
    assigns *out;
    ensures \result == DOMAIN_OK || \result == DOMAIN_ERR_SYMBOL_VALUE;
*/
static int symbol_address(const struct elf_symbol *s, int is_got, const uint64_t *addr, uint32_t nsec,
                          uint64_t got, uint64_t *out)
{
    uint64_t base = s->shndx < nsec ? addr[s->shndx] : 0;
    *out = 0;
    if (s->shndx == SHN_ABS)
        *out = s->value;
    else if (is_got)
        *out = got;
    else if (base) {
        if (s->value > UINT64_MAX - base)
            return DOMAIN_ERR_SYMBOL_VALUE;
        *out = base + s->value;
    }
    return DOMAIN_OK;
}

/* names[at .. at + len): src's bytes, then a NUL. */
/*@ requires \valid(names + (at .. at + len)) && \valid_read(src + (0 .. len - 1));
    requires \separated(names + (at .. at + len), src + (0 .. len - 1)) && at + len <= 0xFFFFFFFF;
    terminates \true;
    assigns names[at .. at + len];
    ensures names[at + len] == 0;
*/
static void copy_name(uint8_t *names, uint32_t at, const uint8_t *src, uint32_t len)
{
    kmemcpy(names + at, src, len);
    names[at + len] = 0;
}

/*@ requires \valid(e) && \valid(names + (at .. at + len)) && \valid_read(src + (0 .. len - 1));
    requires \separated(e, names + (at .. at + len), src + (0 .. len - 1));
    requires \separated(names + (at .. at + len), src + (0 .. len - 1));
    requires at + len <= 0xFFFFFFFF;
    terminates \true;
    assigns *e, names[at .. at + len];
    ensures e->name == at && e->len == len && e->addr == a;
*/
static void record_export(struct domain_export *e, uint8_t *names, uint32_t at, const uint8_t *src, uint32_t len,
                          uint64_t a)
{
    copy_name(names, at, src, len);
    e->name = at;
    e->len = len;
    e->hash = name_hash(names + at, len);
    e->addr = a;
}

/*@ requires \valid(m) && \valid(names + (at .. at + len)) && \valid_read(src + (0 .. len - 1));
    requires \separated(m, names + (at .. at + len), src + (0 .. len - 1));
    requires \separated(names + (at .. at + len), src + (0 .. len - 1));
    requires at + len <= 0xFFFFFFFF;
    terminates \true;
    assigns *m, names[at .. at + len];
    ensures m->name == at && m->len == len && m->bound == 0 && m->addr == 0 && m->offer == -1;
    ensures m->hash == NameHash(names + at, len);
*/
static void record_import(struct domain_import *m, uint8_t *names, uint32_t at, const uint8_t *src, uint32_t len)
{
    copy_name(names, at, src, len);
    m->name = at;
    m->len = len;
    m->hash = name_hash(names + at, len);
    m->addr = 0;
    m->offer = -1;
    m->bound = 0;
}

/*@ requires \valid(ls);
    terminates \true;
    assigns *ls;
    ensures ls->addr == a && ls->import == import;
*/
static void set_link(struct link_symbol *ls, uint64_t a, uint32_t import)
{
    ls->addr = a;
    ls->import = import;
    ls->pad = 0;
}

/* Room in the tables for a symbol of that role and name length: name
 * bytes (used of size) and an entry (ne of max_e, ni of max_i). */
#define ROOM_FOR(role, len, used, size, ne, max_e, ni, max_i) \
    (((role) != ROLE_LOCAL ==> (used) <= (size) && (len) <= (size) - (used)) && \
     ((role) == ROLE_EXPORT ==> (ne) < (max_e)) && ((role) == ROLE_IMPORT ==> (ni) < (max_i)))

/* What record_symbols fills: the symbols' link entries, the exports
 * (unsorted) and imports, with their names. */
struct symbol_tables {
    struct link_symbol *syms;
    struct domain_export *unsorted;
    struct domain_import *imports;
    uint8_t *names;
    uint32_t max_exports, max_imports;
    uint64_t names_size;
};

/* The tables (a value) valid and apart; a macro so that the provers see
 * its body among a goal's hypotheses. */
#define SYMBOL_TABLES_OK(st, nsym, bytes, len) \
    ((st).names_size < 0xFFFFFFFF && \
     \valid((st).syms + (0 .. (nsym) - 1)) && \valid((st).unsorted + (0 .. (st).max_exports - 1)) && \
     \valid((st).imports + (0 .. (st).max_imports - 1)) && \valid((st).names + (0 .. (st).names_size)) && \
     \separated((st).syms + (0 .. (nsym) - 1), (st).unsorted + (0 .. (st).max_exports - 1), \
                (st).imports + (0 .. (st).max_imports - 1), (st).names + (0 .. (st).names_size), \
                (bytes) + (0 .. (len) - 1)))

/* How far record_symbols is: exports and imports recorded, name bytes used. */
struct record_state {
    uint32_t ne, ni;
    uint64_t used;
    int err; /* DOMAIN_OK, or why the last symbol was refused */
};

/*@ // rs within max_e exports, max_i imports and size name bytes; the
    // imports so far named inside the names and unbound; the first i
    // symbols naming only imports so far.
    predicate RecordIn{L}(struct link_symbol *syms, struct domain_import *im, integer max_e, integer max_i,
                          integer size, struct record_state rs, integer i) =
      rs.ne <= max_e && rs.ni <= max_i && rs.used <= size + 1 &&
      ImportsNamed(im, rs.ni, size) && ImportsUnbound(im, rs.ni) &&
      \forall integer k; 0 <= k < i ==> syms[k].import <= rs.ni;
*/

/* 1 when the tables have room for a symbol of that role and name length. */
/*@ terminates \true;
    assigns \nothing;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 <==> ROOM_FOR(role, len, used, size, ne, max_e, ni, max_i);
*/
static int has_room(enum symbol_role role, uint32_t len, uint64_t used, uint64_t size, uint32_t ne, uint32_t max_e,
                    uint32_t ni, uint32_t max_i)
{
    if (role != ROLE_LOCAL && (used > size || len > size - used))
        return 0;
    return !((role == ROLE_EXPORT && ne >= max_e) || (role == ROLE_IMPORT && ni >= max_i));
}

/* Symbol s judged: its role and its address. */
/*@ requires ElfObjectOk(o) && SymbolNamed(o, s) && \valid_read(addr + (0 .. nsec - 1));
    requires \valid(role) && \valid(a);
    requires \separated(role, a, s, o, addr + (0 .. nsec - 1), o->bytes + (0 .. o->len - 1));
    terminates \true;
    assigns *role, *a;
    ensures \result == DOMAIN_OK ==> *role == ROLE_LOCAL || *role == ROLE_EXPORT || *role == ROLE_IMPORT;
*/
static int judge_symbol(const struct elf_object *o, const struct elf_symbol *s, const uint64_t *addr, uint32_t nsec,
                        uint64_t got, enum symbol_role *role, uint64_t *a)
{
    *role = ROLE_LOCAL;
    *a = 0;
    int err = symbol_role(o, s, role);
    //@ assert role: err == ELF_OK ==> *role == ROLE_LOCAL || *role == ROLE_EXPORT || *role == ROLE_IMPORT;
    if (err == ELF_OK)
        err = symbol_address(s, symbol_is_got(o, s), addr, nsec, got, a);
    //@ assert role_kept: err == ELF_OK ==> *role == ROLE_LOCAL || *role == ROLE_EXPORT || *role == ROLE_IMPORT;
    return err;
}

/* Symbol i (name src[0 .. len), that role, at address a) stored: its
 * link entry, and its export or import with its name; the state after it
 * (err DOMAIN_ERR_MEMORY when the tables have no room). Counts and tables
 * come as values (see record_symbols). */
/*@ requires size < 0xFFFFFFFF && \valid(syms + (0 .. i)) && \valid(unsorted + (0 .. max_e - 1));
    requires \valid(imports + (0 .. max_i - 1)) && \valid(names + (0 .. size)) && \valid_read(src + (0 .. len - 1));
    requires RecordIn(syms, imports, max_e, max_i, size, rs, i);
    requires role == ROLE_LOCAL || role == ROLE_EXPORT || role == ROLE_IMPORT;
    requires \separated(syms + (0 .. i), unsorted + (0 .. max_e - 1), imports + (0 .. max_i - 1),
                        names + (0 .. size), src + (0 .. len - 1));
    terminates \true;
    assigns syms[i], unsorted[0 .. max_e - 1], imports[0 .. max_i - 1], names[0 .. size];
    ensures \result.err == DOMAIN_OK || \result.err == DOMAIN_ERR_MEMORY;
    ensures \result.err == DOMAIN_OK ==> RecordIn(syms, imports, max_e, max_i, size, \result, i + 1);
*/
static struct record_state store_symbol(struct link_symbol *syms, struct domain_export *unsorted, uint32_t max_e,
                                        struct domain_import *imports, uint32_t max_i, uint8_t *names, uint64_t size,
                                        struct record_state rs, uint32_t i, const uint8_t *src, uint32_t len,
                                        enum symbol_role role, uint64_t a)
{
    const uint64_t used = rs.used;
    const uint32_t ne = rs.ne, ni = rs.ni;
    if (!has_room(role, len, used, size, ne, max_e, ni, max_i)) {
        rs.err = DOMAIN_ERR_MEMORY;
        return rs;
    }
    //@ assert linked_before: \forall integer k; 0 <= k < i ==> syms[k].import <= ni;
    if (role == ROLE_EXPORT) {
        record_export(&unsorted[ne], names, (uint32_t)used, src, len, a);
        //@ assert export_kept: ImportsNamed(imports, ni, size);
        //@ assert export_linked: \forall integer k; 0 <= k < i ==> syms[k].import <= ni;
    } else if (role == ROLE_IMPORT) {
        record_import(&imports[ni], names, (uint32_t)used, src, len);
        //@ assert import_linked: \forall integer k; 0 <= k < i ==> syms[k].import <= ni;
        //@ assert old_named: ImportsNamed(imports, ni, size);
        //@ assert new_named: imports[ni].name + imports[ni].len <= size;
        //@ assert import_named: ImportsNamed(imports, ni + 1, size);
    }
    //@ assert named_now: ImportsNamed(imports, role == ROLE_IMPORT ? ni + 1 : ni, size);
    //@ assert linked_mid: \forall integer k; 0 <= k < i ==> syms[k].import <= ni;
    set_link(&syms[i], a, role == ROLE_IMPORT ? ni + 1 : 0);
    //@ assert linked_after: \forall integer k; 0 <= k <= i ==> syms[k].import <= (role == ROLE_IMPORT ? ni + 1 : ni);
    //@ assert named_linked: ImportsNamed(imports, role == ROLE_IMPORT ? ni + 1 : ni, size);
    rs.ne = role == ROLE_EXPORT ? ne + 1 : ne;
    rs.ni = role == ROLE_IMPORT ? ni + 1 : ni;
    rs.used = role == ROLE_LOCAL ? used : used + len + 1ull;
    rs.err = DOMAIN_OK;
    //@ assert counts: rs.ne <= max_e && rs.ni <= max_i && rs.used <= size + 1;
    //@ assert named: ImportsNamed(imports, rs.ni, size);
    //@ assert unbound: ImportsUnbound(imports, rs.ni);
    //@ assert linked: \forall integer k; 0 <= k <= i ==> syms[k].import <= rs.ni;
    return rs;
}

/* Symbol i of the object read, judged and stored. The object and its
 * symbol table come as values: no write in the caller's loop can change
 * them. */
/*@ requires ElfSymtabFits(o, t) && i < t.count && \valid_read(addr + (0 .. nsec - 1));
    requires size < 0xFFFFFFFF && \valid(syms + (0 .. i)) && \valid(unsorted + (0 .. max_e - 1));
    requires \valid(imports + (0 .. max_i - 1)) && \valid(names + (0 .. size));
    requires RecordIn(syms, imports, max_e, max_i, size, rs, i);
    requires \separated(syms + (0 .. i), unsorted + (0 .. max_e - 1), imports + (0 .. max_i - 1),
                        names + (0 .. size), o.bytes + (0 .. o.len - 1), addr + (0 .. nsec - 1));
    terminates \true;
    assigns syms[i], unsorted[0 .. max_e - 1], imports[0 .. max_i - 1], names[0 .. size];
    ensures \result.err == DOMAIN_OK ==> RecordIn(syms, imports, max_e, max_i, size, \result, i + 1);
*/
static struct record_state record_symbol(struct elf_object o, struct elf_symtab t, uint32_t i,
                                         const uint64_t *addr, uint32_t nsec, uint64_t got, struct link_symbol *syms,
                                         struct domain_export *unsorted, uint32_t max_e, struct domain_import *imports,
                                         uint32_t max_i, uint8_t *names, uint64_t size, struct record_state rs)
{
    struct elf_symbol s;
    enum symbol_role role = ROLE_LOCAL;
    uint64_t a = 0;
    const uint8_t *const bytes = o.bytes;
    //@ assert ok: ElfSymtabOk(&o, &t);
    rs.err = elf_symbol(&o, &t, i, &s);
    if (rs.err == ELF_OK)
        rs.err = judge_symbol(&o, &s, addr, nsec, got, &role, &a);
    if (rs.err != DOMAIN_OK)
        return rs;
    //@ assert src: \valid_read(bytes + (s.name .. s.name + s.name_len - 1));
    return store_symbol(syms, unsorted, max_e, imports, max_i, names, size, rs, i, bytes + s.name, s.name_len, role, a);
}

/* Pass 3: every symbol's address and role; exports and imports recorded
 * with their names. (addresses_kept follows from the assigns clause; stated,
 * it spares domain_link_passes a frame proof that timed out under load.) */
/*@ requires ElfSymtabFits(o, t) && SYMBOL_TABLES_OK(st, t.count, o.bytes, o.len);
    requires \valid_read(addr + (0 .. nsec - 1)) && \valid(f);
    requires \separated(addr + (0 .. nsec - 1), f, st.syms + (0 .. t.count - 1),
                        st.unsorted + (0 .. st.max_exports - 1), st.imports + (0 .. st.max_imports - 1),
                        st.names + (0 .. st.names_size), o.bytes + (0 .. o.len - 1));
    requires \separated(f, st.syms + (0 .. t.count - 1), st.unsorted + (0 .. st.max_exports - 1),
                        st.imports + (0 .. st.max_imports - 1), st.names + (0 .. st.names_size));
    terminates \true;
    assigns *f, st.syms[0 .. t.count - 1], st.unsorted[0 .. st.max_exports - 1],
            st.imports[0 .. st.max_imports - 1], st.names[0 .. st.names_size];
    ensures \result.err == f->code;
    ensures \result.err == DOMAIN_OK ==>
      RecordIn(st.syms, st.imports, st.max_exports, st.max_imports, st.names_size, \result, t.count);
    ensures addresses_kept: \forall integer i; 0 <= i < nsec ==> addr[i] == \old(addr[i]);
*/
static struct record_state record_symbols(struct elf_object o, struct elf_symtab t, const uint64_t *addr, uint32_t nsec,
                                          uint64_t got, struct symbol_tables st, struct domain_fault *f)
{
    struct record_state rs = { 0, 0, 0, DOMAIN_OK };
    /*@ loop invariant 0 <= i <= t.count && rs.err == DOMAIN_OK &&
                       RecordIn(st.syms, st.imports, st.max_exports, st.max_imports, st.names_size, rs, i);
        loop invariant addresses_kept: \forall integer k; 0 <= k < nsec ==> addr[k] == \at(addr[k], Pre);
        loop assigns i, rs, st.syms[0 .. t.count - 1], st.unsorted[0 .. st.max_exports - 1],
                     st.imports[0 .. st.max_imports - 1], st.names[0 .. st.names_size];
        loop variant t.count - i;
    */
    for (uint32_t i = 0; i < t.count; i++) {
        rs = record_symbol(o, t, i, addr, nsec, got, st.syms, st.unsorted, st.max_exports, st.imports,
                           st.max_imports, st.names, st.names_size, rs);
        if (rs.err != DOMAIN_OK) {
            domain_fail(f, rs.err, AT_SYMBOL, i, 0);
            return rs;
        }
    }
    domain_fail(f, DOMAIN_OK, AT_OBJECT, 0, 0);
    return rs;
}

/*@ requires \valid(p);
    terminates \true;
    assigns *p;
    ensures p->offset == offset && p->addend == addend && p->import == import && p->type == type && p->done == 0;
*/
static void set_patch(struct domain_patch *p, uint32_t offset, int64_t addend, uint32_t import, uint32_t type,
                      uint32_t relsec, uint32_t entry)
{
    p->offset = offset;
    p->addend = addend;
    p->import = import;
    p->type = type;
    p->relsec = relsec;
    p->entry = entry;
    p->done = 0;
}

/* Where pass 4 writes: the image, its GOT (offsets got .. got_end), the
 * waiting relocations. Passed by value, like the state below, so that
 * the writes to the image and the patches cannot change it. */
struct patch_tables {
    const struct link_symbol *syms;
    uint32_t nsymbols, nimports;
    uint8_t *image;
    uint64_t base, size, got_end;
    struct domain_patch *patches;
    uint32_t max_patches;
};

/* How far pass 4 is: patches used, the next GOT slot, and the refusal. */
struct patch_state {
    uint32_t np;
    uint64_t got;
    int err;
    uint32_t entry; /* the relocation refused */
};

/*@ predicate PatchTablesOk{L}(struct patch_tables pt) =
      \valid_read(pt.syms + (0 .. pt.nsymbols - 1)) &&
      \valid(pt.image + (0 .. pt.size - 1)) && \valid(pt.patches + (0 .. pt.max_patches - 1)) &&
      0 < pt.base && pt.base + pt.size <= 0xFFFFFFFFFFFFFFFF && pt.size <= 3 * LINK_GROUP_MAX &&
      pt.got_end <= pt.size &&
      \separated(pt.syms + (0 .. pt.nsymbols - 1), pt.image + (0 .. pt.size - 1),
                 pt.patches + (0 .. pt.max_patches - 1));

    // Every symbol names an import that exists, or none.
    predicate SymsImportsIn{L}(struct patch_tables pt) =
      \forall integer k; 0 <= k < pt.nsymbols ==> pt.syms[k].import <= pt.nimports;

    predicate PatchStateOk{L}(struct patch_tables pt, struct patch_state ps) =
      ps.np <= pt.max_patches && ps.got <= pt.got_end && PATCHES_IN(pt.patches, ps.np, pt.nimports, pt.size);
*/

/* A relocation of one waiting for an import: the next patch. */
/*@ requires PatchTablesOk(pt) && PatchStateOk(pt, ps);
    requires 0 < import <= pt.nimports && offset + (type == R_X86_64_64 ? 8 : 4) <= pt.size;
    requires type == R_X86_64_64 || type == R_X86_64_PC32 || type == R_X86_64_PLT32 ||
             type == R_X86_64_32 || type == R_X86_64_32S;
    terminates \true;
    assigns pt.patches[0 .. pt.max_patches - 1];
    ensures PatchStateOk(pt, \result) && \result.got == ps.got;
    ensures \result.err == DOMAIN_OK || \result.err == DOMAIN_ERR_MEMORY;
*/
static struct patch_state wait_for_import(struct patch_tables pt, struct patch_state ps, uint64_t offset,
                                          int64_t addend, uint32_t import, uint32_t type, uint32_t i, uint32_t j)
{
    if (ps.np == pt.max_patches) {
        ps.err = DOMAIN_ERR_MEMORY;
        return ps;
    }
    set_patch(&pt.patches[ps.np], (uint32_t)offset, addend, import - 1, type, i, j);
    ps.np += 1;
    ps.err = DOMAIN_OK;
    return ps;
}

/* Relocation r, patching a section at address target: applied now, or
 * left waiting for its import. A GOT relocation takes the next slot. */
/*@ requires PatchTablesOk(pt) && SymsImportsIn(pt) && PatchStateOk(pt, ps) && r.sym < pt.nsymbols;
    requires r.width == ElfRelocWidth(r.type) && (r.width == 4 || r.width == 8);
    terminates \true;
    assigns pt.patches[0 .. pt.max_patches - 1], pt.image[0 .. pt.size - 1];
    ensures PatchStateOk(pt, \result);
*/
static struct patch_state relocate(struct patch_tables pt, struct elf_rela r, uint64_t target, struct patch_state ps,
                                   uint32_t i, uint32_t j)
{
    const uint32_t import = pt.syms[r.sym].import;
    uint64_t value, symbol = pt.syms[r.sym].addr; /* S: what the relocation computes with */
    ps.err = ELF_ERR_RELOC_OFFSET;
    if (target < pt.base || target - pt.base > pt.size || r.offset > pt.size - (target - pt.base) ||
        r.width > pt.size - (target - pt.base) - r.offset)
        return ps;
    const uint64_t at = target - pt.base + r.offset;
    if (reloc_uses_got(r.type)) {
        const uint64_t slot = ps.got;
        ps.err = DOMAIN_ERR_MEMORY;
        if (8 > pt.got_end - slot)
            return ps;
        if (import) {
            ps = wait_for_import(pt, ps, slot, 0, import, R_X86_64_64, i, j);
            if (ps.err != DOMAIN_OK)
                return ps;
        } else
            reloc_write(pt.image, slot, 8, symbol);
        ps.got = slot + 8;
        symbol = pt.base + slot;
    } else if (import)
        return wait_for_import(pt, ps, at, r.addend, import, r.type, i, j);
    ps.err = reloc_value(r.type, symbol, r.addend, pt.base + at, &value);
    if (ps.err == ELF_OK)
        reloc_write(pt.image, at, r.width, value);
    return ps;
}

/* Relocation j of rs, patching the section at address target. The ELF
 * structures come as values (see patch_tables). */
/*@ requires ElfRelsecFits(o, t, rs) && j < rs.count && t.count == pt.nsymbols;
    requires PatchTablesOk(pt) && SymsImportsIn(pt) && PatchStateOk(pt, ps);
    requires \separated(o.bytes + (0 .. o.len - 1), pt.image + (0 .. pt.size - 1),
                        pt.patches + (0 .. pt.max_patches - 1));
    terminates \true;
    assigns pt.patches[0 .. pt.max_patches - 1], pt.image[0 .. pt.size - 1];
    ensures PatchStateOk(pt, \result);
*/
static struct patch_state relocate_entry(struct elf_object o, struct elf_symtab t, struct elf_relsec rs, uint32_t j,
                                         struct patch_tables pt, uint64_t target, uint32_t i, struct patch_state ps)
{
    struct elf_rela r;
    //@ assert ok: ElfRelsecOk(&o, &t, &rs);
    ps.err = elf_rela(&o, &t, &rs, j, &r);
    if (ps.err != ELF_OK)
        return ps;
    return relocate(pt, r, target, ps, i, j);
}

/* The relocations of section i, if it is a RELA section whose target
 * is loaded (addr says where). */
/*@ requires ElfSymtabFits(o, t) && i < o.shnum && t.count == pt.nsymbols;
    requires PatchTablesOk(pt) && SymsImportsIn(pt) && PatchStateOk(pt, ps);
    requires \valid_read(addr + (0 .. o.shnum - 1));
    requires \separated(o.bytes + (0 .. o.len - 1), pt.image + (0 .. pt.size - 1),
                        pt.patches + (0 .. pt.max_patches - 1), addr + (0 .. o.shnum - 1));
    requires \separated(addr + (0 .. o.shnum - 1), pt.image + (0 .. pt.size - 1),
                        pt.patches + (0 .. pt.max_patches - 1), pt.syms + (0 .. pt.nsymbols - 1));
    terminates \true;
    assigns pt.patches[0 .. pt.max_patches - 1], pt.image[0 .. pt.size - 1];
    ensures PatchStateOk(pt, \result);
*/
static struct patch_state relocate_section(struct elf_object o, struct elf_symtab t, uint32_t i, const uint64_t *addr,
                                           struct patch_tables pt, struct patch_state ps)
{
    struct elf_section sh;
    struct elf_relsec rs;
    ps.entry = 0;
    //@ assert ok: ElfSymtabOk(&o, &t);
    ps.err = elf_section(&o, i, &sh);
    //@ assert kept_section: PatchStateOk(pt, ps);
    if (ps.err != ELF_OK || sh.type != SHT_RELA)
        return ps;
    ps.err = elf_relsec(&o, &t, i, &rs);
    //@ assert kept_relsec: PatchStateOk(pt, ps);
    if (ps.err != ELF_OK)
        return ps;
    const struct elf_relsec rv = rs;
    const uint64_t target = addr[rv.target];
    /*@ loop invariant 0 <= j <= rv.count && PatchStateOk(pt, ps) && SymsImportsIn(pt);
        loop assigns j, ps, pt.patches[0 .. pt.max_patches - 1], pt.image[0 .. pt.size - 1];
        loop variant rv.count - j;
    */
    for (uint32_t j = 0; target && j < rv.count; j++) {
        ps = relocate_entry(o, t, rv, j, pt, target, i, ps);
        ps.entry = j;
        if (ps.err != DOMAIN_OK)
            return ps;
    }
    return ps;
}

/* Pass 4: every relocation of every loaded section. */
/*@ requires ElfSymtabFits(o, t) && t.count == pt.nsymbols && PatchTablesOk(pt) && SymsImportsIn(pt);
    requires \valid_read(addr + (0 .. o.shnum - 1)) && \valid(f) && got <= pt.got_end;
    requires \separated(o.bytes + (0 .. o.len - 1), pt.image + (0 .. pt.size - 1),
                        pt.patches + (0 .. pt.max_patches - 1), addr + (0 .. o.shnum - 1));
    requires \separated(addr + (0 .. o.shnum - 1), pt.image + (0 .. pt.size - 1),
                        pt.patches + (0 .. pt.max_patches - 1), pt.syms + (0 .. pt.nsymbols - 1));
    requires \separated(f, addr + (0 .. o.shnum - 1), pt.patches + (0 .. pt.max_patches - 1),
                        pt.syms + (0 .. pt.nsymbols - 1), pt.image + (0 .. pt.size - 1));
    terminates \true;
    assigns *f, pt.patches[0 .. pt.max_patches - 1], pt.image[0 .. pt.size - 1];
    ensures \result.err == f->code;
    ensures \result.err == DOMAIN_OK ==> PatchStateOk(pt, \result);
*/
static struct patch_state apply_relocations(struct elf_object o, struct elf_symtab t, const uint64_t *addr,
                                            struct patch_tables pt, uint64_t got, struct domain_fault *f)
{
    struct patch_state ps = { 0, got, DOMAIN_OK, 0 };
    /*@ loop invariant 1 <= i && (i <= o.shnum || o.shnum == 1);
        loop invariant PatchStateOk(pt, ps) && SymsImportsIn(pt) && ps.err == DOMAIN_OK;
        loop assigns i, ps, pt.patches[0 .. pt.max_patches - 1], pt.image[0 .. pt.size - 1];
        loop variant o.shnum - i;
    */
    for (uint32_t i = 1; i < o.shnum; i++) {
        ps = relocate_section(o, t, i, addr, pt, ps);
        if (ps.err != DOMAIN_OK) {
            domain_fail(f, ps.err, AT_RELOCATION, i, ps.entry);
            return ps;
        }
    }
    //@ assert done: PatchStateOk(pt, ps);
    domain_fail(f, DOMAIN_OK, AT_OBJECT, 0, 0);
    return ps;
}

/* apply_relocations, and the imports' names, which it does not touch,
 * still inside the names: a frame stated on its own, as its goal is too
 * large inside link_passes. */
/*@ requires ElfSymtabFits(o, t) && t.count == pt.nsymbols && PatchTablesOk(pt) && SymsImportsIn(pt);
    requires \valid_read(addr + (0 .. o.shnum - 1)) && \valid(f) && got <= pt.got_end;
    requires \separated(o.bytes + (0 .. o.len - 1), pt.image + (0 .. pt.size - 1),
                        pt.patches + (0 .. pt.max_patches - 1), addr + (0 .. o.shnum - 1));
    requires \separated(addr + (0 .. o.shnum - 1), pt.image + (0 .. pt.size - 1),
                        pt.patches + (0 .. pt.max_patches - 1), pt.syms + (0 .. pt.nsymbols - 1));
    requires \separated(f, addr + (0 .. o.shnum - 1), pt.patches + (0 .. pt.max_patches - 1),
                        pt.syms + (0 .. pt.nsymbols - 1), pt.image + (0 .. pt.size - 1));
    requires \valid_read(imports + (0 .. n - 1)) && ImportsNamed(imports, n, size);
    requires \separated(imports + (0 .. n - 1), f, pt.patches + (0 .. pt.max_patches - 1),
                        pt.image + (0 .. pt.size - 1));
    terminates \true;
    assigns *f, pt.patches[0 .. pt.max_patches - 1], pt.image[0 .. pt.size - 1];
    ensures \result.err == f->code;
    ensures \result.err == DOMAIN_OK ==> PatchStateOk(pt, \result);
    ensures ImportsNamed(imports, n, size);
*/
static struct patch_state relocate_all(struct elf_object o, struct elf_symtab t, const uint64_t *addr,
                                       struct patch_tables pt, uint64_t got, struct domain_fault *f,
                                       const struct domain_import *imports, uint32_t n, uint64_t size)
{
    (void)imports, (void)n, (void)size; /* named by the contract only */
    return apply_relocations(o, t, addr, pt, got, f);
}

int domain_plan_fits(struct domain_plan p, uint32_t shnum, uint32_t nsym)
{
    return p.rx_size <= LINK_GROUP_MAX && p.r_size <= LINK_GROUP_MAX && p.rw_size <= LINK_GROUP_MAX &&
           p.rx_size + p.r_size + p.rw_size == p.image_size && p.got_offset <= p.r_size &&
           p.names_size < 0xFFFFFFFFu && p.nsections == shnum && p.nsymbols == nsym && p.nexports < 0xFFFFFFFFu;
}

struct link_counts domain_link_passes(struct elf_object o, struct elf_symtab t, struct domain_plan p,
                                      struct domain_tables tb, uint8_t *image, uint64_t base, struct domain_fault *f)
{
    struct link_counts c = { DOMAIN_OK, 0, 0, 0 };
    struct layout l = { { 0, 0, 0, 0 } };
    const uint64_t got = p.rx_size + p.got_offset;
    c.err = domain_place_sections(o, p, base, tb.section_addr, &l, f);
    if (c.err != DOMAIN_OK)
        return c;
    /*@ assert placed: \forall integer i; 0 <= i < o.shnum ==>
          SectionIn(p.rx_size, p.r_size, p.rw_size, base, tb.section_addr[i], \at(ObjShSize(o.bytes, i), Pre),
                    \at(LayoutGroupOf(ObjShFlags(o.bytes, i)), Pre), i); */
    c.err = domain_load_sections(o, tb.section_addr, image, base, p.image_size, f);
    if (c.err != DOMAIN_OK)
        return c;
    /*@ assert loaded: \forall integer i; 0 <= i < o.shnum ==>
          SectionIn(p.rx_size, p.r_size, p.rw_size, base, tb.section_addr[i], \at(ObjShSize(o.bytes, i), Pre),
                    \at(LayoutGroupOf(ObjShFlags(o.bytes, i)), Pre), i); */
    const struct symbol_tables st = { tb.syms, tb.unsorted, tb.imports, tb.names, p.nexports, p.nimports,
                                      p.names_size };
    const struct record_state rs = record_symbols(o, t, tb.section_addr, o.shnum, base + got, st, f);
    c.err = rs.err;
    if (c.err != DOMAIN_OK)
        return c;
    c.nexports = rs.ne;
    c.nimports = rs.ni;
    //@ assert named: ImportsNamed(tb.imports, c.nimports, p.names_size);
    //@ assert unbound: ImportsUnbound(tb.imports, c.nimports);
    /*@ assert recorded: \forall integer i; 0 <= i < o.shnum ==>
          SectionIn(p.rx_size, p.r_size, p.rw_size, base, tb.section_addr[i], \at(ObjShSize(o.bytes, i), Pre),
                    \at(LayoutGroupOf(ObjShFlags(o.bytes, i)), Pre), i); */
    const struct patch_tables pt = { tb.syms, t.count, rs.ni, image, base, p.image_size, p.rx_size + p.r_size,
                                     tb.patches, p.npatches };
    const struct patch_state ps = relocate_all(o, t, tb.section_addr, pt, got, f, tb.imports, rs.ni, p.names_size);
    c.err = ps.err;
    c.npatches = ps.np;
    /*@ assert relocated: \forall integer i; 0 <= i < o.shnum ==>
          SectionIn(p.rx_size, p.r_size, p.rw_size, base, tb.section_addr[i], \at(ObjShSize(o.bytes, i), Pre),
                    \at(LayoutGroupOf(ObjShFlags(o.bytes, i)), Pre), i); */
    //@ assert named_kept: ImportsNamed(tb.imports, c.nimports, p.names_size);
    //@ assert unbound_kept: ImportsUnbound(tb.imports, c.nimports);
    return c;
}
