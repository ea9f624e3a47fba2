/* authz — may this person do this? Permissions come from the roles a person holds
 * today (role_assignment × role_permission, both data). The people issue adds unit
 * scope and the visibility function authz_can_see (DESIGN §2); every route goes
 * through authz_has_permission via the router, never a check of its own. */
#ifndef MAMORI_AUTHZ_H
#define MAMORI_AUTHZ_H
#include <stdbool.h>

#include "core/err.h"
#include "db/db.h"

err_code authz_has_permission(db *d, long person_id, const char *permission, bool *out, err *e);

#endif
