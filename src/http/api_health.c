/* api_health — liveness and readiness probes for operators and load balancers, and
 * the OpenAPI document. */
#include "http/handlers.h"
#include "http/openapi.h"

void api_healthz(http_request *r)
{
    /* Touches nothing shared: it must answer even while every store connection is busy. */
    http_reply_json(r, 200, json_pack("{s:s}", "status", "ok"));
}

void api_readyz(http_request *r)
{
    db_conn *c = db_acquire(r->app->store);
    err e = ERR_INIT;
    err_code rc = db_query(c, "SELECT 1", DB_NO_PARAMS, NULL, &e);
    db_release(c);
    if (rc == OK) {
        http_reply_json(r, 200, json_pack("{s:s}", "status", "ready"));
    } else {
        err_clear(&e);
        err_set(&e, ERR_STORE, "the store does not answer");
        http_reply_error(r, &e);
    }
    err_clear(&e);
}

void api_openapi(http_request *r)
{
    json_t *doc = NULL;
    err e = ERR_INIT;
    if (openapi_document(&doc, &e) != OK) {
        http_reply_error(r, &e);
        err_clear(&e);
        return;
    }
    http_reply_json(r, 200, doc);
}
