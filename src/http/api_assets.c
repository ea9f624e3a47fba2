/* api_assets — the information asset ledger over HTTP (第2条, 第3条, 第9条): the list
 * with filters and cursor paging, one asset with its history, registration, changes
 * (If-Match), disposal and relations. Every answer carries the class label (C3A-I2-A2).
 * An asset the caller may not see answers 404 exactly as one that does not exist, and
 * the attempt is recorded (access.denied, reason need_to_know). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/authz.h"
#include "core/xalloc.h"
#include "domain/asset.h"
#include "domain/requirement.h"
#include "http/handlers.h"
#include "http/json_input.h"

static json_t *api_class_ref(const asset_class_ref *k, const char *axis)
{
    char label[16];
    snprintf(label, sizeof label, "%s%s", axis, k->code);
    return json_pack("{s:I, s:s, s:s, s:s, s:i}", "id", (json_int_t)k->id, "code", k->code, "label", label, "name_ja",
                     k->name_ja, "rank", k->rank);
}

static json_t *api_asset_json(const asset_row *a)
{
    json_t *o = json_pack("{s:I, s:s, s:s, s:s?, s:I, s:s, s:s, s:s?, s:s, s:s, s:b, s:b, s:s?, s:s?}", "id",
                          (json_int_t)a->id, "kind", a->kind, "name", a->name, "description", a->description,
                          "owner_unit_id", (json_int_t)a->owner_unit_id, "owner_unit", a->owner_unit,
                          "owner_unit_code", a->owner_unit_code, "location", a->location, "segment", a->segment,
                          "format", a->format, "personal_data", a->personal_data, "mynumber", a->mynumber, "retention",
                          a->retention, "disposal_method", a->disposal_method);
    json_object_set_new(o, "manager_id", a->manager_id ? json_integer(a->manager_id) : json_null());
    json_object_set_new(o, "manager", a->manager ? json_string(a->manager) : json_null());
    json_object_set_new(o, "label", json_string(a->label));
    json_object_set_new(o, "restricted", json_boolean(a->c.rank >= CLASSIFICATION_RESTRICTED_RANK));
    json_object_set_new(o, "c_class_id", json_integer(a->c.id));
    json_object_set_new(o, "i_class_id", json_integer(a->i.id));
    json_object_set_new(o, "a_class_id", json_integer(a->a.id));
    json_object_set_new(o, "classes", json_pack("{s:o, s:o, s:o}", "c", api_class_ref(&a->c, "C"), "i",
                                                api_class_ref(&a->i, "I"), "a", api_class_ref(&a->a, "A")));
    json_object_set_new(o, "class_reason", a->class_reason ? json_string(a->class_reason) : json_null());
    json_object_set_new(o, "status", json_string(a->status));
    json_object_set_new(o, "disposed_on", a->disposed_on ? json_string(a->disposed_on) : json_null());
    json_object_set_new(o, "disposed_method", a->disposed_method ? json_string(a->disposed_method) : json_null());
    json_object_set_new(o, "disposal_witness", a->disposal_witness ? json_string(a->disposal_witness) : json_null());
    json_object_set_new(o, "created_at", json_string(a->created_at));
    json_object_set_new(o, "updated_at", json_string(a->updated_at));
    json_object_set_new(o, "version", json_integer(a->version));
    return o;
}

/* An asset (or relation) that exists but is out of the caller's sight gets the same 404
 * as none, and the attempt goes on record. */
static void api_asset_denied(http_request *r, db_conn *c, const char *object_type, const char *id)
{
    if (db_in_transaction(c)) db_rollback(c);
    if (strcmp(object_type, "asset") == 0) {
        http_record_unseen(r, c, AUTHZ_ASSET, "asset", atol(id));
        return;
    }
    db_rows *rows = NULL;
    err ignored = ERR_INIT;
    /* A relation: recorded when it exists (its ends decide who may see it). */
    if (db_query(c, "SELECT 1 FROM asset_relation WHERE id = CAST($1 AS BIGINT)", DB_PARAMS(id), &rows, &ignored) ==
            OK &&
        rows->n_rows == 1) {
        audit_actor actor = http_actor(r);
        json_t *detail = json_pack("{s:s, s:s, s:s}", "method", r->method, "path", r->path, "reason", "need_to_know");
        if (db_begin_write(c, &ignored) == OK &&
            audit_append(c, &actor, "access.denied", object_type, id, detail, &ignored) == OK)
            db_commit(c, &ignored);
        json_decref(detail);
    }
    db_rows_free(rows);
    err_clear(&ignored);
}

/* An asset the caller sees but may not change (403): a refusal, on record. */
static void api_asset_forbidden(http_request *r, db_conn *c, const char *id)
{
    err ignored = ERR_INIT;
    if (db_in_transaction(c)) db_rollback(c);
    audit_actor actor = http_actor(r);
    json_t *detail = json_pack("{s:s, s:s, s:s}", "method", r->method, "path", r->path, "reason", "asset_write");
    if (db_begin_write(c, &ignored) == OK && audit_append(c, &actor, "access.denied", "asset", id, detail, &ignored) == OK)
        db_commit(c, &ignored);
    json_decref(detail);
    err_clear(&ignored);
}

static void api_etag(http_request *r, long version)
{
    char etag[40];
    snprintf(etag, sizeof etag, "\"%ld\"", version);
    http_add_header(r, "ETag", etag);
}

static json_t *api_warnings_json(const asset_warnings *w)
{
    json_t *list = json_array();
    for (size_t i = 0; w && i < w->n; i++) json_array_append_new(list, json_string(w->items[i]));
    return list;
}

void api_assets_list(http_request *r)
{
    err e = ERR_INIT;
    asset_filter f = {0, NULL, NULL, NULL, 0, -1, NULL, 50, NULL};
    const char *unit = http_query(r, "org_unit_id"), *limit = http_query(r, "limit"),
               *klass = http_query(r, "class_id"), *personal = http_query(r, "personal_data");
    f.kind = http_query(r, "kind");
    f.segment = http_query(r, "segment");
    f.status = http_query(r, "status");
    f.cursor = http_query(r, "cursor");
    f.q = http_query(r, "q");
    if (unit && !http_positive_number(unit, 1L << 53, &f.org_unit_id)) err_field_add(&e, "org_unit_id", "must be a unit id");
    if (klass && !http_positive_number(klass, 1L << 53, &f.class_id)) err_field_add(&e, "class_id", "must be a class id");
    if (limit && !http_positive_number(limit, 500, &f.limit)) err_field_add(&e, "limit", "must be a whole number from 1 to 500");
    if (personal) {
        if (!strcmp(personal, "true")) f.personal_data = 1;
        else if (!strcmp(personal, "false")) f.personal_data = 0;
        else if (!strcmp(personal, "mynumber")) f.personal_data = 2;
        else err_field_add(&e, "personal_data", "must be true, false or mynumber");
    }
    asset_page page;
    if (e.n_fields) goto fail;
    db_conn *c = db_acquire(r->app->store);
    err_code rc = asset_list(c, r->session.person_id, &f, &page, &e);
    db_release(c);
    if (rc != OK) goto fail;
    json_t *items = json_array();
    for (size_t i = 0; i < page.n; i++) json_array_append_new(items, api_asset_json(&page.items[i]));
    http_reply_json(r, 200, json_pack("{s:o, s:o}", "items", items, "next_cursor",
                                      page.next_cursor ? json_string(page.next_cursor) : json_null()));
    asset_page_free(&page);
    return;
fail:
    http_reply_error(r, &e);
    err_clear(&e);
}

/* The asset as the caller now sees it, with its history; status for a write's answer. */
/* extra: fields to add to the answer (stolen; may be NULL). */
static void api_reply_asset_with(http_request *r, db_conn *c, long id, int status, const asset_warnings *w,
                                 json_t *extra)
{
    err e = ERR_INIT;
    asset_row a;
    if (asset_get(c, r->session.person_id, id, &a, &e) != OK) {
        /* Moved out of the editor's sight (to a unit they do not read): say so plainly. */
        err_clear(&e);
        json_decref(extra);
        http_reply_json(r, status, json_pack("{s:I, s:o}", "id", (json_int_t)id, "warnings", api_warnings_json(w)));
        return;
    }
    asset_version_row *history = NULL;
    size_t n = 0;
    err_code rc = asset_history(c, id, &history, &n, &e);
    if (rc != OK) {
        asset_row_free(&a);
        json_decref(extra);
        http_reply_error(r, &e);
        err_clear(&e);
        return;
    }
    json_t *body = api_asset_json(&a), *versions = json_array();
    for (size_t i = 0; i < n; i++) {
        const asset_version_row *v = &history[i];
        json_t *o = json_pack("{s:I, s:s, s:s, s:s?, s:I, s:s, s:s, s:s, s:s}", "version", (json_int_t)v->version,
                              "change", v->change, "changed_at", v->changed_at, "changed_by", v->changed_by,
                              "owner_unit_id", (json_int_t)v->owner_unit_id, "owner_unit", v->owner_unit, "name",
                              v->name, "status", v->status, "label", v->label);
        json_object_set_new(o, "manager_id", v->manager_id ? json_integer(v->manager_id) : json_null());
        json_object_set_new(o, "manager", v->manager ? json_string(v->manager) : json_null());
        json_array_append_new(versions, o);
    }
    asset_history_free(history, n);
    json_object_set_new(body, "history", versions);
    if (w) json_object_set_new(body, "warnings", api_warnings_json(w));
    if (extra) json_object_update(body, extra);
    json_decref(extra);
    api_etag(r, a.version);
    asset_row_free(&a);
    http_reply_json(r, status, body);
}

static void api_reply_asset(http_request *r, db_conn *c, long id, int status, const asset_warnings *w)
{
    api_reply_asset_with(r, c, id, status, w, NULL);
}

void api_assets_get(http_request *r)
{
    long id = 0;
    if (!http_param_id(r, 0, &id)) {
        http_reply_problem(r, 404, "not_found", "no such asset");
        return;
    }
    err e = ERR_INIT;
    asset_row a;
    db_conn *c = db_acquire(r->app->store);
    err_code rc = asset_get(c, r->session.person_id, id, &a, &e);
    if (rc == ERR_NOT_FOUND) api_asset_denied(r, c, "asset", r->params[0]);
    if (rc == OK) {
        asset_row_free(&a);
        api_reply_asset(r, c, id, 200, NULL);
    } else {
        http_reply_error(r, &e);
    }
    db_release(c);
    err_clear(&e);
}

/* The body of a registration or a change: strings and ids by json_input, the two flags
 * (booleans) and manager_id: null (no manager) here. */
static err_code api_asset_fields(http_request *r, asset_fields *f, bool creating, err *e)
{
    if (!r->json || !json_is_object(r->json)) return err_set(e, ERR_BAD_REQUEST, "the body must be a JSON object");
    static const char *const flags[] = {"personal_data", "mynumber"};
    int *flag_out[] = {&f->personal_data, &f->mynumber};
    for (size_t i = 0; i < 2; i++) {
        json_t *v = json_object_get(r->json, flags[i]);
        if (!v) continue;
        if (!json_is_boolean(v)) err_field_add(e, flags[i], "must be true or false");
        else *flag_out[i] = json_is_true(v);
        json_object_del(r->json, flags[i]);
    }
    json_t *m = json_object_get(r->json, "manager_id");
    if (m && json_is_null(m)) {
        f->manager_id = -1;
        json_object_del(r->json, "manager_id");
    }
    const json_field fields[] = {
        {"kind", creating, 0, &f->kind, NULL},
        {"name", creating, 0, &f->name, NULL},
        {"description", false, 0, &f->description, NULL},
        {"owner_unit_id", creating, 0, NULL, &f->owner_unit_id},
        {"manager_id", false, 0, NULL, &f->manager_id},
        {"location", false, 0, &f->location, NULL},
        {"segment", creating, 0, &f->segment, NULL},
        {"format", creating, 0, &f->format, NULL},
        {"retention", false, 0, &f->retention, NULL},
        {"disposal_method", false, 0, &f->disposal_method, NULL},
        {"c_class_id", creating, 0, NULL, &f->c_class_id},
        {"i_class_id", creating, 0, NULL, &f->i_class_id},
        {"a_class_id", creating, 0, NULL, &f->a_class_id},
        {"class_reason", creating, 0, &f->class_reason, NULL},
    };
    err_code rc = json_input_strings(r->json, fields, sizeof fields / sizeof *fields, e);
    if (f->manager_id == 0 && json_object_get(r->json, "manager_id")) err_field_add(e, "manager_id", "must be the id of a person or null");
    if (!creating && !e->n_fields && !json_object_size(r->json) && f->personal_data < 0 && f->mynumber < 0 &&
        f->manager_id == 0)
        err_field_add(e, "body", "names nothing to change");
    return e->n_fields ? ERR_VALIDATION : rc;
}

void api_assets_post(http_request *r)
{
    asset_fields f = ASSET_FIELDS_INIT;
    asset_warnings w = {r->app->cfg->asset_container_strict, NULL, 0, r->app->cfg->network_model};
    err e = ERR_INIT;
    long id = 0;
    if (api_asset_fields(r, &f, true, &e) != OK) goto fail;
    audit_actor actor = http_actor(r);
    db_conn *c = db_acquire(r->app->store);
    err_code rc = db_begin_write(c, &e);
    if (rc == OK) rc = asset_create(c, &actor, &f, &id, &w, &e);
    if (rc == OK) rc = db_commit(c, &e);
    if (rc == OK) {
        char location[64];
        snprintf(location, sizeof location, "/api/v1/assets/%ld", id);
        http_add_header(r, "Location", location);
        api_reply_asset(r, c, id, 201, &w);
    }
    db_release(c);
    asset_warnings_free(&w);
    if (rc != OK) goto fail;
    return;
fail:
    http_reply_error(r, &e);
    err_clear(&e);
}

typedef err_code (*api_asset_change_fn)(db_conn *c, const audit_actor *editor, long id, long version, void *arg,
                                        long *new_version, asset_warnings *w, err *e);

/* The shared path of a change to one asset: id, If-Match, the change in one
 * transaction, the answer; 404 (on record) for an asset out of the editor's sight. */
static void api_asset_change(http_request *r, api_asset_change_fn change, void *arg, json_t **extra, err *e)
{
    long id = 0, version = 0, new_version = 0;
    asset_warnings w = {r->app->cfg->asset_container_strict, NULL, 0, r->app->cfg->network_model};
    if (!http_param_id(r, 0, &id)) {
        http_reply_problem(r, 404, "not_found", "no such asset");
        return;
    }
    if (!http_if_match(r, &version)) return;
    if (e->code != OK) {
        http_reply_error(r, e);
        return;
    }
    audit_actor actor = http_actor(r);
    db_conn *c = db_acquire(r->app->store);
    err_code rc = db_begin_write(c, e);
    if (rc == OK) rc = change(c, &actor, id, version, arg, &new_version, &w, e);
    if (rc == OK) rc = db_commit(c, e);
    if (rc == OK) api_reply_asset_with(r, c, id, 200, &w, extra ? *extra : NULL);
    else if (rc == ERR_NOT_FOUND) api_asset_denied(r, c, "asset", r->params[0]);
    else if (rc == ERR_FORBIDDEN) api_asset_forbidden(r, c, r->params[0]);
    db_release(c);
    asset_warnings_free(&w);
    if (rc != OK && extra) json_decref(*extra);
    if (extra) *extra = NULL;
    if (rc != OK) http_reply_error(r, e);
}

typedef struct api_asset_update_arg {
    const asset_fields *f;
    json_t *changed; /* owned: {"requirements_changed": {added, removed}} once changed */
} api_asset_update_arg;

static json_t *api_req_brief(const requirement_row *q)
{
    return json_pack("{s:I, s:s, s:s, s:s?, s:s}", "id", (json_int_t)q->id, "code", q->code, "title_ja", q->title_ja,
                     "title_en", q->title_en, "measure_kind", q->measure_kind);
}

/* The items of b not in a. */
static json_t *api_req_minus(const requirement_page *b, const requirement_page *a)
{
    json_t *out = json_array();
    for (size_t i = 0; i < b->n; i++) {
        bool in = false;
        for (size_t k = 0; k < a->n && !in; k++) in = a->items[k].id == b->items[i].id;
        if (!in) json_array_append_new(out, api_req_brief(&b->items[i]));
    }
    return out;
}

/* The change, and what it changed in the requirements that apply (第9条: the measures
 * follow the class): those that apply now and did not, and those that no longer do. */
static err_code api_asset_update(db_conn *c, const audit_actor *editor, long id, long version, void *arg,
                                 long *new_version, asset_warnings *w, err *e)
{
    api_asset_update_arg *x = arg;
    requirement_page was = {0}, now = {0};
    err_code rc = requirement_applicable(c, id, &was, e);
    if (rc == OK) rc = asset_update(c, editor, id, version, x->f, new_version, w, e);
    if (rc == OK) rc = requirement_applicable(c, id, &now, e);
    if (rc == OK)
        x->changed = json_pack("{s:{s:o, s:o}}", "requirements_changed", "added", api_req_minus(&now, &was), "removed",
                               api_req_minus(&was, &now));
    requirement_page_free(&was);
    requirement_page_free(&now);
    return rc;
}

static err_code api_asset_dispose(db_conn *c, const audit_actor *editor, long id, long version, void *arg,
                                  long *new_version, asset_warnings *w, err *e)
{
    (void)w;
    return asset_dispose(c, editor, id, version, arg, new_version, e);
}

void api_assets_patch(http_request *r)
{
    asset_fields f = ASSET_FIELDS_INIT;
    err e = ERR_INIT;
    api_asset_fields(r, &f, false, &e);
    api_asset_update_arg arg = {&f, NULL};
    api_asset_change(r, api_asset_update, &arg, &arg.changed, &e);
    err_clear(&e);
}

void api_assets_dispose(http_request *r)
{
    asset_disposal d = {NULL, NULL, NULL};
    err e = ERR_INIT;
    const json_field fields[] = {
        {"disposed_on", true, 0, &d.date, NULL}, {"method", true, 0, &d.method, NULL}, {"witness", true, 0, &d.witness, NULL}};
    json_input_strings(r->json, fields, 3, &e);
    api_asset_change(r, api_asset_dispose, &d, NULL, &e);
    err_clear(&e);
}

static json_t *api_relations_json(const asset_relation_row *rows, size_t n)
{
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++) {
        const asset_relation_row *x = &rows[i];
        json_array_append_new(items, json_pack("{s:I, s:s, s:s, s:I, s:s, s:s, s:s, s:s}", "id", (json_int_t)x->id,
                                               "kind", x->kind, "direction", x->outgoing ? "held_by" : "holds",
                                               "asset_id", (json_int_t)x->other_id, "asset_name", x->other_name,
                                               "asset_kind", x->other_kind, "label", x->other_label, "created_at",
                                               x->created_at));
    }
    return items;
}

void api_asset_relations_list(http_request *r)
{
    long id = 0;
    if (!http_param_id(r, 0, &id)) {
        http_reply_problem(r, 404, "not_found", "no such asset");
        return;
    }
    err e = ERR_INIT;
    bool visible = false;
    db_conn *c = db_acquire(r->app->store);
    err_code rc = authz_sees(c, r->session.person_id, AUTHZ_ASSET, id, &visible, &e);
    if (rc == OK && !visible) {
        api_asset_denied(r, c, "asset", r->params[0]);
        rc = err_set(&e, ERR_NOT_FOUND, "no such asset");
    }
    asset_relation_row *rows = NULL;
    size_t n = 0;
    if (rc == OK) rc = asset_relations(c, r->session.person_id, id, &rows, &n, &e);
    db_release(c);
    if (rc != OK) {
        http_reply_error(r, &e);
        err_clear(&e);
        return;
    }
    http_reply_json(r, 200, json_pack("{s:o, s:n}", "items", api_relations_json(rows, n), "next_cursor"));
    asset_relations_free(rows, n);
}

void api_asset_relations_post(http_request *r)
{
    long id = 0, to = 0, rel = 0;
    const char *kind = NULL;
    asset_warnings w = {r->app->cfg->asset_container_strict, NULL, 0, r->app->cfg->network_model};
    if (!http_param_id(r, 0, &id)) {
        http_reply_problem(r, 404, "not_found", "no such asset");
        return;
    }
    err e = ERR_INIT;
    const json_field fields[] = {{"kind", true, 20, &kind, NULL}, {"to_asset_id", true, 0, NULL, &to}};
    err_code rc = json_input_strings(r->json, fields, 2, &e);
    audit_actor actor = http_actor(r);
    db_conn *c = db_acquire(r->app->store);
    /* Sight first: someone who may not see the asset learns nothing from the body. */
    bool visible = false;
    if (e.code == OK || e.code == ERR_VALIDATION) {
        err_code seen = authz_sees(c, r->session.person_id, AUTHZ_ASSET, id, &visible, &e);
        if (seen != OK) rc = seen;
        else if (!visible) {
            err_clear(&e);
            api_asset_denied(r, c, "asset", r->params[0]);
            rc = err_set(&e, ERR_NOT_FOUND, "no such asset");
        }
    }
    if (rc == OK) rc = db_begin_write(c, &e);
    if (rc == OK) rc = asset_relation_add(c, &actor, id, kind, to, &rel, &w, &e);
    if (rc == OK) rc = db_commit(c, &e);
    if (rc == ERR_FORBIDDEN) api_asset_forbidden(r, c, r->params[0]);
    if (rc == OK) {
        asset_relation_row *rows = NULL;
        size_t n = 0;
        rc = asset_relations(c, r->session.person_id, id, &rows, &n, &e);
        if (rc == OK) {
            char location[64];
            snprintf(location, sizeof location, "/api/v1/asset-relations/%ld", rel);
            http_add_header(r, "Location", location);
            http_reply_json(r, 201, json_pack("{s:I, s:o, s:o}", "id", (json_int_t)rel, "relations",
                                              api_relations_json(rows, n), "warnings", api_warnings_json(&w)));
        }
        asset_relations_free(rows, n);
    }
    db_release(c);
    asset_warnings_free(&w);
    if (rc != OK) http_reply_error(r, &e);
    err_clear(&e);
}

void api_asset_relations_delete(http_request *r)
{
    long id = 0;
    if (!http_param_id(r, 0, &id)) {
        http_reply_problem(r, 404, "not_found", "no such relation");
        return;
    }
    err e = ERR_INIT;
    audit_actor actor = http_actor(r);
    db_conn *c = db_acquire(r->app->store);
    err_code rc = db_begin_write(c, &e);
    if (rc == OK) rc = asset_relation_end(c, &actor, id, &e);
    if (rc == OK) rc = db_commit(c, &e);
    if (rc == ERR_NOT_FOUND) api_asset_denied(r, c, "asset_relation", r->params[0]);
    if (rc == ERR_FORBIDDEN) api_asset_forbidden(r, c, r->params[0]);
    db_release(c);
    if (rc == OK) http_reply_empty(r, 204);
    else http_reply_error(r, &e);
    err_clear(&e);
}
