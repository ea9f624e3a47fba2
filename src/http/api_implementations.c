/* api_implementations — implementation records (/api/v1/implementations; issue 6 point
 * 4): listed and read through the ledger's need-to-know (asset.read), recorded with
 * implementation.write in the unit the record counts to. A pair without a record is
 * 未着手; POST makes the first record of a pair, PATCH (If-Match) changes it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/xalloc.h"
#include "domain/compliance.h"
#include "domain/implementation.h"
#include "domain/requirement_status.h"
#include "files/filestore.h"
#include "http/api_catalog.h"
#include "http/handlers.h"
#include "http/json_input.h"

/* A record the caller may not know exists: answered 404, and on record as a
 * need-to-know refusal (as http_record_unseen does for the kinds authz_can_see knows). */
static void api_im_unseen(http_request *r, db_conn *c, const char *object_type, long id)
{
    if (db_in_transaction(c)) db_rollback(c);
    char idt[24];
    snprintf(idt, sizeof idt, "%ld", id);
    err e = ERR_INIT;
    audit_actor actor = http_actor(r);
    json_t *detail = json_pack("{s:s, s:s, s:s}", "method", r->method, "path", r->path, "reason", "need_to_know");
    if (db_begin_write(c, &e) == OK && audit_append(c, &actor, "access.denied", object_type, idt, detail, &e) == OK)
        db_commit(c, &e);
    else if (db_in_transaction(c))
        db_rollback(c);
    json_decref(detail);
    err_clear(&e);
}

static json_t *api_im_json(const implementation_row *x)
{
    json_t *o = json_pack("{s:I, s:I, s:s, s:s, s:s?, s:s, s:s, s:I, s:s, s:s?, s:s, s:s?, s:s?, s:s?, s:I, s:s, s:s?}",
                          "id", (json_int_t)x->id, "requirement_id", (json_int_t)x->requirement_id, "requirement_code",
                          x->requirement_code, "requirement_title_ja", x->requirement_title_ja, "requirement_title_en",
                          x->requirement_title_en, "measure_kind", x->measure_kind, "scope", x->scope, "unit_id",
                          (json_int_t)x->unit_id, "unit_name_ja", x->unit_name_ja, "unit_name_en", x->unit_name_en,
                          "status", x->status, "reason", x->reason, "due_on", x->due_on, "note", x->note, "version",
                          (json_int_t)x->version, "updated_at", x->updated_at, "updated_by", x->updated_by_name);
    json_object_set_new(o, "asset_id", x->asset_id ? json_integer(x->asset_id) : json_null());
    json_object_set_new(o, "asset_name", x->asset_name ? json_string(x->asset_name) : json_null());
    json_object_set_new(o, "org_unit_id", x->org_unit_id ? json_integer(x->org_unit_id) : json_null());
    json_object_set_new(o, "owner_id", x->owner_id ? json_integer(x->owner_id) : json_null());
    json_object_set_new(o, "owner_name", x->owner_name ? json_string(x->owner_name) : json_null());
    return o;
}

/* One record with its history and evidence (the viewer sees it: checked by the caller). */
static void api_im_reply(http_request *r, db_conn *c, long id, int status)
{
    implementation_row x;
    implementation_version_row *hist = NULL;
    implementation_evidence_row *ev = NULL;
    size_t n_hist = 0, n_ev = 0;
    bool hidden = false;
    err e = ERR_INIT;
    err_code rc = implementation_get(c, r->session.person_id, id, &x, &hidden, &e);
    if (rc != OK) {
        if (hidden) api_im_unseen(r, c, "implementation", id);
        http_reply_error(r, &e);
        err_clear(&e);
        return;
    }
    if ((rc = implementation_history(c, id, &hist, &n_hist, &e)) == OK)
        rc = implementation_evidence(c, id, &ev, &n_ev, &e);
    if (rc != OK) {
        http_reply_error(r, &e);
        goto cleanup;
    }
    json_t *o = api_im_json(&x);
    json_t *h = json_array(), *files = json_array();
    for (size_t i = 0; i < n_hist; i++) {
        const implementation_version_row *v = &hist[i];
        json_t *hv = json_pack("{s:I, s:s, s:s?, s:s, s:s?, s:s?, s:s?, s:s?, s:s?}", "version", (json_int_t)v->version,
                               "changed_at", v->changed_at, "changed_by", v->changed_by_name, "status", v->status,
                               "reason", v->reason, "due_on", v->due_on, "note", v->note, "owner_name", v->owner_name,
                               "change", v->change);
        if (v->file_id) {
            json_object_set_new(hv, "file_id", json_integer(v->file_id));
            json_object_set_new(hv, "file_name", v->file_name ? json_string(v->file_name) : json_null());
        }
        json_array_append_new(h, hv);
    }
    for (size_t i = 0; i < n_ev; i++)
        json_array_append_new(files, json_pack("{s:I, s:I, s:s, s:s, s:s, s:s?}", "file_id", (json_int_t)ev[i].file_id,
                                               "size", (json_int_t)ev[i].size, "name", ev[i].name, "content_type",
                                               ev[i].content_type, "added_at", ev[i].added_at, "added_by",
                                               ev[i].added_by_name));
    json_object_set_new(o, "history", h);
    json_object_set_new(o, "evidence", files);
    /* Whether the caller may change it and add evidence (the same checks as PATCH), so a
     * page offers only what will be accepted. */
    err why = ERR_INIT;
    json_object_set_new(o, "writable", json_boolean(strcmp(x.status, "excepted") != 0 &&
                                                    implementation_writable(c, r->session.person_id, id, &why) == OK));
    err_clear(&why);
    api_catalog_etag(r, x.version);
    if (status == 201) {
        char loc[64];
        snprintf(loc, sizeof loc, "/api/v1/implementations/%ld", id);
        http_add_header(r, "Location", loc);
    }
    http_reply_json(r, status, o);
cleanup:
    implementation_row_clear(&x);
    implementation_history_free(hist, n_hist);
    implementation_evidence_free(ev, n_ev);
    err_clear(&e);
}

void api_implementations_list(http_request *r)
{
    err e = ERR_INIT;
    implementation_filter f = {0};
    implementation_page page = {0};
    http_query_id(r, "asset_id", &f.asset_id, &e);
    http_query_id(r, "org_unit_id", &f.org_unit_id, &e);
    http_query_id(r, "requirement_id", &f.requirement_id, &e);
    http_query_id(r, "cursor", &f.after, &e);
    f.status = http_query(r, "status");
    if (f.status && compliance_status_ok(f.status) == false)
        err_field_add(&e, "status", "must be not_started, partial, implemented, not_applicable or excepted");
    const char *l = http_query(r, "limit");
    f.limit = 50;
    if (l && !http_positive_number(l, 500, &f.limit)) err_field_add(&e, "limit", "must be a whole number from 1 to 500");
    if (e.n_fields) {
        http_reply_error(r, &e);
        err_clear(&e);
        return;
    }
    db_conn *c = db_acquire(r->app->store);
    err_code rc = implementation_list(c, r->session.person_id, &f, &page, &e);
    db_release(c);
    if (rc != OK) {
        http_reply_error(r, &e);
        err_clear(&e);
        return;
    }
    json_t *items = json_array();
    for (size_t i = 0; i < page.n; i++) json_array_append_new(items, api_im_json(&page.items[i]));
    char next[24];
    snprintf(next, sizeof next, "%ld", page.next_after);
    http_reply_json(r, 200, json_pack("{s:o, s:o}", "items", items, "next_cursor",
                                      page.next_after ? json_string(next) : json_null()));
    implementation_page_free(&page);
}

void api_implementations_get(http_request *r)
{
    long id = 0;
    if (!http_param_id(r, 0, &id)) {
        http_reply_problem(r, 404, "not_found", "no such implementation record");
        return;
    }
    db_conn *c = db_acquire(r->app->store);
    api_im_reply(r, c, id, 200);
    db_release(c);
}

/* The record's fields from the body (the ids taken out before). */
static err_code api_im_fields(http_request *r, implementation_fields *f, err *e)
{
    memset(f, 0, sizeof *f);
    http_body_take_id(r, "owner_id", true, &f->owner_id, e);
    json_t *due = r->json && json_is_object(r->json) ? json_object_get(r->json, "due_on") : NULL;
    if (due && json_is_null(due)) json_object_set_new(r->json, "due_on", json_string(""));
    const json_field fields[] = {
        {"status", false, 20, &f->status, NULL},
        {"reason", false, 2000, &f->reason, NULL},
        {"due_on", false, 10, &f->due_on, NULL},
        {"note", false, 4000, &f->note, NULL},
    };
    err_code rc = json_input_strings(r->json, fields, 4, e);
    return e->n_fields ? ERR_VALIDATION : rc;
}

void api_implementations_post(http_request *r)
{
    err e = ERR_INIT;
    long rid = 0, aid = 0, uid = 0, id = 0;
    implementation_fields f;
    http_body_take_id(r, "requirement_id", false, &rid, &e);
    http_body_take_id(r, "asset_id", false, &aid, &e);
    http_body_take_id(r, "org_unit_id", false, &uid, &e);
    if (!rid && !e.n_fields) err_field_add(&e, "requirement_id", "is required");
    if (!e.n_fields && (aid > 0) == (uid > 0))
        err_field_add(&e, "asset_id", "give either asset_id (an asset's requirement) or org_unit_id (a unit's)");
    err_code rc = api_im_fields(r, &f, &e);
    if (e.n_fields) rc = ERR_VALIDATION;
    if (rc == OK) {
        audit_actor actor = http_actor(r);
        db_conn *c = db_acquire(r->app->store);
        rc = db_begin_write(c, &e);
        if (rc == OK) rc = implementation_create(c, &actor, rid, aid, uid, &f, &id, &e);
        if (rc == OK) rc = db_commit(c, &e);
        if (rc == OK) api_im_reply(r, c, id, 201);
        if (rc != OK && db_in_transaction(c)) db_rollback(c);
        if (rc == ERR_NOT_FOUND && aid > 0) http_record_unseen(r, c, AUTHZ_ASSET, "asset", aid);
        db_release(c);
    }
    if (rc != OK) http_reply_error(r, &e);
    err_clear(&e);
}

void api_implementations_patch(http_request *r)
{
    long id = 0, version = 0;
    if (!http_param_id(r, 0, &id)) {
        http_reply_problem(r, 404, "not_found", "no such implementation record");
        return;
    }
    err e = ERR_INIT;
    db_conn *c = db_acquire(r->app->store);
    /* Need-to-know first: a record of an asset the caller may not see does not exist. */
    implementation_row x;
    bool hidden = false;
    err_code rc = implementation_get(c, r->session.person_id, id, &x, &hidden, &e);
    if (rc == OK) implementation_row_clear(&x);
    else if (hidden) api_im_unseen(r, c, "implementation", id);
    if (rc == OK && !http_if_match(r, &version)) {
        db_release(c);
        err_clear(&e);
        return;
    }
    implementation_fields f;
    if (rc == OK) rc = api_im_fields(r, &f, &e);
    if (rc == OK) {
        audit_actor actor = http_actor(r);
        rc = db_begin_write(c, &e);
        if (rc == OK) rc = implementation_update(c, &actor, id, version, &f, &e);
        if (rc == OK) rc = db_commit(c, &e);
        if (rc == OK) api_im_reply(r, c, id, 200);
    }
    db_release(c);
    if (rc != OK) http_reply_error(r, &e);
    err_clear(&e);
}

/* Evidence: the request body is the file (its type decided by its content, as for every
 * upload), ?name= the name to show; If-Match the record's version. */
void api_implementations_evidence_post(http_request *r)
{
    long id = 0, version = 0;
    if (!http_param_id(r, 0, &id)) {
        http_reply_problem(r, 404, "not_found", "no such implementation record");
        return;
    }
    err e = ERR_INIT;
    db_conn *c = db_acquire(r->app->store);
    implementation_row x;
    bool hidden = false;
    err_code rc = implementation_get(c, r->session.person_id, id, &x, &hidden, &e);
    long stored = x.version;
    if (rc == OK) implementation_row_clear(&x);
    else if (hidden) api_im_unseen(r, c, "implementation", id);
    if (rc == OK && !http_if_match(r, &version)) {
        db_release(c);
        err_clear(&e);
        return;
    }
    /* A stale version is refused before the file is kept (checked again in the write). */
    if (rc == OK && stored != version)
        rc = err_set(&e, ERR_PRECONDITION_FAILED, "the record was changed meanwhile (version %ld, not %ld)", stored,
                     version);
    const char *name = http_query(r, "name");
    if (rc == OK) {
        if (r->body.len == 0) err_field_add(&e, "body", "send the evidence file as the request body");
        if (!name || !*name) err_field_add(&e, "name", "is required: the file's name");
        else if (strlen(name) > 200 || strchr(name, '/') || strchr(name, '\\'))
            err_field_add(&e, "name", "must be a file name of at most 200 bytes, without / or \\");
        if (!r->app->files) err_set(&e, ERR_UNAVAILABLE, "this server has no file store");
        if (e.code != OK) rc = e.code;
    }
    char *tmp = NULL;
    if (rc == OK) {
        tmp = xasprintf("%s/upload-XXXXXX", r->app->files->dir);
        int fd = mkstemp(tmp);
        bool written = fd >= 0 && write(fd, r->body.data, r->body.len) == (ssize_t)r->body.len;
        if (fd >= 0) close(fd);
        if (!written) rc = err_set(&e, ERR_INTERNAL, "cannot keep the upload");
    }
    stored_file f = {0};
    audit_actor actor = http_actor(r);
    char idt[24];
    snprintf(idt, sizeof idt, "%ld", id);
    if (rc == OK) rc = db_begin_write(c, &e);
    if (rc == OK) rc = implementation_writable(c, r->session.person_id, id, &e);
    if (rc == OK) rc = filestore_put_path(r->app->files, c, &actor, tmp, name, "implementation", idt, &f, &e);
    if (rc == OK) rc = implementation_evidence_add(c, &actor, id, version, f.id, &e);
    if (rc == OK) rc = db_commit(c, &e);
    if (rc == OK) api_im_reply(r, c, id, 201);
    db_release(c);
    if (tmp) {
        unlink(tmp);
        free(tmp);
    }
    stored_file_free(&f);
    if (rc != OK) http_reply_error(r, &e);
    err_clear(&e);
}

/* One evidence file, for who sees its record (404 otherwise, on record). */
void api_evidence_get(http_request *r)
{
    long id = 0;
    if (!http_param_id(r, 0, &id)) {
        http_reply_problem(r, 404, "not_found", "no such file");
        return;
    }
    err e = ERR_INIT;
    stored_file f = {0};
    db_conn *c = db_acquire(r->app->store);
    err_code rc = filestore_get(c, id, &f, &e);
    if (rc == OK && strcmp(f.owner_type, "implementation") != 0) rc = err_set(&e, ERR_NOT_FOUND, "no such file");
    long owner = rc == OK ? atol(f.owner_id) : 0;
    implementation_row x;
    bool hidden = false;
    if (rc == OK) {
        rc = implementation_get(c, r->session.person_id, owner, &x, &hidden, &e);
        if (rc == OK) implementation_row_clear(&x);
        else if (hidden) api_im_unseen(r, c, "stored_file", id);
    }
    db_release(c);
    int fd = -1;
    if (rc == OK && !r->app->files) rc = err_set(&e, ERR_UNAVAILABLE, "this server has no file store");
    if (rc == OK) rc = filestore_open(r->app->files, &f, &fd, &e);
    if (rc == OK) http_reply_file(r, fd, f.size, f.media_type, f.name, f.sha256);
    else http_reply_error(r, &e);
    stored_file_free(&f);
    err_clear(&e);
}

/* Where a requirement applies and its status there (GET /api/v1/requirements/{id}/
 * implementations): the assets (or units) in the caller's sight, by id, with the counts
 * by status over all of them above the page. */
void api_requirement_implementations_list(http_request *r)
{
    long id = 0;
    if (!http_param_id(r, 0, &id)) {
        http_reply_problem(r, 404, "not_found", "no such requirement");
        return;
    }
    err e = ERR_INIT;
    requirement_status_filter f = {0};
    requirement_status_page page = {0};
    http_query_id(r, "org_unit_id", &f.org_unit_id, &e);
    http_query_id(r, "cursor", &f.after, &e);
    f.status = http_query(r, "status");
    if (f.status && !compliance_status_ok(f.status))
        err_field_add(&e, "status", "must be not_started, partial, implemented, not_applicable or excepted");
    const char *l = http_query(r, "limit");
    f.limit = 50;
    if (l && !http_positive_number(l, 500, &f.limit)) err_field_add(&e, "limit", "must be a whole number from 1 to 500");
    if (e.n_fields) {
        http_reply_error(r, &e);
        err_clear(&e);
        return;
    }
    db_conn *c = db_acquire(r->app->store);
    err_code rc = requirement_status_list(c, r->session.person_id, id, &f, &page, &e);
    db_release(c);
    if (rc != OK) {
        http_reply_error(r, &e);
        err_clear(&e);
        return;
    }
    json_t *counts = json_object(), *items = json_array();
    long total = 0;
    for (int k = 0; k < COMPLIANCE_N_STATUS; k++) {
        json_object_set_new(counts, compliance_statuses[k], json_integer(page.counts[k]));
        total += page.counts[k];
    }
    bool assets = strcmp(page.scope, "asset") == 0;
    for (size_t i = 0; i < page.n; i++) {
        const requirement_status_row *x = &page.items[i];
        json_t *o = json_pack("{s:I, s:s, s:s, s:s?, s:s, s:b}", "unit_id", (json_int_t)x->unit_id, "unit_code",
                              x->unit_code, "unit_name_ja", x->unit_name_ja, "unit_name_en", x->unit_name_en,
                              "status", x->status, "writable", x->writable);
        if (assets) {
            json_object_set_new(o, "asset_id", json_integer(x->asset_id));
            json_object_set_new(o, "asset_name", json_string(x->asset_name));
            json_object_set_new(o, "asset_kind", json_string(x->asset_kind));
            json_object_set_new(o, "label", json_string(x->label));
            json_object_set_new(o, "c_rank", json_integer(x->c_rank));
        }
        json_object_set_new(o, "implementation_id", x->implementation_id ? json_integer(x->implementation_id) : json_null());
        json_object_set_new(o, "version", x->implementation_id ? json_integer(x->version) : json_null());
        json_object_set_new(o, "reason", x->reason ? json_string(x->reason) : json_null());
        json_object_set_new(o, "due_on", x->due_on ? json_string(x->due_on) : json_null());
        json_object_set_new(o, "owner_name", x->owner_name ? json_string(x->owner_name) : json_null());
        json_array_append_new(items, o);
    }
    char next[24];
    snprintf(next, sizeof next, "%ld", page.next_after);
    http_reply_json(r, 200, json_pack("{s:I, s:s, s:b, s:o, s:I, s:o, s:o}", "requirement_id", (json_int_t)id,
                                      "scope", page.scope, "applicable", page.applicable, "counts", counts, "total",
                                      (json_int_t)total, "items", items, "next_cursor",
                                      page.next_after ? json_string(next) : json_null()));
    requirement_status_page_free(&page);
}
