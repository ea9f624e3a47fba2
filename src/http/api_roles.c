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

void api_roles_list(http_request *r)
{
    err e = ERR_INIT;
    db_rows *rows = NULL;
    db_conn *c = db_acquire(r->app->store);
    err_code rc = db_query(c,
                           "SELECT r.code, r.name_ja, r.name_en, r.rank, rp.permission_code FROM role r"
                           " LEFT JOIN role_permission rp ON rp.role_code = r.code ORDER BY r.rank DESC, rp.permission_code",
                           DB_NO_PARAMS, &rows, &e);
    db_release(c);
    if (rc != OK) {
        http_reply_error(r, &e);
        err_clear(&e);
        return;
    }
    json_t *items = json_array(), *current = NULL;
    const char *code = NULL;
    for (size_t i = 0; i < rows->n_rows; i++) {
        if (!code || strcmp(code, db_cell(rows, i, 0)) != 0) {
            code = db_cell(rows, i, 0);
            current = json_pack("{s:s, s:s, s:s, s:I, s:[]}", "code", code, "name_ja", db_cell(rows, i, 1), "name_en",
                                db_cell(rows, i, 2), "rank", (json_int_t)atol(db_cell(rows, i, 3)), "permissions");
            json_array_append_new(items, current);
        }
        if (db_cell(rows, i, 4))
            json_array_append_new(json_object_get(current, "permissions"), json_string(db_cell(rows, i, 4)));
    }
    db_rows_free(rows);
    http_reply_json(r, 200, json_pack("{s:o, s:n}", "items", items, "next_cursor"));
}

void api_role_assignments_list(http_request *r)
{
    const char *person = http_query(r, "person_id");
    err e = ERR_INIT;
    long id = person ? atol(person) : 0;
    if (!person || id < 1 || strspn(person, "0123456789") != strlen(person)) {
        err_field_add(&e, "person_id", "the person whose roles to list is required");
        http_reply_error(r, &e);
        err_clear(&e);
        return;
    }
    char today[11];
    time_today_local(today);
    char viewer[24];
    snprintf(viewer, sizeof viewer, "%ld", r->session.person_id);
    db_rows *rows = NULL;
    db_conn *c = db_acquire(r->app->store);
    /* Only for a person inside the caller's units (person.read); anyone else: 404. */
    err_code rc = db_query(c,
                           AUTHZ_SCOPE_CTE
                           "SELECT ra.id, ra.role_code, r.name_ja, r.name_en, ra.org_unit_id, u.name_ja, ra.valid_from,"
                           " ra.valid_to, ra.revoked_at, ra.created_at FROM role_assignment ra"
                           " JOIN role r ON r.code = ra.role_code JOIN org_unit u ON u.id = ra.org_unit_id"
                           " JOIN person p ON p.id = ra.person_id"
                           " WHERE ra.person_id = CAST($4 AS BIGINT) AND p.org_unit_id IN (SELECT id FROM scope)"
                           " ORDER BY ra.id",
                           DB_PARAMS(viewer, "person.read", today, person), &rows, &e);
    db_rows *seen = NULL;
    if (rc == OK && rows->n_rows == 0)
        rc = db_query(c,
                      AUTHZ_SCOPE_CTE "SELECT 1 FROM person p WHERE p.id = CAST($4 AS BIGINT)"
                                      " AND p.org_unit_id IN (SELECT id FROM scope)",
                      DB_PARAMS(viewer, "person.read", today, person), &seen, &e);
    db_release(c);
    if (rc == OK && seen && seen->n_rows == 0) rc = err_set(&e, ERR_NOT_FOUND, "no such person");
    db_rows_free(seen);
    if (rc != OK) {
        http_reply_error(r, &e);
        err_clear(&e);
        db_rows_free(rows);
        return;
    }
    json_t *items = json_array();
    for (size_t i = 0; i < rows->n_rows; i++) {
        const char *to = db_cell(rows, i, 7), *revoked = db_cell(rows, i, 8);
        bool current = strcmp(db_cell(rows, i, 6), today) <= 0 && (!to || strcmp(to, today) >= 0);
        json_array_append_new(
            items, json_pack("{s:I, s:I, s:s, s:s, s:s, s:I, s:s, s:s, s:s?, s:s?, s:b, s:s}", "id",
                             (json_int_t)atol(db_cell(rows, i, 0)), "person_id", (json_int_t)id, "role",
                             db_cell(rows, i, 1), "role_ja", db_cell(rows, i, 2), "role_en", db_cell(rows, i, 3),
                             "org_unit_id", (json_int_t)atol(db_cell(rows, i, 4)), "org_unit", db_cell(rows, i, 5),
                             "valid_from", db_cell(rows, i, 6), "valid_to", to, "revoked_at", revoked, "current",
                             current, "created_at", db_cell(rows, i, 9)));
    }
    db_rows_free(rows);
    http_reply_json(r, 200, json_pack("{s:o, s:n}", "items", items, "next_cursor"));
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
