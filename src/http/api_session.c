/* api_session — log in, see who is logged in, log out (/api/v1/session). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/account.h"
#include "auth/mfa.h"
#include "core/xalloc.h"
#include "domain/person.h"
#include "http/handlers.h"
#include "http/json_input.h"
#include "http/view_cache.h"

static bool api_is_token(const char *s)
{
    if (!s || strlen(s) != SESSION_TOKEN_HEX - 1) return false;
    for (; *s; s++)
        if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f'))) return false;
    return true;
}

/* max_age < 0: a session cookie; 0: delete it. */
static void api_set_cookie(http_request *r, const char *name, const char *value, bool http_only, int max_age)
{
    char age[32] = "";
    if (max_age >= 0) snprintf(age, sizeof age, "; Max-Age=%d", max_age);
    char *cookie = xasprintf("%s=%s; Path=/; SameSite=Strict%s%s%s", name, value, http_only ? "; HttpOnly" : "",
                             http_is_tls(r) ? "; Secure" : "", age);
    http_add_header(r, "Set-Cookie", cookie);
    free(cookie);
}

static json_t *api_person_json(const person_view *v)
{
    json_t *roles = json_array();
    for (size_t i = 0; i < v->n_roles; i++)
        json_array_append_new(roles, json_pack("{s:s, s:s, s:s, s:I, s:s}", "role", v->roles[i].role, "role_ja",
                                               v->roles[i].role_ja, "role_en", v->roles[i].role_en, "org_unit_id",
                                               (json_int_t)v->roles[i].org_unit_id, "org_unit", v->roles[i].org_unit));
    return json_pack("{s:I, s:s, s:s?, s:o}", "id", (json_int_t)v->id, "name", v->name, "login", v->login, "roles",
                     roles);
}

static json_t *api_permissions_json(const person_view *v)
{
    json_t *perms = json_array();
    for (size_t i = 0; i < v->n_permissions; i++) json_array_append_new(perms, json_string(v->permissions[i]));
    return perms;
}

/* The session's description, as GET and POST both answer it. The person's part (roles,
 * permissions) comes from the view cache when it is fresh; the session's own part is
 * always this session's. */
void api_session_reply(http_request *r, const session_info *s)
{
    if (session_mfa_pending(s)) {
        /* Not usable yet: who it is and whether a code or an enrolment is owed, nothing
         * more (no roles, no permissions) until the second factor. */
        mfa_status st;
        err e = ERR_INIT;
        db_conn *c = db_acquire(r->app->store);
        err_code rc = mfa_status_get(c, r->app->cfg, s->person_id, &st, &e);
        db_release(c);
        if (rc != OK) {
            http_reply_error(r, &e);
            err_clear(&e);
            return;
        }
        http_reply_json(r, 200, json_pack("{s:b, s:b, s:s, s:s, s:s, s:s, s:{s:b, s:b}}", "authenticated", 0,
                                          "mfa_pending", 1, "csrf_token", s->csrf_token, "expires_at", s->expires_at,
                                          "login", s->login, "name", s->name, "mfa", "enrolled", st.enrolled,
                                          "required", st.required));
        return;
    }
    char *members = r->app->views ? view_cache_get(r->app->views, s->person_id) : NULL;
    if (!members) {
        person_view v;
        err e = ERR_INIT;
        db_conn *c = db_acquire(r->app->store);
        err_code rc = person_view_load_roles(c, s->person_id, s->name, s->login, &v, &e);
        db_release(c);
        if (rc != OK) {
            http_reply_error(r, &e);
            err_clear(&e);
            return;
        }
        json_t *part = json_pack("{s:o, s:o}", "person", api_person_json(&v), "permissions", api_permissions_json(&v));
        person_view_free(&v);
        char *text = json_dumps(part, JSON_COMPACT);
        json_decref(part);
        /* "{...}" without its braces: members to put beside the session's own. */
        size_t n = strlen(text);
        members = xstrndup(text + 1, n - 2);
        free(text);
        if (r->app->views) view_cache_put(r->app->views, s->person_id, members);
    }
    /* csrf_token is hex and expires_at canonical UTC text: nothing in them needs escaping. */
    /* A token's caller has no session state of its own: "token". */
    http_reply_json_text(r, 200, xasprintf("{\"authenticated\":true,\"csrf_token\":\"%s\",\"expires_at\":\"%s\","
                                           "\"mfa\":\"%s\",%s}",
                                           s->csrf_token, s->expires_at, *s->mfa_state ? s->mfa_state : "token",
                                           members));
    free(members);
}

void api_session_set_cookie(http_request *r, const char *token)
{
    api_set_cookie(r, "mamori_session", token, true, -1);
    /* The new session has its own CSRF token; the pre-login one is spent. */
    api_set_cookie(r, "mamori_csrf", "", true, 0);
}

void api_session_get(http_request *r)
{
    if (r->authenticated) {
        api_session_reply(r, &r->session);
        return;
    }
    /* Not logged in: hand out the pre-login CSRF token (double-submit cookie). */
    const char *existing = http_cookie(r, "mamori_csrf");
    char token[SESSION_TOKEN_HEX];
    if (api_is_token(existing)) {
        snprintf(token, sizeof token, "%s", existing);
    } else {
        session_random_hex(token);
        api_set_cookie(r, "mamori_csrf", token, true, -1);
    }
    http_reply_json(r, 200, json_pack("{s:b, s:s}", "authenticated", 0, "csrf_token", token));
}

void api_session_post(http_request *r)
{
    const char *login = NULL, *password = NULL;
    const json_field fields[] = {
        {"login", true, 200, &login, NULL},
        {"password", true, 1024, &password, NULL},
    };
    err e = ERR_INIT;
    if (json_input_strings(r->json, fields, 2, &e) != OK) {
        http_reply_error(r, &e);
        goto cleanup;
    }
    char token[SESSION_TOKEN_HEX];
    session_info s;
    if (account_login(r->app->store, r->app->cfg, login, password, r->ip, token, &s, &e) != OK) {
        http_reply_error(r, &e);
        goto cleanup;
    }
    api_session_set_cookie(r, token);
    api_session_reply(r, &s);
    session_info_free(&s);
cleanup:
    err_clear(&e);
}

void api_session_delete(http_request *r)
{
    err e = ERR_INIT;
    if (account_logout(r->app->store, &r->session, r->ip, &e) != OK) {
        http_reply_error(r, &e);
        err_clear(&e);
        return;
    }
    api_set_cookie(r, "mamori_session", "", true, 0);
    http_reply_empty(r, 204);
}
