/* api_people — the organisation's units and people (第3条, 第10条), as the caller's
 * roles let them see them: a section head sees their section, a department head the
 * department, the CISO everyone. A person outside the caller's scope answers 404, and
 * the attempt is an audit event. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "domain/person_list.h"
#include "http/handlers.h"

static bool api_number(const char *s, long max, long *out)
{
    if (!s || !*s || strlen(s) > 15) return false;
    for (const char *p = s; *p; p++)
        if (*p < '0' || *p > '9') return false;
    *out = atol(s);
    return *out >= 1 && *out <= max;
}

static json_t *api_person_summary_json(const person_summary *s)
{
    json_t *roles = json_array();
    for (size_t i = 0; i < s->n_roles; i++)
        json_array_append_new(roles, json_pack("{s:s, s:s, s:s, s:I, s:s}", "role", s->roles[i].role, "role_ja",
                                               s->roles[i].role_ja, "role_en", s->roles[i].role_en, "org_unit_id",
                                               (json_int_t)s->roles[i].org_unit_id, "org_unit", s->roles[i].org_unit));
    return json_pack("{s:I, s:s, s:s?, s:s, s:I, s:s, s:b, s:s?, s:I, s:o}", "id", (json_int_t)s->id, "name", s->name,
                     "name_kana", s->name_kana, "category", s->category, "org_unit_id", (json_int_t)s->org_unit_id,
                     "org_unit", s->org_unit, "active", s->active, "login", s->login, "version",
                     (json_int_t)s->version, "roles", roles);
}

void api_org_units_list(http_request *r)
{
    org_unit_row *units = NULL;
    size_t n = 0;
    err e = ERR_INIT;
    db_conn *c = db_acquire(r->app->store);
    err_code rc = org_unit_list(c, &units, &n, &e);
    db_release(c);
    if (rc != OK) {
        http_reply_error(r, &e);
        err_clear(&e);
        return;
    }
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, json_pack("{s:I, s:s, s:s, s:s?, s:o}", "id", (json_int_t)units[i].id, "code",
                                               units[i].code, "name_ja", units[i].name_ja, "name_en", units[i].name_en,
                                               "parent_id",
                                               units[i].parent_id ? json_integer(units[i].parent_id) : json_null()));
    org_unit_list_free(units, n);
    http_reply_json(r, 200, json_pack("{s:o, s:n}", "items", items, "next_cursor"));
}

void api_persons_list(http_request *r)
{
    err e = ERR_INIT;
    person_filter f = {0, NULL, 1, NULL, 50};
    const char *unit = http_query(r, "org_unit_id"), *limit = http_query(r, "limit"), *active = http_query(r, "active");
    f.q = http_query(r, "q");
    f.cursor = http_query(r, "cursor");
    if (unit && !api_number(unit, 1L << 53, &f.org_unit_id)) err_field_add(&e, "org_unit_id", "must be a unit id");
    if (limit && !api_number(limit, 500, &f.limit)) err_field_add(&e, "limit", "must be a whole number from 1 to 500");
    if (active) {
        if (!strcmp(active, "true")) f.active = 1;
        else if (!strcmp(active, "false")) f.active = 0;
        else if (!strcmp(active, "all")) f.active = -1;
        else err_field_add(&e, "active", "must be true, false or all");
    }
    if (f.q && strlen(f.q) > 400) err_field_add(&e, "q", "must be at most 100 characters");
    person_page page;
    db_conn *c = NULL;
    if (e.n_fields) goto fail;
    c = db_acquire(r->app->store);
    err_code rc = person_list(c, r->session.person_id, &f, &page, &e);
    db_release(c);
    if (rc != OK) goto fail;
    json_t *items = json_array();
    for (size_t i = 0; i < page.n; i++) json_array_append_new(items, api_person_summary_json(&page.items[i]));
    http_reply_json(r, 200, json_pack("{s:o, s:o}", "items", items, "next_cursor",
                                      page.next_cursor ? json_string(page.next_cursor) : json_null()));
    person_page_free(&page);
    return;
fail:
    http_reply_error(r, &e);
    err_clear(&e);
}

void api_persons_get(http_request *r)
{
    long id = 0;
    err e = ERR_INIT;
    person_summary s;
    if (!api_number(r->params[0], 1L << 53, &id)) {
        http_reply_problem(r, 404, "not_found", "no such person");
        return;
    }
    db_conn *c = db_acquire(r->app->store);
    err_code rc = person_get(c, r->session.person_id, id, &s, &e);
    if (rc == ERR_NOT_FOUND) {
        /* Someone who exists but is outside the caller's units: the same 404, and a
         * record that they tried. */
        db_rows *rows = NULL;
        err ignored = ERR_INIT;
        if (db_query(c, "SELECT 1 FROM person WHERE id = $1", DB_PARAMS(r->params[0]), &rows, &ignored) == OK &&
            rows->n_rows == 1) {
            audit_actor actor = http_actor(r);
            json_t *detail = json_pack("{s:s, s:s, s:s}", "method", r->method, "path", r->path, "reason",
                                       "need_to_know");
            if (db_begin_write(c, &ignored) == OK &&
                audit_append(c, &actor, "access.denied", "person", r->params[0], detail, &ignored) == OK)
                db_commit(c, &ignored);
            json_decref(detail);
        }
        db_rows_free(rows);
        err_clear(&ignored);
    }
    db_release(c);
    if (rc != OK) {
        http_reply_error(r, &e);
        err_clear(&e);
        return;
    }
    char etag[40];
    snprintf(etag, sizeof etag, "\"%ld\"", s.version);
    http_add_header(r, "ETag", etag);
    http_reply_json(r, 200, api_person_summary_json(&s));
    person_summary_free(&s);
}
