/* api_account — a person's own login: the second step of a login (a TOTP or recovery
 * code), setting up and removing the second factor, recovery codes, and changing the
 * password. The routes a session that still owes its second factor may use are marked
 * HTTP_MFA_STEP in the route table; everything else refuses such a session. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/account.h"
#include "auth/mfa.h"
#include "core/xalloc.h"
#include "http/handlers.h"
#include "http/json_input.h"
#include "http/view_cache.h"
#include "io/qr.h"

/* The login's own session only: an API token neither logs in nor changes the login. */
static bool api_account_session_only(http_request *r)
{
    if (!r->via_token) return true;
    http_reply_status(r, 403, ERR_FORBIDDEN, "this is done from a login session, not with an API token");
    return false;
}

static void api_account_fail(http_request *r, err *e)
{
    http_reply_error(r, e);
    err_clear(e);
}

void api_session_mfa_post(http_request *r)
{
    if (!api_account_session_only(r)) return;
    const char *code = NULL, *recovery = NULL;
    const json_field fields[] = {
        {"code", false, 20, &code, NULL},
        {"recovery_code", false, 40, &recovery, NULL},
    };
    err e = ERR_INIT;
    if (json_input_strings(r->json, fields, 2, &e) == OK && !code == !recovery)
        err_field_add(&e, code ? "recovery_code" : "code", "give either code or recovery_code");
    if (e.code != OK) {
        api_account_fail(r, &e);
        return;
    }
    char token[SESSION_TOKEN_HEX];
    session_info s;
    if (account_second_factor(r->app->store, r->app->cfg, r->app->mfa_key, &r->session, code, recovery, r->ip, token,
                              &s, &e) != OK) {
        api_account_fail(r, &e);
        return;
    }
    api_session_set_cookie(r, token);
    api_session_reply(r, &s);
    sodium_memzero(token, sizeof token);
    session_info_free(&s);
}

void api_account_get(http_request *r)
{
    mfa_status st;
    err e = ERR_INIT;
    db_conn *c = db_acquire(r->app->store);
    err_code rc = mfa_status_get(c, r->app->cfg, r->session.person_id, &st, &e);
    db_release(c);
    if (rc != OK) {
        api_account_fail(r, &e);
        return;
    }
    http_reply_json(r, 200,
                    json_pack("{s:I, s:s, s:s, s:{s:b, s:b, s:b, s:i, s:b}}", "person_id",
                              (json_int_t)r->session.person_id, "login", r->session.login, "name", r->session.name,
                              "mfa", "required", st.required, "enrolled", st.enrolled, "enrolling", st.enrolling,
                              "recovery_codes_left", st.recovery_left, "pending", session_mfa_pending(&r->session)));
}

void api_account_password_post(http_request *r)
{
    if (!api_account_session_only(r)) return;
    const char *current = NULL, *next = NULL;
    const json_field fields[] = {
        {"current_password", true, 1024, &current, NULL},
        {"new_password", true, 1024, &next, NULL},
    };
    err e = ERR_INIT;
    if (json_input_strings(r->json, fields, 2, &e) != OK ||
        account_change_password(r->app->store, r->app->cfg, &r->session, current, next, r->ip, &e) != OK) {
        api_account_fail(r, &e);
        return;
    }
    http_reply_empty(r, 204);
}

void api_account_mfa_post(http_request *r)
{
    if (!api_account_session_only(r)) return;
    err e = ERR_INIT;
    char *secret = NULL, *issuer = NULL, *uri = NULL;
    audit_actor actor = http_actor(r);
    db_conn *c = db_acquire(r->app->store);
    err_code rc = db_begin_write(c, &e);
    if (rc == OK) rc = mfa_enrol_start(c, r->app->mfa_key, &actor, &secret, &e);
    if (rc == OK) rc = db_commit(c, &e);
    else db_rollback(c);
    if (rc == OK) issuer = mfa_issuer(c);
    db_release(c);
    if (rc != OK) {
        api_account_fail(r, &e);
        return;
    }
    uri = mfa_otpauth_uri(issuer, r->session.login, secret);
    http_reply_json(r, 201, json_pack("{s:s, s:s, s:s}", "secret", secret, "otpauth_uri", uri, "qr_svg",
                                      "/api/v1/account/mfa/qr"));
    sodium_memzero(secret, strlen(secret));
    sodium_memzero(uri, strlen(uri));
    free(secret);
    free(uri);
    free(issuer);
}

void api_account_mfa_qr(http_request *r)
{
    if (!api_account_session_only(r)) return;
    err e = ERR_INIT;
    char *secret = NULL, *issuer = NULL, *uri = NULL, *svg = NULL;
    db_conn *c = db_acquire(r->app->store);
    err_code rc = mfa_enrolling_secret(c, r->app->mfa_key, r->session.person_id, &secret, &e);
    if (rc == OK) issuer = mfa_issuer(c);
    db_release(c);
    if (rc == OK) {
        uri = mfa_otpauth_uri(issuer, r->session.login, secret);
        rc = qr_svg(uri, &svg, &e);
    }
    if (rc == OK) http_reply_text(r, 200, "image/svg+xml", svg);
    else api_account_fail(r, &e);
    if (secret) sodium_memzero(secret, strlen(secret));
    if (uri) sodium_memzero(uri, strlen(uri));
    free(secret);
    free(uri);
    free(issuer);
}

static json_t *api_account_codes_json(char *codes[MFA_RECOVERY_CODES])
{
    json_t *list = json_array();
    for (int i = 0; i < MFA_RECOVERY_CODES; i++) json_array_append_new(list, json_string(codes[i]));
    return list;
}

void api_account_mfa_confirm(http_request *r)
{
    if (!api_account_session_only(r)) return;
    const char *code = NULL;
    const json_field fields[] = {{"code", true, 20, &code, NULL}};
    err e = ERR_INIT;
    if (json_input_strings(r->json, fields, 1, &e) != OK) {
        api_account_fail(r, &e);
        return;
    }
    char *codes[MFA_RECOVERY_CODES] = {0};
    char token[SESSION_TOKEN_HEX];
    session_info fresh;
    memset(&fresh, 0, sizeof fresh);
    bool was_pending = session_mfa_pending(&r->session);
    audit_actor actor = http_actor(r);
    db_conn *c = db_acquire(r->app->store);
    err_code rc = db_begin_write(c, &e);
    if (rc == OK) rc = mfa_enrol_confirm(c, r->app->mfa_key, &actor, code, time(NULL), codes, &e);
    /* A login that was waiting for this enrolment is complete: like a code at login, a
     * new session replaces the password-only one. An enrolment made from a full session
     * marks that session as passed. */
    if (rc == OK && was_pending) {
        rc = session_end(c, r->session.token_hash, &e);
        if (rc == OK) rc = session_create(c, r->session.person_id, r->ip, r->app->cfg, "passed", token, &fresh, &e);
        char session_ref[17];
        snprintf(session_ref, sizeof session_ref, "%.16s", fresh.token_hash);
        json_t *detail = json_pack("{s:s, s:s}", "login", r->session.login, "method", "enrolment");
        if (rc == OK) rc = audit_append(c, &actor, "login.mfa", "session", session_ref, detail, &e);
        json_decref(detail);
    } else if (rc == OK) {
        rc = db_query(c, "UPDATE session SET mfa_state = 'passed' WHERE token_hash = $1",
                      DB_PARAMS(r->session.token_hash), NULL, &e);
    }
    if (rc == OK) rc = db_commit(c, &e);
    else db_rollback(c);
    db_release(c);
    if (rc != OK) {
        mfa_codes_free(codes);
        session_info_free(&fresh);
        api_account_fail(r, &e);
        return;
    }
    if (was_pending) api_session_set_cookie(r, token);
    json_t *body = json_pack("{s:o}", "recovery_codes", api_account_codes_json(codes));
    if (was_pending) json_object_set_new(body, "csrf_token", json_string(fresh.csrf_token));
    http_reply_json(r, 200, body);
    mfa_codes_free(codes);
    sodium_memzero(token, sizeof token);
    session_info_free(&fresh);
}

void api_account_mfa_delete(http_request *r)
{
    if (!api_account_session_only(r)) return;
    err e = ERR_INIT;
    mfa_status st;
    audit_actor actor = http_actor(r);
    db_conn *c = db_acquire(r->app->store);
    err_code rc = db_begin_write(c, &e);
    if (rc == OK) rc = mfa_status_get(c, r->app->cfg, r->session.person_id, &st, &e);
    if (rc == OK && st.required)
        rc = err_set(&e, ERR_CONFLICT, "a role you hold requires the second factor: it cannot be removed");
    if (rc == OK) rc = mfa_remove(c, &actor, r->session.person_id, &e);
    if (rc == OK) rc = db_commit(c, &e);
    else db_rollback(c);
    db_release(c);
    if (rc != OK) {
        api_account_fail(r, &e);
        return;
    }
    http_reply_empty(r, 204);
}

void api_account_recovery_codes_post(http_request *r)
{
    if (!api_account_session_only(r)) return;
    err e = ERR_INIT;
    char *codes[MFA_RECOVERY_CODES] = {0};
    audit_actor actor = http_actor(r);
    db_conn *c = db_acquire(r->app->store);
    err_code rc = db_begin_write(c, &e);
    if (rc == OK) rc = mfa_recovery_regenerate(c, r->app->mfa_key, &actor, codes, &e);
    if (rc == OK) rc = db_commit(c, &e);
    else db_rollback(c);
    db_release(c);
    if (rc != OK) {
        api_account_fail(r, &e);
        return;
    }
    http_reply_json(r, 200, json_pack("{s:o}", "recovery_codes", api_account_codes_json(codes)));
    mfa_codes_free(codes);
}
