/* server — the libmicrohttpd glue (see server.h): request contexts, body limits,
 * security headers on every answer, one log line per request. */
#include "http/server.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "core/log.h"
#include "core/xalloc.h"
#include "http/router.h"

struct http_server {
    struct MHD_Daemon *daemon;
    http_app *app;
    atomic_int active;
    int port;
};

/* The same on every answer: only our own origin, never framed, no referrer. */
static const char *const http_security_headers[][2] = {
    {"Content-Security-Policy",
     "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none';"
     " base-uri 'none'; form-action 'self'; frame-ancestors 'none'"},
    {"X-Content-Type-Options", "nosniff"},
    {"Referrer-Policy", "no-referrer"},
    {"X-Frame-Options", "DENY"},
    {"Cross-Origin-Opener-Policy", "same-origin"},
    {"Cross-Origin-Resource-Policy", "same-origin"},
};

int http_status_for(err_code code)
{
    switch (code) {
    case OK: return 200;
    case ERR_BAD_REQUEST: return 400;
    case ERR_VALIDATION: return 422;
    case ERR_UNAUTHENTICATED: return 401;
    case ERR_INVALID_CREDENTIALS: return 401;
    case ERR_MFA_REQUIRED: return 401;
    case ERR_FORBIDDEN: return 403;
    case ERR_CSRF: return 403;
    case ERR_NOT_FOUND: return 404;
    case ERR_CONFLICT: return 409;
    case ERR_PRECONDITION_FAILED: return 412;
    case ERR_PRECONDITION_REQUIRED: return 428;
    case ERR_TOO_BIG: return 413;
    case ERR_UNAVAILABLE: return 503;
    case ERR_STORE: return 503;
    case ERR_INTERNAL: return 500;
    }
    return 500;
}

void http_reply_json(http_request *r, int status, json_t *body)
{
    if (r->answered) {
        json_decref(body);
        return;
    }
    char *text = json_dumps(body, JSON_COMPACT);
    json_decref(body);
    r->answered = true;
    r->status = status;
    r->resp_body = text ? text : xstrdup("{}");
    r->resp_len = strlen(r->resp_body);
    r->content_type = "application/json; charset=utf-8";
}

void http_reply_text(http_request *r, int status, const char *content_type, char *text)
{
    if (r->answered) {
        free(text);
        return;
    }
    r->answered = true;
    r->status = status;
    r->resp_body = text;
    r->resp_len = strlen(text);
    r->content_type = content_type;
}

void http_reply_json_text(http_request *r, int status, char *text)
{
    http_reply_text(r, status, "application/json; charset=utf-8", text);
}

void http_reply_problem(http_request *r, int status, const char *code, const char *message)
{
    http_reply_json(r, status, json_pack("{s:{s:s, s:s}}", "error", "code", code, "message", message));
}

void http_reply_status(http_request *r, int status, err_code code, const char *message)
{
    http_reply_problem(r, status, err_code_name(code), message);
}

void http_reply_error(http_request *r, const err *e)
{
    err_code code = e->code == OK ? ERR_INTERNAL : e->code;
    int status = http_status_for(code);
    const char *message = e->message ? e->message : err_code_name(code);
    if (code == ERR_INTERNAL || code == ERR_STORE) {
        /* The detail is for the operator's log, not for the caller. */
        log_error("%s %s: %s", r->method, r->path, message);
        message = code == ERR_STORE ? "the store is not available" : "internal error";
    }
    json_t *error = json_pack("{s:s, s:s}", "code", err_code_name(code), "message", message);
    if (e->n_fields) {
        json_t *fields = json_array();
        for (size_t i = 0; i < e->n_fields; i++)
            json_array_append_new(fields, json_pack("{s:s, s:s}", "field", e->fields[i].field, "message",
                                                    e->fields[i].message));
        json_object_set_new(error, "fields", fields);
    }
    http_reply_json(r, status, json_pack("{s:o}", "error", error));
}

void http_reply_empty(http_request *r, int status)
{
    if (r->answered) return;
    r->answered = true;
    r->status = status;
}

void http_reply_static(http_request *r, int status, const char *content_type, const unsigned char *data, size_t n)
{
    if (r->answered) return;
    r->answered = true;
    r->status = status;
    r->resp_static = data;
    r->resp_len = n;
    r->content_type = content_type;
}

void http_reply_file(http_request *r, int fd, long size, const char *content_type, const char *filename,
                     const char *sha256)
{
    if (r->answered) {
        close(fd);
        return;
    }
    r->answered = true;
    r->status = 200;
    r->resp_fd = fd;
    r->resp_has_fd = true;
    r->resp_len = (size_t)size;
    /* Copied: the caller's type string need not outlive the request. */
    /* Text is UTF-8 unless the caller names its charset. */
    bool utf8 = strncmp(content_type, "text/", 5) == 0 && !strchr(content_type, ';');
    char *type = xasprintf("%s%s", content_type, utf8 ? "; charset=utf-8" : "");
    http_add_header(r, "Content-Type", type);
    free(type);
    /* An ASCII fallback name and the real one percent-encoded (RFC 6266 / 5987), so
     * Japanese file names arrive intact and nothing in them can break the header. */
    buf encoded, ascii;
    buf_init(&encoded, 0);
    buf_init(&ascii, 0);
    for (const unsigned char *p = (const unsigned char *)filename; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || strchr("-._", *p)) {
            buf_append(&encoded, p, 1);
            buf_append(&ascii, p, 1);
        } else {
            buf_printf(&encoded, "%%%02X", *p);
            if (*p < 0x80) buf_append(&ascii, "_", 1);
        }
    }
    char *disposition = xasprintf("attachment; filename=\"%s\"; filename*=UTF-8''%s",
                                  ascii.len ? buf_str(&ascii) : "download", buf_str(&encoded));
    http_add_header(r, "Content-Disposition", disposition);
    free(disposition);
    buf_free(&encoded);
    buf_free(&ascii);
    if (sha256) http_add_header(r, "X-Content-SHA256", sha256);
}

bool http_positive_number(const char *s, long max, long *out)
{
    /* Digits only (no sign, no spaces), at most 15 of them, so atol cannot overflow. */
    if (!s || !*s || strlen(s) > 15 || strspn(s, "0123456789") != strlen(s)) return false;
    long v = atol(s);
    if (v < 1 || v > max) return false;
    *out = v;
    return true;
}

bool http_param_id(const http_request *r, size_t i, long *out)
{
    return http_positive_number(i < r->n_params ? r->params[i] : NULL, 999999999999999L, out);
}

/* If-Match names the version a change was made against (DESIGN §6): without it 428,
 * and nothing is written. Accepts "3", 3 and W/"3". */
bool http_if_match(http_request *r, long *version)
{
    const char *h = http_header_value(r, "If-Match");
    if (!h || !*h) {
        http_reply_status(r, 428, ERR_PRECONDITION_REQUIRED,
                          "send If-Match with the ETag of the version you changed, so no one's edit is overwritten");
        return false;
    }
    if (!strncmp(h, "W/", 2)) h += 2;
    char digits[24];
    size_t n = 0;
    for (const char *p = h; *p && n < sizeof digits - 1; p++)
        if (*p != '"') digits[n++] = *p;
    digits[n] = '\0';
    if (n == 0 || strspn(digits, "0123456789") != n || n > 15 || (*version = atol(digits)) < 1) {
        http_reply_status(r, 412, ERR_PRECONDITION_FAILED, "If-Match does not name a version of this record");
        return false;
    }
    return true;
}

void http_add_header(http_request *r, const char *name, const char *value)
{
    r->headers = xrealloc(r->headers, (r->n_headers + 1) * sizeof *r->headers);
    r->headers[r->n_headers].name = xstrdup(name);
    r->headers[r->n_headers].value = xstrdup(value);
    r->n_headers++;
}

const char *http_header_value(const http_request *r, const char *name)
{
    return MHD_lookup_connection_value(r->mhd_connection, MHD_HEADER_KIND, name);
}

const char *http_cookie(const http_request *r, const char *name)
{
    return MHD_lookup_connection_value(r->mhd_connection, MHD_COOKIE_KIND, name);
}

const char *http_query(const http_request *r, const char *name)
{
    return MHD_lookup_connection_value(r->mhd_connection, MHD_GET_ARGUMENT_KIND, name);
}

void http_query_id(const http_request *r, const char *name, long *out, err *e)
{
    const char *v = http_query(r, name);
    *out = 0;
    if (v && !http_positive_number(v, 1000000000000L, out)) err_field_add(e, name, "must be an id");
}

void http_body_take_id(http_request *r, const char *name, bool nullable, long *out, err *e)
{
    *out = 0;
    json_t *v = r->json && json_is_object(r->json) ? json_object_get(r->json, name) : NULL;
    if (!v) return;
    if (nullable && json_is_null(v)) *out = -1;
    else if (!json_is_integer(v) || json_integer_value(v) < 1)
        err_field_add(e, name, nullable ? "must be an id, or null" : "must be an id");
    else *out = (long)json_integer_value(v);
    json_object_del(r->json, name);
}

bool http_is_tls(const http_request *r)
{
    return r->app->tls_cert_pem != NULL;
}

audit_actor http_actor(const http_request *r)
{
    audit_actor a = {0, "anonymous", r->ip};
    if (r->authenticated) {
        a.id = r->session.person_id;
        a.label = r->session.login;
    }
    return a;
}

static void http_request_free(http_request *r)
{
    if (r->resp_has_fd) close(r->resp_fd);
    free(r->path);
    for (size_t i = 0; i < r->n_params; i++) free(r->params[i]);
    buf_free(&r->body);
    json_decref(r->json);
    session_info_free(&r->session);
    free(r->resp_body);
    for (size_t i = 0; i < r->n_headers; i++) {
        free(r->headers[i].name);
        free(r->headers[i].value);
    }
    free(r->headers);
    free(r);
}

static void http_client_ip(struct MHD_Connection *conn, char out[64])
{
    strcpy(out, "-");
    const union MHD_ConnectionInfo *info = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (!info || !info->client_addr) return;
    const struct sockaddr *sa = info->client_addr;
    if (sa->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, out, 64);
    else if (sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, out, 64);
}

static enum MHD_Result http_queue(struct MHD_Connection *conn, http_request *r)
{
    if (!r->answered) http_reply_status(r, 500, ERR_INTERNAL, "no answer");
    struct MHD_Response *resp;
    if (r->resp_has_fd) {
        resp = MHD_create_response_from_fd((uint64_t)r->resp_len, r->resp_fd);
        r->resp_has_fd = false; /* now libmicrohttpd's, closed with the response */
    } else if (r->resp_static) {
        resp = MHD_create_response_from_buffer(r->resp_len, (void *)r->resp_static, MHD_RESPMEM_PERSISTENT);
    } else if (r->resp_body) {
        resp = MHD_create_response_from_buffer(r->resp_len, r->resp_body, MHD_RESPMEM_MUST_FREE);
        r->resp_body = NULL; /* now libmicrohttpd's */
    } else {
        resp = MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
    }
    if (!resp) return MHD_NO;
    for (size_t i = 0; i < sizeof http_security_headers / sizeof http_security_headers[0]; i++)
        MHD_add_response_header(resp, http_security_headers[i][0], http_security_headers[i][1]);
    if (http_is_tls(r)) MHD_add_response_header(resp, "Strict-Transport-Security", "max-age=31536000");
    if (r->content_type) MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, r->content_type);
    if (strncmp(r->path, "/api/", 5) == 0) MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
    for (size_t i = 0; i < r->n_headers; i++) MHD_add_response_header(resp, r->headers[i].name, r->headers[i].value);
    enum MHD_Result ret = MHD_queue_response(conn, (unsigned)r->status, resp);
    MHD_destroy_response(resp);
    return ret;
}

static enum MHD_Result http_access_cb(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
                                      const char *version, const char *upload_data, size_t *upload_data_size,
                                      void **con_cls)
{
    (void)version;
    http_server *s = cls;
    http_request *r = *con_cls;
    if (!r) {
        r = xcalloc(1, sizeof *r);
        *con_cls = r;
        atomic_fetch_add(&s->active, 1);
        clock_gettime(CLOCK_MONOTONIC, &r->started);
        r->app = s->app;
        r->mhd_connection = conn;
        r->method = method;
        r->path = xstrdup(url);
        buf_init(&r->body, s->app->cfg->body_limit);
        http_client_ip(conn, r->ip);

        int status = 0;
        char *allow = NULL;
        r->route = router_match(r, &status, &allow);
        if (!r->route) {
            if (status == 405) {
                http_add_header(r, "Allow", allow);
                http_reply_problem(r, 405, "method_not_allowed", "this path does not accept this method");
            } else {
                http_reply_problem(r, 404, "not_found", "no such resource");
            }
            free(allow);
        }
        /* Uploads (a CSV, evidence) may be larger than ordinary JSON bodies. */
        if (r->route && (r->route->flags & HTTP_UPLOAD)) r->body.limit = s->app->cfg->upload_limit;
        const char *length = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
        if (!r->answered && length && strtoull(length, NULL, 10) > r->body.limit)
            http_reply_status(r, 413, ERR_TOO_BIG, "the request body is larger than the limit");
        if (r->answered) {
            /* Refused on its headers alone: answer now, without reading the body. */
            r->early = true;
            return http_queue(conn, r);
        }
        return MHD_YES;
    }
    if (r->early) {
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (*upload_data_size) {
        if (!r->answered && buf_append(&r->body, upload_data, *upload_data_size) != BUF_OK) {
            http_reply_status(r, 413, ERR_TOO_BIG, "the request body is larger than the limit");
            buf_free(&r->body);
        }
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (!r->answered) router_dispatch(r);
    return http_queue(conn, r);
}

static void http_completed_cb(void *cls, struct MHD_Connection *conn, void **con_cls,
                              enum MHD_RequestTerminationCode toe)
{
    (void)conn;
    http_server *s = cls;
    http_request *r = *con_cls;
    if (!r) return;
    struct timespec end;
    clock_gettime(CLOCK_MONOTONIC, &end);
    double ms = (double)(end.tv_sec - r->started.tv_sec) * 1e3 + (double)(end.tv_nsec - r->started.tv_nsec) / 1e6;
    log_info("%s %s %d %.1fms %s%s", r->method, r->path, r->status, ms,
             r->authenticated ? r->session.login : "-",
             toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " (aborted)");
    http_request_free(r);
    *con_cls = NULL;
    atomic_fetch_sub(&s->active, 1);
}

static bool http_is_loopback(const struct sockaddr *sa)
{
    if (sa->sa_family == AF_INET)
        return (ntohl(((const struct sockaddr_in *)sa)->sin_addr.s_addr) >> 24) == 127;
    if (sa->sa_family == AF_INET6)
        return IN6_IS_ADDR_LOOPBACK(&((const struct sockaddr_in6 *)sa)->sin6_addr);
    return false;
}

static err_code http_parse_listen(const char *listen, struct sockaddr_storage *ss, socklen_t *len, err *e)
{
    const char *colon = strrchr(listen, ':');
    if (!colon || colon == listen || !colon[1])
        return err_set(e, ERR_VALIDATION, "listen: expected HOST:PORT, got \"%s\"", listen);
    char *host = xstrndup(listen, (size_t)(colon - listen));
    if (host[0] == '[') {
        size_t n = strlen(host);
        if (n < 2 || host[n - 1] != ']') {
            free(host);
            return err_set(e, ERR_VALIDATION, "listen: bad IPv6 address in \"%s\"", listen);
        }
        memmove(host, host + 1, n - 2);
        host[n - 2] = '\0';
    }
    struct addrinfo hints = {0}, *res = NULL;
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
    int gai = getaddrinfo(host, colon + 1, &hints, &res);
    free(host);
    if (gai != 0) return err_set(e, ERR_VALIDATION, "listen: cannot use \"%s\": %s", listen, gai_strerror(gai));
    memcpy(ss, res->ai_addr, res->ai_addrlen);
    *len = res->ai_addrlen;
    freeaddrinfo(res);
    return OK;
}

err_code http_server_start(http_app *app, const char *listen, http_server **out, err *e)
{
    struct sockaddr_storage ss;
    socklen_t sslen;
    err_code rc = http_parse_listen(listen, &ss, &sslen, e);
    if (rc != OK) return rc;
    bool tls = app->tls_cert_pem && app->tls_key_pem;
    if (!tls && !http_is_loopback((struct sockaddr *)&ss) && !app->cfg->allow_remote_plain_http)
        return err_set(e, ERR_VALIDATION,
                       "refusing plain HTTP on %s: it is not a loopback address (set allow_remote_plain_http"
                       " = true to accept the risk)",
                       listen);
    http_server *s = xcalloc(1, sizeof *s);
    s->app = app;
    unsigned flags = MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_POLL | MHD_USE_ITC |
                     MHD_USE_ERROR_LOG;
    if (ss.ss_family == AF_INET6) flags |= MHD_USE_IPv6;
    /* TLS 1.2 and 1.3 only, with GnuTLS's secure suites; the classification's handling
     * rules require encrypted transmission and a union's network has no proxy for it. */
    struct MHD_OptionItem tls_opts[] = {
        {MHD_OPTION_HTTPS_MEM_CERT, 0, (void *)app->tls_cert_pem},
        {MHD_OPTION_HTTPS_MEM_KEY, 0, (void *)app->tls_key_pem},
        {MHD_OPTION_HTTPS_PRIORITIES, 0,
         (void *)"SECURE256:+SECURE128:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2:-CIPHER-ALL:+AES-256-GCM:+AES-128-GCM:"
                 "+CHACHA20-POLY1305:-SHA1:%SERVER_PRECEDENCE"},
        {MHD_OPTION_END, 0, NULL},
    };
    if (tls) flags |= MHD_USE_TLS;
    s->daemon = MHD_start_daemon(flags, 0, NULL, NULL, http_access_cb, s, MHD_OPTION_SOCK_ADDR,
                                 (struct sockaddr *)&ss, MHD_OPTION_NOTIFY_COMPLETED, http_completed_cb, s,
                                 MHD_OPTION_CONNECTION_LIMIT, (unsigned)app->cfg->max_connections,
                                 MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)60, MHD_OPTION_LISTENING_ADDRESS_REUSE,
                                 (unsigned)1, MHD_OPTION_ARRAY, tls ? tls_opts : &tls_opts[3], MHD_OPTION_END);
    if (!s->daemon) {
        free(s);
        return err_set(e, ERR_UNAVAILABLE, "cannot listen on %s (address in use, not permitted%s)", listen,
                       tls ? ", or the certificate and key are not usable" : "");
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
    s->port = info ? info->port : 0;
    *out = s;
    return OK;
}

int http_server_port(const http_server *s)
{
    return s->port;
}

void http_server_quiesce(http_server *s)
{
    MHD_socket fd = MHD_quiesce_daemon(s->daemon);
    if (fd != MHD_INVALID_SOCKET) close(fd);
}

int http_server_active(const http_server *s)
{
    return atomic_load(&s->active);
}

void http_server_stop(http_server *s)
{
    if (!s) return;
    MHD_stop_daemon(s->daemon);
    free(s);
}
