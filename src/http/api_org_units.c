/* api_org_units — the organisation chart (/api/v1/org-units): every logged-in person
 * sees it, now or as of a date, with a unit's history and lineage; holders of
 * org.manage correct typos in names (If-Match). Dated changes are reorganisations
 * (api_reorganisations.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/timeutil.h"
#include "domain/org_unit.h"
#include "http/handlers.h"
#include "http/json_input.h"

static json_t *api_unit_json(const org_unit_row *u)
{
    return json_pack("{s:I, s:s, s:s, s:s?, s:o, s:s?, s:s?, s:b, s:I}", "id", (json_int_t)u->id, "code", u->code,
                     "name_ja", u->name_ja, "name_en", u->name_en, "parent_id",
                     u->parent_id ? json_integer(u->parent_id) : json_null(), "valid_from", u->valid_from, "valid_to",
                     u->valid_to, "closed", u->closed, "version", (json_int_t)u->version);
}

void api_org_units_list(http_request *r)
{
    err e = ERR_INIT;
    const char *as_of = http_query(r, "as_of"), *closed = http_query(r, "include_closed");
    int y, m, d;
    if (as_of && !time_parse_date(as_of, &y, &m, &d)) err_field_add(&e, "as_of", "must be a date like 2025-10-01");
    if (closed && strcmp(closed, "true") != 0 && strcmp(closed, "false") != 0)
        err_field_add(&e, "include_closed", "must be true or false");
    org_unit_row *units = NULL;
    size_t n = 0;
    if (e.n_fields) goto fail;
    db_conn *c = db_acquire(r->app->store);
    err_code rc = org_unit_list(c, as_of, closed && strcmp(closed, "true") == 0, &units, &n, &e);
    db_release(c);
    if (rc != OK) goto fail;
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++) json_array_append_new(items, api_unit_json(&units[i]));
    org_unit_list_free(units, n);
    http_reply_json(r, 200, json_pack("{s:o, s:s?, s:n}", "items", items, "as_of", as_of, "next_cursor"));
    return;
fail:
    http_reply_error(r, &e);
    err_clear(&e);
}

static json_t *api_links_json(const org_unit_link *l, size_t n)
{
    json_t *list = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(list, json_pack("{s:I, s:s, s:s, s:s?, s:s, s:s, s:I}", "id", (json_int_t)l[i].unit_id,
                                              "code", l[i].code, "name_ja", l[i].name_ja, "name_en", l[i].name_en,
                                              "kind", l[i].kind, "effective_date", l[i].effective_date,
                                              "reorganisation_id", (json_int_t)l[i].reorganisation_id));
    return list;
}

static void api_unit_reply(http_request *r, db_conn *c, long id, int status)
{
    org_unit_detail d;
    err e = ERR_INIT;
    if (org_unit_get(c, id, &d, &e) != OK) {
        http_reply_error(r, &e);
        err_clear(&e);
        return;
    }
    json_t *body = api_unit_json(&d.unit), *history = json_array();
    for (size_t i = 0; i < d.n_history; i++) {
        const org_unit_period *p = &d.history[i];
        json_array_append_new(history, json_pack("{s:s, s:s, s:s?, s:o, s:s?, s:s?, s:o}", "code", p->code, "name_ja",
                                                  p->name_ja, "name_en", p->name_en, "parent_id",
                                                  p->parent_id ? json_integer(p->parent_id) : json_null(),
                                                  "valid_from", p->valid_from, "valid_to", p->valid_to,
                                                  "reorganisation_id",
                                                  p->reorganisation_id ? json_integer(p->reorganisation_id)
                                                                       : json_null()));
    }
    json_object_set_new(body, "history", history);
    json_object_set_new(body, "predecessors", api_links_json(d.predecessors, d.n_predecessors));
    json_object_set_new(body, "successors", api_links_json(d.successors, d.n_successors));
    char etag[40];
    snprintf(etag, sizeof etag, "\"%ld\"", d.unit.version);
    http_add_header(r, "ETag", etag);
    http_reply_json(r, status, body);
    org_unit_detail_free(&d);
}

void api_org_units_get(http_request *r)
{
    long id = 0;
    if (!http_param_id(r, 0, &id)) {
        http_reply_problem(r, 404, "not_found", "no such unit");
        return;
    }
    db_conn *c = db_acquire(r->app->store);
    api_unit_reply(r, c, id, 200);
    db_release(c);
}

/* A refusal by the unit's scope is a denial like any other: on record. */
static void api_record_scope_refusal(http_request *r, const err *why)
{
    db_conn *c = db_acquire(r->app->store);
    audit_actor actor = http_actor(r);
    err ignored = ERR_INIT;
    json_t *detail = json_pack("{s:s, s:s, s:s, s:s}", "method", r->method, "path", r->path, "reason", "scope",
                               "rule", why->message ? why->message : "");
    if (db_begin_write(c, &ignored) == OK &&
        audit_append(c, &actor, "access.denied", "org_unit", r->params[0], detail, &ignored) == OK)
        db_commit(c, &ignored);
    json_decref(detail);
    err_clear(&ignored);
    db_release(c);
}

void api_org_units_patch(http_request *r)
{
    long id = 0, version = 0, new_version = 0;
    const char *name_ja = NULL, *name_en = NULL;
    err e = ERR_INIT;
    if (!http_param_id(r, 0, &id)) {
        http_reply_problem(r, 404, "not_found", "no such unit");
        return;
    }
    if (!http_if_match(r, &version)) return;
    const json_field fields[] = {
        {"name_ja", false, 100, &name_ja, NULL},
        {"name_en", false, 200, &name_en, NULL},
    };
    if (json_input_strings(r->json, fields, sizeof fields / sizeof *fields, &e) != OK) goto fail;
    audit_actor actor = http_actor(r);
    db_conn *c = db_acquire(r->app->store);
    err_code rc = db_begin_write(c, &e);
    if (rc == OK) rc = org_unit_correct(c, &actor, id, version, name_ja, name_en, &new_version, &e);
    if (rc == OK) rc = db_commit(c, &e);
    if (rc == OK) api_unit_reply(r, c, id, 200);
    db_release(c);
    if (rc == ERR_FORBIDDEN) api_record_scope_refusal(r, &e);
    if (rc == OK) return;
fail:
    http_reply_error(r, &e);
    err_clear(&e);
}
