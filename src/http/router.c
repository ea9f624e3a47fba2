/* router — route matching and the request pipeline (see router.h). */
#include "http/router.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/authz.h"
#include "auth/token.h"
#include "core/buf.h"
#include "core/log.h"
#include "core/xalloc.h"

static bool router_is_safe(const char *method)
{
    return !strcmp(method, "GET") || !strcmp(method, "HEAD") || !strcmp(method, "OPTIONS");
}

/* Matches one pattern against a path; captures {…} segments into r->params. A pattern
 * ending in "/" + "*" matches every path outside /api/ (the UI's static files). */
static bool router_match_pattern(const char *pattern, const char *path, http_request *r)
{
    size_t plen = strlen(pattern);
    if (plen >= 2 && strcmp(pattern + plen - 2, "/*") == 0)
        return strncmp(path, "/api/", 5) != 0 && strcmp(path, "/api") != 0 && path[0] == '/';
    size_t n_params = 0;
    char *captured[HTTP_MAX_PARAMS] = {0};
    const char *p = pattern, *s = path;
    while (*p && *s) {
        if (*p == '{') {
            const char *close = strchr(p, '}');
            const char *seg_end = strchr(s, '/');
            size_t seg = seg_end ? (size_t)(seg_end - s) : strlen(s);
            if (!close || seg == 0 || n_params == HTTP_MAX_PARAMS) goto fail;
            captured[n_params++] = xstrndup(s, seg);
            p = close + 1;
            s += seg;
            continue;
        }
        if (*p != *s) goto fail;
        p++;
        s++;
    }
    if (*p || *s) goto fail;
    if (r) {
        for (size_t i = 0; i < r->n_params; i++) free(r->params[i]);
        memcpy(r->params, captured, sizeof captured);
        r->n_params = n_params;
    } else {
        for (size_t i = 0; i < n_params; i++) free(captured[i]);
    }
    return true;
fail:
    for (size_t i = 0; i < n_params; i++) free(captured[i]);
    return false;
}

const http_route *router_match(http_request *r, int *status, char **allow)
{
    const char *method = strcmp(r->method, "HEAD") == 0 ? "GET" : r->method;
    buf methods;
    buf_init(&methods, 0);
    const http_route *found = NULL;
    bool path_known = false;
    for (size_t i = 0; i < http_routes_count && !found; i++) {
        const http_route *route = &http_routes[i];
        bool wildcard = strstr(route->pattern, "/*") != NULL;
        if (!router_match_pattern(route->pattern, r->path, NULL)) continue;
        if (strcmp(route->method, method) == 0) {
            router_match_pattern(route->pattern, r->path, r);
            found = route;
        } else if (!wildcard) {
            path_known = true;
            if (!strstr(buf_str(&methods), route->method)) buf_printf(&methods, "%s%s", methods.len ? ", " : "", route->method);
        }
    }
    if (!found) {
        *status = path_known ? 405 : 404;
        if (path_known && strstr(buf_str(&methods), "GET")) buf_puts(&methods, ", HEAD");
        *allow = buf_take(&methods);
        return NULL;
    }
    buf_free(&methods);
    return found;
}

/* Records a refusal: an audit event for a known person, a count for anonymous ones. */
static void router_refuse(http_request *r, err_code code, const char *reason, const char *message)
{
    if (r->authenticated) {
        db_conn *c = db_acquire(r->app->store);
        audit_actor actor = http_actor(r);
        err e = ERR_INIT;
        json_t *detail = json_pack("{s:s, s:s, s:s}", "method", r->method, "path", r->path, "reason", reason);
        if (db_begin_write(c, &e) == OK && audit_append(c, &actor, "access.denied", "route", r->route->pattern,
                                                        detail, &e) == OK)
            db_commit(c, &e);
        if (e.code != OK) log_error("cannot record a refusal: %s", e.message ? e.message : "");
        err_clear(&e);
        json_decref(detail);
        db_release(c);
    } else {
        audit_refusals_count(r->app->refusals, reason);
    }
    http_reply_status(r, http_status_for(code), code, message);
}

void http_record_unseen(http_request *r, db_conn *c, authz_kind kind, const char *object_type, long id)
{
    authz_sight sight = AUTHZ_NO_SUCH;
    err e = ERR_INIT;
    if (authz_can_see(c, r->session.person_id, kind, id, &sight, &e) == OK && sight == AUTHZ_NOT_VISIBLE &&
        !db_in_transaction(c)) {
        char idt[24];
        snprintf(idt, sizeof idt, "%ld", id);
        audit_actor actor = http_actor(r);
        json_t *detail = json_pack("{s:s, s:s, s:s}", "method", r->method, "path", r->path, "reason", "need_to_know");
        if (db_begin_write(c, &e) == OK && audit_append(c, &actor, "access.denied", object_type, idt, detail, &e) == OK)
            db_commit(c, &e);
        else if (db_in_transaction(c))
            db_rollback(c);
        json_decref(detail);
    }
    if (e.code != OK) log_error("cannot record a refusal: %s", e.message ? e.message : "");
    err_clear(&e);
}

static bool router_csrf_ok(http_request *r)
{
    const char *sent = http_header_value(r, "X-CSRF-Token");
    if (!sent || !*sent) return false;
    if (r->authenticated && session_token_equal(sent, r->session.csrf_token)) return true;
    /* Before login, the token is the double-submitted mamori_csrf cookie: a page of
     * another site can neither read it nor set the header. */
    if (r->route->access == HTTP_PUBLIC) {
        const char *cookie = http_cookie(r, "mamori_csrf");
        if (cookie && session_token_equal(sent, cookie)) return true;
    }
    return false;
}

void router_dispatch(http_request *r)
{
    const http_route *route = r->route;
    err e = ERR_INIT;

    /* An API token, when sent, is the only credential looked at: a bad one is a 401,
     * never a fall-back to a cookie. */
    const char *authorization = http_header_value(r, "Authorization");
    if (authorization && strncmp(authorization, "Bearer ", 7) == 0) {
        if (token_lookup(r->app->store, authorization + 7, &r->session, &r->token_write, &e) == OK) {
            r->authenticated = true;
            r->via_token = true;
        } else if (e.code != ERR_UNAUTHENTICATED) {
            http_reply_error(r, &e);
            goto cleanup;
        } else {
            router_refuse(r, ERR_UNAUTHENTICATED, "bad_token", "the API token is not valid (unknown, expired or revoked)");
            goto cleanup;
        }
        err_clear(&e);
    }
    const char *token = r->via_token ? NULL : http_cookie(r, "mamori_session");
    if (token && *token) {
        err_code rc = session_lookup(r->app->store, token, r->app->cfg, &r->session, &e);
        if (rc == OK) r->authenticated = true;
        else if (rc != ERR_UNAUTHENTICATED) {
            http_reply_error(r, &e);
            goto cleanup;
        }
        err_clear(&e);
    }

    if (route->access != HTTP_PUBLIC && !r->authenticated) {
        router_refuse(r, ERR_UNAUTHENTICATED, "unauthenticated", "log in first");
        goto cleanup;
    }
    /* A password-only session where a second factor is owed may only finish the login
     * (DESIGN §6: refused on every API route, not only in the UI). */
    if (r->authenticated && session_mfa_pending(&r->session) && route->access != HTTP_PUBLIC &&
        !(route->flags & HTTP_MFA_STEP)) {
        router_refuse(r, ERR_MFA_REQUIRED, "mfa_required", "enter the code of your authenticator app first");
        goto cleanup;
    }
    if (r->via_token && !router_is_safe(r->method) && !r->token_write) {
        router_refuse(r, ERR_FORBIDDEN, "token_scope", "this API token is read-only");
        goto cleanup;
    }
    /* A bearer token is not sent by a browser on its own, so it needs no CSRF token. */
    if (!r->via_token && !router_is_safe(r->method) && !router_csrf_ok(r)) {
        router_refuse(r, ERR_CSRF, "csrf", "the X-CSRF-Token header is missing or does not match the session");
        goto cleanup;
    }
    if (route->access == HTTP_PERMISSION) {
        bool allowed = false;
        if (authz_has_permission(r->app->store, r->session.person_id, route->permission, &allowed, &e) != OK) {
            http_reply_error(r, &e);
            goto cleanup;
        }
        if (!allowed) {
            char *msg = xasprintf("this needs the permission %s", route->permission);
            router_refuse(r, ERR_FORBIDDEN, "permission", msg);
            free(msg);
            goto cleanup;
        }
    }
    if (r->body.len > 0 && !(route->flags & HTTP_UPLOAD)) {
        json_error_t jerr;
        r->json = json_loadb(r->body.data, r->body.len, JSON_REJECT_DUPLICATES, &jerr);
        if (!r->json) {
            char *msg = xasprintf("the body is not valid JSON: %s (line %d, column %d)", jerr.text, jerr.line,
                                  jerr.column);
            http_reply_problem(r, 400, "malformed_json", msg);
            free(msg);
            goto cleanup;
        }
    }
    route->handler(r);
cleanup:
    err_clear(&e);
}
