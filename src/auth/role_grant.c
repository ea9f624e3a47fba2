/* role_grant — the granting rules of 第10条 (see role_grant.h). */
#include "auth/role_grant.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/authz.h"
#include "core/timeutil.h"
#include "core/xalloc.h"

/* The highest rank among the granter's roles that carry role.grant in a unit covering
 * unit_id (0 when none). */
static err_code role_granter_rank(db_conn *c, long granter, long unit_id, long *rank, err *e)
{
    char who[24], unit[24], today[11];
    snprintf(who, sizeof who, "%ld", granter);
    snprintf(unit, sizeof unit, "%ld", unit_id);
    time_today_local(today);
    db_rows *rows = NULL;
    /* Walk up from the target unit; a role held on that path covers it. */
    err_code rc = db_query(c,
                           "WITH RECURSIVE up(id, parent_id) AS ("
                           " SELECT id, parent_id FROM org_unit WHERE id = CAST($2 AS BIGINT)"
                           " UNION SELECT u.id, u.parent_id FROM org_unit u JOIN up ON u.id = up.parent_id)"
                           " SELECT COALESCE(MAX(r.rank), 0) FROM role_assignment ra JOIN role r ON r.code = ra.role_code"
                           " JOIN role_permission rp ON rp.role_code = ra.role_code AND rp.permission_code = 'role.grant'"
                           " WHERE ra.person_id = CAST($1 AS BIGINT) AND ra.org_unit_id IN (SELECT id FROM up)"
                           " AND ra.valid_from <= $3 AND (ra.valid_to IS NULL OR ra.valid_to >= $3)",
                           DB_PARAMS(who, unit, today), &rows, e);
    if (rc == OK) *rank = atol(db_cell(rows, 0, 0));
    db_rows_free(rows);
    return rc;
}

err_code role_grant(db_conn *c, const audit_actor *granter, const role_grant_request *rq, long *id_out, err *e)
{
    int y, m, d;
    char today[11];
    time_today_local(today);
    const char *from = rq->valid_from ? rq->valid_from : today;
    if (!time_parse_date(from, &y, &m, &d)) err_field_add(e, "valid_from", "must be a date like 2026-04-01");
    if (rq->valid_to && !time_parse_date(rq->valid_to, &y, &m, &d))
        err_field_add(e, "valid_to", "must be a date like 2027-03-31");
    else if (rq->valid_to && strcmp(rq->valid_to, from) < 0) err_field_add(e, "valid_to", "is before valid_from");
    db_rows *rows = NULL;
    char unit[24], person[24];
    snprintf(unit, sizeof unit, "%ld", rq->org_unit_id);
    snprintf(person, sizeof person, "%ld", rq->person_id);
    long role_rank = 0;
    err_code rc = db_query(c, "SELECT rank FROM role WHERE code = $1", DB_PARAMS(rq->role ? rq->role : ""), &rows, e);
    if (rc != OK) goto cleanup;
    if (rows->n_rows != 1) err_field_add(e, "role", "no such role");
    else role_rank = atol(db_cell(rows, 0, 0));
    db_rows_free(rows);
    rows = NULL;
    if (e && e->n_fields) {
        rc = ERR_VALIDATION;
        goto cleanup;
    }
    if (rq->person_id == granter->id) {
        rc = err_set(e, ERR_FORBIDDEN, "no one may grant a role to themselves");
        goto cleanup;
    }
    /* Both the unit and the person must be inside the granter's units. */
    bool unit_ok = false, person_ok = false;
    if ((rc = authz_unit_in_scope(c, granter->id, "role.grant", rq->org_unit_id, &unit_ok, e)) != OK) goto cleanup;
    rc = db_query(c, "SELECT org_unit_id FROM person WHERE id = CAST($1 AS BIGINT) AND active = 1", DB_PARAMS(person),
                  &rows, e);
    if (rc != OK) goto cleanup;
    if (rows->n_rows == 1 &&
        (rc = authz_unit_in_scope(c, granter->id, "role.grant", atol(db_cell(rows, 0, 0)), &person_ok, e)) != OK)
        goto cleanup;
    if (!unit_ok || !person_ok) {
        rc = err_set(e, ERR_NOT_FOUND, "no such person or unit among yours");
        goto cleanup;
    }
    /* A unit closed by a reorganisation keeps its history; roles there are not granted anew. */
    db_rows_free(rows);
    rows = NULL;
    if ((rc = db_query(c, "SELECT valid_to FROM org_unit WHERE id = CAST($1 AS BIGINT)", DB_PARAMS(unit), &rows, e)) != OK)
        goto cleanup;
    if (rows->n_rows == 1 && db_cell(rows, 0, 0)) {
        err_field_add(e, "org_unit_id", "the unit is closed (its last day was %s)", db_cell(rows, 0, 0));
        rc = ERR_VALIDATION;
        goto cleanup;
    }
    long rank = 0;
    if ((rc = role_granter_rank(c, granter->id, rq->org_unit_id, &rank, e)) != OK) goto cleanup;
    if (role_rank >= rank) {
        rc = err_set(e, ERR_FORBIDDEN, "the role %s is not below your own in that unit", rq->role);
        goto cleanup;
    }
    char now[TIME_CANON_LEN], by[24];
    time_now_canon(now);
    snprintf(by, sizeof by, "%ld", granter->id);
    db_rows_free(rows);
    rows = NULL;
    rc = db_query(c,
                  "INSERT INTO role_assignment (person_id, role_code, org_unit_id, valid_from, valid_to, created_at,"
                  " created_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                  DB_PARAMS(person, rq->role, unit, from, rq->valid_to, now, by), &rows, e);
    if (rc != OK) goto cleanup;
    *id_out = atol(db_cell(rows, 0, 0));
    json_t *detail = json_pack("{s:I, s:s, s:I, s:s, s:s?}", "person_id", (json_int_t)rq->person_id, "role", rq->role,
                               "org_unit_id", (json_int_t)rq->org_unit_id, "valid_from", from, "valid_to",
                               rq->valid_to);
    rc = audit_append(c, granter, "role.grant", "role_assignment", db_cell(rows, 0, 0), detail, e);
    json_decref(detail);
cleanup:
    db_rows_free(rows);
    return rc;
}

err_code role_revoke(db_conn *c, const audit_actor *granter, long assignment_id, err *e)
{
    char id[24], yesterday[11], now[TIME_CANON_LEN], by[24];
    snprintf(id, sizeof id, "%ld", assignment_id);
    snprintf(by, sizeof by, "%ld", granter->id);
    time_now_canon(now);
    time_t t = time(NULL) - 86400;
    struct tm tm;
    localtime_r(&t, &tm);
    strftime(yesterday, sizeof yesterday, "%Y-%m-%d", &tm);
    db_rows *rows = NULL;
    err_code rc = db_query(c,
                           "SELECT ra.person_id, ra.role_code, ra.org_unit_id, r.rank, ra.revoked_at FROM role_assignment ra"
                           " JOIN role r ON r.code = ra.role_code WHERE ra.id = CAST($1 AS BIGINT)",
                           DB_PARAMS(id), &rows, e);
    if (rc != OK) goto cleanup;
    bool in_scope = false;
    if (rows->n_rows == 1 &&
        (rc = authz_unit_in_scope(c, granter->id, "role.grant", atol(db_cell(rows, 0, 2)), &in_scope, e)) != OK)
        goto cleanup;
    if (!in_scope) {
        rc = err_set(e, ERR_NOT_FOUND, "no such role assignment among yours");
        goto cleanup;
    }
    if (atol(db_cell(rows, 0, 0)) == granter->id) {
        rc = err_set(e, ERR_FORBIDDEN, "no one may revoke their own role");
        goto cleanup;
    }
    if (db_cell(rows, 0, 4)) {
        rc = err_set(e, ERR_CONFLICT, "this role assignment is already revoked");
        goto cleanup;
    }
    long rank = 0;
    if ((rc = role_granter_rank(c, granter->id, atol(db_cell(rows, 0, 2)), &rank, e)) != OK) goto cleanup;
    if (atol(db_cell(rows, 0, 3)) >= rank) {
        rc = err_set(e, ERR_FORBIDDEN, "the role %s is not below your own in that unit", db_cell(rows, 0, 1));
        goto cleanup;
    }
    /* Ends yesterday, so it no longer holds today; an assignment that had not begun
     * simply never takes effect. */
    rc = db_query(c, "UPDATE role_assignment SET valid_to = $1, revoked_at = $2, revoked_by = $3 WHERE id = $4",
                  DB_PARAMS(yesterday, now, by, id), NULL, e);
    json_t *detail = json_pack("{s:s, s:s, s:s}", "person_id", db_cell(rows, 0, 0), "role", db_cell(rows, 0, 1),
                               "org_unit_id", db_cell(rows, 0, 2));
    if (rc == OK) rc = audit_append(c, granter, "role.revoke", "role_assignment", id, detail, e);
    json_decref(detail);
cleanup:
    db_rows_free(rows);
    return rc;
}
