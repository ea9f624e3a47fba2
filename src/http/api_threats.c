/* api_threats — the threat catalog (/api/v1/threats, 第2条(6)): read with catalog.read,
 * kept with catalog.manage; changed only with If-Match; deactivated (active: false),
 * never deleted. Also the helpers the other catalog handlers share (api_catalog_*). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/threat.h"
#include "http/api_catalog.h"
#include "http/handlers.h"
#include "http/json_input.h"

bool api_catalog_list_params(http_request *r, long *limit, int *active, err *e)
{
    const char *l = http_query(r, "limit"), *a = http_query(r, "active");
    *limit = 50;
    *active = 1;
    if (l && !http_positive_number(l, 500, limit)) err_field_add(e, "limit", "must be a whole number from 1 to 500");
    if (a && !strcmp(a, "true")) *active = 1;
    else if (a && !strcmp(a, "false")) *active = 0;
    else if (a && !strcmp(a, "all")) *active = -1;
    else if (a) err_field_add(e, "active", "must be true, false or all");
    const char *q = http_query(r, "q");
    if (q && strlen(q) > 1024) err_field_add(e, "q", "must be at most 1024 bytes");
    return e->n_fields == 0;
}

void api_catalog_take_active(http_request *r, int *active, err *e)
{
    *active = -1;
    json_t *a = r->json && json_is_object(r->json) ? json_object_get(r->json, "active") : NULL;
    if (!a) return;
    if (!json_is_boolean(a)) err_field_add(e, "active", "must be true or false");
    else *active = json_is_true(a);
    json_object_del(r->json, "active");
}

void api_catalog_etag(http_request *r, long version)
{
    char etag[40];
    snprintf(etag, sizeof etag, "\"%ld\"", version);
    http_add_header(r, "ETag", etag);
}

static json_t *api_threat_json(const threat_row *t)
{
    return json_pack("{s:I, s:s, s:s, s:s, s:s?, s:s?, s:b, s:I, s:I}", "id", (json_int_t)t->id, "code", t->code, "kind",
                     t->kind, "name_ja", t->name_ja, "name_en", t->name_en, "description", t->description, "active",
                     t->active, "requirements", (json_int_t)t->n_requirements, "version", (json_int_t)t->version);
}

static void api_threat_reply(http_request *r, db_conn *c, long id, int status)
{
    threat_row t;
    err e = ERR_INIT;
    if (threat_get(c, id, &t, &e) != OK) {
        http_reply_error(r, &e);
        err_clear(&e);
        return;
    }
    api_catalog_etag(r, t.version);
    if (status == 201) {
        char loc[64];
        snprintf(loc, sizeof loc, "/api/v1/threats/%ld", id);
        http_add_header(r, "Location", loc);
    }
    http_reply_json(r, status, api_threat_json(&t));
    threat_row_clear(&t);
}

void api_threats_list(http_request *r)
{
    err e = ERR_INIT;
    threat_filter f = {0};
    threat_page page = {0};
    f.kind = http_query(r, "kind");
    f.q = http_query(r, "q");
    f.cursor = http_query(r, "cursor");
    if (!api_catalog_list_params(r, &f.limit, &f.active, &e)) goto fail;
    db_conn *c = db_acquire(r->app->store);
    err_code rc = threat_list(c, &f, &page, &e);
    db_release(c);
    if (rc != OK) goto fail;
    json_t *items = json_array();
    for (size_t i = 0; i < page.n; i++) json_array_append_new(items, api_threat_json(&page.items[i]));
    http_reply_json(r, 200, json_pack("{s:o, s:o}", "items", items, "next_cursor",
                                      page.next_cursor ? json_string(page.next_cursor) : json_null()));
    threat_page_free(&page);
    return;
fail:
    http_reply_error(r, &e);
    err_clear(&e);
}

void api_threats_get(http_request *r)
{
    long id = 0;
    if (!http_param_id(r, 0, &id)) {
        http_reply_problem(r, 404, "not_found", "no such threat");
        return;
    }
    db_conn *c = db_acquire(r->app->store);
    api_threat_reply(r, c, id, 200);
    db_release(c);
}

static err_code api_threat_fields(http_request *r, threat_fields *f, bool creating, err *e)
{
    api_catalog_take_active(r, &f->active, e);
    const json_field fields[] = {
        {"code", creating, 40, &f->code, NULL},         {"kind", creating, 20, &f->kind, NULL},
        {"name_ja", creating, 200, &f->name_ja, NULL},  {"name_en", false, 200, &f->name_en, NULL},
        {"description", false, 4000, &f->description, NULL},
    };
    err_code rc = json_input_strings(r->json, fields, 5, e);
    return e->n_fields ? ERR_VALIDATION : rc;
}

void api_threats_post(http_request *r)
{
    threat_fields f = {0};
    err e = ERR_INIT;
    long id = 0;
    if (api_threat_fields(r, &f, true, &e) != OK) goto fail;
    audit_actor actor = http_actor(r);
    db_conn *c = db_acquire(r->app->store);
    err_code rc = db_begin_write(c, &e);
    if (rc == OK) rc = threat_create(c, &actor, &f, &id, &e);
    if (rc == OK) rc = db_commit(c, &e);
    if (rc == OK) api_threat_reply(r, c, id, 201);
    db_release(c);
    if (rc != OK) goto fail;
    return;
fail:
    http_reply_error(r, &e);
    err_clear(&e);
}

void api_threats_patch(http_request *r)
{
    long id = 0, version = 0;
    threat_fields f = {0};
    err e = ERR_INIT;
    if (!http_param_id(r, 0, &id)) {
        http_reply_problem(r, 404, "not_found", "no such threat");
        return;
    }
    if (!http_if_match(r, &version)) return;
    if (api_threat_fields(r, &f, false, &e) != OK) goto fail;
    audit_actor actor = http_actor(r);
    db_conn *c = db_acquire(r->app->store);
    err_code rc = db_begin_write(c, &e);
    if (rc == OK) rc = threat_update(c, &actor, id, version, &f, &e);
    if (rc == OK) rc = db_commit(c, &e);
    if (rc == OK) api_threat_reply(r, c, id, 200);
    db_release(c);
    if (rc != OK) goto fail;
    return;
fail:
    http_reply_error(r, &e);
    err_clear(&e);
}
