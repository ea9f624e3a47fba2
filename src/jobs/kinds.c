/* kinds — the kinds of job mamori runs, one table. Each later module that needs long
 * work (imports, exports, reports) adds its kind here. */
#include "audit/audit.h"
#include "jobs/job.h"

#include <stdlib.h>

typedef struct verify_progress {
    job_ctx *ctx;
    long total;
} verify_progress;

static void job_verify_progress(void *arg, long done)
{
    verify_progress *p = arg;
    job_progress(p->ctx, done, p->total);
}

/* Verifies the whole audit chain: on a large trail this takes long enough that an
 * auditor starts it from the UI and comes back for the answer. */
static err_code job_audit_verify(job_ctx *ctx, json_t *params, json_t **result, err *e)
{
    (void)params;
    audit_verify_result r;
    /* The total is the head's count; progress counts events checked. */
    db_conn *c = db_acquire(job_store(ctx));
    db_rows *rows = NULL;
    long total = 0;
    if (db_query(c, "SELECT seq FROM audit_head WHERE id = 1", DB_NO_PARAMS, &rows, e) == OK && rows->n_rows == 1)
        total = atol(db_cell(rows, 0, 0));
    db_rows_free(rows);
    db_release(c);
    job_progress(ctx, 0, total);
    verify_progress p = {ctx, total};
    err_code rc = audit_verify_progress(job_store(ctx), &r, job_verify_progress, &p, e);
    if (rc != OK) return rc;
    *result = json_pack("{s:b, s:I, s:s, s:o, s:o}", "ok", r.ok, "n_events", (json_int_t)r.n_events, "head_hash",
                        r.head_hash, "broken_seq", r.ok ? json_null() : json_integer(r.broken_seq), "problem",
                        r.problem ? json_string(r.problem) : json_null());
    audit_verify_result_free(&r);
    return OK;
}

const job_kind job_kinds[] = {
    {"audit.verify", job_audit_verify},
};
const size_t job_kinds_count = sizeof job_kinds / sizeof job_kinds[0];
