/* cli_import_assets — `mamori import assets FILE`: the information asset ledger from CSV. The
 * command line acts as the system (as `mamori demo` does): every unit is its own. The
 * file is checked whole; every problem is printed as FILE:ROW:COLUMN: message (ROW as
 * the spreadsheet numbers it) and nothing is written unless there is none. The check and
 * the writing are one write transaction, so what was checked is what is written. A
 * progress bar goes to stderr when stderr is a terminal. Exports cmd_import_assets
 * (called by cmd_import, cli_import.c). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/fileutil.h"
#include "domain/asset_import.h"
#include "io/csv_table.h"

typedef struct import_bar {
    bool on;
    const char *phase;
    int last; /* the last width drawn, to draw only when it moves */
} import_bar;

static void import_bar_draw(void *arg, size_t done, size_t total)
{
    import_bar *b = arg;
    if (!b->on) return;
    int width = 40, filled = total ? (int)((double)done / (double)total * width) : width;
    int pct = total ? (int)((double)done * 100 / (double)total) : 100;
    if (filled == b->last && done != total) return;
    b->last = filled;
    fprintf(stderr, "\r%-8s [", b->phase);
    for (int i = 0; i < width; i++) fputc(i < filled ? '#' : '.', stderr);
    fprintf(stderr, "] %3d%% %zu/%zu", pct, done, total);
    if (done >= total) fputc('\n', stderr);
    fflush(stderr);
}

static void import_bar_phase(import_bar *b, const char *phase)
{
    b->phase = phase;
    b->last = -1;
}

/* Seconds since the previous call (MAMORI_IMPORT_TIMING: where an import's time goes,
 * for bench/import). */
static double import_lap(struct timespec *last)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    double s = (double)(now.tv_sec - last->tv_sec) + (double)(now.tv_nsec - last->tv_nsec) / 1e9;
    *last = now;
    return s;
}

/* The file's SHA-256 for the import's audit event, computed on a second thread while
 * the first parses the same bytes (both only read them). */
typedef struct import_hash {
    const char *data;
    size_t len;
    char hex[AUDIT_HASH_HEX];
} import_hash;

static void *import_hash_run(void *arg)
{
    import_hash *h = arg;
    audit_sha256_hex(h->data, h->len, h->hex);
    return NULL;
}

static int import_assets(const config *cfg, const char *file, const char *encoding, bool dry_run, err *e)
{
    char *data = NULL;
    size_t len = 0;
    csv_table t = {0};
    import_report report = {0};
    asset_import_plan *plan = NULL;
    db *d = NULL;
    int status = 1;
    import_bar bar = {isatty(STDERR_FILENO) != 0, "", -1};
    bool timing = getenv("MAMORI_IMPORT_TIMING") != NULL;
    double t_read = 0, t_parse = 0, t_check = 0, t_write = 0, t_commit = 0;
    asset_import_timing phases = {0};
    struct timespec lap;
    import_lap(&lap);
    /* A ledger is large but not this large; the limit keeps a wrong file from eating memory. */
    if (file_read_all(file, (size_t)8 << 30, &data, &len, e) != OK) goto cleanup;
    t_read = import_lap(&lap);
    import_hash hash = {data, len, ""};
    pthread_t hasher;
    bool hashing = pthread_create(&hasher, NULL, import_hash_run, &hash) == 0;
    if (!hashing) import_hash_run(&hash);
    err_code parsed = csv_table_parse(data, len, encoding, &t, e);
    if (hashing) pthread_join(hasher, NULL);
    if (parsed != OK) {
        fprintf(stderr, "%s: %s\n", file, e->message);
        err_clear(e);
        goto cleanup;
    }
    free(data);
    data = NULL;
    t_parse = import_lap(&lap);
    if (cli_open_store(cfg, 1, false, &d, e) != OK) goto cleanup;
    db_conn *c = db_acquire(d);
    audit_actor system = {0, "system", ""};
    asset_import_counts counts = {0};
    err_code rc = db_prepare_bulk(c, e);
    if (rc == OK) rc = db_begin_write(c, e);
    import_bar_phase(&bar, "check");
    if (rc == OK) rc = asset_import_check(c, 0, cfg->network_model, &t, &plan, &report, import_bar_draw, &bar, e);
    t_check = import_lap(&lap);
    if (rc == OK && report.n_problems == 0 && !dry_run) {
        import_bar_phase(&bar, "write");
        asset_import_source src = {file, hash.hex, 0};
        rc = asset_import_apply(c, &system, &src, plan, cfg->asset_container_strict, &counts, &phases,
                                import_bar_draw, &bar, e);
        t_write = import_lap(&lap);
        if (rc == OK) rc = db_commit(c, e);
        t_commit = import_lap(&lap);
    }
    db_release(c); /* rolls back whatever was not committed */
    if (rc != OK) {
        if (e->message) fprintf(stderr, "%s: %s\n", file, e->message);
        err_clear(e);
        goto cleanup;
    }
    for (size_t i = 0; i < report.n_listed; i++) {
        const import_problem *p = &report.problems[i];
        fprintf(stderr, "%s:%zu:%s: %s\n", file, p->row, p->column, p->message);
    }
    if (report.n_problems > report.n_listed)
        fprintf(stderr, "%s: %zu more problems not listed\n", file, report.n_problems - report.n_listed);
    if (report.n_problems) {
        fprintf(stderr, "%s: %zu problem%s in %zu rows (%s); nothing was imported\n", file, report.n_problems,
                report.n_problems == 1 ? "" : "s", report.n_rows, t.encoding);
        goto cleanup;
    }
    if (dry_run)
        printf("%s: %zu rows (%s) checked, no problems; a dry run: nothing was imported (%zu to write)\n", file,
               report.n_rows, t.encoding, asset_import_plan_writes(plan));
    else
        printf("%s: %zu rows (%s): %zu created, %zu updated, %zu disposed of, %zu unchanged\n", file, report.n_rows,
               t.encoding, counts.created, counts.updated, counts.disposed, counts.unchanged);
    status = 0;
cleanup:
    db_close(d);
    d = NULL;
    if (timing) {
        double parts = phases.stage + phases.assets + phases.versions + phases.documents + phases.tokens + phases.indexes;
        fprintf(stderr,
                "timing: read %.2f s, parse %.2f s, check %.2f s, write %.2f s, commit %.2f s, close %.2f s\n"
                "timing: write = stage %.2f s (waiting %.2f s), assets %.2f s, versions %.2f s, search documents"
                " %.2f s, tokens %.2f s, indexes %.2f s, the rest %.2f s; second thread %.2f s of CPU\n",
                t_read, t_parse, t_check, t_write, t_commit, import_lap(&lap), phases.stage, phases.waited,
                phases.assets, phases.versions, phases.documents, phases.tokens, phases.indexes, t_write - parts,
                phases.worker_cpu);
    }
    asset_import_plan_free(plan);
    import_report_free(&report);
    csv_table_free(&t);
    free(data);
    db_close(d);
    return status;
}

int cmd_import_assets(int argc, char **argv)
{
    config cfg;
    err e = ERR_INIT;
    const char *encoding = NULL;
    bool dry_run = false;
    cli_option opts[] = {
        {"encoding", &encoding, NULL, "utf-8 or cp932 (default: detected)"},
        {"dry_run", NULL, &dry_run, "check the file and report; write nothing"},
    };
    char *pos[2];
    size_t n_pos = 0;
    int status = 1;
    if (cli_settings(argc, argv, &cfg, opts, 2, pos, 2, &n_pos, &e) != OK) goto cleanup;
    if (n_pos != 2 || strcmp(pos[0], "assets") != 0) {
        err_set(&e, ERR_VALIDATION, "usage: mamori import assets [--encoding utf-8|cp932] [--dry-run] --db URL FILE");
        goto cleanup;
    }
    if (encoding && strcmp(encoding, "utf-8") != 0 && strcmp(encoding, "cp932") != 0) {
        err_set(&e, ERR_VALIDATION, "--encoding must be utf-8 or cp932");
        goto cleanup;
    }
    status = import_assets(&cfg, pos[1], encoding, dry_run, &e);
cleanup:
    if (status && e.code != OK) cli_fail(&e);
    config_free(&cfg);
    err_clear(&e);
    return status;
}
