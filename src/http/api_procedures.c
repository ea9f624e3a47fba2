/* api_procedures — procedures (実施手順, 第7条): /api/v1/procedures, the audited read of
 * one (第11条: every read of a body is a procedure.read event, committed before the body
 * is sent), and /api/v1/markdown/preview for the edit form. Read with procedure.read
 * (what each reader sees: AUTHZ_PROCEDURE_VISIBLE), written with procedure.manage in the
 * owner unit; every change is a new version, made only with If-Match. Also exports
 * api_procedures_of_requirement for the requirement's page. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "core/xalloc.h"
#include "domain/procedure.h"
#include "http/api_catalog.h"
#include "http/handlers.h"
#include "http/json_input.h"
#include "io/markdown.h"

static json_t *api_proc_json(const procedure_row *p)
{
    return json_pack("{s:I, s:s, s:s, s:s?, s:{s:I, s:s, s:s?}, s:s, s:s, s:I, s:s, s:I}", "id", (json_int_t)p->id,
                     "code", p->code, "title_ja", p->title_ja, "title_en", p->title_en, "owner_unit", "id",
                     (json_int_t)p->owner_unit_id, "name_ja", p->owner_unit_name_ja, "name_en", p->owner_unit_name_en,
                     "disclosure", p->disclosure, "status", p->status, "version", (json_int_t)p->version, "updated_at",
                     p->updated_at, "requirements", (json_int_t)p->n_requirements);
}

/* The procedures of a requirement the viewer may see (codes, titles, status — no
 * bodies, so not a read on record) into *out (caller owns it). */
err_code api_procedures_of_requirement(db_conn *c, long viewer, long requirement_id, json_t **out, err *e)
{
    procedure_filter f = {.viewer = viewer, .requirement_id = requirement_id, .limit = 500};
    procedure_page page = {0};
    *out = NULL;
    err_code rc = procedure_list(c, &f, &page, e);
    if (rc != OK) return rc;
    json_t *items = json_array();
    for (size_t i = 0; i < page.n; i++) {
        const procedure_row *p = &page.items[i];
        json_array_append_new(items, json_pack("{s:I, s:s, s:s, s:s?, s:s}", "id", (json_int_t)p->id, "code", p->code,
                                               "title_ja", p->title_ja, "title_en", p->title_en, "status", p->status));
    }
    procedure_page_free(&page);
    *out = items;
    return OK;
}

void api_procedures_list(http_request *r)
{
    err e = ERR_INIT;
    procedure_filter f = {.viewer = r->session.person_id};
    procedure_page page = {0};
    const char *lim = http_query(r, "limit"), *req = http_query(r, "requirement_id");
    f.status = http_query(r, "status");
    f.q = http_query(r, "q");
    f.cursor = http_query(r, "cursor");
    if (req && !http_positive_number(req, 1000000000000L, &f.requirement_id))
        err_field_add(&e, "requirement_id", "must be an id");
    f.limit = 50;
    if (lim && !http_positive_number(lim, 500, &f.limit)) err_field_add(&e, "limit", "must be a whole number from 1 to 500");
    if (f.q && strlen(f.q) > 1024) err_field_add(&e, "q", "must be at most 1024 bytes");
    if (e.n_fields) goto fail;
    db_conn *c = db_acquire(r->app->store);
    err_code rc = procedure_list(c, &f, &page, &e);
    db_release(c);
    if (rc != OK) goto fail;
    json_t *items = json_array();
    for (size_t i = 0; i < page.n; i++) json_array_append_new(items, api_proc_json(&page.items[i]));
    http_reply_json(r, 200, json_pack("{s:o, s:o}", "items", items, "next_cursor",
                                      page.next_cursor ? json_string(page.next_cursor) : json_null()));
    procedure_page_free(&page);
    return;
fail:
    http_reply_error(r, &e);
    err_clear(&e);
}

static json_t *api_proc_detail_json(const procedure_row *p, const procedure_version_row *v, size_t n_v)
{
    json_t *o = api_proc_json(p);
    json_t *reqs = json_array(), *versions = json_array();
    for (size_t i = 0; i < p->n_reqs; i++) {
        const procedure_req_link *l = &p->requirements[i];
        json_array_append_new(reqs, json_pack("{s:I, s:s, s:s, s:s?}", "id", (json_int_t)l->id, "code", l->code,
                                              "title_ja", l->title_ja, "title_en", l->title_en));
    }
    for (size_t i = 0; i < n_v; i++) {
        /* A reader who is not one of its keepers sees only the versions that were in force. */
        if (!p->privileged && strcmp(v[i].status, "in_force")) continue;
        json_array_append_new(versions,
                              json_pack("{s:I, s:s, s:s, s:o, s:s?, s:s, s:s}", "version", (json_int_t)v[i].version,
                                        "change", v[i].change, "changed_at", v[i].changed_at, "changed_by",
                                        v[i].changed_by ? json_integer(v[i].changed_by) : json_null(), "changed_by_name",
                                        v[i].changed_by_name, "status", v[i].status, "title_ja", v[i].title_ja));
    }
    /* Rendered here, harmless by construction (io/markdown.h); the UI inserts it as HTML. */
    char *html = markdown_to_html(p->body, strlen(p->body));
    json_object_set_new(o, "read_version", json_integer(p->read_version));
    json_object_set_new(o, "body", json_string(p->body));
    json_object_set_new(o, "body_html", json_string(html));
    json_object_set_new(o, "requirements_linked", reqs);
    json_object_set_new(o, "versions", versions);
    json_object_set_new(o, "can_manage", json_boolean(p->privileged));
    free(html);
    return o;
}

/* Reads procedure id (version 0: current) as the caller, records the read, and answers
 * with it; the body is sent only once the read is committed to the trail. */
static void api_proc_reply(http_request *r, long id, long version, int status)
{
    procedure_row p;
    procedure_version_row *v = NULL;
    size_t n_v = 0;
    err e = ERR_INIT;
    audit_actor actor = http_actor(r);
    db_conn *c = db_acquire(r->app->store);
    err_code rc = db_begin_write(c, &e);
    if (rc == OK) rc = procedure_read(c, &actor, id, version, &p, &e);
    if (rc == OK && (rc = procedure_versions(c, id, &v, &n_v, &e)) != OK) procedure_row_clear(&p);
    if (rc == OK && (rc = db_commit(c, &e)) != OK) {
        procedure_row_clear(&p);
        procedure_versions_free(v, n_v);
    }
    if (rc != OK) {
        if (db_in_transaction(c)) db_rollback(c);
        if (rc == ERR_NOT_FOUND) http_record_unseen(r, c, AUTHZ_PROCEDURE, "procedure", id);
        db_release(c);
        http_reply_error(r, &e);
        err_clear(&e);
        return;
    }
    db_release(c);
    api_catalog_etag(r, p.version);
    if (status == 201) {
        char loc[64];
        snprintf(loc, sizeof loc, "/api/v1/procedures/%ld", id);
        http_add_header(r, "Location", loc);
    }
    http_reply_json(r, status, api_proc_detail_json(&p, v, n_v));
    procedure_row_clear(&p);
    procedure_versions_free(v, n_v);
}

void api_procedures_get(http_request *r)
{
    long id = 0, version = 0;
    if (!http_param_id(r, 0, &id)) {
        http_reply_problem(r, 404, "not_found", "no such procedure");
        return;
    }
    const char *vq = http_query(r, "version");
    if (vq && !http_positive_number(vq, 1000000000L, &version)) {
        err e = ERR_INIT;
        err_field_add(&e, "version", "must be a version number (1, 2, …)");
        http_reply_error(r, &e);
        err_clear(&e);
        return;
    }
    api_proc_reply(r, id, version, 200);
}

/* The body's fields; requirement_ids taken out first (its ids owned by *ids). */
static err_code api_proc_fields(http_request *r, procedure_fields *f, long **ids, bool creating, err *e)
{
    *ids = NULL;
    if (!r->json || !json_is_object(r->json)) return err_set(e, ERR_BAD_REQUEST, "the body must be a JSON object");
    json_t *a = json_object_get(r->json, "requirement_ids");
    if (a) {
        if (!json_is_array(a) || json_array_size(a) > PROCEDURE_MAX_LINKS) {
            err_field_add(e, "requirement_ids", "must be an array of at most %d ids", PROCEDURE_MAX_LINKS);
        } else {
            f->set_requirements = true;
            *ids = xcalloc(json_array_size(a) + 1, sizeof **ids);
            size_t i;
            json_t *v;
            json_array_foreach(a, i, v) {
                if (!json_is_integer(v) || json_integer_value(v) < 1) {
                    char field[40];
                    snprintf(field, sizeof field, "requirement_ids[%zu]", i);
                    err_field_add(e, field, "must be the id of a requirement");
                } else {
                    (*ids)[f->n_requirements++] = (long)json_integer_value(v);
                }
            }
            f->requirement_ids = *ids;
        }
        json_object_del(r->json, "requirement_ids");
    }
    const json_field fields[] = {
        {"code", creating, 40, &f->code, NULL},
        {"title_ja", creating, 200, &f->title_ja, NULL},
        {"title_en", false, 200, &f->title_en, NULL},
        {"body", false, PROCEDURE_BODY_MAX, &f->body, NULL},
        {"status", false, 20, &f->status, NULL},
        {"disclosure", false, 20, &f->disclosure, NULL},
        {"owner_unit_id", creating, 0, NULL, &f->owner_unit_id},
    };
    err_code rc = json_input_strings(r->json, fields, 7, e);
    if (rc == OK && !creating && json_object_get(r->json, "owner_unit_id") && f->owner_unit_id < 1)
        err_field_add(e, "owner_unit_id", "must be the id of a unit");
    return e->n_fields ? ERR_VALIDATION : rc;
}

void api_procedures_post(http_request *r)
{
    procedure_fields f = {0};
    long *ids = NULL, id = 0;
    err e = ERR_INIT;
    err_code rc = api_proc_fields(r, &f, &ids, true, &e);
    if (rc == OK) {
        audit_actor actor = http_actor(r);
        db_conn *c = db_acquire(r->app->store);
        rc = db_begin_write(c, &e);
        if (rc == OK) rc = procedure_create(c, &actor, &f, &id, &e);
        if (rc == OK) rc = db_commit(c, &e);
        db_release(c);
    }
    free(ids);
    if (rc == OK) api_proc_reply(r, id, 0, 201);
    else http_reply_error(r, &e);
    err_clear(&e);
}

/* A procedure the caller sees but does not keep (403): a refusal, on record. */
static void api_proc_forbidden(http_request *r, db_conn *c, long id)
{
    err ignored = ERR_INIT;
    char idt[24];
    snprintf(idt, sizeof idt, "%ld", id);
    if (db_in_transaction(c)) db_rollback(c);
    audit_actor actor = http_actor(r);
    json_t *detail = json_pack("{s:s, s:s, s:s}", "method", r->method, "path", r->path, "reason", "procedure_keeper");
    if (db_begin_write(c, &ignored) == OK &&
        audit_append(c, &actor, "access.denied", "procedure", idt, detail, &ignored) == OK)
        db_commit(c, &ignored);
    else if (db_in_transaction(c))
        db_rollback(c);
    json_decref(detail);
    if (ignored.code != OK) log_error("cannot record a refusal: %s", ignored.message ? ignored.message : "");
    err_clear(&ignored);
}

void api_procedures_patch(http_request *r)
{
    long id = 0, version = 0, *ids = NULL;
    procedure_fields f = {0};
    err e = ERR_INIT;
    if (!http_param_id(r, 0, &id)) {
        http_reply_problem(r, 404, "not_found", "no such procedure");
        return;
    }
    if (!http_if_match(r, &version)) return;
    err_code rc = api_proc_fields(r, &f, &ids, false, &e);
    if (rc == OK) {
        audit_actor actor = http_actor(r);
        db_conn *c = db_acquire(r->app->store);
        rc = db_begin_write(c, &e);
        if (rc == OK) rc = procedure_update(c, &actor, id, version, &f, &e);
        if (rc == OK) rc = db_commit(c, &e);
        if (rc == ERR_NOT_FOUND) {
            db_rollback(c);
            http_record_unseen(r, c, AUTHZ_PROCEDURE, "procedure", id);
        } else if (rc == ERR_FORBIDDEN) {
            api_proc_forbidden(r, c, id);
        }
        db_release(c);
    }
    free(ids);
    if (rc == OK) api_proc_reply(r, id, 0, 200);
    else http_reply_error(r, &e);
    err_clear(&e);
}

/* The HTML the server would make of a Markdown text, for the edit form's preview; the
 * same renderer as every stored text. Writes nothing. */
void api_markdown_preview(http_request *r)
{
    const char *text = NULL;
    err e = ERR_INIT;
    const json_field fields[] = {{"text", true, PROCEDURE_BODY_MAX, &text, NULL}};
    if (json_input_strings(r->json, fields, 1, &e) != OK) {
        http_reply_error(r, &e);
        err_clear(&e);
        return;
    }
    char *html = markdown_to_html(text, strlen(text));
    http_reply_json(r, 200, json_pack("{s:s}", "html", html));
    free(html);
}
