/* api_jobs — long work as jobs: start one (POST …, 202 with its address), follow it
 * (GET /api/v1/jobs/{id}), retry one that failed. A job is visible to the person who
 * started it and to holders of job.read_all; to anyone else it does not exist (404). */
#include <stdio.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

#include "auth/authz.h"
#include "core/xalloc.h"
#include "search/search_text.h"
#include "http/handlers.h"
#include "core/timeutil.h"
#include "domain/asset_export.h"
#include "files/filestore.h"
#include "http/json_input.h"
#include "jobs/job.h"


static json_t *api_json_text(const char *text)
{
    json_t *j = text ? json_loads(text, 0, NULL) : NULL;
    return j ? j : (text ? json_string(text) : json_null());
}

static json_t *api_job_json(const job_view *v)
{
    return json_pack("{s:I, s:s, s:s, s:s, s:o, s:{s:I, s:I}, s:o, s:o, s:I, s:s, s:o, s:o, s:o}", "id",
                     (json_int_t)v->id, "url", "", "kind", v->kind, "state", v->state, "params",
                     api_json_text(v->params), "progress", "done", (json_int_t)v->progress_done, "total",
                     (json_int_t)v->progress_total, "result", api_json_text(v->result), "error",
                     v->error ? json_string(v->error) : json_null(), "created_by", (json_int_t)v->created_by,
                     "created_at", v->created_at, "started_at",
                     v->started_at ? json_string(v->started_at) : json_null(), "finished_at",
                     v->finished_at ? json_string(v->finished_at) : json_null(), "retry_of",
                     v->retry_of ? json_integer(v->retry_of) : json_null());
}

/* Loads a job the caller may see; answers 404 otherwise. */
static bool api_job_visible(http_request *r, long id, job_view *v)
{
    err e = ERR_INIT;
    if (job_get(r->app->store, id, v, &e) != OK) {
        http_reply_error(r, &e);
        err_clear(&e);
        return false;
    }
    bool all = false;
    if (v->created_by != r->session.person_id &&
        (authz_has_permission(r->app->store, r->session.person_id, "job.read_all", &all, &e) != OK || !all)) {
        /* Someone else's job: as if it did not exist. */
        job_view_free(v);
        err_clear(&e);
        http_reply_problem(r, 404, "not_found", "no such job");
        return false;
    }
    return true;
}

/* Enqueues kind for the caller and answers 202 with the job's address. */
static void api_start_job(http_request *r, const char *kind, json_t *params, long retry_of)
{
    err e = ERR_INIT;
    long id = 0;
    audit_actor actor = http_actor(r);
    db_conn *c = db_acquire(r->app->store);
    err_code rc = db_begin_write(c, &e);
    if (rc == OK) rc = job_enqueue(c, &actor, kind, params, retry_of, &id, &e);
    if (rc == OK) rc = db_commit(c, &e);
    db_release(c);
    if (rc != OK) {
        http_reply_error(r, &e);
        err_clear(&e);
        return;
    }
    if (r->app->jobs) job_runner_wake(r->app->jobs);
    char *url = xasprintf("/api/v1/jobs/%ld", id);
    http_add_header(r, "Location", url);
    http_reply_json(r, 202, json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)id, "url", url, "kind", kind, "state",
                                      "queued"));
    free(url);
}

void api_audit_verifications_post(http_request *r)
{
    if (r->json && (!json_is_object(r->json) || json_object_size(r->json) != 0)) {
        http_reply_problem(r, 422, "validation_failed", "this request takes no parameters");
        return;
    }
    json_t *params = json_object();
    api_start_job(r, "audit.verify", params, 0);
    json_decref(params);
}

void api_jobs_get(http_request *r)
{
    long id;
    job_view v;
    if (!http_param_id(r, 0, &id)) {
        http_reply_problem(r, 404, "not_found", "no such job");
        return;
    }
    if (!api_job_visible(r, id, &v)) return;
    json_t *j = api_job_json(&v);
    json_object_set_new(j, "url", json_sprintf("/api/v1/jobs/%ld", v.id));
    job_view_free(&v);
    http_reply_json(r, 200, j);
}

void api_jobs_retry(http_request *r)
{
    long id;
    job_view v;
    if (!http_param_id(r, 0, &id)) {
        http_reply_problem(r, 404, "not_found", "no such job");
        return;
    }
    if (!api_job_visible(r, id, &v)) return;
    if (strcmp(v.state, "failed") != 0) {
        http_reply_problem(r, 409, "conflict", "only a failed job can be retried");
        job_view_free(&v);
        return;
    }
    json_t *params = api_json_text(v.params);
    char *kind = xstrdup(v.kind);
    job_view_free(&v);
    api_start_job(r, kind, params, id);
    json_decref(params);
    free(kind);
}

void api_audit_exports_post(http_request *r)
{
    const char *since = NULL, *until = NULL, *action = NULL;
    const json_field fields[] = {
        {"since", false, 20, &since, NULL},
        {"until", false, 20, &until, NULL},
        {"action", false, 100, &action, NULL},
    };
    err e = ERR_INIT;
    time_t t;
    if (r->json && json_input_strings(r->json, fields, 3, &e) != OK) goto refuse;
    if (since && !time_parse_canon(since, &t)) err_field_add(&e, "since", "must be a UTC time like 2026-04-01T00:00:00Z");
    if (until && !time_parse_canon(until, &t)) err_field_add(&e, "until", "must be a UTC time like 2026-04-01T00:00:00Z");
    if (e.n_fields) goto refuse;
    json_t *params = json_pack("{s:s?, s:s?, s:s?}", "since", since, "until", until, "action", action);
    api_start_job(r, "audit.export", params, 0);
    json_decref(params);
    return;
refuse:
    http_reply_error(r, &e);
    err_clear(&e);
}

/* The ledger as a file, as a job: the body names the format and the ledger's filters
 * (as GET /api/v1/assets takes them); the job runs as the caller, so the file holds
 * only the assets the caller may see. */
void api_asset_exports_post(http_request *r)
{
    const char *format = NULL, *kind = NULL, *segment = NULL, *status = NULL, *personal = NULL, *q = NULL;
    long unit = 0, klass = 0;
    err e = ERR_INIT;
    if (!r->json || !json_is_object(r->json)) {
        http_reply_problem(r, 400, "bad_request", "send a JSON object with at least the format");
        return;
    }
    /* substitute is the one boolean: checked here, the rest by json_input_strings. */
    json_t *body = json_copy(r->json), *sub = json_object_get(body, "substitute");
    bool substitute = json_is_true(sub);
    if (sub && !json_is_boolean(sub)) err_field_add(&e, "substitute", "must be true or false");
    json_object_del(body, "substitute");
    const json_field fields[] = {
        {"format", true, 20, &format, NULL},     {"org_unit_id", false, 0, NULL, &unit},
        {"kind", false, 20, &kind, NULL},        {"segment", false, 20, &segment, NULL},
        {"status", false, 20, &status, NULL},    {"class_id", false, 0, NULL, &klass},
        {"personal_data", false, 20, &personal, NULL}, {"q", false, SEARCH_QUERY_MAX_BYTES, &q, NULL},
    };
    err sub_e = ERR_INIT;
    bool typed = json_input_strings(body, fields, sizeof fields / sizeof *fields, &sub_e) == OK;
    if (!typed) {
        for (size_t i = 0; i < sub_e.n_fields; i++) err_field_add(&e, sub_e.fields[i].field, "%s", sub_e.fields[i].message);
        if (!sub_e.n_fields) err_field_add(&e, "body", "%s", sub_e.message);
    }
    err_clear(&sub_e);
    asset_export_format f;
    if (format && !asset_export_format_parse(format, &f)) err_field_add(&e, "format", "must be csv, csv-cp932 or xlsx");
    else if (format && substitute && f != ASSET_EXPORT_CSV_CP932)
        err_field_add(&e, "substitute", "is for the format csv-cp932 only");
    /* Ids are positive (a wrong type is named above already). */
    if (typed && (unit < 0 || (json_object_get(body, "org_unit_id") && unit == 0)))
        err_field_add(&e, "org_unit_id", "must be a unit id");
    if (typed && (klass < 0 || (json_object_get(body, "class_id") && klass == 0)))
        err_field_add(&e, "class_id", "must be a class id");
    if (personal && strcmp(personal, "true") && strcmp(personal, "false") && strcmp(personal, "mynumber"))
        err_field_add(&e, "personal_data", "must be true, false or mynumber");
    /* The list's own check of kind, segment and status. */
    asset_filter probe = {unit, kind, segment, status, klass, -1, NULL, 1, q};
    asset_filter_check(&probe, &e);
    search_terms terms;
    if (q && search_text_query(q, "q", &terms, &e) == OK) search_terms_free(&terms);
    if (e.n_fields) goto refuse;
    json_t *params = json_pack("{s:s, s:b, s:o, s:s?, s:s?, s:s?, s:o, s:s?, s:s?}", "format", format, "substitute",
                               substitute, "org_unit_id", unit ? json_integer(unit) : json_null(), "kind", kind,
                               "segment", segment, "status", status, "class_id",
                               klass ? json_integer(klass) : json_null(), "personal_data", personal, "q", q);
    json_decref(body);
    api_start_job(r, "asset.export", params, 0);
    json_decref(params);
    return;
refuse:
    json_decref(body);
    http_reply_error(r, &e);
    err_clear(&e);
}

void api_jobs_file(http_request *r)
{
    long id;
    job_view v;
    if (!http_param_id(r, 0, &id)) {
        http_reply_problem(r, 404, "not_found", "no such job");
        return;
    }
    if (!api_job_visible(r, id, &v)) return;
    /* A Shift_JIS ledger export says so (the file store knows only text/csv). */
    json_t *params = api_json_text(v.params);
    bool shift_jis = strcmp(v.kind, "asset.export") == 0 &&
                 json_is_string(json_object_get(params, "format")) &&
                 strcmp(json_string_value(json_object_get(params, "format")), "csv-cp932") == 0;
    json_decref(params);
    job_view_free(&v);
    err e = ERR_INIT;
    stored_file f;
    int fd = -1;
    if (!r->app->files || filestore_find_owned(r->app->store, "job", r->params[0], &f, &e) != OK) {
        err_clear(&e);
        http_reply_problem(r, 404, "not_found", "this job has no file (yet)");
        return;
    }
    if (filestore_open(r->app->files, &f, &fd, &e) != OK) {
        http_reply_error(r, &e);
        err_clear(&e);
        stored_file_free(&f);
        return;
    }
    http_reply_file(r, fd, f.size, shift_jis && !strcmp(f.media_type, "text/csv") ? "text/csv; charset=Shift_JIS" : f.media_type,
                    f.name, f.sha256);
    stored_file_free(&f);
}

/* An import: the uploaded CSV (the raw body) becomes the job's input in the file store,
 * kept as evidence of what was imported, and the job is queued, both in one transaction.
 * The query may say encoding (utf-8, cp932) and dry_run (true, false). */
static void api_import_job(http_request *r, const char *kind, const char *file_name, bool strict)
{
    const char *encoding = http_query(r, "encoding"), *dry = http_query(r, "dry_run");
    err e = ERR_INIT;
    if (encoding && strcmp(encoding, "utf-8") && strcmp(encoding, "cp932"))
        err_field_add(&e, "encoding", "must be utf-8 or cp932 (or absent, to detect it)");
    if (dry && strcmp(dry, "true") && strcmp(dry, "false")) err_field_add(&e, "dry_run", "must be true or false");
    if (r->body.len == 0) err_field_add(&e, "body", "send the CSV file as the request body");
    if (!r->app->files) err_set(&e, ERR_UNAVAILABLE, "this server has no file store");
    if (e.code != OK) {
        http_reply_error(r, &e);
        err_clear(&e);
        return;
    }
    char *tmp = xasprintf("%s/upload-XXXXXX", r->app->files->dir);
    int fd = mkstemp(tmp);
    bool written = fd >= 0 && write(fd, r->body.data, r->body.len) == (ssize_t)r->body.len;
    if (fd >= 0) close(fd);
    long id = 0;
    stored_file f = {0};
    err_code rc = written ? OK : err_set(&e, ERR_INTERNAL, "cannot keep the upload");
    audit_actor actor = http_actor(r);
    db_conn *c = db_acquire(r->app->store);
    json_t *params = json_pack("{s:s?, s:b}", "encoding", encoding, "dry_run", dry && !strcmp(dry, "true"));
    if (strict) json_object_set_new(params, "strict", json_true());
    /* The asset import checks the three-layer rules by the body's model, as single writes do. */
    if (strcmp(kind, "asset.import") == 0 && r->app->cfg->network_model)
        json_object_set_new(params, "network_model", json_string(r->app->cfg->network_model));
    if (rc == OK) rc = db_begin_write(c, &e);
    if (rc == OK) rc = job_enqueue(c, &actor, kind, params, 0, &id, &e);
    char id_text[24];
    snprintf(id_text, sizeof id_text, "%ld", id);
    if (rc == OK) rc = filestore_put_path(r->app->files, c, &actor, tmp, file_name, "job_input", id_text, &f, &e);
    if (rc == OK) rc = db_commit(c, &e);
    db_release(c);
    json_decref(params);
    unlink(tmp);
    free(tmp);
    stored_file_free(&f);
    if (rc != OK) {
        http_reply_error(r, &e);
        err_clear(&e);
        return;
    }
    if (r->app->jobs) job_runner_wake(r->app->jobs);
    char *url = xasprintf("/api/v1/jobs/%ld", id);
    http_add_header(r, "Location", url);
    http_reply_json(r, 202, json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)id, "url", url, "kind", kind, "state",
                                      "queued"));
    free(url);
}

void api_person_imports_post(http_request *r)
{
    api_import_job(r, "person.import", "person-import.csv", false);
}

void api_asset_imports_post(http_request *r)
{
    api_import_job(r, "asset.import", "asset-import.csv", r->app->cfg->asset_container_strict);
}
