/* router — the one route table and the pipeline every request goes through:
 * match → authenticate → CSRF → permission → JSON body → handler. Because the router
 * does these before any handler runs, no handler can forget them. */
#ifndef MAMORI_ROUTER_H
#define MAMORI_ROUTER_H
#include "http/http.h"

typedef void (*http_handler)(http_request *r);

typedef enum http_access {
    HTTP_PUBLIC,       /* anyone; unsafe methods still need the pre-session CSRF cookie */
    HTTP_SESSION,      /* any logged-in person */
    HTTP_PERMISSION    /* a logged-in person holding `permission` */
} http_access;

typedef struct http_route {
    const char *method;
    const char *pattern;    /* "/api/v1/assets/{id}" */
    http_handler handler;
    http_access access;
    const char *permission; /* for HTTP_PERMISSION */
    const char *summary;    /* one line, for the OpenAPI document and the docs */
    const char *openapi;    /* the OpenAPI operation (JSON): parameters, requestBody, responses;
                               NULL only for what is not API (the UI's files) */
    unsigned flags;         /* HTTP_UPLOAD: the body is a file (up to upload_limit), not JSON;
                               HTTP_MFA_STEP: open to a session that still owes its second factor */
} http_route;

#define HTTP_UPLOAD 1u
#define HTTP_MFA_STEP 2u

extern const http_route http_routes[];
extern const size_t http_routes_count;

/* Matches method and path: the route, or NULL with *status 404 or 405 (and the
 * methods the path allows in allow, owned by the caller). Fills r->params. */
const http_route *router_match(http_request *r, int *status, char **allow);
/* Runs the pipeline for a matched request whose body has been read. */
void router_dispatch(http_request *r);

#endif
