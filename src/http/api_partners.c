/* api_partners — related bodies (/api/v1/related-bodies) and contractors
 * (/api/v1/contractors): listed for those who read people, kept by those with
 * partner.manage, changed only with If-Match. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/partner.h"
#include "http/handlers.h"
#include "http/json_input.h"

static json_t *api_partner_json(const partner_row *p)
{
    return json_pack("{s:I, s:s, s:s?, s:s?, s:b, s:I, s:I}", "id", (json_int_t)p->id, "name", p->name, "contact",
                     p->contact, "note", p->note, "active", p->active, "people", (json_int_t)p->n_people, "version",
                     (json_int_t)p->version);
}

static void api_partner_reply(http_request *r, db_conn *c, partner_kind kind, long id, int status)
{
    partner_row p;
    err e = ERR_INIT;
    if (partner_get(c, kind, id, &p, &e) != OK) {
        http_reply_error(r, &e);
        err_clear(&e);
        return;
    }
    char etag[40];
    snprintf(etag, sizeof etag, "\"%ld\"", p.version);
    http_add_header(r, "ETag", etag);
    http_reply_json(r, status, api_partner_json(&p));
    partner_row_clear(&p);
}

static void api_partners_list(http_request *r, partner_kind kind)
{
    partner_row *rows = NULL;
    size_t n = 0;
    err e = ERR_INIT;
    db_conn *c = db_acquire(r->app->store);
    err_code rc = partner_list(c, kind, &rows, &n, &e);
    db_release(c);
    if (rc != OK) {
        http_reply_error(r, &e);
        err_clear(&e);
        return;
    }
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++) json_array_append_new(items, api_partner_json(&rows[i]));
    partner_rows_free(rows, n);
    http_reply_json(r, 200, json_pack("{s:o, s:n}", "items", items, "next_cursor"));
}

static err_code api_partner_fields(http_request *r, partner_fields *f, bool creating, err *e)
{
    const json_field fields[] = {
        {"name", creating, 200, &f->name, NULL},
        {"contact", false, 500, &f->contact, NULL},
        {"note", false, 2000, &f->note, NULL},
    };
    f->active = -1;
    json_t *a = r->json ? json_object_get(r->json, "active") : NULL;
    /* "active" is a boolean: checked here, the rest by json_input. */
    if (a && !json_is_boolean(a)) err_field_add(e, "active", "must be true or false");
    if (a && json_is_boolean(a)) {
        f->active = json_is_true(a);
        json_object_del(r->json, "active");
    }
    err_code rc = json_input_strings(r->json, fields, 3, e);
    return e->n_fields ? ERR_VALIDATION : rc;
}

static void api_partners_post(http_request *r, partner_kind kind)
{
    partner_fields f = {0};
    err e = ERR_INIT;
    long id = 0;
    if (api_partner_fields(r, &f, true, &e) != OK) goto fail;
    audit_actor actor = http_actor(r);
    db_conn *c = db_acquire(r->app->store);
    err_code rc = db_begin_write(c, &e);
    if (rc == OK) rc = partner_create(c, kind, &actor, &f, &id, &e);
    if (rc == OK) rc = db_commit(c, &e);
    if (rc == OK) api_partner_reply(r, c, kind, id, 201);
    db_release(c);
    if (rc != OK) goto fail;
    return;
fail:
    http_reply_error(r, &e);
    err_clear(&e);
}

static void api_partners_patch(http_request *r, partner_kind kind)
{
    long id = 0, version = 0;
    partner_fields f = {0};
    err e = ERR_INIT;
    if (!http_param_id(r, 0, &id)) {
        http_reply_problem(r, 404, "not_found", "no such record");
        return;
    }
    if (!http_if_match(r, &version)) return;
    if (api_partner_fields(r, &f, false, &e) != OK) goto fail;
    audit_actor actor = http_actor(r);
    db_conn *c = db_acquire(r->app->store);
    err_code rc = db_begin_write(c, &e);
    if (rc == OK) rc = partner_update(c, kind, &actor, id, version, &f, &e);
    if (rc == OK) rc = db_commit(c, &e);
    if (rc == OK) api_partner_reply(r, c, kind, id, 200);
    db_release(c);
    if (rc != OK) goto fail;
    return;
fail:
    http_reply_error(r, &e);
    err_clear(&e);
}

void api_related_bodies_list(http_request *r) { api_partners_list(r, PARTNER_RELATED_BODY); }
void api_related_bodies_post(http_request *r) { api_partners_post(r, PARTNER_RELATED_BODY); }
void api_related_bodies_patch(http_request *r) { api_partners_patch(r, PARTNER_RELATED_BODY); }
void api_contractors_list(http_request *r) { api_partners_list(r, PARTNER_CONTRACTOR); }
void api_contractors_post(http_request *r) { api_partners_post(r, PARTNER_CONTRACTOR); }
void api_contractors_patch(http_request *r) { api_partners_patch(r, PARTNER_CONTRACTOR); }
