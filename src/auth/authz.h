/* authz — may this person do this? Permissions come from the roles a person holds
 * today (role_assignment × role_permission, both data). The people issue adds unit
 * scope and the visibility function authz_can_see (DESIGN §2); every route goes
 * through authz_has_permission via the router, never a check of its own. */
#ifndef MAMORI_AUTHZ_H
#define MAMORI_AUTHZ_H
#include <stdbool.h>

#include "core/err.h"
#include "audit/audit.h"
#include "db/db.h"

err_code authz_has_permission(db *d, long person_id, const char *permission, bool *out, err *e);

/* The units where a person may use a permission: those where they hold (today) a role
 * granting it, and all their sub-units. Every list and lookup of unit-owned records
 * (people now; assets, measures … later) is limited by this one definition, as a
 * common table expression "scope(id)" to put before the query. Its parameters are the
 * statement's $1 (person id), $2 (permission) and $3 (today, YYYY-MM-DD). */
#define AUTHZ_SCOPE_CTE                                                                                           \
    "WITH RECURSIVE scope(id) AS ("                                                                               \
    " SELECT ra.org_unit_id FROM role_assignment ra JOIN role_permission rp ON rp.role_code = ra.role_code"       \
    " WHERE ra.person_id = CAST($1 AS BIGINT) AND rp.permission_code = CAST($2 AS TEXT)"                          \
    " AND ra.valid_from <= CAST($3 AS TEXT) AND (ra.valid_to IS NULL OR ra.valid_to >= CAST($3 AS TEXT))"         \
    " UNION SELECT u.id FROM org_unit u JOIN scope s ON u.parent_id = s.id) "

/* Is unit_id inside the person's scope for permission? */
err_code authz_unit_in_scope(db_conn *c, long person_id, const char *permission, long unit_id, bool *out, err *e);

#endif
