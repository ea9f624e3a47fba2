/* authz — the permission check used by the router, and visibility (see authz.h). */
#include "auth/authz.h"

#include <stdio.h>
#include <string.h>

#include "core/timeutil.h"

err_code authz_has_permission(db *d, long person_id, const char *permission, bool *out, err *e)
{
    db_conn *c = db_acquire(d);
    err_code rc = authz_holds(c, person_id, permission, out, e);
    db_release(c);
    return rc;
}

err_code authz_holds(db_conn *c, long person_id, const char *permission, bool *out, err *e)
{
    char person[24], today[11];
    snprintf(person, sizeof person, "%ld", person_id);
    time_today_local(today);
    db_rows *rows = NULL;
    err_code rc = db_query(c,
                           "SELECT 1 FROM role_assignment ra JOIN role_permission rp ON rp.role_code = ra.role_code"
                           " WHERE ra.person_id = $1 AND rp.permission_code = $2 AND ra.valid_from <= $3"
                           " AND (ra.valid_to IS NULL OR ra.valid_to >= $3) LIMIT 1",
                           DB_PARAMS(person, permission, today), &rows, e);
    if (rc == OK) *out = rows->n_rows > 0;
    db_rows_free(rows);
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

err_code authz_can_see(db_conn *c, long viewer, authz_kind kind, long id, authz_sight *out, err *e)
{
    *out = AUTHZ_NO_SUCH;
    char who[24], today[11], idt[24];
    snprintf(who, sizeof who, "%ld", viewer);
    snprintf(idt, sizeof idt, "%ld", id);
    time_today_local(today);
    db_rows *rows = NULL;
    err_code rc = OK;
    switch (kind) {
    case AUTHZ_PERSON:
        rc = db_query(c, AUTHZ_SCOPE_CTE "SELECT CASE WHEN" AUTHZ_PERSON_VISIBLE " THEN 1 ELSE 0 END"
                                         " FROM person p WHERE p.id = CAST($4 AS BIGINT)",
                      DB_PARAMS(who, "person.read", today, idt), &rows, e);
        break;
    case AUTHZ_REORGANISATION: {
        bool planner = false;
        rc = authz_holds(c, viewer, "org.manage", &planner, e);
        if (rc == OK)
            rc = db_query(c, AUTHZ_SCOPE_CTE "SELECT CASE WHEN" AUTHZ_REORG_VISIBLE " THEN 1 ELSE 0 END"
                                             " FROM reorganisation r WHERE r.id = CAST($5 AS BIGINT)",
                          DB_PARAMS(who, "person.read", today, planner ? "1" : "0", idt), &rows, e);
        break;
    }
    case AUTHZ_PROCEDURE: {
        bool keeper = false;
        rc = authz_holds(c, viewer, "catalog.manage", &keeper, e);
        if (rc == OK)
            rc = db_query(c, AUTHZ_SCOPE_CTE "SELECT CASE WHEN" AUTHZ_PROCEDURE_VISIBLE " THEN 1 ELSE 0 END"
                                             " FROM procedure pr WHERE pr.id = CAST($5 AS BIGINT)",
                          DB_PARAMS(who, "procedure.manage", today, keeper ? "1" : "0", idt), &rows, e);
        break;
    }
    case AUTHZ_ASSET:
        rc = db_query(c,
                      AUTHZ_ASSET_CTE "SELECT CASE WHEN " AUTHZ_ASSET_VISIBLE("a", "k") " THEN 1 ELSE 0 END"
                                      " FROM asset a JOIN classification_class k ON k.id = a.c_class_id"
                                      " WHERE a.id = CAST($3 AS BIGINT)",
                      DB_PARAMS(who, today, idt), &rows, e);
        break;
    }
    if (rc == OK && rows->n_rows == 1)
        *out = strcmp(db_cell(rows, 0, 0), "1") == 0 ? AUTHZ_VISIBLE : AUTHZ_NOT_VISIBLE;
    db_rows_free(rows);
    return rc;
}

err_code authz_sees(db_conn *c, long viewer, authz_kind kind, long id, bool *out, err *e)
{
    authz_sight sight = AUTHZ_NO_SUCH;
    err_code rc = authz_can_see(c, viewer, kind, id, &sight, e);
    *out = rc == OK && sight == AUTHZ_VISIBLE;
    return rc;
}
