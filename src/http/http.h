/* http — the request/response types shared by the server, the router and the handlers.
 * Handlers see an http_request: its path parameters, the parsed JSON body, the caller's
 * session; they answer through http_reply_* and never touch libmicrohttpd or SQL. */
#ifndef MAMORI_HTTP_H
#define MAMORI_HTTP_H
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "audit/audit.h"
#include "auth/authz.h"
#include "auth/session.h"
#include "core/buf.h"
#include "core/config.h"
#include "core/err.h"
#include "db/db.h"

#define HTTP_MAX_PARAMS 4

typedef struct http_server http_server;

/* What a server shares with its handlers: read-only after start-up, except where said. */
typedef struct http_app {
    const config *cfg;
    db *store;
    audit_refusals *refusals; /* thread-safe */
    struct job_runner *jobs;  /* thread-safe; NULL in tools that run no jobs */
    struct filestore *files;  /* read-only after start-up */
    struct view_cache *views; /* thread-safe; NULL: no caching */
    const struct mfa_key *mfa_key; /* read-only after start-up; encrypts TOTP secrets */
    const char *tls_cert_pem; /* both set: serve HTTPS */
    const char *tls_key_pem;
    const struct risk_matrix *risk_matrix; /* read-only after start-up; NULL: the defaults of cfg's size */
} http_app;

typedef struct http_header {
    char *name;  /* owned */
    char *value; /* owned */
} http_header;

struct http_route;

typedef struct http_request {
    http_app *app;
    void *mhd_connection;        /* struct MHD_Connection *, for the server and router only */
    const char *method;          /* owned by libmicrohttpd, valid for the request */
    char *path;                  /* owned */
    char ip[64];
    struct timespec started;
    const struct http_route *route;
    char *params[HTTP_MAX_PARAMS]; /* owned; the {…} segments of the route pattern, in order */
    size_t n_params;
    buf body;
    json_t *json;                /* owned; the parsed body when there is one */
    bool authenticated;
    session_info session;        /* valid when authenticated */
    bool via_token;              /* authenticated by an API token, not a session cookie */
    bool token_write;            /* that token may change things */
    /* the answer */
    int status;
    char *resp_body;             /* owned; NULL for none */
    size_t resp_len;
    const unsigned char *resp_static; /* a body that outlives the request (embedded files) */
    int resp_fd;                 /* a body read from this file (owned once set), when resp_has_fd */
    bool resp_has_fd;
    const char *content_type;
    http_header *headers;        /* owned */
    size_t n_headers;
    bool answered;
    bool early;                  /* refused before the body was read */
} http_request;

/* Answers. Each sets status and body once; later calls are ignored. */
void http_reply_json(http_request *r, int status, json_t *body /* stolen */);
/* The same with a body already serialised (stolen). */
void http_reply_json_text(http_request *r, int status, char *text);
/* Any other text body (stolen); content_type must outlive the request (a literal). */
void http_reply_text(http_request *r, int status, const char *content_type, char *text);
void http_reply_error(http_request *r, const err *e);
void http_reply_status(http_request *r, int status, err_code code, const char *message);
/* For answers with no err_code of their own (405 method_not_allowed). */
void http_reply_problem(http_request *r, int status, const char *code, const char *message);
void http_reply_empty(http_request *r, int status);
void http_reply_static(http_request *r, int status, const char *content_type, const unsigned char *data, size_t n);
/* Answers with a file's content as a download; fd is consumed (closed by the server). A text
 * type without parameters is sent as UTF-8; name another charset in content_type. */
void http_reply_file(http_request *r, int fd, long size, const char *content_type, const char *filename,
                     const char *sha256);
void http_add_header(http_request *r, const char *name, const char *value);
/* Value of a request header / cookie / query argument; owned by the request. */
const char *http_header_value(const http_request *r, const char *name);
const char *http_cookie(const http_request *r, const char *name);
const char *http_query(const http_request *r, const char *name);
/* A whole number from 1 to max written in digits only (a query parameter, a path
 * segment); false for anything else. */
bool http_positive_number(const char *s, long max, long *out);
/* A query parameter that is an id: *out 0 when absent; otherwise not one adds a field
 * error to e ("must be an id"). */
void http_query_id(const http_request *r, const char *name, long *out, err *e);
/* Takes an id field out of the JSON body (removing it, so the rest can be checked
 * against a field list): *out 0 absent, -1 null (only when nullable), else the id;
 * anything else adds a field error to e. */
void http_body_take_id(http_request *r, const char *name, bool nullable, long *out, err *e);
/* The i-th {…} segment of the route as a positive id; false when it is not one (the
 * caller answers 404: a malformed id names nothing). */
bool http_param_id(const http_request *r, size_t i, long *out);
/* The version If-Match names (DESIGN §6: every change names the version it was made
 * against). When it is missing (428) or not a version (412) this answers and returns
 * false, and the handler writes nothing. */
bool http_if_match(http_request *r, long *version);
/* The HTTP status for an error code: the one place the mapping lives. */
int http_status_for(err_code code);
/* After a lookup of one object answered "not found": when the object exists but the
 * caller may not see it (authz_can_see), the attempt goes on record as access.denied
 * with reason need_to_know — the caller still answers the same 404 as for nothing.
 * c must not be inside a transaction. */
void http_record_unseen(http_request *r, db_conn *c, authz_kind kind, const char *object_type, long id);
/* The actor an audit event names for this request. */
audit_actor http_actor(const http_request *r);
/* True when the server speaks TLS (cookies get Secure). */
bool http_is_tls(const http_request *r);

#endif
