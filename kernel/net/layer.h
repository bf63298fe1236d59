/* What the layers of the stack share: raising the next layer's event. */
#ifndef SPINEL_NET_LAYER_H
#define SPINEL_NET_LAYER_H

#include "kernel.h"
#include "net/stack.h"

/* Declares decl on the stack's dispatcher into *id: 0 or -1. */
int net_declare(struct net_stack *s, const struct event_decl *decl, uint32_t *id);
/* Installs the kernel's handler h with guard g (closure: the stack). */
int net_install(struct net_stack *s, uint32_t id, handler_fn h, guard_fn g);
/* Raises event id with args for packet p; if no handler ran, p ends with
 * none. The raise's result. */
uint64_t net_raise(struct net_stack *s, uint32_t id, void *args, struct net_packet *p, enum net_outcome none);
/* Raises the send event id with o: o->sent, 0 or -1 (counted in
 * tx_failed). */
int net_send_raise(struct net_stack *s, uint32_t id, struct net_outgoing *o);
/* Extensions may install too (UDP endpoints, filters). */
int net_extensions_too(uint32_t event, uint32_t installer);

#endif
