/* routes — the one route table: every route with its access rule. The router enforces
 * the rule before the handler runs; the authorization tests walk this table. */
#include "http/handlers.h"
#include "http/router.h"

const http_route http_routes[] = {
    {"GET", "/healthz", api_healthz, HTTP_PUBLIC, NULL, "Liveness: the process answers"},
    {"GET", "/readyz", api_readyz, HTTP_PUBLIC, NULL, "Readiness: the store answers"},
    {"GET", "/api/v1/session", api_session_get, HTTP_PUBLIC, NULL, "Who is logged in (and a CSRF token)"},
    {"POST", "/api/v1/session", api_session_post, HTTP_PUBLIC, NULL, "Log in"},
    {"DELETE", "/api/v1/session", api_session_delete, HTTP_SESSION, NULL, "Log out"},
    {"GET", "/api/v1/audit-events", api_audit_events_list, HTTP_PERMISSION, "audit_event.read",
     "The audit trail, newest first"},
    {"GET", "/*", web_static, HTTP_PUBLIC, NULL, "The UI's static files"},
};
const size_t http_routes_count = sizeof http_routes / sizeof http_routes[0];
