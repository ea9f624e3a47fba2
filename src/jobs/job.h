/* job — long work outside the HTTP threads (DESIGN §5).
 *
 * A request that starts long work enqueues a job and answers 202 with its address; a
 * runner thread in `serve` claims it (on PostgreSQL with SKIP LOCKED, so two servers
 * never run the same job), runs it, and records the result. A job's own writes commit
 * in one transaction or not at all. A running job's heartbeat is renewed every few
 * seconds; a job whose heartbeat stops (its server died) is marked failed by whichever
 * server notices, and can be retried as a new job. */
#ifndef MAMORI_JOB_H
#define MAMORI_JOB_H
#include <jansson.h>
#include <stdbool.h>

#include "audit/audit.h"
#include "core/err.h"
#include "db/db.h"

typedef struct job_ctx job_ctx;

/* Runs one job. params is the job's JSON; *result (owned by the runner afterwards) is
 * what the job answers with — when it succeeds, and also when it fails for reasons the
 * caller should see in detail (an import's problems). */
typedef err_code (*job_run_fn)(job_ctx *ctx, json_t *params, json_t **result, err *e);

typedef struct job_kind {
    const char *kind;
    job_run_fn run;
} job_kind;

extern const job_kind job_kinds[];
extern const size_t job_kinds_count;

struct filestore;

/* For runners: the store, the file store, the job's id, who started it, and progress. */
db *job_store(job_ctx *ctx);
struct filestore *job_files(job_ctx *ctx);
long job_id(job_ctx *ctx);
long job_creator(job_ctx *ctx);
void job_progress(job_ctx *ctx, long done, long total);

/* Enqueues a job inside the caller's write transaction; audited as job.create. */
err_code job_enqueue(db_conn *c, const audit_actor *actor, const char *kind, json_t *params, long retry_of,
                     long *id_out, err *e);

typedef struct job_view {
    long id;
    char *kind, *state, *params, *result, *error; /* owned; result/error may be NULL */
    long progress_done, progress_total;
    long created_by;
    char *created_at, *started_at, *finished_at;  /* owned; may be NULL */
    long retry_of;
} job_view;

/* Loads a job; ERR_NOT_FOUND when there is none. */
err_code job_get(db *d, long id, job_view *out, err *e);
void job_view_free(job_view *v);

/* Marks jobs whose heartbeat is older than stale_s seconds as failed, except those of
 * the worker named own (this process's runner, which knows its jobs are alive even
 * when a long SQLite transaction holds up their heartbeat); own may be NULL. */
err_code job_fail_stale(db *d, int stale_s, const char *own, long *n_failed, err *e);

typedef struct job_runner job_runner;
/* Starts n_workers runner threads on d. Owned by the caller; stop with job_runner_stop. */
/* heartbeat_s: how often running jobs say they are alive (well under the staleness
 * limit other servers apply). */
job_runner *job_runner_start(db *d, struct filestore *files, int n_workers, int heartbeat_s);
/* This runner's worker name, as recorded in job.worker. */
const char *job_runner_worker(const job_runner *r);
/* Tells the runners that a job may be waiting (saves them a polling interval). */
void job_runner_wake(job_runner *r);
/* Stops claiming, waits for the running jobs to end, joins the threads, frees. */
void job_runner_stop(job_runner *r);

#endif
