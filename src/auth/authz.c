/* authz — the permission check used by the router (see authz.h). */
#include "auth/authz.h"

#include <stdio.h>
#include <string.h>

#include "core/timeutil.h"

err_code authz_has_permission(db *d, long person_id, const char *permission, bool *out, err *e)
{
    char person[24], today[11];
    snprintf(person, sizeof person, "%ld", person_id);
    time_today_local(today);
    db_conn *c = db_acquire(d);
    db_rows *rows = NULL;
    err_code rc = db_query(c,
                           "SELECT 1 FROM role_assignment ra JOIN role_permission rp ON rp.role_code = ra.role_code"
                           " WHERE ra.person_id = $1 AND rp.permission_code = $2 AND ra.valid_from <= $3"
                           " AND (ra.valid_to IS NULL OR ra.valid_to >= $3) LIMIT 1",
                           DB_PARAMS(person, permission, today), &rows, e);
    if (rc == OK) *out = rows->n_rows > 0;
    db_rows_free(rows);
    db_release(c);
    return rc;
}

err_code authz_unit_in_scope(db_conn *c, long person_id, const char *permission, long unit_id, bool *out, err *e)
{
    char person[24], unit[24], today[11];
    snprintf(person, sizeof person, "%ld", person_id);
    snprintf(unit, sizeof unit, "%ld", unit_id);
    time_today_local(today);
    db_rows *rows = NULL;
    err_code rc = db_query(c, AUTHZ_SCOPE_CTE "SELECT 1 FROM scope WHERE id = CAST($4 AS BIGINT)",
                           DB_PARAMS(person, permission, today, unit), &rows, e);
    if (rc == OK) *out = rows->n_rows > 0;
    db_rows_free(rows);
    return rc;
}

err_code authz_can_see(db_conn *c, long viewer, const char *object_type, long id, bool *out, err *e)
{
    *out = false;
    if (strcmp(object_type, "asset") != 0) return err_set(e, ERR_INTERNAL, "no visibility rule for %s", object_type);
    char person[24], idt[24], today[11];
    snprintf(person, sizeof person, "%ld", viewer);
    snprintf(idt, sizeof idt, "%ld", id);
    time_today_local(today);
    db_rows *rows = NULL;
    err_code rc = db_query(c,
                           AUTHZ_ASSET_CTE "SELECT 1 FROM asset a JOIN classification_class k ON k.id = a.c_class_id"
                                           " WHERE a.id = CAST($3 AS BIGINT) AND " AUTHZ_ASSET_VISIBLE("a", "k"),
                           DB_PARAMS(person, today, idt), &rows, e);
    if (rc == OK) *out = rows->n_rows > 0;
    db_rows_free(rows);
    return rc;
}
