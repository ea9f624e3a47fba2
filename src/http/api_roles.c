/* api_roles — the roles of 第10条 with their permissions (data, readable by everyone
 * logged in), and granting and revoking them under the rules of auth/role_grant.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/authz.h"
#include "auth/mfa.h"
#include "auth/role_grant.h"
#include "core/timeutil.h"
#include "http/handlers.h"
#include "http/json_input.h"
#include "http/view_cache.h"

/* The roles with their permissions (codes), strongest first, and the permissions with
 * their names: the role → permission table as the UI shows it. A permission held only on
 * what the holder manages (scope 'managed', a システム管理者's asset.read) is also listed
 * in managed_permissions. */
void api_roles_list(http_request *r)
{
    err e = ERR_INIT;
    db_rows *rows = NULL, *names = NULL;
    db_conn *c = db_acquire(r->app->store);
    err_code rc = db_query(c,
                           "SELECT r.code, r.name_ja, r.name_en, r.rank, rp.permission_code, rp.scope FROM role r"
                           " LEFT JOIN role_permission rp ON rp.role_code = r.code ORDER BY r.rank DESC, rp.permission_code",
                           DB_NO_PARAMS, &rows, &e);
    if (rc == OK)
        rc = db_query(c, "SELECT code, name_ja, name_en FROM permission ORDER BY code", DB_NO_PARAMS, &names, &e);
    db_release(c);
    if (rc != OK) {
        http_reply_error(r, &e);
        err_clear(&e);
        db_rows_free(rows);
        return;
    }
    json_t *items = json_array(), *current = NULL;
    const char *code = NULL;
    for (size_t i = 0; i < rows->n_rows; i++) {
        if (!code || strcmp(code, db_cell(rows, i, 0)) != 0) {
            code = db_cell(rows, i, 0);
            current = json_pack("{s:s, s:s, s:s, s:I, s:[], s:[]}", "code", code, "name_ja", db_cell(rows, i, 1),
                                "name_en", db_cell(rows, i, 2), "rank", (json_int_t)atol(db_cell(rows, i, 3)),
                                "permissions", "managed_permissions");
            json_array_append_new(items, current);
        }
        if (db_cell(rows, i, 4))
            json_array_append_new(json_object_get(current, "permissions"), json_string(db_cell(rows, i, 4)));
        if (db_cell(rows, i, 4) && db_cell(rows, i, 5) && strcmp(db_cell(rows, i, 5), "managed") == 0)
            json_array_append_new(json_object_get(current, "managed_permissions"), json_string(db_cell(rows, i, 4)));
    }
    json_t *permissions = json_array();
    for (size_t i = 0; i < names->n_rows; i++)
        json_array_append_new(permissions, json_pack("{s:s, s:s, s:s}", "code", db_cell(names, i, 0), "name_ja",
                                                     db_cell(names, i, 1), "name_en", db_cell(names, i, 2)));
    db_rows_free(rows);
    db_rows_free(names);
    http_reply_json(r, 200, json_pack("{s:o, s:n, s:o}", "items", items, "next_cursor", "permissions", permissions));
}

/* Role assignments, past, present and future, of the people in the caller's units
 * (person.read), newest first. Filters: one person (anyone outside the units: 404), a
 * unit with its sub-units, a role, and the state on today's date. */
void api_role_assignments_list(http_request *r)
{
    const char *person = http_query(r, "person_id"), *unit = http_query(r, "org_unit_id");
    const char *role = http_query(r, "role"), *state = http_query(r, "state");
    const char *limit_text = http_query(r, "limit"), *cursor = http_query(r, "cursor");
    err e = ERR_INIT;
    long person_id = 0, unit_id = 0, limit = 50, after = 0;
    if (person && !http_positive_number(person, 1L << 53, &person_id)) err_field_add(&e, "person_id", "must be a person id");
    if (unit && !http_positive_number(unit, 1L << 53, &unit_id)) err_field_add(&e, "org_unit_id", "must be a unit id");
    if (role && (!*role || strlen(role) > 40)) err_field_add(&e, "role", "must be a role code");
    if (state && strcmp(state, "current") && strcmp(state, "upcoming") && strcmp(state, "ended") &&
        strcmp(state, "all"))
        err_field_add(&e, "state", "must be current, upcoming, ended or all");
    if (limit_text && !http_positive_number(limit_text, 500, &limit))
        err_field_add(&e, "limit", "must be a whole number from 1 to 500");
    if (cursor && !http_positive_number(cursor, 1L << 53, &after))
        err_field_add(&e, "cursor", "is not a cursor this list gave");
    if (e.n_fields) {
        http_reply_error(r, &e);
        err_clear(&e);
        return;
    }
    char today[11], viewer[24], person_text[24], unit_text[24], after_text[24], fetch[24];
    time_today_local(today);
    snprintf(viewer, sizeof viewer, "%ld", r->session.person_id);
    snprintf(person_text, sizeof person_text, "%ld", person_id);
    snprintf(unit_text, sizeof unit_text, "%ld", unit_id);
    snprintf(after_text, sizeof after_text, "%ld", after);
    snprintf(fetch, sizeof fetch, "%ld", limit + 1);
    db_rows *rows = NULL, *seen = NULL;
    db_conn *c = db_acquire(r->app->store);
    /* Only people inside the caller's units (person.read); the state is read on today's date. */
    err_code rc = db_query(
        c,
        AUTHZ_SCOPE_CTE ", pick(id) AS (SELECT id FROM org_unit WHERE id = CAST($5 AS BIGINT)"
        " UNION SELECT u.id FROM org_unit u JOIN pick ON u.parent_id = pick.id) "
        "SELECT ra.id, ra.role_code, r.name_ja, r.name_en, ra.org_unit_id, u.name_ja, ra.valid_from,"
        " ra.valid_to, ra.revoked_at, ra.created_at, ra.person_id, p.name, p.name_kana, p.active, u.name_en"
        " FROM role_assignment ra JOIN role r ON r.code = ra.role_code JOIN org_unit u ON u.id = ra.org_unit_id"
        " JOIN person p ON p.id = ra.person_id"
        " WHERE p.org_unit_id IN (SELECT id FROM scope)"
        " AND (CAST($4 AS BIGINT) = 0 OR ra.person_id = CAST($4 AS BIGINT))"
        " AND (CAST($5 AS BIGINT) = 0 OR ra.org_unit_id IN (SELECT id FROM pick))"
        " AND (CAST($6 AS TEXT) IS NULL OR ra.role_code = CAST($6 AS TEXT))"
        " AND (CAST($7 AS TEXT) = 'all'"
        "  OR (CAST($7 AS TEXT) = 'current' AND ra.valid_from <= CAST($3 AS TEXT)"
        "      AND (ra.valid_to IS NULL OR ra.valid_to >= CAST($3 AS TEXT)))"
        "  OR (CAST($7 AS TEXT) = 'upcoming' AND ra.valid_from > CAST($3 AS TEXT)"
        "      AND (ra.valid_to IS NULL OR ra.valid_to >= CAST($3 AS TEXT)))"
        "  OR (CAST($7 AS TEXT) = 'ended' AND ra.valid_to < CAST($3 AS TEXT)))"
        " AND (CAST($8 AS BIGINT) = 0 OR ra.id < CAST($8 AS BIGINT))"
        " ORDER BY ra.id DESC LIMIT CAST($9 AS BIGINT)",
        DB_PARAMS(viewer, "person.read", today, person_text, unit_text, role, state ? state : "all", after_text,
                  fetch),
        &rows, &e);
    /* No rows for one person: say whether they are there at all (need-to-know: 404). */
    if (rc == OK && person_id && rows->n_rows == 0)
        rc = db_query(c,
                      AUTHZ_SCOPE_CTE "SELECT 1 FROM person p WHERE p.id = CAST($4 AS BIGINT)"
                                      " AND p.org_unit_id IN (SELECT id FROM scope)",
                      DB_PARAMS(viewer, "person.read", today, person_text), &seen, &e);
    db_release(c);
    if (rc == OK && seen && seen->n_rows == 0) rc = err_set(&e, ERR_NOT_FOUND, "no such person");
    db_rows_free(seen);
    if (rc != OK) {
        http_reply_error(r, &e);
        err_clear(&e);
        db_rows_free(rows);
        return;
    }
    size_t shown = rows->n_rows > (size_t)limit ? (size_t)limit : rows->n_rows;
    json_t *items = json_array();
    for (size_t i = 0; i < shown; i++) {
        const char *to = db_cell(rows, i, 7), *revoked = db_cell(rows, i, 8);
        bool current = strcmp(db_cell(rows, i, 6), today) <= 0 && (!to || strcmp(to, today) >= 0);
        json_t *item = json_pack(
            "{s:I, s:I, s:s, s:s, s:s, s:I, s:s, s:s?, s:s, s:s?, s:s?, s:b, s:s, s:s, s:s?, s:b}", "id",
            (json_int_t)atol(db_cell(rows, i, 0)), "person_id", (json_int_t)atol(db_cell(rows, i, 10)), "role",
            db_cell(rows, i, 1), "role_ja", db_cell(rows, i, 2), "role_en", db_cell(rows, i, 3), "org_unit_id",
            (json_int_t)atol(db_cell(rows, i, 4)), "org_unit", db_cell(rows, i, 5), "org_unit_en", db_cell(rows, i, 14),
            "valid_from", db_cell(rows, i, 6), "valid_to", to, "revoked_at", revoked, "current", current,
            "created_at", db_cell(rows, i, 9), "person", db_cell(rows, i, 11), "person_kana", db_cell(rows, i, 12),
            "person_active", strcmp(db_cell(rows, i, 13), "1") == 0);
        json_array_append_new(items, item);
    }
    json_t *next = rows->n_rows > (size_t)limit ? json_string(db_cell(rows, shown - 1, 0)) : json_null();
    db_rows_free(rows);
    http_reply_json(r, 200, json_pack("{s:o, s:o}", "items", items, "next_cursor", next));
}

/* A refusal by the granting rules is a denial like any other: on record. */
static void api_record_rule_refusal(http_request *r, const char *object_id, const err *why)
{
    db_conn *c = db_acquire(r->app->store);
    audit_actor actor = http_actor(r);
    err ignored = ERR_INIT;
    json_t *detail = json_pack("{s:s, s:s, s:s, s:s}", "method", r->method, "path", r->path, "reason", "grant_rule",
                               "rule", why->message ? why->message : "");
    if (db_begin_write(c, &ignored) == OK &&
        audit_append(c, &actor, "access.denied", "role_assignment", object_id, detail, &ignored) == OK)
        db_commit(c, &ignored);
    json_decref(detail);
    err_clear(&ignored);
    db_release(c);
}

void api_role_assignments_post(http_request *r)
{
    role_grant_request rq = {0};
    const json_field fields[] = {
        {"person_id", true, 0, NULL, &rq.person_id},
        {"role", true, 40, &rq.role, NULL},
        {"org_unit_id", true, 0, NULL, &rq.org_unit_id},
        {"valid_from", false, 10, &rq.valid_from, NULL},
        {"valid_to", false, 10, &rq.valid_to, NULL},
    };
    err e = ERR_INIT;
    long id = 0;
    if (json_input_strings(r->json, fields, sizeof fields / sizeof *fields, &e) != OK) goto fail;
    audit_actor actor = http_actor(r);
    db_conn *c = db_acquire(r->app->store);
    err_code rc = db_begin_write(c, &e);
    if (rc == OK) rc = role_grant(c, &actor, &rq, &id, &e);
    /* A role that requires a second factor requires it at once: the person's sessions
     * that had none to give owe one from their next request. */
    if (rc == OK && config_mfa_required_role(r->app->cfg, rq.role))
        rc = mfa_require_now(c, rq.person_id, &e);
    if (rc == OK) rc = db_commit(c, &e);
    db_release(c);
    if (rc == ERR_FORBIDDEN) api_record_rule_refusal(r, "-", &e);
    if (rc != OK) goto fail;
    view_cache_forget(r->app->views, rq.person_id);
    char location[64];
    snprintf(location, sizeof location, "/api/v1/role-assignments/%ld", id);
    http_add_header(r, "Location", location);
    http_reply_json(r, 201, json_pack("{s:I, s:I, s:s, s:I}", "id", (json_int_t)id, "person_id",
                                      (json_int_t)rq.person_id, "role", rq.role, "org_unit_id",
                                      (json_int_t)rq.org_unit_id));
    return;
fail:
    http_reply_error(r, &e);
    err_clear(&e);
}

void api_role_assignments_delete(http_request *r)
{
    err e = ERR_INIT;
    const char *p = r->params[0];
    long id = 0;
    if (!http_param_id(r, 0, &id)) {
        http_reply_problem(r, 404, "not_found", "no such role assignment");
        return;
    }
    audit_actor actor = http_actor(r);
    db_conn *c = db_acquire(r->app->store);
    err_code rc = db_begin_write(c, &e);
    if (rc == OK) rc = role_revoke(c, &actor, id, &e);
    if (rc == OK) rc = db_commit(c, &e);
    db_release(c);
    if (rc == ERR_FORBIDDEN) api_record_rule_refusal(r, p, &e);
    if (rc != OK) {
        http_reply_error(r, &e);
        err_clear(&e);
        return;
    }
    /* Whose role it was is not at hand here: forget everyone's (a revocation is rare). */
    view_cache_forget_all(r->app->views);
    http_reply_empty(r, 204);
}
