/* Capabilities: unforgeable handles on kernel objects, and the tables of
 * externalized references through which user programs name them. */
#ifndef SPINEL_CAP_H
#define SPINEL_CAP_H

#include <stdint.h>

enum cap_type {
    CAP_FRAME = 1,
    CAP_CONTEXT = 2,   /* translation context */
    CAP_STRAND = 3,
    CAP_EVENT = 4,
    CAP_DOMAIN = 5,
    CAP_INTERFACE = 6,
    CAP_VIRT = 7,      /* a range of virtual addresses (VirtAddr.T) */
    CAP_PORT = 8,      /* an application's port (kernel/app/port.h) */
    CAP_TYPE_COUNT = 9
};

enum cap_right {
    CAP_RIGHT_READ = 1,
    CAP_RIGHT_WRITE = 2,
    CAP_RIGHT_CALL = 4,
    CAP_RIGHT_GRANT = 8,
    CAP_RIGHT_ALL = 15
};

enum cap_err {
    CAP_OK = 0,
    CAP_ERR_BAD_APP = 1,     /* no such application table */
    CAP_ERR_NULL = 2,        /* externalize of a null capability */
    CAP_ERR_BAD_TYPE = 3,    /* the object's type is not a capability type */
    CAP_ERR_BAD_RIGHTS = 4,  /* rights empty or unknown */
    CAP_ERR_FULL = 5,        /* the application's table has no free slot */
    CAP_ERR_RANGE = 6,       /* reference beyond any that can be issued */
    CAP_ERR_FOREIGN = 7,     /* reference issued to another application */
    CAP_ERR_FORGED = 8,      /* reference never issued */
    CAP_ERR_STALE = 9,       /* reference revoked */
    CAP_ERR_WRONG_TYPE = 10, /* live, but names an object of another type */
    CAP_ERR_RIGHTS = 11,     /* live, but lacks a right asked for */
    CAP_ERR_COUNT = 12
};

/* Every kernel object a capability may name starts with this header.
 * Extensions see only the incomplete type: they can pass a capability but
 * cannot read, write or forge one. */
struct kobject {
    uint32_t type; /* enum cap_type */
    uint32_t id;   /* for listings */
};
typedef struct kobject *cap_t;

/* An externalized reference: generation * CAP_TOTAL + slot. */
typedef uint64_t cap_ref_t;

#define CAP_APPS 16u          /* application tables */
#define CAP_SLOTS 64u         /* references per application */
#define CAP_TOTAL 1024u       /* CAP_APPS * CAP_SLOTS */
#define CAP_GEN_MAX 0xFFFFFFFFu /* a slot reaching it is retired for good */
#define CAP_REF_LIMIT (0xFFFFFFFFull * 1024u) /* CAP_GEN_MAX * CAP_TOTAL */

_Static_assert(CAP_TOTAL == CAP_APPS * CAP_SLOTS, "slot arithmetic");

struct cap_slot {
    struct kobject *obj;
    uint32_t gen;    /* bumped when the slot dies: old references go stale */
    uint16_t rights; /* enum cap_right bits */
    uint8_t type;    /* the object's type when it was externalized */
    uint8_t live;
};

struct cap_space {
    struct cap_slot slot[CAP_TOTAL];
};

#include "cap/cap.acsl"

/* Every table empty, every generation 0. */
/*@ requires \valid(cs);
    terminates \true;
    assigns *cs;
    ensures CapSpaceValid(cs);
    ensures empty: \forall integer k; 0 <= k < CAP_TOTAL ==> cs->slot[k].live == 0 && cs->slot[k].gen == 0;
*/
void cap_space_init(struct cap_space *cs);

/* Gives application app a reference to obj with the given rights, in the
 * lowest free slot of its table. */
/*@ requires CapSpaceValid(cs);
    requires obj == \null || (\valid_read(obj) && \separated(obj, cs));
    requires \valid(ref) && \separated(ref, cs) && (obj == \null || \separated(ref, obj));
    requires no_alias: \forall integer k; 0 <= k < CAP_TOTAL ==> \separated(ref, cs->slot[k].obj);
    terminates \true;
    assigns cs->slot[0 .. CAP_TOTAL - 1], *ref;
    ensures CapSpaceValid(cs);
    behavior bad_app:
      assumes app >= CAP_APPS;
      ensures \result == CAP_ERR_BAD_APP && CapSlotsUnchanged{Pre,Post}(cs);
    behavior null:
      assumes app < CAP_APPS && obj == \null;
      ensures \result == CAP_ERR_NULL && CapSlotsUnchanged{Pre,Post}(cs);
    behavior bad_type:
      assumes app < CAP_APPS && obj != \null && !CapTypeKnown(obj->type);
      ensures \result == CAP_ERR_BAD_TYPE && CapSlotsUnchanged{Pre,Post}(cs);
    behavior bad_rights:
      assumes app < CAP_APPS && obj != \null && CapTypeKnown(obj->type);
      assumes !CapRightsKnown(rights);
      ensures \result == CAP_ERR_BAD_RIGHTS && CapSlotsUnchanged{Pre,Post}(cs);
    behavior full:
      assumes app < CAP_APPS && obj != \null && CapTypeKnown(obj->type);
      assumes CapRightsKnown(rights) && !CapAppHasFree(cs, app);
      ensures \result == CAP_ERR_FULL && CapSlotsUnchanged{Pre,Post}(cs);
    behavior ok:
      assumes app < CAP_APPS && obj != \null && CapTypeKnown(obj->type);
      assumes CapRightsKnown(rights) && CapAppHasFree(cs, app);
      ensures \result == CAP_OK;
      ensures names: CapRefNames(cs, app, *ref, obj, obj->type, rights);
      ensures was_free: \let k = CapRefSlot(*ref); \at(CapSlotFree(cs, k), Pre);
      ensures same_gen: \let k = CapRefSlot(*ref); cs->slot[k].gen == \at(cs->slot[k].gen, Pre);
      ensures others: CapSlotsUnchangedExcept{Pre,Post}(cs, CapRefSlot(*ref));
    complete behaviors;
    disjoint behaviors;
*/
int cap_externalize(struct cap_space *cs, uint32_t app, struct kobject *obj, uint32_t rights,
                    cap_ref_t *ref);

/* The capability behind ref, if ref is live in application app's table,
 * names an object of type `type`, and carries at least `rights`. Each
 * refusal has its own code, checked in this order. */
/*@ requires CapSpaceValid(cs);
    requires \valid(out) && \separated(out, cs);
    terminates \true;
    assigns *out;
    behavior bad_app:
      assumes app >= CAP_APPS;
      ensures \result == CAP_ERR_BAD_APP;
    behavior range:
      assumes app < CAP_APPS && !CapRefInRange(ref);
      ensures \result == CAP_ERR_RANGE;
    behavior foreign:
      assumes app < CAP_APPS && CapRefInRange(ref) && CapRefApp(ref) != app;
      ensures \result == CAP_ERR_FOREIGN;
    behavior stale:
      assumes app < CAP_APPS && CapRefInRange(ref) && CapRefApp(ref) == app;
      assumes CapRefGen(ref) < cs->slot[CapRefSlot(ref)].gen;
      ensures \result == CAP_ERR_STALE;
    behavior forged:
      assumes app < CAP_APPS && CapRefInRange(ref) && CapRefApp(ref) == app;
      assumes CapRefGen(ref) > cs->slot[CapRefSlot(ref)].gen ||
              (CapRefGen(ref) == cs->slot[CapRefSlot(ref)].gen && cs->slot[CapRefSlot(ref)].live == 0);
      ensures \result == CAP_ERR_FORGED;
    behavior wrong_type:
      assumes app < CAP_APPS && CapRefLive(cs, app, ref);
      assumes cs->slot[CapRefSlot(ref)].type != type;
      ensures \result == CAP_ERR_WRONG_TYPE;
    behavior rights:
      assumes app < CAP_APPS && CapRefLive(cs, app, ref);
      assumes cs->slot[CapRefSlot(ref)].type == type;
      assumes !CapRightsInclude(cs->slot[CapRefSlot(ref)].rights, rights);
      ensures \result == CAP_ERR_RIGHTS;
    behavior ok:
      assumes app < CAP_APPS && CapRefLive(cs, app, ref);
      assumes cs->slot[CapRefSlot(ref)].type == type;
      assumes CapRightsInclude(cs->slot[CapRefSlot(ref)].rights, rights);
      ensures \result == CAP_OK && *out == cs->slot[CapRefSlot(ref)].obj;
    complete behaviors;
    disjoint behaviors;
*/
int cap_internalize(const struct cap_space *cs, uint32_t app, cap_ref_t ref, uint32_t type,
                    uint32_t rights, struct kobject **out);

/* Kills one reference: it, and any copy of it, is stale from now on. The
 * same refusals as cap_internalize, before the type and rights checks. */
/*@ requires CapSpaceValid(cs);
    terminates \true;
    assigns cs->slot[0 .. CAP_TOTAL - 1];
    ensures CapSpaceValid(cs);
    behavior bad_app:
      assumes app >= CAP_APPS;
      ensures \result == CAP_ERR_BAD_APP && CapSlotsUnchanged{Pre,Post}(cs);
    behavior range:
      assumes app < CAP_APPS && !CapRefInRange(ref);
      ensures \result == CAP_ERR_RANGE && CapSlotsUnchanged{Pre,Post}(cs);
    behavior foreign:
      assumes app < CAP_APPS && CapRefInRange(ref) && CapRefApp(ref) != app;
      ensures \result == CAP_ERR_FOREIGN && CapSlotsUnchanged{Pre,Post}(cs);
    behavior stale:
      assumes app < CAP_APPS && CapRefInRange(ref) && CapRefApp(ref) == app;
      assumes CapRefGen(ref) < cs->slot[CapRefSlot(ref)].gen;
      ensures \result == CAP_ERR_STALE && CapSlotsUnchanged{Pre,Post}(cs);
    behavior forged:
      assumes app < CAP_APPS && CapRefInRange(ref) && CapRefApp(ref) == app;
      assumes CapRefGen(ref) > cs->slot[CapRefSlot(ref)].gen ||
              (CapRefGen(ref) == cs->slot[CapRefSlot(ref)].gen && cs->slot[CapRefSlot(ref)].live == 0);
      ensures \result == CAP_ERR_FORGED && CapSlotsUnchanged{Pre,Post}(cs);
    behavior ok:
      assumes app < CAP_APPS && CapRefLive(cs, app, ref);
      ensures \result == CAP_OK;
      ensures killed: CapSlotKilled{Pre,Post}(cs, CapRefSlot(ref));
      ensures !CapRefLive(cs, app, ref);
      ensures others: CapSlotsUnchangedExcept{Pre,Post}(cs, CapRefSlot(ref));
    complete behaviors;
    disjoint behaviors;
*/
int cap_revoke(struct cap_space *cs, uint32_t app, cap_ref_t ref);

/* Revokes the object: every live reference to it, in every application's
 * table, dies. Returns how many died. */
/*@ requires CapSpaceValid(cs);
    requires \valid_read(obj);
    terminates \true;
    assigns cs->slot[0 .. CAP_TOTAL - 1];
    ensures CapSpaceValid(cs);
    ensures \result <= CAP_TOTAL;
    ensures killed: \forall integer k; 0 <= k < CAP_TOTAL &&
      \at(cs->slot[k].live, Pre) == 1 && \at(cs->slot[k].obj, Pre) == obj ==>
        CapSlotKilled{Pre,Post}(cs, k) && cs->slot[k].obj == obj;
    ensures others: \forall integer k; 0 <= k < CAP_TOTAL &&
      !(\at(cs->slot[k].live, Pre) == 1 && \at(cs->slot[k].obj, Pre) == obj) ==>
        CapSlotSame{Pre,Post}(cs, k);
    ensures none_left: \forall integer k; 0 <= k < CAP_TOTAL ==>
      cs->slot[k].live == 1 ==> cs->slot[k].obj != obj;
*/
uint32_t cap_revoke_object(struct cap_space *cs, struct kobject *obj);

/* Live references in application app's table (0 for an unknown app). */
/*@ requires CapSpaceValid(cs);
    terminates \true;
    assigns \nothing;
    ensures app < CAP_APPS ==> \result == CapLiveCount(cs, app * CAP_SLOTS, app * CAP_SLOTS + CAP_SLOTS);
    ensures app >= CAP_APPS ==> \result == 0;
*/
uint32_t cap_count_live(const struct cap_space *cs, uint32_t app);

#endif
