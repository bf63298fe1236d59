/* The kernel's side of the VM interfaces for extensions (ext_vm.c). */
#ifndef SPINEL_EXT_VM_H
#define SPINEL_EXT_VM_H

struct extension;
struct vm_reclaim;

/* At unload (ext.c's forget), once its strands are killed and its
 * handlers uninstalled: every context, mapping, frame and range the
 * extension held goes back, with interrupts off. */
void ext_vm_forget(const struct extension *e);

/* Before a Reclaim raise (vm.c): if the candidate's holder is an
 * extension, its own reference to the candidate in candidate_ref and
 * nominee_ref (PHYS_NO_REF if it holds none). */
void ext_vm_reclaim_refs(struct vm_reclaim *r);
/* After it: a nominee_ref the handler changed, if it is a live frame
 * reference of the holder's, becomes r->nominee (vm.c still asks the
 * model whether the nominee may be taken). */
void ext_vm_reclaim_nominee(struct vm_reclaim *r);

#endif
