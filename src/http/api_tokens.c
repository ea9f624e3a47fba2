/* api_tokens — a person's own API tokens: make one (shown once), list them, revoke one.
 * Tokens are managed from a login session only: a token cannot make more tokens. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/token.h"
#include "http/handlers.h"
#include "http/json_input.h"

static bool api_session_only(http_request *r)
{
    if (!r->via_token) return true;
    http_reply_status(r, 403, ERR_FORBIDDEN, "API tokens are managed from a login session, not with a token");
    return false;
}

void api_tokens_list(http_request *r)
{
    if (!api_session_only(r)) return;
    char person[24];
    snprintf(person, sizeof person, "%ld", r->session.person_id);
    err e = ERR_INIT;
    db_rows *rows = NULL;
    db_conn *c = db_acquire(r->app->store);
    err_code rc = db_query(c,
                           "SELECT id, name, scope, created_at, expires_at, last_used_at, revoked_at FROM api_token"
                           " WHERE person_id = $1 ORDER BY id DESC",
                           DB_PARAMS(person), &rows, &e);
    db_release(c);
    if (rc != OK) {
        http_reply_error(r, &e);
        err_clear(&e);
        return;
    }
    json_t *items = json_array();
    for (size_t i = 0; i < rows->n_rows; i++)
        json_array_append_new(items, json_pack("{s:I, s:s, s:s, s:s, s:s, s:s?, s:s?}", "id",
                                               (json_int_t)atol(db_cell(rows, i, 0)), "name", db_cell(rows, i, 1),
                                               "scope", db_cell(rows, i, 2), "created_at", db_cell(rows, i, 3),
                                               "expires_at", db_cell(rows, i, 4), "last_used_at", db_cell(rows, i, 5),
                                               "revoked_at", db_cell(rows, i, 6)));
    db_rows_free(rows);
    http_reply_json(r, 200, json_pack("{s:o, s:n}", "items", items, "next_cursor"));
}

void api_tokens_post(http_request *r)
{
    if (!api_session_only(r)) return;
    const char *name = NULL, *scope = NULL;
    long days = 90;
    const json_field fields[] = {
        {"name", true, 100, &name, NULL},
        {"scope", true, 5, &scope, NULL},
        {"expires_in_days", false, 0, NULL, &days},
    };
    err e = ERR_INIT;
    if (json_input_strings(r->json, fields, sizeof fields / sizeof *fields, &e) == OK) {
        if (strcmp(scope, "read") && strcmp(scope, "write")) err_field_add(&e, "scope", "must be read or write");
        if (days < 1 || days > 366) err_field_add(&e, "expires_in_days", "must be from 1 to 366");
    }
    if (e.code != OK) goto fail;
    char token[TOKEN_TEXT_MAX], expires[TIME_CANON_LEN];
    long id = 0;
    audit_actor actor = http_actor(r);
    db_conn *c = db_acquire(r->app->store);
    err_code rc = db_begin_write(c, &e);
    if (rc == OK) rc = token_create(c, &actor, name, strcmp(scope, "write") == 0, (int)days, token, &id, expires, &e);
    if (rc == OK) rc = db_commit(c, &e);
    db_release(c);
    if (rc != OK) goto fail;
    http_reply_json(r, 201, json_pack("{s:I, s:s, s:s, s:s, s:s}", "id", (json_int_t)id, "name", name, "scope", scope,
                                      "expires_at", expires, "token", token));
    sodium_memzero(token, sizeof token);
    return;
fail:
    http_reply_error(r, &e);
    err_clear(&e);
}

void api_tokens_delete(http_request *r)
{
    if (!api_session_only(r)) return;
    err e = ERR_INIT;
    long id = 0;
    if (!http_param_id(r, 0, &id)) {
        http_reply_problem(r, 404, "not_found", "no such token");
        return;
    }
    audit_actor actor = http_actor(r);
    db_conn *c = db_acquire(r->app->store);
    err_code rc = db_begin_write(c, &e);
    if (rc == OK) rc = token_revoke(c, &actor, id, &e);
    if (rc == OK) rc = db_commit(c, &e);
    db_release(c);
    if (rc != OK) {
        http_reply_error(r, &e);
        err_clear(&e);
        return;
    }
    http_reply_empty(r, 204);
}
