/* kinds — the kinds of job mamori runs, one table. Each later module that needs long
 * work (imports, exports, reports) adds its kind here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audit/audit.h"
#include "core/timeutil.h"
#include "core/xalloc.h"
#include "core/fileutil.h"
#include "domain/asset_export.h"
#include "domain/asset_import.h"
#include "domain/person_import.h"
#include "files/filestore.h"
#include "io/csv_table.h"
#include "io/csv_write.h"
#include "jobs/job.h"

typedef struct verify_progress {
    job_ctx *ctx;
    long total;
} verify_progress;

static void job_verify_progress(void *arg, long done)
{
    verify_progress *p = arg;
    job_progress(p->ctx, done, p->total);
}

static long job_head_count(job_ctx *ctx, err *e)
{
    db_conn *c = db_acquire(job_store(ctx));
    db_rows *rows = NULL;
    long total = 0;
    if (db_query(c, "SELECT seq FROM audit_head WHERE id = 1", DB_NO_PARAMS, &rows, e) == OK && rows->n_rows == 1)
        total = atol(db_cell(rows, 0, 0));
    db_rows_free(rows);
    db_release(c);
    return total;
}

/* Verifies the whole audit chain: on a large trail this takes long enough that an
 * auditor starts it from the UI and comes back for the answer. */
static err_code job_audit_verify(job_ctx *ctx, json_t *params, json_t **result, err *e)
{
    (void)params;
    audit_verify_result r;
    long total = job_head_count(ctx, e);
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

/* The audit trail (optionally filtered) as CSV, UTF-8 with a BOM so Excel reads the
 * Japanese correctly; the file goes to the file store, owned by the job. */
static err_code job_audit_export(job_ctx *ctx, json_t *params, json_t **result, err *e)
{
    const char *since = json_string_value(json_object_get(params, "since"));
    const char *until = json_string_value(json_object_get(params, "until"));
    const char *action = json_string_value(json_object_get(params, "action"));
    filestore *fs = job_files(ctx);
    if (!fs) return err_set(e, ERR_INTERNAL, "this server has no file store");
    char *tmp = xasprintf("%s/export-%ld-XXXXXX", fs->dir, job_id(ctx));
    int fd = mkstemp(tmp);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    err_code rc = OK;
    db_rows *rows = NULL;
    if (!f) {
        rc = err_set(e, ERR_INTERNAL, "cannot create a temporary file in %s", fs->dir);
        if (fd >= 0) close(fd);
        goto cleanup;
    }
    long total = job_head_count(ctx, e), done = 0;
    job_progress(ctx, 0, total);
    fputs("\xEF\xBB\xBF", f);
    static const char *const headers[] = {"連番 seq", "日時 occurred_at (UTC)", "実行者ID actor_id", "実行者 actor",
                                          "操作 action", "対象種別 object_type", "対象ID object_id", "IP",
                                          "詳細 detail", "直前ハッシュ prev_hash", "ハッシュ hash"};
    for (size_t i = 0; i < 11; i++) csv_write_field(f, headers[i], i == 10);
    char after[24] = "0";
    db_conn *c = db_acquire(job_store(ctx));
    /* A read transaction: one consistent snapshot however long the export runs. */
    rc = db_begin_read(c, e);
    for (;;) {
        if (rc != OK) break;
        db_rows_free(rows);
        rows = NULL;
        rc = db_query(c,
                      "SELECT seq, occurred_at, actor_id, actor, action, object_type, object_id, ip, detail,"
                      " prev_hash, hash FROM audit_event WHERE seq > CAST($1 AS BIGINT)"
                      " AND (CAST($2 AS TEXT) IS NULL OR occurred_at >= $2)"
                      " AND (CAST($3 AS TEXT) IS NULL OR occurred_at < $3)"
                      " AND (CAST($4 AS TEXT) IS NULL OR action = $4) ORDER BY seq LIMIT 1000",
                      DB_PARAMS(after, since, until, action), &rows, e);
        if (rc != OK || rows->n_rows == 0) break;
        for (size_t r = 0; r < rows->n_rows; r++)
            for (size_t col = 0; col < 11; col++) csv_write_field(f, db_cell(rows, r, col), col == 10);
        snprintf(after, sizeof after, "%s", db_cell(rows, rows->n_rows - 1, 0));
        done = atol(after);
        job_progress(ctx, done, total);
    }
    db_release(c);
    if (fflush(f) != 0 || fsync(fileno(f)) != 0) rc = rc == OK ? err_set(e, ERR_INTERNAL, "cannot write the export") : rc;
    fclose(f);
    if (rc != OK) goto cleanup;

    char now[TIME_CANON_LEN], job_text[24];
    time_now_canon(now);
    snprintf(job_text, sizeof job_text, "%ld", job_id(ctx));
    char *name = xasprintf("audit-trail-%.10s.csv", now);
    stored_file sf;
    audit_actor actor = {0, "system", ""};
    c = db_acquire(job_store(ctx));
    rc = db_begin_write(c, e);
    if (rc == OK) rc = filestore_put_path(fs, c, &actor, tmp, name, "job", job_text, &sf, e);
    if (rc == OK) rc = db_commit(c, e);
    db_release(c);
    free(name);
    if (rc != OK) goto cleanup;
    *result = json_pack("{s:s, s:I, s:s, s:s, s:s}", "file", sf.name, "size", (json_int_t)sf.size, "sha256", sf.sha256,
                        "media_type", sf.media_type, "download", "");
    json_object_set_new(*result, "download", json_sprintf("/api/v1/jobs/%ld/file", job_id(ctx)));
    stored_file_free(&sf);
cleanup:
    db_rows_free(rows);
    unlink(tmp);
    free(tmp);
    return rc;
}

static void job_import_progress(void *arg, size_t done, size_t total)
{
    job_progress(arg, (long)done, (long)total);
}

static json_t *job_report_json(const import_report *r)
{
    json_t *problems = json_array();
    for (size_t i = 0; i < r->n_listed; i++)
        json_array_append_new(problems, json_pack("{s:I, s:s, s:s}", "row", (json_int_t)r->problems[i].row, "column",
                                                  r->problems[i].column, "message", r->problems[i].message));
    return json_pack("{s:I, s:I, s:o}", "rows", (json_int_t)r->n_rows, "n_problems", (json_int_t)r->n_problems,
                     "problems", problems);
}

/* The staff list from the CSV uploaded with the job: checked whole, then written in
 * one transaction or not at all (DESIGN §6: an import is all-or-nothing). */
static err_code job_person_import(job_ctx *ctx, json_t *params, json_t **result, err *e)
{
    const char *encoding = json_string_value(json_object_get(params, "encoding"));
    bool dry_run = json_is_true(json_object_get(params, "dry_run"));
    char id_text[24];
    snprintf(id_text, sizeof id_text, "%ld", job_id(ctx));
    stored_file f = {0};
    char *data = NULL;
    csv_table t = {0};
    import_report report = {0};
    person_import_plan *plan = NULL;
    int fd = -1;
    err_code rc = filestore_find_owned(job_store(ctx), "job_input", id_text, &f, e);
    if (rc == OK) rc = filestore_open(job_files(ctx), &f, &fd, e);
    if (rc == OK) {
        close(fd);
        char *path = xasprintf("%s/%.2s/%s", job_files(ctx)->dir, f.sha256, f.sha256);
        rc = file_read_all(path, (size_t)f.size + 1, &data, NULL, e);
        free(path);
    }
    if (rc != OK) goto cleanup;
    if (csv_table_parse(data, (size_t)f.size, encoding, &t, e) != OK) {
        /* Not CSV at all (or an unknown encoding): one problem, for the whole file. */
        *result = json_pack("{s:I, s:I, s:[{s:I, s:s, s:s}]}", "rows", (json_int_t)0, "n_problems", (json_int_t)1,
                            "problems", "row", (json_int_t)0, "column", "", "message", e->message);
        rc = ERR_VALIDATION;
        goto cleanup;
    }
    db_conn *c = db_acquire(job_store(ctx));
    rc = person_import_check(c, job_creator(ctx), &t, &plan, &report, job_import_progress, ctx, e);
    db_release(c);
    if (rc != OK) goto cleanup;
    *result = job_report_json(&report);
    json_object_set_new(*result, "encoding", json_string(t.encoding));
    json_object_set_new(*result, "dry_run", json_boolean(dry_run));
    if (report.n_problems) {
        rc = err_set(e, ERR_VALIDATION, "%zu problem%s in the file; nothing was imported", report.n_problems,
                     report.n_problems == 1 ? "" : "s");
        goto cleanup;
    }
    size_t written = 0;
    if (!dry_run) {
        audit_actor actor = {job_creator(ctx), "system", ""};
        db_rows *who = NULL;
        char creator[24];
        snprintf(creator, sizeof creator, "%ld", job_creator(ctx));
        c = db_acquire(job_store(ctx));
        rc = db_query(c, "SELECT login FROM account WHERE person_id = $1", DB_PARAMS(creator), &who, e);
        char *login = rc == OK && who->n_rows ? xstrdup(db_cell(who, 0, 0)) : xstrdup("system");
        db_rows_free(who);
        actor.label = login;
        if (rc == OK) rc = db_begin_write(c, e);
        if (rc == OK) rc = person_import_apply(c, &actor, plan, &written, e);
        if (rc == OK) rc = db_commit(c, e);
        db_release(c); /* rolls back on any failure: nothing half-written */
        free(login);
        if (rc != OK) goto cleanup;
    }
    json_object_set_new(*result, "imported", json_integer((json_int_t)written));
cleanup:
    person_import_plan_free(plan);
    import_report_free(&report);
    csv_table_free(&t);
    stored_file_free(&f);
    free(data);
    return rc;
}

static void job_export_progress(void *arg, long done, long total)
{
    job_progress(arg, done, total);
}

/* The login of the person who started the job, for the audit trail; caller frees. */
static char *job_creator_login(db_conn *c, long person, err *e)
{
    char id[24];
    snprintf(id, sizeof id, "%ld", person);
    db_rows *who = NULL;
    char *login = db_query(c, "SELECT login FROM account WHERE person_id = $1", DB_PARAMS(id), &who, e) == OK &&
                          who->n_rows
                      ? xstrdup(db_cell(who, 0, 0))
                      : xstrdup("system");
    db_rows_free(who);
    return login;
}

static json_t *job_export_notes(const asset_export_report *r)
{
    json_t *a = json_array();
    for (size_t i = 0; i < r->n_listed; i++) {
        const asset_export_note *n = &r->notes[i];
        char from[8], to[8];
        snprintf(from, sizeof from, "U+%04X", n->change.from);
        snprintf(to, sizeof to, "U+%04X", n->change.to);
        json_array_append_new(a, json_pack("{s:I, s:s, s:s, s:s, s:s, s:b}", "row", (json_int_t)n->row, "column",
                                           n->column, "message", n->message, "from", from, "to", to,
                                           "unrepresentable", n->change.unrepresentable));
    }
    return a;
}

/* The information asset ledger as a file (asset_export.h), as the person who started
 * the job sees it; the file goes to the file store, owned by the job, named like
 * 資産台帳_20261125.xlsx, and the export is audited (asset.export: count and format)
 * in the same transaction. A CP932 export with problems fails with every problem (row,
 * column, message) in its result, and stores nothing. */
static err_code job_asset_export(job_ctx *ctx, json_t *params, json_t **result, err *e)
{
    filestore *fs = job_files(ctx);
    if (!fs) return err_set(e, ERR_INTERNAL, "this server has no file store");
    asset_export_options o = {.viewer = job_creator(ctx), .progress = job_export_progress, .arg = ctx,
                              .tmpdir = fs->dir};
    if (!asset_export_format_parse(json_string_value(json_object_get(params, "format")), &o.format))
        return err_set(e, ERR_VALIDATION, "unknown export format");
    o.substitute = json_is_true(json_object_get(params, "substitute"));
    const char *personal = json_string_value(json_object_get(params, "personal_data"));
    o.filter = (asset_filter){(long)json_integer_value(json_object_get(params, "org_unit_id")),
                              json_string_value(json_object_get(params, "kind")),
                              json_string_value(json_object_get(params, "segment")),
                              json_string_value(json_object_get(params, "status")),
                              (long)json_integer_value(json_object_get(params, "class_id")),
                              !personal ? -1 : !strcmp(personal, "true") ? 1 : !strcmp(personal, "mynumber") ? 2 : 0,
                              NULL, 0, json_string_value(json_object_get(params, "q"))};
    char *tmp = xasprintf("%s/asset-export-%ld-XXXXXX", fs->dir, job_id(ctx));
    int fd = mkstemp(tmp);
    asset_export_report report = {0};
    char *login = NULL, *name = NULL;
    err_code rc = OK;
    if (fd < 0) {
        rc = err_set(e, ERR_INTERNAL, "cannot create a temporary file in %s", fs->dir);
        goto cleanup;
    }
    close(fd);
    rc = asset_export_write(job_store(ctx), &o, tmp, &report, e);
    *result = json_pack("{s:s, s:I, s:I, s:I, s:I, s:o}", "format", asset_export_format_name(o.format), "rows",
                        (json_int_t)report.n_rows, "sheets", (json_int_t)report.n_sheets, "n_problems",
                        (json_int_t)report.n_problems, "n_substitutions", (json_int_t)report.n_substitutions,
                        o.substitute ? "substitutions" : "problems", job_export_notes(&report));
    if (rc != OK) goto cleanup;

    char today[11];
    time_today_local(today);
    name = xasprintf("資産台帳_%.4s%.2s%.2s.%s", today, today + 5, today + 8, asset_export_extension(o.format));
    char job_text[24];
    snprintf(job_text, sizeof job_text, "%ld", job_id(ctx));
    db_conn *c = db_acquire(job_store(ctx));
    login = job_creator_login(c, job_creator(ctx), e);
    audit_actor actor = {job_creator(ctx), login, ""};
    stored_file sf = {0};
    json_t *detail = json_pack("{s:s, s:I, s:b, s:I, s:I}", "format", asset_export_format_name(o.format), "count",
                               (json_int_t)report.n_rows, "substitute", o.substitute, "substitutions",
                               (json_int_t)report.n_substitutions, "job", (json_int_t)job_id(ctx));
    rc = db_begin_write(c, e);
    if (rc == OK) rc = filestore_put_path(fs, c, &actor, tmp, name, "job", job_text, &sf, e);
    if (rc == ERR_TOO_BIG) {
        /* A large ledger outgrows the file store's limit (made for uploads): say what to do. */
        char *why = xstrdup(e->message ? e->message : "");
        rc = err_set(e, ERR_TOO_BIG, "%s: raise the setting file_max_bytes, or export with mamori export assets",
                     why);
        free(why);
    }
    if (rc == OK) rc = audit_append(c, &actor, "asset.export", "job", job_text, detail, e);
    if (rc == OK) rc = db_commit(c, e);
    db_release(c);
    json_decref(detail);
    if (rc == OK) {
        json_object_set_new(*result, "file", json_string(sf.name));
        json_object_set_new(*result, "size", json_integer(sf.size));
        json_object_set_new(*result, "sha256", json_string(sf.sha256));
        json_object_set_new(*result, "media_type", json_string(sf.media_type));
        json_object_set_new(*result, "download", json_sprintf("/api/v1/jobs/%ld/file", job_id(ctx)));
    }
    stored_file_free(&sf);
cleanup:
    unlink(tmp);
    free(tmp);
    free(name);
    free(login);
    asset_export_report_free(&report);
    return rc;
}

/* The job's uploaded input (the file store's job_input of this job), read whole. With
 * name and sha256 (may be NULL), the upload's name (caller frees) and the content's
 * SHA-256 too, for the import's audit event. */
static err_code job_read_input(job_ctx *ctx, char **data, size_t *len, char **name, char sha256[65], err *e)
{
    char id_text[24];
    snprintf(id_text, sizeof id_text, "%ld", job_id(ctx));
    stored_file f = {0};
    int fd = -1;
    err_code rc = filestore_find_owned(job_store(ctx), "job_input", id_text, &f, e);
    if (rc == OK) rc = filestore_open(job_files(ctx), &f, &fd, e);
    if (rc == OK) {
        close(fd);
        char *path = xasprintf("%s/%.2s/%s", job_files(ctx)->dir, f.sha256, f.sha256);
        rc = file_read_all(path, (size_t)f.size + 1, data, NULL, e);
        free(path);
        *len = (size_t)f.size;
        if (name) *name = xstrdup(f.name ? f.name : "");
        if (sha256) memcpy(sha256, f.sha256, sizeof f.sha256);
    }
    stored_file_free(&f);
    return rc;
}

typedef struct job_two_phases {
    job_ctx *ctx;
    bool writing; /* the second half of the bar: checking is 0–50 %, writing 50–100 % */
} job_two_phases;

static void job_two_phase_progress(void *arg, size_t done, size_t total)
{
    job_two_phases *p = arg;
    /* On SQLite the writing holds the store's one write lock, so progress (written from
     * another connection) would wait for it: the bar stays at the half until the commit. */
    if (p->writing && db_kind_of(job_store(p->ctx)) == DB_SQLITE) return;
    /* Out of the file's rows: checking counts for the first half, writing the second. */
    long d = (long)done / 2 + (p->writing ? (long)total / 2 : 0);
    job_progress(p->ctx, d, total ? (long)total : 1);
}

/* The ledger from the CSV uploaded with the job (asset_import.h): checked whole with the
 * importer's rights, then written in one transaction or not at all. */
static err_code job_asset_import(job_ctx *ctx, json_t *params, json_t **result, err *e)
{
    const char *encoding = json_string_value(json_object_get(params, "encoding"));
    bool dry_run = json_is_true(json_object_get(params, "dry_run"));
    bool strict = json_is_true(json_object_get(params, "strict"));
    char *data = NULL;
    size_t len = 0;
    csv_table t = {0};
    import_report report = {0};
    asset_import_plan *plan = NULL;
    char *login = NULL;
    job_two_phases phases = {ctx, false};
    char *file_name = NULL, sha256[65] = "";
    err_code rc = job_read_input(ctx, &data, &len, &file_name, sha256, e);
    if (rc != OK) goto cleanup;
    if (csv_table_parse(data, len, encoding, &t, e) != OK) {
        *result = json_pack("{s:I, s:I, s:[{s:I, s:s, s:s}]}", "rows", (json_int_t)0, "n_problems", (json_int_t)1,
                            "problems", "row", (json_int_t)0, "column", "", "message", e->message);
        rc = ERR_VALIDATION;
        goto cleanup;
    }
    free(data);
    data = NULL;
    db_conn *c = db_acquire(job_store(ctx));
    rc = asset_import_check(c, job_creator(ctx), json_string_value(json_object_get(params, "network_model")), &t, &plan,
                            &report, job_two_phase_progress, &phases, e);
    db_release(c);
    if (rc != OK) goto cleanup;
    *result = job_report_json(&report);
    json_object_set_new(*result, "encoding", json_string(t.encoding));
    json_object_set_new(*result, "dry_run", json_boolean(dry_run));
    if (report.n_problems) {
        rc = err_set(e, ERR_VALIDATION, "%zu problem%s in the file; nothing was imported", report.n_problems,
                     report.n_problems == 1 ? "" : "s");
        goto cleanup;
    }
    asset_import_counts counts = {0};
    if (!dry_run) {
        phases.writing = true;
        db_rows *who = NULL;
        char creator[24];
        snprintf(creator, sizeof creator, "%ld", job_creator(ctx));
        c = db_acquire(job_store(ctx));
        rc = db_query(c, "SELECT login FROM account WHERE person_id = $1", DB_PARAMS(creator), &who, e);
        login = rc == OK && who->n_rows ? xstrdup(db_cell(who, 0, 0)) : xstrdup("system");
        db_rows_free(who);
        audit_actor actor = {job_creator(ctx), login, ""};
        if (rc == OK) rc = db_begin_write(c, e);
        asset_import_source src = {file_name, sha256, job_id(ctx)};
        if (rc == OK) rc = asset_import_apply(c, &actor, &src, plan, strict, &counts, NULL, job_two_phase_progress, &phases, e);
        if (rc == OK) rc = db_commit(c, e);
        db_release(c); /* rolls back on any failure: nothing half-written */
        if (rc == OK) job_progress(ctx, (long)report.n_rows, (long)report.n_rows);
        if (rc != OK) {
            /* The store changed between the check and the writing: the row is in the message. */
            json_t *problems = json_object_get(*result, "problems");
            json_array_append_new(problems, json_pack("{s:I, s:s, s:s}", "row", (json_int_t)0, "column", "", "message",
                                                      e->message ? e->message : "the import failed"));
            json_object_set_new(*result, "n_problems", json_integer(1));
            goto cleanup;
        }
    } else {
        counts.created = counts.updated = 0;
    }
    json_object_set_new(*result, "imported", json_integer((json_int_t)(counts.created + counts.updated)));
    json_object_set_new(*result, "created", json_integer((json_int_t)counts.created));
    json_object_set_new(*result, "updated", json_integer((json_int_t)counts.updated));
    json_object_set_new(*result, "disposed", json_integer((json_int_t)counts.disposed));
    json_object_set_new(*result, "unchanged", json_integer((json_int_t)(dry_run ? 0 : counts.unchanged)));
    json_object_set_new(*result, "to_write", json_integer((json_int_t)asset_import_plan_writes(plan)));
cleanup:
    free(login);
    free(file_name);
    asset_import_plan_free(plan);
    import_report_free(&report);
    csv_table_free(&t);
    free(data);
    return rc;
}

const job_kind job_kinds[] = {
    {"person.import", job_person_import},
    {"asset.import", job_asset_import},
    {"audit.verify", job_audit_verify},
    {"audit.export", job_audit_export},
    {"asset.export", job_asset_export},
};
const size_t job_kinds_count = sizeof job_kinds / sizeof job_kinds[0];
