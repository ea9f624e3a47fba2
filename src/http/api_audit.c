/* api_audit — reading the audit trail (/api/v1/audit-events), newest first, with
 * filters and a cursor (the sequence number to continue below). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/timeutil.h"
#include "http/handlers.h"

void api_audit_events_list(http_request *r)
{
    err e = ERR_INIT;
    long limit = 50, n;
    const char *limit_s = http_query(r, "limit"), *cursor = http_query(r, "cursor"), *action = http_query(r, "action"),
               *actor_id = http_query(r, "actor_id"), *since = http_query(r, "since"), *until = http_query(r, "until");
    time_t t;
    if (limit_s && !http_positive_number(limit_s, 500, &limit)) err_field_add(&e, "limit", "must be a whole number from 1 to 500");
    if (cursor && !http_positive_number(cursor, 1L << 53, &n)) err_field_add(&e, "cursor", "is not a cursor this list gave");
    if (actor_id && !http_positive_number(actor_id, 1L << 53, &n)) err_field_add(&e, "actor_id", "must be a person id");
    if (since && !time_parse_canon(since, &t)) err_field_add(&e, "since", "must be a UTC time like 2026-04-01T00:00:00Z");
    if (until && !time_parse_canon(until, &t)) err_field_add(&e, "until", "must be a UTC time like 2026-04-01T00:00:00Z");
    if (action && (!*action || strlen(action) > 100)) err_field_add(&e, "action", "must be 1 to 100 characters");
    if (e.n_fields) {
        http_reply_error(r, &e);
        err_clear(&e);
        return;
    }
    char fetch[24];
    snprintf(fetch, sizeof fetch, "%ld", limit + 1);
    db_rows *rows = NULL;
    db_conn *c = db_acquire(r->app->store);
    err_code rc = db_query(c,
                           "SELECT seq, occurred_at, actor_id, actor, action, object_type, object_id, ip, detail,"
                           " prev_hash, hash FROM audit_event"
                           " WHERE (CAST($1 AS BIGINT) IS NULL OR seq < CAST($1 AS BIGINT))"
                           " AND (CAST($2 AS TEXT) IS NULL OR action = $2)"
                           " AND (CAST($3 AS BIGINT) IS NULL OR actor_id = CAST($3 AS BIGINT))"
                           " AND (CAST($4 AS TEXT) IS NULL OR occurred_at >= $4)"
                           " AND (CAST($5 AS TEXT) IS NULL OR occurred_at < $5)"
                           " ORDER BY seq DESC LIMIT CAST($6 AS BIGINT)",
                           DB_PARAMS(cursor, action, actor_id, since, until, fetch), &rows, &e);
    db_release(c);
    if (rc != OK) {
        http_reply_error(r, &e);
        err_clear(&e);
        return;
    }
    json_t *items = json_array();
    size_t shown = rows->n_rows > (size_t)limit ? (size_t)limit : rows->n_rows;
    for (size_t i = 0; i < shown; i++) {
        const char *actor = db_cell(rows, i, 2);
        json_t *detail = json_loads(db_cell(rows, i, 8), 0, NULL);
        json_array_append_new(
            items, json_pack("{s:I, s:s, s:o, s:s, s:s, s:s, s:s, s:s, s:o, s:s, s:s}", "seq",
                             (json_int_t)atoll(db_cell(rows, i, 0)), "occurred_at", db_cell(rows, i, 1), "actor_id",
                             actor ? json_integer(atoll(actor)) : json_null(), "actor", db_cell(rows, i, 3), "action",
                             db_cell(rows, i, 4), "object_type", db_cell(rows, i, 5), "object_id",
                             db_cell(rows, i, 6), "ip", db_cell(rows, i, 7), "detail",
                             detail ? detail : json_string(db_cell(rows, i, 8)), "prev_hash", db_cell(rows, i, 9),
                             "hash", db_cell(rows, i, 10)));
    }
    json_t *next = rows->n_rows > (size_t)limit ? json_string(db_cell(rows, shown - 1, 0)) : json_null();
    db_rows_free(rows);
    http_reply_json(r, 200, json_pack("{s:o, s:o}", "items", items, "next_cursor", next));
}
