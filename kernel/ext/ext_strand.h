/* The kernel's side of the "strand" interface (ext_strand.c). */
#ifndef SPINEL_EXT_STRAND_H
#define SPINEL_EXT_STRAND_H

struct extension;

/* At unload (ext.c's forget): with interrupts off, so that no Strand raise
 * runs meanwhile, its policy is released (its strands fall back to round
 * robin), the strands it owns are killed and reaped, and its handlers on
 * the Strand events are uninstalled. */
void ext_strand_forget(const struct extension *e);

#endif
