/* api_health — liveness and readiness probes for operators and load balancers. */
#include "http/handlers.h"

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
    if (rc == OK) http_reply_json(r, 200, json_pack("{s:s}", "status", "ready"));
    else http_reply_json(r, 503, json_pack("{s:s}", "status", "store unavailable"));
    err_clear(&e);
}
