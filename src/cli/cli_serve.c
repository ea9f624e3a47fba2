/* cli_serve — `mamori serve`: the HTTP server, its housekeeping, and a graceful stop.
 * The main thread owns the signals: SIGTERM or SIGINT stop new connections, let the
 * requests in flight finish within drain_timeout, then exit 0. Once a minute it
 * flushes the anonymous refusal counts to the trail and purges expired sessions; every
 * reorg_check_interval seconds it applies the reorganisations whose date has come. */
#include <signal.h>
#include <sodium.h>
#include <string.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "audit/checkpoint.h"
#include "auth/mfa.h"
#include "auth/directory.h"
#include "auth/password.h"
#include "auth/session.h"
#include "cli/cli.h"
#include "core/fileutil.h"
#include "core/log.h"
#include "core/timeutil.h"
#include "domain/compliance.h"
#include "domain/reorganisation.h"
#include "domain/risk_matrix.h"
#include "http/server.h"
#include "files/filestore.h"
#include "http/view_cache.h"
#include "jobs/job.h"

static void serve_housekeeping(http_app *app)
{
    err e = ERR_INIT;
    if (audit_refusals_flush(app->refusals, app->store, &e) != OK)
        log_error("cannot record refusal counts: %s", e.message ? e.message : "");
    err_clear(&e);
    long stale = 0;
    if (job_fail_stale(app->store, app->cfg->job_stale_after_s, app->jobs ? job_runner_worker(app->jobs) : NULL,
                       &stale, &e) != OK)
        log_error("cannot check for interrupted jobs: %s", e.message ? e.message : "");
    else if (stale)
        log_warn("%ld interrupted jobs marked failed", stale);
    err_clear(&e);
    long removed = 0;
    if (session_purge_expired(app->store, app->cfg, &removed, &e) != OK)
        log_error("cannot purge sessions: %s", e.message ? e.message : "");
    err_clear(&e);
}

/* Applies the scheduled reorganisations whose date has come (today in the body's zone).
 * Every server does this; the plan's row lock makes each apply once. A plan that no
 * longer fits the tree stays scheduled, with its reason on it and in the log. */
static void serve_reorganisations(http_app *app)
{
    char today[11];
    time_today_local(today);
    audit_actor system = {0, "system", ""};
    reorg_due_report report;
    err e = ERR_INIT;
    if (reorg_apply_due(app->store, &system, today, &report, &e) != OK) {
        log_error("reorganisation %ld is due but cannot be applied: %s", report.failed, e.message ? e.message : "");
        for (size_t i = 0; i < e.n_fields; i++) log_error("  %s: %s", e.fields[i].field, e.fields[i].message);
    }
    for (size_t i = 0; i < report.n_applied; i++) log_info("mamori: reorganisation %ld applied", report.applied[i]);
    /* People and roles moved: the cached session views are stale. */
    if (report.n_applied) view_cache_forget_all(app->views);
    reorg_due_report_free(&report);
    err_clear(&e);
}

/* Takes the compliance snapshots due today (the month just ended; in April the 年度
 * just ended), each once whichever server gets there first (UNIQUE period). */
static void serve_compliance_snapshots(http_app *app)
{
    char today[11];
    time_today_local(today);
    int n = 0;
    err e = ERR_INIT;
    if (compliance_snapshot_due(app->store, today, &n, &e) != OK)
        log_error("cannot take the compliance snapshot: %s", e.message ? e.message : "");
    else if (n)
        log_info("mamori: %d compliance snapshot%s taken", n, n == 1 ? "" : "s");
    err_clear(&e);
}

/* Signs and appends a checkpoint when the chain has grown since the last one. */
static void serve_checkpoint(http_app *app, const checkpoint_key *key, const char *file, long *last_count)
{
    db_conn *c = db_acquire(app->store);
    db_rows *rows = NULL;
    err e = ERR_INIT;
    long count = -1;
    if (db_query(c, "SELECT seq FROM audit_head WHERE id = 1", DB_NO_PARAMS, &rows, &e) == OK && rows->n_rows == 1)
        count = atol(db_cell(rows, 0, 0));
    db_rows_free(rows);
    db_release(c);
    if (count >= 0 && count != *last_count) {
        if (cli_checkpoint_append(app->store, key, file, &e) == OK) *last_count = count;
        else log_error("cannot write a checkpoint: %s", e.message ? e.message : "");
    }
    err_clear(&e);
}

int cmd_serve(int argc, char **argv)
{
    config cfg;
    err e = ERR_INIT;
    db *d = NULL;
    http_server *srv = NULL;
    http_app app = {0};
    int status = 1;
    char *pos[1], *cert = NULL, *key = NULL, *checkpoint_file = NULL;
    checkpoint_key sign_key;
    mfa_key mfa;
    memset(&mfa, 0, sizeof mfa);
    filestore files = {0};
    risk_matrix matrix = {0};
    bool has_key = false;
    memset(&sign_key, 0, sizeof sign_key);
    size_t n_pos;
    if (cli_settings(argc, argv, &cfg, NULL, 0, pos, 0, &n_pos, &e) != OK) goto cleanup;
    if (!cfg.tls_cert != !cfg.tls_key) {
        err_set(&e, ERR_VALIDATION, "HTTPS needs both tls_cert and tls_key");
        goto cleanup;
    }
    if (cfg.tls_cert) {
        if (file_read_all(cfg.tls_cert, 1 << 20, &cert, NULL, &e) != OK) goto cleanup;
        if (file_read_all(cfg.tls_key, 1 << 20, &key, NULL, &e) != OK) goto cleanup;
    }
    /* The risk matrix's words must fit its size: refused here, naming the setting, rather
     * than a heat map whose labels do not fit its rows. */
    if (risk_matrix_make(cfg.risk_matrix_size, cfg.risk_likelihood_labels, cfg.risk_impact_labels, &matrix, &e) != OK)
        goto cleanup;

    /* Dates such as a role's validity follow the body's calendar; set the zone before
     * any thread starts (tzset is not thread-safe). */
    setenv("TZ", cfg.timezone, 1);
    tzset();

    /* Signals go to this thread only, through sigtimedwait below. */
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGTERM);
    sigaddset(&stop_signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop_signals, NULL);
    signal(SIGPIPE, SIG_IGN);

    if (password_init(cfg.hash_concurrency, &e) != OK) goto cleanup;
    if (directory_init(&cfg, &e) != OK) goto cleanup;
    if (cli_open_store(&cfg, config_db_pool(&cfg), false, &d, &e) != OK) goto cleanup;
    int pending = 0;
    if (db_pending_migrations(d, &pending, &e) != OK) goto cleanup;
    if (pending) {
        err_set(&e, ERR_VALIDATION, "the store lacks %d schema migration%s of this version: back it up, then run"
                " mamori migrate", pending, pending == 1 ? "" : "s");
        goto cleanup;
    }
    if (mfa_check_settings(d, &cfg, &e) != OK) goto cleanup;
    bool mfa_key_made = false;
    if (mfa_key_open(&cfg, d, &mfa, &mfa_key_made, &e) != OK) goto cleanup;
    if (mfa_key_made) log_warn("mamori: made a new MFA key file (keep it secret, back it up with the store)");
    app.mfa_key = &mfa;
    app.cfg = &cfg;
    app.risk_matrix = &matrix;
    app.store = d;
    app.refusals = audit_refusals_new();
    app.views = view_cache_new(1000);
    app.tls_cert_pem = cert;
    app.tls_key_pem = key;
    /* Checkpoints need the instance's key; without it the server still runs, and says so. */
    char *key_dir = config_resolve_dir(&cfg);
    checkpoint_file = config_checkpoint_file(&cfg);
    err key_err = ERR_INIT;
    has_key = checkpoint_key_load(key_dir, &sign_key, &key_err) == OK;
    if (!has_key)
        log_warn("mamori: no signing key in %s (%s): audit checkpoints are off; run mamori init or set config_dir",
                 key_dir, key_err.message ? key_err.message : "");
    err_clear(&key_err);
    free(key_dir);
    serve_housekeeping(&app);
    char *files_dir = config_files_dir(&cfg);
    filestore_init(&files, files_dir, cfg.file_max_bytes);
    free(files_dir);
    file_mkdirs(files.dir);
    app.files = &files;
    app.jobs = job_runner_start(d, &files, cfg.job_workers, cfg.job_stale_after_s / 4);
    if (http_server_start(&app, cfg.listen, &srv, &e) != OK) goto cleanup;
    log_info("mamori: listening on %s://%s (store: %s)", cert ? "https" : "http", cfg.listen, db_kind_name(d));

    time_t last_housekeeping = time(NULL), last_checkpoint = time(NULL), last_reorg = time(NULL);
    long checkpoint_count = -1;
    serve_reorganisations(&app);
    /* A store migrated by an older binary's path: its figures are made once. */
    if (compliance_refresh_if_stale(d, &e) != OK) {
        log_error("cannot compute the compliance figures: %s", e.message ? e.message : "");
        err_clear(&e);
    }
    serve_compliance_snapshots(&app);
    time_t last_snapshot = time(NULL);
    if (has_key) serve_checkpoint(&app, &sign_key, checkpoint_file, &checkpoint_count);
    for (;;) {
        struct timespec tick = {1, 0};
        int sig = sigtimedwait(&stop_signals, NULL, &tick);
        if (sig == SIGTERM || sig == SIGINT) {
            log_info("mamori: %s received, draining", sig == SIGTERM ? "SIGTERM" : "SIGINT");
            break;
        }
        if (time(NULL) - last_housekeeping >= 60) {
            serve_housekeeping(&app);
            last_housekeeping = time(NULL);
        }
        if (time(NULL) - last_snapshot >= 3600) {
            serve_compliance_snapshots(&app);
            last_snapshot = time(NULL);
        }
        if (time(NULL) - last_reorg >= (time_t)cfg.reorg_check_interval) {
            serve_reorganisations(&app);
            last_reorg = time(NULL);
        }
        if (has_key && time(NULL) - last_checkpoint >= (time_t)cfg.checkpoint_interval * 60) {
            serve_checkpoint(&app, &sign_key, checkpoint_file, &checkpoint_count);
            last_checkpoint = time(NULL);
        }
    }
    http_server_quiesce(srv);
    struct timespec start, now;
    clock_gettime(CLOCK_MONOTONIC, &start);
    while (http_server_active(srv) > 0) {
        clock_gettime(CLOCK_MONOTONIC, &now);
        if (now.tv_sec - start.tv_sec >= cfg.drain_timeout_s) {
            log_warn("mamori: %d requests still running after %d s; closing them", http_server_active(srv),
                     cfg.drain_timeout_s);
            break;
        }
        usleep(20 * 1000);
    }
    http_server_stop(srv);
    srv = NULL;
    job_runner_stop(app.jobs);
    app.jobs = NULL;
    serve_housekeeping(&app);
    if (has_key) serve_checkpoint(&app, &sign_key, checkpoint_file, &checkpoint_count);
    log_info("mamori: stopped");
    status = 0;
cleanup:
    if (status) cli_fail(&e);
    http_server_stop(srv);
    job_runner_stop(app.jobs);
    audit_refusals_free(app.refusals);
    view_cache_free(app.views);
    db_close(d);
    checkpoint_key_wipe(&sign_key);
    mfa_key_wipe(&mfa);
    filestore_free(&files);
    risk_matrix_free(&matrix);
    free(checkpoint_file);
    if (key) sodium_memzero(key, strlen(key));
    free(key);
    free(cert);
    config_free(&cfg);
    err_clear(&e);
    return status;
}
