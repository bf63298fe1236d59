/* Laws of the capability model, proved from the contracts in cap.h alone:
 * what the issue promises of externalized references. Not linked. */
#include "cap/cap.h"

/* Internalize after externalize gives the same capability back to the same
 * application, with any rights it was given. */
/*@ requires CapSpaceValid(cs) && app < CAP_APPS && CapAppHasFree(cs, app);
    requires \valid_read(obj) && \separated(obj, cs) && CapTypeKnown(obj->type);
    requires CapRightsKnown(rights);
    requires \valid(ref) && \valid(out) && \separated(ref, out, cs, obj);
    requires \forall integer k; 0 <= k < CAP_TOTAL ==> \separated(ref, cs->slot[k].obj);
    terminates \true;
    assigns cs->slot[0 .. CAP_TOTAL - 1], *ref, *out;
    ensures \result == CAP_OK && *out == obj;
*/
int law_round_trip(struct cap_space *cs, uint32_t app, struct kobject *obj, uint32_t rights, cap_ref_t *ref,
                   struct kobject **out)
{
    int r = cap_externalize(cs, app, obj, rights, ref);
    //@ assert r == CAP_OK;
    return cap_internalize(cs, app, *ref, obj->type, rights, out);
}

/* A reference means nothing in another application's table. */
/*@ requires CapSpaceValid(cs) && app < CAP_APPS && other < CAP_APPS && other != app;
    requires CapRefLive(cs, app, ref);
    requires \valid(out) && \separated(out, cs);
    terminates \true;
    assigns *out;
    ensures \result == CAP_ERR_FOREIGN;
*/
int law_foreign(const struct cap_space *cs, uint32_t app, uint32_t other, cap_ref_t ref, uint32_t type,
                uint32_t rights, struct kobject **out)
{
    return cap_internalize(cs, other, ref, type, rights, out);
}

/* After revoke, the reference gives nothing. */
/*@ requires CapSpaceValid(cs) && app < CAP_APPS && CapRefLive(cs, app, ref);
    requires \valid(out) && \separated(out, cs);
    terminates \true;
    assigns cs->slot[0 .. CAP_TOTAL - 1], *out;
    ensures \result == CAP_ERR_STALE;
*/
int law_revoked_is_stale(struct cap_space *cs, uint32_t app, cap_ref_t ref, uint32_t type, uint32_t rights,
                         struct kobject **out)
{
    int r = cap_revoke(cs, app, ref);
    //@ assert r == CAP_OK;
    return cap_internalize(cs, app, ref, type, rights, out);
}

/* After revoking an object, no reference to it internalizes, anywhere. */
/*@ requires CapSpaceValid(cs) && app < CAP_APPS && \valid_read(obj);
    requires CapRefNames(cs, app, ref, obj, type, rights);
    requires \valid(out) && \separated(out, cs);
    terminates \true;
    assigns cs->slot[0 .. CAP_TOTAL - 1], *out;
    ensures \result != CAP_OK;
*/
int law_revoked_object_is_gone(struct cap_space *cs, uint32_t app, struct kobject *obj, cap_ref_t ref,
                               uint32_t type, uint32_t rights, struct kobject **out)
{
    cap_revoke_object(cs, obj);
    return cap_internalize(cs, app, ref, type, rights, out);
}
