/* api_people — the organisation's people (第3条, 第10条), as the caller's
 * roles let them see them: a section head sees their section, a department head the
 * department, the CISO everyone. A person outside the caller's scope answers 404, and
 * the attempt is an audit event. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "domain/membership.h"
#include "domain/person_edit.h"
#include "domain/person_list.h"
#include "http/json_input.h"
#include "http/view_cache.h"
#include "http/handlers.h"

static json_t *api_person_summary_json(const person_summary *s)
{
    json_t *roles = json_array();
    for (size_t i = 0; i < s->n_roles; i++)
        json_array_append_new(roles, json_pack("{s:s, s:s, s:s, s:I, s:s}", "role", s->roles[i].role, "role_ja",
                                               s->roles[i].role_ja, "role_en", s->roles[i].role_en, "org_unit_id",
                                               (json_int_t)s->roles[i].org_unit_id, "org_unit", s->roles[i].org_unit));
    json_t *out = json_pack("{s:I, s:s, s:s?, s:s, s:I, s:s, s:b, s:s?, s:I, s:o, s:s?, s:s?, s:s?, s:s?}", "id",
                            (json_int_t)s->id, "name", s->name, "name_kana", s->name_kana, "category", s->category,
                            "org_unit_id", (json_int_t)s->org_unit_id, "org_unit", s->org_unit, "active", s->active,
                            "login", s->login, "version", (json_int_t)s->version, "roles", roles, "employed_from",
                            s->employed_from, "employed_to", s->employed_to, "related_body", s->related_body,
                            "contractor", s->contractor);
    json_object_set_new(out, "related_body_id", s->related_body_id ? json_integer(s->related_body_id) : json_null());
    json_object_set_new(out, "contractor_id", s->contractor_id ? json_integer(s->contractor_id) : json_null());
    return out;
}

void api_persons_list(http_request *r)
{
    err e = ERR_INIT;
    person_filter f = {0, NULL, 1, NULL, 50};
    const char *unit = http_query(r, "org_unit_id"), *limit = http_query(r, "limit"), *active = http_query(r, "active");
    f.q = http_query(r, "q");
    f.cursor = http_query(r, "cursor");
    if (unit && !http_positive_number(unit, 1L << 53, &f.org_unit_id)) err_field_add(&e, "org_unit_id", "must be a unit id");
    if (limit && !http_positive_number(limit, 500, &f.limit)) err_field_add(&e, "limit", "must be a whole number from 1 to 500");
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
    if (!http_param_id(r, 0, &id)) {
        http_reply_problem(r, 404, "not_found", "no such person");
        return;
    }
    db_conn *c = db_acquire(r->app->store);
    err_code rc = person_get(c, r->session.person_id, id, &s, &e);
    if (rc == ERR_NOT_FOUND) http_record_unseen(r, c, AUTHZ_PERSON, "person", id);
    if (rc != OK) {
        db_release(c);
        http_reply_error(r, &e);
        err_clear(&e);
        return;
    }
    /* The detail adds the periods of membership (DESIGN §5), oldest first. */
    membership_row *periods = NULL;
    size_t n_periods = 0;
    rc = membership_list(c, id, &periods, &n_periods, &e);
    db_release(c);
    if (rc != OK) {
        person_summary_free(&s);
        http_reply_error(r, &e);
        err_clear(&e);
        return;
    }
    json_t *body = api_person_summary_json(&s), *memberships = json_array();
    for (size_t i = 0; i < n_periods; i++) {
        const membership_row *m = &periods[i];
        json_array_append_new(memberships,
                              json_pack("{s:I, s:s, s:s, s:s?, s:s, s:s?, s:o}", "org_unit_id", (json_int_t)m->org_unit_id,
                                        "code", m->code, "org_unit", m->name_ja, "org_unit_en", m->name_en,
                                        "valid_from", m->valid_from, "valid_to", m->valid_to, "reorganisation_id",
                                        m->reorganisation_id ? json_integer(m->reorganisation_id) : json_null()));
    }
    membership_rows_free(periods, n_periods);
    json_object_set_new(body, "memberships", memberships);
    char etag[40];
    snprintf(etag, sizeof etag, "\"%ld\"", s.version);
    http_add_header(r, "ETag", etag);
    http_reply_json(r, 200, body);
    person_summary_free(&s);
}

/* Answers with the person as the editor now sees them, and their new ETag. */
static void api_reply_person(http_request *r, db_conn *c, long id, int status)
{
    person_summary s;
    err e = ERR_INIT;
    if (person_get(c, r->session.person_id, id, &s, &e) != OK) {
        /* Moved out of the editor's sight (to a unit they do not read): say so plainly. */
        err_clear(&e);
        http_reply_json(r, status, json_pack("{s:I}", "id", (json_int_t)id));
        return;
    }
    char etag[40];
    snprintf(etag, sizeof etag, "\"%ld\"", s.version);
    http_add_header(r, "ETag", etag);
    http_reply_json(r, status, api_person_summary_json(&s));
    person_summary_free(&s);
}

static err_code api_person_fields(http_request *r, person_changes *ch, bool creating, err *e)
{
    const json_field fields[] = {
        {"name", creating, 200, &ch->name, NULL},
        {"name_kana", false, 200, &ch->name_kana, NULL},
        {"category", creating, 20, &ch->category, NULL},
        {"org_unit_id", creating, 0, NULL, &ch->org_unit_id},
        {"related_body_id", false, 0, NULL, &ch->related_body_id},
        {"contractor_id", false, 0, NULL, &ch->contractor_id},
    };
    return json_input_strings(r->json, fields, sizeof fields / sizeof *fields, e);
}

void api_persons_post(http_request *r)
{
    person_changes ch = {0};
    err e = ERR_INIT;
    long id = 0;
    if (api_person_fields(r, &ch, true, &e) != OK) goto fail;
    audit_actor actor = http_actor(r);
    db_conn *c = db_acquire(r->app->store);
    err_code rc = db_begin_write(c, &e);
    if (rc == OK) rc = person_edit_create(c, &actor, &ch, &id, &e);
    if (rc == OK) rc = db_commit(c, &e);
    if (rc == OK) {
        char location[64];
        snprintf(location, sizeof location, "/api/v1/persons/%ld", id);
        http_add_header(r, "Location", location);
        api_reply_person(r, c, id, 201);
    }
    db_release(c);
    if (rc != OK) goto fail;
    return;
fail:
    http_reply_error(r, &e);
    err_clear(&e);
}

/* What a change to one person does inside its write transaction. */
typedef err_code (*api_person_change_fn)(db_conn *c, const audit_actor *editor, long id, long version, void *arg,
                                         long *new_version, err *e);

/* The shared path of every change to one person: the id, If-Match, the change in one
 * transaction, the cache, and the answer — 404 (on record) for someone outside the
 * editor's units, whatever the change. */
static void api_person_change(http_request *r, api_person_change_fn change, void *arg, err *e)
{
    long id = 0, version = 0, new_version = 0;
    if (!http_param_id(r, 0, &id)) {
        http_reply_problem(r, 404, "not_found", "no such person");
        return;
    }
    if (!http_if_match(r, &version)) return;
    if (e->code != OK) goto fail;
    audit_actor actor = http_actor(r);
    db_conn *c = db_acquire(r->app->store);
    err_code rc = db_begin_write(c, e);
    if (rc == OK) rc = change(c, &actor, id, version, arg, &new_version, e);
    if (rc == OK) rc = db_commit(c, e);
    if (rc == OK) view_cache_forget(r->app->views, id);
    if (rc == OK) api_reply_person(r, c, id, 200);
    if (rc == ERR_NOT_FOUND) {
        db_rollback(c);
        http_record_unseen(r, c, AUTHZ_PERSON, "person", id);
    }
    db_release(c);
    if (rc == OK) return;
fail:
    http_reply_error(r, e);
}

static err_code api_person_update(db_conn *c, const audit_actor *editor, long id, long version, void *arg,
                                  long *new_version, err *e)
{
    return person_edit_update(c, editor, id, version, arg, new_version, e);
}

static err_code api_person_deactivate(db_conn *c, const audit_actor *editor, long id, long version, void *arg,
                                      long *new_version, err *e)
{
    (void)arg;
    return person_edit_deactivate(c, editor, id, version, new_version, e);
}

void api_persons_patch(http_request *r)
{
    person_changes ch = {0};
    err e = ERR_INIT;
    api_person_fields(r, &ch, false, &e);
    api_person_change(r, api_person_update, &ch, &e);
    err_clear(&e);
}

void api_persons_deactivate(http_request *r)
{
    err e = ERR_INIT;
    if (r->json && (!json_is_object(r->json) || json_object_size(r->json)))
        err_field_add(&e, "body", "this request takes no fields");
    api_person_change(r, api_person_deactivate, NULL, &e);
    err_clear(&e);
}
