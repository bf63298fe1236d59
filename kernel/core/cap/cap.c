/* Capabilities and externalized references: one table row per application,
 * references checked slot, owner and generation on every use. */
#include "cap/cap.h"

void cap_space_init(struct cap_space *cs)
{
    /*@ loop invariant 0 <= k <= CAP_TOTAL;
        loop invariant \forall integer j; 0 <= j < k ==>
          cs->slot[j].live == 0 && cs->slot[j].gen == 0;
        loop assigns k, cs->slot[0 .. CAP_TOTAL - 1];
        loop variant CAP_TOTAL - k;
    */
    for (uint32_t k = 0; k < CAP_TOTAL; k++) {
        cs->slot[k].obj = 0;
        cs->slot[k].gen = 0;
        cs->slot[k].rights = 0;
        cs->slot[k].type = 0;
        cs->slot[k].live = 0;
    }
}

/* The lowest free slot of app's row, or CAP_TOTAL if there is none. */
/*@ requires CapSpaceValid(cs) && app < CAP_APPS;
    terminates \true;
    assigns \nothing;
    behavior found:
      assumes CapAppHasFree(cs, app);
      ensures app * CAP_SLOTS <= \result < app * CAP_SLOTS + CAP_SLOTS;
      ensures CapSlotFree(cs, \result);
    behavior none:
      assumes !CapAppHasFree(cs, app);
      ensures \result == CAP_TOTAL;
    complete behaviors;
    disjoint behaviors;
*/
static uint32_t find_free(const struct cap_space *cs, uint32_t app)
{
    uint32_t first = app * CAP_SLOTS;
    /*@ loop invariant first == app * CAP_SLOTS && first <= k <= first + CAP_SLOTS;
        loop invariant \forall integer j; first <= j < k ==> !CapSlotFree(cs, j);
        loop assigns k;
        loop variant first + CAP_SLOTS - k;
    */
    for (uint32_t k = first; k < first + CAP_SLOTS; k++) {
        if (!cs->slot[k].live && cs->slot[k].gen < CAP_GEN_MAX)
            return k;
    }
    return CAP_TOTAL;
}

int cap_externalize(struct cap_space *cs, uint32_t app, struct kobject *obj, uint32_t rights,
                    cap_ref_t *ref)
{
    if (app >= CAP_APPS)
        return CAP_ERR_BAD_APP;
    if (!obj)
        return CAP_ERR_NULL;
    if (obj->type < CAP_FRAME || obj->type >= CAP_TYPE_COUNT)
        return CAP_ERR_BAD_TYPE;
    if (rights == 0 || rights > CAP_RIGHT_ALL)
        return CAP_ERR_BAD_RIGHTS;
    uint32_t k = find_free(cs, app);
    if (k == CAP_TOTAL)
        return CAP_ERR_FULL;
    struct cap_slot *s = &cs->slot[k];
    s->obj = obj;
    s->type = (uint8_t)obj->type;
    s->rights = (uint16_t)rights;
    s->live = 1;
    *ref = (cap_ref_t)s->gen * CAP_TOTAL + k;
    //@ assert CapRefSlot(*ref) == k && CapRefGen(*ref) == s->gen;
    return CAP_OK;
}

/* The checks internalize and revoke share: is ref live in app's table? */
/*@ requires CapSpaceValid(cs);
    terminates \true;
    assigns \nothing;
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
    behavior live:
      assumes app < CAP_APPS && CapRefLive(cs, app, ref);
      ensures \result == CAP_OK;
    complete behaviors;
    disjoint behaviors;
*/
static int check_ref(const struct cap_space *cs, uint32_t app, cap_ref_t ref)
{
    if (app >= CAP_APPS)
        return CAP_ERR_BAD_APP;
    if (ref >= CAP_REF_LIMIT)
        return CAP_ERR_RANGE;
    uint64_t k = ref % CAP_TOTAL, gen = ref / CAP_TOTAL;
    if (k / CAP_SLOTS != app)
        return CAP_ERR_FOREIGN;
    const struct cap_slot *s = &cs->slot[k];
    if (gen < s->gen)
        return CAP_ERR_STALE;
    if (gen > s->gen || !s->live)
        return CAP_ERR_FORGED;
    return CAP_OK;
}

int cap_internalize(const struct cap_space *cs, uint32_t app, cap_ref_t ref, uint32_t type,
                    uint32_t rights, struct kobject **out)
{
    int err = check_ref(cs, app, ref);
    if (err != CAP_OK)
        return err;
    uint64_t k = ref % CAP_TOTAL;
    //@ assert k == CapRefSlot(ref);
    const struct cap_slot *s = &cs->slot[k];
    if (s->type != type)
        return CAP_ERR_WRONG_TYPE;
    if ((s->rights & rights) != rights)
        return CAP_ERR_RIGHTS;
    *out = s->obj;
    return CAP_OK;
}

/* Slot k dies; its generation moves on (reaching CAP_GEN_MAX retires it). */
/*@ requires CapSpaceValid(cs) && k < CAP_TOTAL && cs->slot[k].live == 1;
    terminates \true;
    assigns cs->slot[k].live, cs->slot[k].gen;
    ensures CapSpaceValid(cs);
    ensures CapSlotKilled{Pre,Post}(cs, k);
*/
static void kill_slot(struct cap_space *cs, uint32_t k)
{
    cs->slot[k].live = 0;
    cs->slot[k].gen++;
}

int cap_revoke(struct cap_space *cs, uint32_t app, cap_ref_t ref)
{
    int err = check_ref(cs, app, ref);
    if (err != CAP_OK)
        return err;
    uint32_t k = (uint32_t)(ref % CAP_TOTAL);
    //@ assert k == CapRefSlot(ref);
    kill_slot(cs, k);
    return CAP_OK;
}

uint32_t cap_revoke_object(struct cap_space *cs, struct kobject *obj)
{
    uint32_t killed = 0;
    /*@ loop invariant 0 <= k <= CAP_TOTAL && killed <= k;
        loop invariant CapSpaceValid(cs);
        loop invariant \forall integer j; 0 <= j < k &&
          \at(cs->slot[j].live, Pre) == 1 && \at(cs->slot[j].obj, Pre) == obj ==>
            CapSlotKilled{Pre,Here}(cs, j) && cs->slot[j].obj == obj;
        loop invariant \forall integer j; 0 <= j < CAP_TOTAL &&
          !(j < k && \at(cs->slot[j].live, Pre) == 1 && \at(cs->slot[j].obj, Pre) == obj) ==>
            CapSlotSame{Pre,Here}(cs, j);
        loop assigns k, killed, cs->slot[0 .. CAP_TOTAL - 1];
        loop variant CAP_TOTAL - k;
    */
    for (uint32_t k = 0; k < CAP_TOTAL; k++) {
        if (cs->slot[k].live && cs->slot[k].obj == obj) {
            kill_slot(cs, k);
            killed++;
        }
    }
    return killed;
}

uint32_t cap_count_live(const struct cap_space *cs, uint32_t app)
{
    if (app >= CAP_APPS)
        return 0;
    uint32_t first = app * CAP_SLOTS, n = 0;
    /*@ loop invariant 0 <= i <= CAP_SLOTS && n <= i;
        loop invariant n == CapLiveCount(cs, first, first + i);
        loop assigns i, n;
        loop variant CAP_SLOTS - i;
    */
    for (uint32_t i = 0; i < CAP_SLOTS; i++)
        n += cs->slot[first + i].live == 1;
    return n;
}
