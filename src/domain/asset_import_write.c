/* asset_import_write — the new assets of an import, written in bulk, and the import's
 * one audit event (see asset_import_internal.h; the event's form in docs/audit-trail.md).
 *
 * Exports asset_import_write_new (asset, first version, search entry and compliance
 * figures of every new asset), asset_import_audit (the asset.import event) and
 * asset_import_check_event (what `mamori audit verify` asks of such an event: the
 * versions it vouches for, by digest).
 *
 * The writing is set-based: each row is staged once (db_stage_*: a bare temporary
 * table), then one INSERT … SELECT each fills asset, asset_version and search_doc
 * (search_batch_*) for a part of 65,536 rows, so the store pays for a statement (its
 * journal, its checks, its index descents) once per part and table, not once per row
 * and table; the FTS5 tokens follow, one prepared INSERT a document. What the C side
 * computes per row — the sort key, the search text and its tokens, the version's
 * digest, the asset's share of the compliance figures — is done on a second thread
 * (pthreads) while the first writes the part before: the store's single writer is the
 * import's critical path, and it does not wait for text to be normalised.
 *
 * Rows are exactly what asset_create writes for the same fields: the asset (status
 * in_use, version 1), its first version (change create), its search entry and its
 * share of the compliance figures (compliance_tally_*: added from the fields, as
 * compliance_asset_after adds it from the stored asset). What asset_create also writes
 * per asset — an asset.create event — is here one asset.import event for the whole
 * import, holding the SHA-256 digest of every first version it wrote (DESIGN §6):
 * editing such a version afterwards is caught by audit verify as editing an event is. */
#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/timeutil.h"
#include "core/xalloc.h"
#include "domain/asset.h"
#include "domain/asset_import.h"
#include "domain/asset_import_internal.h"
#include "domain/compliance.h"
#include "search/search_index.h"

/* The digest's form: the columns of asset_version in this order (the id left out: a
 * version is known by its asset and number), rows by asset id. */
#define AIW_VERSIONS_FORM "mamori-asset-versions-v1"
#define AIW_VERSION_COLUMNS                                                                                    \
    "asset_id, version, change, changed_at, changed_by, kind, name, description, owner_unit_id, manager_id,"  \
    " location, segment, format, personal_data, mynumber, retention, disposal_method, c_class_id, i_class_id," \
    " a_class_id, class_reason, status, disposed_on, disposed_method, disposal_witness"
#define AIW_N_VERSION_COLUMNS 25

/* The staged row: what the file gives for a new asset, with its id and sort key, then
 * the search document's columns (search_batch_columns). */
#define AIW_STAGE_COLUMNS                                                                                          \
    "id BIGINT, kind TEXT, name TEXT, sort_key TEXT, description TEXT, owner_unit_id BIGINT, manager_id BIGINT,"   \
    " location TEXT, segment TEXT, format TEXT, personal_data INTEGER, mynumber INTEGER, retention TEXT,"          \
    " disposal_method TEXT, c_class_id BIGINT, i_class_id BIGINT, a_class_id BIGINT, class_reason TEXT"
#define AIW_N_STAGE_COLUMNS 21 /* with the search document's three */

/* $1 the time, $2 the importer (NULL: the system): asset_create's row and
 * asset_snapshot's, for the rows staged. */
static const char aiw_insert_assets[] =
    "INSERT INTO asset (id, kind, name, sort_key, description, owner_unit_id, manager_id, location, segment, format,"
    " personal_data, mynumber, retention, disposal_method, c_class_id, i_class_id, a_class_id, class_reason, status,"
    " created_at, created_by, updated_at, version)"
    " SELECT id, kind, name, sort_key, description, owner_unit_id, manager_id, location, segment, format,"
    " personal_data, mynumber, retention, disposal_method, c_class_id, i_class_id, a_class_id, class_reason, 'in_use',"
    " $1, CAST($2 AS BIGINT), $1, 1 FROM asset_import_stage";
static const char aiw_insert_versions[] =
    "INSERT INTO asset_version (" AIW_VERSION_COLUMNS ")"
    " SELECT id, 1, 'create', $1, CAST($2 AS BIGINT), kind, name, description, owner_unit_id, manager_id, location,"
    " segment, format, personal_data, mynumber, retention, disposal_method, c_class_id, i_class_id, a_class_id,"
    " class_reason, 'in_use', NULL, NULL, NULL FROM asset_import_stage";

/* The writer goes through the rows in parts: each part staged, then written (assets,
 * versions, search documents, tokens), so the second thread prepares the next part
 * meanwhile and what it holds stays bounded (about 2 KB a row: a search text and its
 * tokens). The first part is small, so the writer soon has rows to write, and each is
 * a quarter larger than the one before — what the second thread prepares while the
 * writer writes a part (it spends about four fifths of the writer's time on a row) —
 * up to AIW_PART. AIW_CHUNK rows at a time are handed over between the threads. */
#define AIW_CHUNK 512
#define AIW_FIRST_PART 1024
#define AIW_PART 65536
#define AIW_WINDOW (2 * AIW_PART)
/* From this many new assets on, and when they at least double the ledger, its indexes
 * are built after the rows rather than row by row (measured: the same at 100,000, a
 * quarter less at a million). */
#define AIW_REINDEX_MIN 100000

/* ---- the second thread ---- */

typedef struct aiw_work {
    /* Read-only for both threads once started. */
    const asset_fields *const *fs;
    size_t n;
    const long *ids;
    const db_conn *c;       /* only which backend it is (search_index_tokens) */
    const char *now, *by;   /* the versions' changed_at and changed_by (NULL: the system) */
    /* Row i's slots: written by the worker before it publishes row i, read (and freed)
     * by the writer after; never touched by both at once. */
    char **sort_keys, **texts, **tokens;
    audit_digest *digest;       /* the worker's alone until it has finished */
    compliance_tally *tally;    /* likewise */
    /* Guarded by lock. */
    pthread_mutex_t lock;
    pthread_cond_t cond;
    size_t made;    /* rows the worker has prepared */
    size_t used;    /* rows the writer is done with (their slots freed) */
    bool stop;      /* the writer gave up: the worker ends */
    bool failed;    /* the worker could not prepare row made */
    err fail;       /* why, when failed */
    /* The writer's alone. */
    asset_import_timing *timing; /* NULL: not asked for */
    /* The worker's alone until it has ended. */
    double worker_cpu;
} aiw_work;

/* Seconds of the clock of kind (CLOCK_MONOTONIC, CLOCK_THREAD_CPUTIME_ID), for timing. */
static double aiw_clock(clockid_t kind)
{
    struct timespec t;
    clock_gettime(kind, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Adds the time since *mark to *to and moves the mark. */
static void aiw_lap(double *to, double *mark)
{
    double now = aiw_clock(CLOCK_MONOTONIC);
    *to += now - *mark;
    *mark = now;
}

/* Decimal text of v into out (at least 24 bytes): faster than snprintf, which the
 * rows would call millions of times. Returns out. */
static char *aiw_ltoa(long v, char *out)
{
    char tmp[24];
    size_t k = 0;
    unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
    do {
        tmp[k++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    size_t o = 0;
    if (v < 0) out[o++] = '-';
    while (k) out[o++] = tmp[--k];
    out[o] = '\0';
    return out;
}

/* The version row of asset i, as asset_version holds it (AIW_VERSION_COLUMNS), into
 * the digest. */
static void aiw_digest_version(aiw_work *w, size_t i)
{
    const asset_fields *f = w->fs[i];
    char id[24], unit[24], manager[24], ck[24], ik[24], ak[24];
    int mynumber = f->mynumber > 0, personal = f->personal_data > 0 || mynumber;
    const char *cells[AIW_N_VERSION_COLUMNS] = {
        aiw_ltoa(w->ids[i], id), "1", "create", w->now, w->by, f->kind, f->name, db_opt_text(f->description),
        aiw_ltoa(f->owner_unit_id, unit), f->manager_id > 0 ? aiw_ltoa(f->manager_id, manager) : NULL,
        db_opt_text(f->location), f->segment, f->format, personal ? "1" : "0", mynumber ? "1" : "0",
        db_opt_text(f->retention), db_opt_text(f->disposal_method), aiw_ltoa(f->c_class_id, ck),
        aiw_ltoa(f->i_class_id, ik), aiw_ltoa(f->a_class_id, ak), db_opt_text(f->class_reason), "in_use", NULL, NULL,
        NULL};
    audit_digest_row(w->digest, cells, AIW_N_VERSION_COLUMNS);
}

/* Prepares row i: its sort key (asset_sort_key's), search text (asset_search_put's) and
 * tokens, its version's digest and its share of the compliance figures. */
static err_code aiw_prepare(aiw_work *w, size_t i, err *e)
{
    const asset_fields *f = w->fs[i];
    err_code rc = search_text_normalize(f->name, "name", &w->sort_keys[i], e);
    if (rc != OK) return rc;
    const char *texts[] = {f->name, db_opt_text(f->description), db_opt_text(f->location)};
    if ((rc = search_text_document(texts, 3, &w->texts[i], e)) != OK) return rc;
    w->tokens[i] = search_index_tokens(w->c, "asset", w->texts[i]);
    aiw_digest_version(w, i);
    compliance_tally_add(w->tally, f->owner_unit_id, f->kind, f->segment, f->personal_data > 0 || f->mynumber > 0,
                         f->c_class_id, f->i_class_id, f->a_class_id);
    return OK;
}

/* Frees the slots of rows [*freed, to): the writer is done with them. The worker frees
 * what it allocated (memory freed by another thread costs glibc a lock on the arena it
 * came from: a tenth of a second at 100,000 rows, on the writer's time). */
static void aiw_free_rows(aiw_work *w, size_t *freed, size_t to)
{
    for (size_t i = *freed; i < to; i++) {
        free(w->sort_keys[i]);
        free(w->texts[i]);
        free(w->tokens[i]);
        w->sort_keys[i] = w->texts[i] = w->tokens[i] = NULL;
    }
    if (to > *freed) *freed = to;
}

static void *aiw_worker(void *arg)
{
    aiw_work *w = arg;
    double cpu = aiw_clock(CLOCK_THREAD_CPUTIME_ID);
    size_t freed = 0;
    for (size_t from = 0; from < w->n; from += AIW_CHUNK) {
        pthread_mutex_lock(&w->lock);
        while (!w->stop && from >= w->used + AIW_WINDOW) pthread_cond_wait(&w->cond, &w->lock);
        bool stop = w->stop;
        size_t used = w->used;
        pthread_mutex_unlock(&w->lock);
        aiw_free_rows(w, &freed, used);
        if (stop) break;
        size_t to = from + AIW_CHUNK < w->n ? from + AIW_CHUNK : w->n;
        err e = ERR_INIT;
        size_t i = from;
        err_code rc = OK;
        for (; i < to && rc == OK; i++) rc = aiw_prepare(w, i, &e);
        pthread_mutex_lock(&w->lock);
        if (rc == OK) {
            w->made = to;
        } else {
            w->made = i - 1;
            w->failed = true;
            w->fail = e;
        }
        pthread_cond_broadcast(&w->cond);
        pthread_mutex_unlock(&w->lock);
        if (rc != OK) break;
    }
    /* Every row prepared: the rest is freed as the writer is done with it. */
    for (;;) {
        pthread_mutex_lock(&w->lock);
        while (!w->stop && w->used == freed) pthread_cond_wait(&w->cond, &w->lock);
        bool stop = w->stop;
        size_t used = w->used;
        pthread_mutex_unlock(&w->lock);
        aiw_free_rows(w, &freed, used);
        if (stop || freed >= w->n) break;
    }
    w->worker_cpu = aiw_clock(CLOCK_THREAD_CPUTIME_ID) - cpu;
    return NULL;
}

/* Waits until row i is prepared; the worker's error (naming the asset) when it could
 * not be. */
static err_code aiw_wait(aiw_work *w, size_t i, err *e)
{
    pthread_mutex_lock(&w->lock);
    if (w->made <= i && !w->failed && w->timing) {
        double mark = aiw_clock(CLOCK_MONOTONIC);
        while (w->made <= i && !w->failed) pthread_cond_wait(&w->cond, &w->lock);
        aiw_lap(&w->timing->waited, &mark);
    }
    while (w->made <= i && !w->failed) pthread_cond_wait(&w->cond, &w->lock);
    err_code rc = OK;
    if (w->made <= i) {
        const char *why = w->fail.n_fields ? w->fail.fields[0].message
                          : w->fail.message ? w->fail.message
                                            : "cannot be indexed";
        rc = err_set(e, ERR_VALIDATION, "the asset \"%s\": %s", w->fs[w->made]->name, why);
    }
    pthread_mutex_unlock(&w->lock);
    return rc;
}

/* The writer is done with the rows before `to`: the worker frees them and may go on. */
static void aiw_used(aiw_work *w, size_t to)
{
    pthread_mutex_lock(&w->lock);
    w->used = to;
    pthread_cond_broadcast(&w->cond);
    pthread_mutex_unlock(&w->lock);
}

/* ---- the writer ---- */

/* Stages row i (AIW_STAGE_COLUMNS and the search document's). */
static err_code aiw_stage(db_stage *st, const search_batch *sb, aiw_work *w, size_t i, err *e)
{
    const asset_fields *f = w->fs[i];
    char id[24], unit[24], manager[24], ck[24], ik[24], ak[24], doc[24];
    int mynumber = f->mynumber > 0, personal = f->personal_data > 0 || mynumber;
    const char *cells[AIW_N_STAGE_COLUMNS] = {
        aiw_ltoa(w->ids[i], id), f->kind, f->name, w->sort_keys[i],
        db_opt_text(f->description), aiw_ltoa(f->owner_unit_id, unit),
        f->manager_id > 0 ? aiw_ltoa(f->manager_id, manager) : NULL, db_opt_text(f->location), f->segment, f->format,
        personal ? "1" : "0", mynumber ? "1" : "0", db_opt_text(f->retention), db_opt_text(f->disposal_method),
        aiw_ltoa(f->c_class_id, ck), aiw_ltoa(f->i_class_id, ik), aiw_ltoa(f->a_class_id, ak),
        db_opt_text(f->class_reason), aiw_ltoa(search_batch_doc_id(sb, i), doc), w->texts[i],
        search_batch_tokens_in_row(sb) ? w->tokens[i] : NULL};
    return db_stage_row(st, cells, e);
}

/* Writes rows [from, to) of the staging table: the assets, their first versions, their
 * search documents and tokens. */
static err_code aiw_write_part(db_conn *c, db_stage *st, search_batch *sb, aiw_work *w, size_t from, size_t to,
                               err *e)
{
    asset_import_timing scratch = {0}, *t = w->timing ? w->timing : &scratch;
    double mark = aiw_clock(CLOCK_MONOTONIC);
    err_code rc = OK;
    for (size_t i = from; i < to && rc == OK; i++) {
        if ((rc = aiw_wait(w, i, e)) == OK) rc = aiw_stage(st, sb, w, i, e);
    }
    if (rc == OK) rc = db_stage_pause(st, e);
    aiw_lap(&t->stage, &mark);
    if (rc == OK) rc = db_query(c, aiw_insert_assets, DB_PARAMS(w->now, w->by), NULL, e);
    aiw_lap(&t->assets, &mark);
    if (rc == OK) rc = db_query(c, aiw_insert_versions, DB_PARAMS(w->now, w->by), NULL, e);
    aiw_lap(&t->versions, &mark);
    if (rc == OK) rc = search_batch_write(sb, "asset_import_stage", "id", e);
    aiw_lap(&t->documents, &mark);
    for (size_t i = from; i < to && rc == OK; i++) rc = search_batch_add_tokens(sb, i, w->tokens[i], e);
    /* The part's rows are written: the staging table is emptied for the next. */
    if (rc == OK) rc = db_stage_clear(st, e);
    aiw_lap(&t->tokens, &mark);
    return rc;
}

err_code asset_import_write_new(db_conn *c, const audit_actor *actor, const asset_fields *const *fs, size_t n,
                                long *ids, char digest[AUDIT_HASH_HEX], asset_import_timing *timing,
                                void (*progress)(void *arg, size_t done), void *arg, err *e)
{
    char now[TIME_CANON_LEN], by[24];
    time_now_canon(now);
    aiw_ltoa(actor->id, by);
    if (n == 0) {
        audit_digest_final(audit_digest_new(AIW_VERSIONS_FORM), digest);
        return OK;
    }
    aiw_work w = {.fs = fs, .n = n, .ids = ids, .c = c, .now = now, .by = actor->id > 0 ? by : NULL, .timing = timing};
    w.sort_keys = xcalloc(n + 1, sizeof *w.sort_keys);
    w.texts = xcalloc(n + 1, sizeof *w.texts);
    w.tokens = xcalloc(n + 1, sizeof *w.tokens);
    w.digest = audit_digest_new(AIW_VERSIONS_FORM);
    pthread_mutex_init(&w.lock, NULL);
    pthread_cond_init(&w.cond, NULL);
    db_stage *st = NULL;
    search_batch *sb = NULL;
    db_index_set *aside = NULL;
    bool started = false;
    pthread_t worker;

    err_code rc = db_reserve_ids(c, "asset", n, ids, e);
    if (rc == OK) rc = compliance_tally_open(c, &w.tally, e);
    if (rc == OK) rc = search_batch_open(c, "asset", n, &sb, e);
    if (rc == OK) {
        if (pthread_create(&worker, NULL, aiw_worker, &w) != 0) rc = err_set(e, ERR_INTERNAL, "cannot start a thread");
        else started = true;
    }
    if (rc == OK) {
        char *columns = xasprintf("%s, %s", AIW_STAGE_COLUMNS, search_batch_columns(sb));
        rc = db_stage_begin(c, "asset_import_stage", columns, AIW_N_STAGE_COLUMNS, &st, e);
        free(columns);
    }
    /* An import that at least doubles the ledger builds the ledger's indexes of names,
     * which the rows come in no order of, once at the end (db_indexes_set_aside): at a
     * million rows a quarter of the assets' time. (The indexes of units, people and
     * classes take their rows in order within a few keys: as cheap row by row.) The ids
     * after the largest (SQLite) say about how many assets there are. */
    static const char *const by_name[] = {"asset_sort", "asset_sight", NULL};
    if (rc == OK && n >= AIW_REINDEX_MIN && (size_t)ids[0] <= n)
        rc = db_indexes_set_aside(c, "asset", by_name, &aside, e);
    size_t part = AIW_FIRST_PART;
    for (size_t from = 0; from < n && rc == OK;) {
        size_t to = from + part < n ? from + part : n;
        rc = aiw_write_part(c, st, sb, &w, from, to, e);
        aiw_used(&w, to);
        if (rc == OK && progress) progress(arg, to);
        from = to;
        part = part + part / 4 < AIW_PART ? part + part / 4 : AIW_PART;
    }
    double mark = aiw_clock(CLOCK_MONOTONIC);
    if (aside) {
        err_code restored = db_indexes_restore(c, aside, rc == OK ? e : NULL);
        if (rc == OK) rc = restored;
    }
    if (timing) aiw_lap(&timing->indexes, &mark);
    if (st) {
        err_code end = db_stage_end(st, rc == OK ? e : NULL);
        if (rc == OK) rc = end;
    }
    if (rc == OK) rc = search_batch_finish(sb, e);
    search_batch_free(sb);

    if (started) {
        pthread_mutex_lock(&w.lock);
        w.stop = true;
        pthread_cond_broadcast(&w.cond);
        pthread_mutex_unlock(&w.lock);
        pthread_join(worker, NULL);
    }
    /* The worker is gone: its digest and tally are whole when every row was prepared. */
    if (timing) timing->worker_cpu += w.worker_cpu;
    audit_digest_final(w.digest, digest);
    if (rc == OK) rc = compliance_tally_write(c, w.tally, e);
    compliance_tally_free(w.tally);
    err_clear(&w.fail);
    size_t freed = 0;
    aiw_free_rows(&w, &freed, n); /* what the worker left, when it stopped early */
    free(w.sort_keys);
    free(w.texts);
    free(w.tokens);
    pthread_mutex_destroy(&w.lock);
    pthread_cond_destroy(&w.cond);
    return rc;
}

/* ---- the event ---- */

/* The ids as runs of consecutive ids: [[first, last], …] (ids ascending). */
static json_t *aiw_runs(const long *ids, size_t n)
{
    json_t *runs = json_array();
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j + 1 < n && ids[j + 1] == ids[j] + 1) j++;
        json_array_append_new(runs, json_pack("[I, I]", (json_int_t)ids[i], (json_int_t)ids[j]));
        i = j + 1;
    }
    return runs;
}

err_code asset_import_audit(db_conn *c, const audit_actor *actor, const asset_import_source *src,
                            const asset_import_counts *counts, const long *created_ids, const char *digest, err *e)
{
    json_t *detail = json_pack("{s:s, s:s, s:I, s:I, s:I, s:I}", "file", src && src->name ? src->name : "",
                               "sha256", src && src->sha256 ? src->sha256 : "", "created", (json_int_t)counts->created,
                               "updated", (json_int_t)counts->updated, "disposed", (json_int_t)counts->disposed,
                               "unchanged", (json_int_t)counts->unchanged);
    if (src && src->job > 0) json_object_set_new(detail, "job", json_integer(src->job));
    if (counts->created) {
        json_object_set_new(detail, "created_ids", aiw_runs(created_ids, counts->created));
        json_object_set_new(detail, "versions_form", json_string(AIW_VERSIONS_FORM));
        json_object_set_new(detail, "versions_sha256", json_string(digest));
    }
    err_code rc = audit_append(c, actor, "asset.import", "asset", "-", detail, e);
    json_decref(detail);
    return rc;
}

/* ---- audit verify ---- */

#define AIW_CHECK_SPAN 4096 /* asset ids read at a time */

err_code asset_import_check_event(db_conn *c, const char *detail, char **problem, err *e)
{
    *problem = NULL;
    json_error_t je;
    json_t *d = json_loads(detail, 0, &je);
    json_t *created = json_object_get(d, "created"), *runs = json_object_get(d, "created_ids");
    const char *form = json_string_value(json_object_get(d, "versions_form"));
    const char *want = json_string_value(json_object_get(d, "versions_sha256"));
    err_code rc = OK;
    if (!json_is_integer(created)) {
        *problem = xstrdup("its detail does not say how many assets it created");
        goto cleanup;
    }
    json_int_t expected = json_integer_value(created);
    if (expected == 0) goto cleanup; /* it created nothing: no versions to vouch for */
    if (!json_is_array(runs) || !form || !want) {
        *problem = xstrdup("its detail does not name the versions it wrote and their digest");
        goto cleanup;
    }
    if (strcmp(form, AIW_VERSIONS_FORM) != 0) {
        *problem = xasprintf("its versions' digest is of the form %s, which this mamori does not know", form);
        goto cleanup;
    }
    audit_digest *dg = audit_digest_new(form);
    json_int_t seen = 0;
    size_t k;
    json_t *run;
    json_array_foreach(runs, k, run) {
        json_int_t lo = json_integer_value(json_array_get(run, 0)), hi = json_integer_value(json_array_get(run, 1));
        for (json_int_t from = lo; from <= hi && rc == OK; from += AIW_CHECK_SPAN) {
            json_int_t to = from + AIW_CHECK_SPAN - 1 < hi ? from + AIW_CHECK_SPAN - 1 : hi;
            char a[24], b[24];
            snprintf(a, sizeof a, "%lld", (long long)from);
            snprintf(b, sizeof b, "%lld", (long long)to);
            db_rows *rows = NULL;
            rc = db_query(c,
                          "SELECT " AIW_VERSION_COLUMNS " FROM asset_version WHERE asset_id BETWEEN CAST($1 AS BIGINT)"
                          " AND CAST($2 AS BIGINT) AND version = 1 ORDER BY asset_id",
                          DB_PARAMS(a, b), &rows, e);
            for (size_t r = 0; rc == OK && r < rows->n_rows; r++)
                audit_digest_row(dg, (const char *const *)&rows->cells[r * rows->n_cols], rows->n_cols);
            if (rc == OK) seen += (json_int_t)rows->n_rows;
            db_rows_free(rows);
        }
    }
    char got[AUDIT_HASH_HEX];
    audit_digest_final(dg, got);
    if (rc != OK) goto cleanup;
    if (seen != expected)
        *problem = xasprintf("it created %lld assets, but %lld of their first versions are in the store (a version was"
                             " removed, or moved)",
                             (long long)expected, (long long)seen);
    else if (strcmp(got, want) != 0)
        *problem = xasprintf("the first versions of the %lld assets it created do not match its digest (a version"
                             " was changed)",
                             (long long)expected);
cleanup:
    json_decref(d);
    return rc;
}
