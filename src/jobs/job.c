/* job — the job queue, its runner threads and heartbeats (see job.h). */
#include "jobs/job.h"

#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/log.h"
#include "core/timeutil.h"
#include "core/xalloc.h"

#define JOB_POLL_MS 500

struct job_ctx {
    db *store;
    struct filestore *files;
    long id;
    long created_by;
};

struct job_runner {
    db *store;
    struct filestore *files;
    char worker[96]; /* this process's name in job.worker */
    pthread_t *threads;
    pthread_t heartbeat;
    int n_threads;
    int heartbeat_s;
    pthread_mutex_t lock; /* guards stopping and the condition */
    pthread_cond_t wake;
    bool stopping;
};

db *job_store(job_ctx *ctx)
{
    return ctx->store;
}

struct filestore *job_files(job_ctx *ctx)
{
    return ctx->files;
}

long job_id(job_ctx *ctx)
{
    return ctx->id;
}

long job_creator(job_ctx *ctx)
{
    return ctx->created_by;
}

void job_progress(job_ctx *ctx, long done, long total)
{
    char id[24], d[24], t[24], now[TIME_CANON_LEN];
    snprintf(id, sizeof id, "%ld", ctx->id);
    snprintf(d, sizeof d, "%ld", done);
    snprintf(t, sizeof t, "%ld", total);
    time_now_canon(now);
    db_conn *c = db_acquire(ctx->store);
    err e = ERR_INIT;
    /* Outside the job's own transaction: progress is visible while the work is not. */
    if (db_query(c, "UPDATE job SET progress_done = $1, progress_total = $2, heartbeat_at = $3 WHERE id = $4",
                 DB_PARAMS(d, t, now, id), NULL, &e) != OK)
        log_warn("job %ld: cannot record progress: %s", ctx->id, e.message ? e.message : "");
    err_clear(&e);
    db_release(c);
}

err_code job_enqueue(db_conn *c, const audit_actor *actor, const char *kind, json_t *params, long retry_of,
                     long *id_out, err *e)
{
    bool known = false;
    for (size_t i = 0; i < job_kinds_count; i++) known = known || strcmp(job_kinds[i].kind, kind) == 0;
    if (!known) return err_set(e, ERR_INTERNAL, "no job kind %s", kind);
    char *params_text = json_dumps(params, JSON_COMPACT | JSON_SORT_KEYS);
    char now[TIME_CANON_LEN], by[24], retry[24];
    time_now_canon(now);
    snprintf(by, sizeof by, "%ld", actor->id);
    snprintf(retry, sizeof retry, "%ld", retry_of);
    db_rows *rows = NULL;
    err_code rc = db_query(c,
                           "INSERT INTO job (kind, state, params, created_by, created_at, retry_of)"
                           " VALUES ($1, 'queued', $2, $3, $4, $5) RETURNING id",
                           DB_PARAMS(kind, params_text, by, now, retry_of > 0 ? retry : NULL), &rows, e);
    if (rc == OK) {
        *id_out = atol(db_cell(rows, 0, 0));
        json_t *detail = json_pack("{s:s, s:O}", "kind", kind, "params", params);
        if (retry_of > 0) json_object_set_new(detail, "retry_of", json_integer(retry_of));
        rc = audit_append(c, actor, "job.create", "job", db_cell(rows, 0, 0), detail, e);
        json_decref(detail);
    }
    db_rows_free(rows);
    free(params_text);
    return rc;
}

err_code job_get(db *d, long id, job_view *out, err *e)
{
    memset(out, 0, sizeof *out);
    char idt[24];
    snprintf(idt, sizeof idt, "%ld", id);
    db_conn *c = db_acquire(d);
    db_rows *rows = NULL;
    err_code rc = db_query(c,
                           "SELECT id, kind, state, params, result, error, progress_done, progress_total, created_by,"
                           " created_at, started_at, finished_at, retry_of FROM job WHERE id = $1",
                           DB_PARAMS(idt), &rows, e);
    db_release(c);
    if (rc == OK && rows->n_rows != 1) rc = err_set(e, ERR_NOT_FOUND, "no such job");
    if (rc == OK) {
        out->id = atol(db_cell(rows, 0, 0));
        out->kind = xstrdup_opt(db_cell(rows, 0, 1));
        out->state = xstrdup_opt(db_cell(rows, 0, 2));
        out->params = xstrdup_opt(db_cell(rows, 0, 3));
        out->result = xstrdup_opt(db_cell(rows, 0, 4));
        out->error = xstrdup_opt(db_cell(rows, 0, 5));
        out->progress_done = atol(db_cell(rows, 0, 6));
        out->progress_total = atol(db_cell(rows, 0, 7));
        out->created_by = atol(db_cell(rows, 0, 8));
        out->created_at = xstrdup_opt(db_cell(rows, 0, 9));
        out->started_at = xstrdup_opt(db_cell(rows, 0, 10));
        out->finished_at = xstrdup_opt(db_cell(rows, 0, 11));
        out->retry_of = db_cell(rows, 0, 12) ? atol(db_cell(rows, 0, 12)) : 0;
    }
    db_rows_free(rows);
    return rc;
}

void job_view_free(job_view *v)
{
    free(v->kind);
    free(v->state);
    free(v->params);
    free(v->result);
    free(v->error);
    free(v->created_at);
    free(v->started_at);
    free(v->finished_at);
    memset(v, 0, sizeof *v);
}

err_code job_fail_stale(db *d, int stale_s, const char *own, long *n_failed, err *e)
{
    char now[TIME_CANON_LEN], cut[TIME_CANON_LEN];
    time_t t = time(NULL);
    time_canon(t, now);
    time_canon(t - stale_s, cut);
    *n_failed = 0;
    db_conn *c = db_acquire(d);
    db_rows *rows = NULL;
    audit_actor system = {0, "system", ""};
    err_code rc = db_begin_write(c, e);
    if (rc == OK)
        rc = db_query(c,
                      "UPDATE job SET state = 'failed', finished_at = $1,"
                      " error = 'interrupted: the server running it stopped; retry it'"
                      " WHERE state = 'running' AND (heartbeat_at IS NULL OR heartbeat_at < $2)"
                      " AND (CAST($3 AS TEXT) IS NULL OR worker IS NULL OR worker <> $3) RETURNING id, kind",
                      DB_PARAMS(now, cut, own), &rows, e);
    for (size_t i = 0; rc == OK && i < rows->n_rows; i++) {
        json_t *detail = json_pack("{s:s, s:s}", "kind", db_cell(rows, i, 1), "state", "failed");
        rc = audit_append(c, &system, "job.interrupted", "job", db_cell(rows, i, 0), detail, e);
        json_decref(detail);
    }
    if (rc == OK) rc = db_commit(c, e);
    if (rc == OK) *n_failed = (long)rows->n_rows;
    db_rows_free(rows);
    db_release(c);
    return rc;
}

/* Claims the oldest queued job for this worker; *id 0 when there is none. */
static err_code job_claim(job_runner *r, long *id, char **kind, char **params, long *created_by, err *e)
{
    *id = 0;
    db_conn *c = db_acquire(r->store);
    db_rows *rows = NULL;
    char now[TIME_CANON_LEN];
    time_now_canon(now);
    char *sql = xasprintf("SELECT id, kind, params, created_by FROM job WHERE state = 'queued' ORDER BY id LIMIT 1%s",
                          db_claim_clause(c));
    err_code rc = db_begin_write(c, e);
    if (rc == OK) rc = db_query(c, sql, DB_NO_PARAMS, &rows, e);
    if (rc == OK && rows->n_rows == 1) {
        rc = db_query(c,
                      "UPDATE job SET state = 'running', started_at = $1, heartbeat_at = $1, worker = $2"
                      " WHERE id = $3 AND state = 'queued'",
                      DB_PARAMS(now, r->worker, db_cell(rows, 0, 0)), NULL, e);
        if (rc == OK) {
            *id = atol(db_cell(rows, 0, 0));
            *kind = xstrdup(db_cell(rows, 0, 1));
            *params = xstrdup(db_cell(rows, 0, 2));
            *created_by = atol(db_cell(rows, 0, 3));
        }
    }
    if (rc == OK) rc = db_commit(c, e);
    if (rc != OK && *id) {
        free(*kind);
        free(*params);
        *id = 0;
    }
    db_rows_free(rows);
    db_release(c);
    free(sql);
    return rc;
}

static void job_finish(job_runner *r, long id, const char *kind, json_t *result, const err *failure)
{
    char idt[24], now[TIME_CANON_LEN];
    snprintf(idt, sizeof idt, "%ld", id);
    time_now_canon(now);
    char *result_text = result ? json_dumps(result, JSON_COMPACT) : NULL;
    const char *state = failure ? "failed" : "succeeded";
    const char *message = failure ? (failure->message ? failure->message : err_code_name(failure->code)) : NULL;
    db_conn *c = db_acquire(r->store);
    err e = ERR_INIT;
    audit_actor system = {0, "system", ""};
    err_code rc = db_begin_write(c, &e);
    if (rc == OK)
        rc = db_query(c,
                      "UPDATE job SET state = $1, result = $2, error = $3, finished_at = $4,"
                      " progress_done = CASE WHEN $1 = 'succeeded' THEN progress_total ELSE progress_done END"
                      " WHERE id = $5 AND state = 'running'",
                      DB_PARAMS(state, result_text, message, now, idt), NULL, &e);
    json_t *detail = json_pack("{s:s, s:s, s:s?}", "kind", kind, "state", state, "error", message);
    if (rc == OK) rc = audit_append(c, &system, "job.finish", "job", idt, detail, &e);
    if (rc == OK) rc = db_commit(c, &e);
    if (rc != OK) log_error("job %ld: cannot record its end: %s", id, e.message ? e.message : "");
    json_decref(detail);
    err_clear(&e);
    db_release(c);
    free(result_text);
}

static void job_run_one(job_runner *r, long id, const char *kind, const char *params_text, long created_by)
{
    job_run_fn run = NULL;
    for (size_t i = 0; i < job_kinds_count; i++)
        if (strcmp(job_kinds[i].kind, kind) == 0) run = job_kinds[i].run;
    err e = ERR_INIT;
    json_t *result = NULL;
    json_t *params = json_loads(params_text, 0, NULL);
    job_ctx ctx = {r->store, r->files, id, created_by};
    err_code rc;
    if (!run) rc = err_set(&e, ERR_INTERNAL, "this server does not know the job kind %s", kind);
    else if (!params) rc = err_set(&e, ERR_INTERNAL, "the job's parameters are not JSON");
    else rc = run(&ctx, params, &result, &e);
    if (rc == OK && !result) result = json_object();
    /* A failed job may still say why in its result (an import's list of problems). */
    job_finish(r, id, kind, result, rc == OK ? NULL : &e);
    log_info("job %ld (%s) %s", id, kind, rc == OK ? "succeeded" : "failed");
    json_decref(result);
    json_decref(params);
    err_clear(&e);
}

static void *job_thread(void *arg)
{
    job_runner *r = arg;
    for (;;) {
        pthread_mutex_lock(&r->lock);
        bool stop = r->stopping;
        pthread_mutex_unlock(&r->lock);
        if (stop) break;
        long id = 0, created_by = 0;
        char *kind = NULL, *params = NULL;
        err e = ERR_INIT;
        if (job_claim(r, &id, &kind, &params, &created_by, &e) != OK)
            log_error("cannot claim a job: %s", e.message ? e.message : "");
        err_clear(&e);
        if (id) {
            job_run_one(r, id, kind, params, created_by);
            free(kind);
            free(params);
            continue;
        }
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += JOB_POLL_MS * 1000000L;
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000L;
        }
        pthread_mutex_lock(&r->lock);
        if (!r->stopping) pthread_cond_timedwait(&r->wake, &r->lock, &until);
        pthread_mutex_unlock(&r->lock);
    }
    return NULL;
}

/* Renews the heartbeat of this worker's running jobs, so no other server takes them
 * for dead. */
static void *job_heartbeat_thread(void *arg)
{
    job_runner *r = arg;
    for (;;) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += r->heartbeat_s;
        pthread_mutex_lock(&r->lock);
        if (!r->stopping) pthread_cond_timedwait(&r->wake, &r->lock, &until);
        bool stop = r->stopping;
        pthread_mutex_unlock(&r->lock);
        if (stop) break;
        char now[TIME_CANON_LEN];
        time_now_canon(now);
        db_conn *c = db_acquire(r->store);
        err e = ERR_INIT;
        if (db_query(c, "UPDATE job SET heartbeat_at = $1 WHERE worker = $2 AND state = 'running'",
                     DB_PARAMS(now, r->worker), NULL, &e) != OK)
            log_warn("job heartbeat: %s", e.message ? e.message : "");
        err_clear(&e);
        db_release(c);
    }
    return NULL;
}

job_runner *job_runner_start(db *d, struct filestore *files, int n_workers, int heartbeat_s)
{
    job_runner *r = xcalloc(1, sizeof *r);
    r->heartbeat_s = heartbeat_s > 0 ? heartbeat_s : 1;
    r->store = d;
    r->files = files;
    char host[64] = "host";
    gethostname(host, sizeof host - 1);
    snprintf(r->worker, sizeof r->worker, "%.60s:%ld:%08x", host, (long)getpid(), randombytes_random());
    pthread_mutex_init(&r->lock, NULL);
    pthread_cond_init(&r->wake, NULL);
    r->n_threads = n_workers > 0 ? n_workers : 1;
    r->threads = xcalloc((size_t)r->n_threads, sizeof *r->threads);
    for (int i = 0; i < r->n_threads; i++) pthread_create(&r->threads[i], NULL, job_thread, r);
    pthread_create(&r->heartbeat, NULL, job_heartbeat_thread, r);
    return r;
}

const char *job_runner_worker(const job_runner *r)
{
    return r->worker;
}

void job_runner_wake(job_runner *r)
{
    pthread_mutex_lock(&r->lock);
    pthread_cond_broadcast(&r->wake);
    pthread_mutex_unlock(&r->lock);
}

void job_runner_stop(job_runner *r)
{
    if (!r) return;
    pthread_mutex_lock(&r->lock);
    r->stopping = true;
    pthread_cond_broadcast(&r->wake);
    pthread_mutex_unlock(&r->lock);
    for (int i = 0; i < r->n_threads; i++) pthread_join(r->threads[i], NULL);
    pthread_join(r->heartbeat, NULL);
    pthread_mutex_destroy(&r->lock);
    pthread_cond_destroy(&r->wake);
    free(r->threads);
    free(r);
}
