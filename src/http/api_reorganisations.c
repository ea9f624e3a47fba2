/* api_reorganisations — planned reorganisations (/api/v1/reorganisations): planned and
 * moved along by holders of org.manage (the CISO's office), read by them and by those
 * whose units a scheduled or applied plan touches (reorganisation.h); a plan someone may
 * not see answers 404, and the attempt is on record. Every change names the version it
 * was made against (If-Match). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/reorg_check.h"
#include "domain/reorganisation.h"
#include "http/handlers.h"
#include "http/view_cache.h"

static json_t *api_plan_summary(const reorg_record *p)
{
    return json_pack("{s:I, s:s, s:s, s:s, s:I, s:s?, s:s, s:s?, s:s?, s:s?, s:s?, s:I}", "id", (json_int_t)p->id,
                     "title", p->title, "effective_date", p->effective_date, "state", p->state, "n_operations",
                     (json_int_t)p->plan.n_ops, "last_error", p->last_error, "created_at", p->created_at,
                     "scheduled_at", p->scheduled_at, "applied_at", p->applied_at, "applied_by", p->applied_by,
                     "cancelled_at", p->cancelled_at, "version", (json_int_t)p->version);
}

static json_t *api_names_json(const reorg_name *names, size_t n, bool units)
{
    json_t *list = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(list, units ? json_pack("{s:I, s:s, s:s, s:s?, s:b}", "id", (json_int_t)names[i].id,
                                                      "code", names[i].code, "name_ja", names[i].name_ja, "name_en",
                                                      names[i].name_en, "closed", names[i].closed)
                                          : json_pack("{s:I, s:s, s:b}", "id", (json_int_t)names[i].id, "name",
                                                      names[i].name_ja, "left", names[i].closed));
    return list;
}

/* The whole plan: its operations, the names they refer to, what applying did and, for a
 * planner looking at a plan not yet applied, what is wrong with it now. */
static json_t *api_plan_json(db_conn *c, long viewer, const reorg_record *p, err *e)
{
    reorg_name *units = NULL, *persons = NULL;
    size_t n_units = 0, n_persons = 0;
    if (reorg_names(c, viewer, &p->plan, &units, &n_units, &persons, &n_persons, e) != OK) {
        reorg_names_free(units, n_units);
        reorg_names_free(persons, n_persons);
        return NULL;
    }
    json_t *body = api_plan_summary(p);
    json_object_set_new(body, "operations", reorg_plan_to_json(&p->plan));
    json_object_set_new(body, "result", p->result ? json_incref(p->result) : json_null());
    json_object_set_new(body, "created_by", p->created_by ? json_integer(p->created_by) : json_null());
    json_object_set_new(body, "units", api_names_json(units, n_units, true));
    json_object_set_new(body, "persons", api_names_json(persons, n_persons, false));
    reorg_names_free(units, n_units);
    reorg_names_free(persons, n_persons);
    bool planner = false;
    json_t *problems = json_array();
    if ((!strcmp(p->state, "draft") || !strcmp(p->state, "scheduled")) && reorg_is_planner(c, viewer, &planner, e) == OK &&
        planner) {
        err found = ERR_INIT;
        if (reorg_check(c, &p->plan, viewer, NULL, NULL, &found) == ERR_VALIDATION)
            for (size_t i = 0; i < found.n_fields; i++)
                json_array_append_new(problems, json_pack("{s:s, s:s}", "field", found.fields[i].field, "message",
                                                          found.fields[i].message));
        err_clear(&found);
    }
    json_object_set_new(body, "problems", problems);
    return body;
}

static void api_plan_send(http_request *r, db_conn *c, const reorg_record *p, int status)
{
    err e = ERR_INIT;
    json_t *body = api_plan_json(c, r->session.person_id, p, &e);
    if (body) {
        char etag[40];
        snprintf(etag, sizeof etag, "\"%ld\"", p->version);
        http_add_header(r, "ETag", etag);
        http_reply_json(r, status, body);
    } else {
        http_reply_error(r, &e);
    }
    err_clear(&e);
}

static void api_plan_reply(http_request *r, db_conn *c, long id, int status)
{
    reorg_record p;
    err e = ERR_INIT;
    if (reorg_get(c, r->session.person_id, id, &p, &e) == OK) {
        api_plan_send(r, c, &p, status);
        reorg_record_free(&p);
    } else {
        http_reply_error(r, &e);
    }
    err_clear(&e);
}

void api_reorganisations_list(http_request *r)
{
    err e = ERR_INIT;
    reorg_filter f = {http_query(r, "state"), http_query(r, "cursor"), 50};
    const char *limit = http_query(r, "limit");
    if (limit && !http_positive_number(limit, 500, &f.limit)) err_field_add(&e, "limit", "must be a whole number from 1 to 500");
    if (f.state && strcmp(f.state, "draft") && strcmp(f.state, "scheduled") && strcmp(f.state, "applied") &&
        strcmp(f.state, "cancelled"))
        err_field_add(&e, "state", "must be draft, scheduled, applied or cancelled");
    reorg_page page;
    if (e.n_fields) goto fail;
    db_conn *c = db_acquire(r->app->store);
    err_code rc = reorg_list(c, r->session.person_id, &f, &page, &e);
    db_release(c);
    if (rc != OK) goto fail;
    json_t *items = json_array();
    for (size_t i = 0; i < page.n; i++) json_array_append_new(items, api_plan_summary(&page.items[i]));
    http_reply_json(r, 200, json_pack("{s:o, s:o}", "items", items, "next_cursor",
                                      page.next_cursor ? json_string(page.next_cursor) : json_null()));
    reorg_page_free(&page);
    return;
fail:
    http_reply_error(r, &e);
    err_clear(&e);
}

void api_reorganisations_get(http_request *r)
{
    long id = 0;
    if (!http_param_id(r, 0, &id)) {
        http_reply_problem(r, 404, "not_found", "no such reorganisation");
        return;
    }
    reorg_record p;
    err e = ERR_INIT;
    db_conn *c = db_acquire(r->app->store);
    err_code rc = reorg_get(c, r->session.person_id, id, &p, &e);
    if (rc == ERR_NOT_FOUND) http_record_unseen(r, c, AUTHZ_REORGANISATION, "reorganisation", id);
    if (rc == OK) {
        api_plan_send(r, c, &p, 200);
        reorg_record_free(&p);
    } else {
        http_reply_error(r, &e);
    }
    db_release(c);
    err_clear(&e);
}

/* The body of a create or change: title, effective_date, operations (the whole list). */
static err_code api_plan_fields(http_request *r, reorg_fields *f, reorg_plan *plan, bool creating, err *e)
{
    memset(f, 0, sizeof *f);
    if (!r->json || !json_is_object(r->json)) return err_set(e, ERR_BAD_REQUEST, "the body must be a JSON object");
    const char *key;
    json_t *v;
    json_object_foreach(r->json, key, v) {
        if (!strcmp(key, "title") || !strcmp(key, "effective_date")) {
            if (!json_is_string(v)) err_field_add(e, key, "must be a string");
            else if (!strcmp(key, "title")) f->title = json_string_value(v);
            else f->effective_date = json_string_value(v);
        } else if (!strcmp(key, "operations")) {
            if (reorg_plan_from_json(v, plan, e) == OK) f->plan = plan;
        } else {
            err_field_add(e, key, "is not a known field");
        }
    }
    if (creating && !f->title && !json_object_get(r->json, "title")) err_field_add(e, "title", "is required");
    if (creating && !f->effective_date && !json_object_get(r->json, "effective_date"))
        err_field_add(e, "effective_date", "is required");
    return e->n_fields ? ERR_VALIDATION : OK;
}

void api_reorganisations_post(http_request *r)
{
    reorg_fields f;
    reorg_plan plan = {0};
    err e = ERR_INIT;
    long id = 0;
    err_code rc = api_plan_fields(r, &f, &plan, true, &e);
    if (rc == OK) {
        audit_actor actor = http_actor(r);
        db_conn *c = db_acquire(r->app->store);
        rc = db_begin_write(c, &e);
        if (rc == OK) rc = reorg_create(c, &actor, &f, &id, &e);
        if (rc == OK) rc = db_commit(c, &e);
        if (rc == OK) {
            char location[64];
            snprintf(location, sizeof location, "/api/v1/reorganisations/%ld", id);
            http_add_header(r, "Location", location);
            api_plan_reply(r, c, id, 201);
        }
        db_release(c);
    }
    reorg_plan_free(&plan);
    if (rc != OK) http_reply_error(r, &e);
    err_clear(&e);
}

/* What a change to one plan does inside its write transaction. */
typedef err_code (*api_plan_change_fn)(db_conn *c, const audit_actor *actor, long id, long version, void *arg, err *e);

/* The shared path of every change to a plan: the id, If-Match, the change in one
 * transaction, and the plan as it is after. */
static void api_plan_change(http_request *r, api_plan_change_fn change, void *arg, err *e)
{
    long id = 0, version = 0;
    if (!http_param_id(r, 0, &id)) {
        http_reply_problem(r, 404, "not_found", "no such reorganisation");
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
    if (rc == OK) rc = change(c, &actor, id, version, arg, e);
    if (rc == OK) rc = db_commit(c, e);
    if (rc == OK) api_plan_reply(r, c, id, 200);
    else http_reply_error(r, e);
    db_release(c);
}

static err_code api_plan_update(db_conn *c, const audit_actor *actor, long id, long version, void *arg, err *e)
{
    return reorg_update(c, actor, id, version, arg, e);
}

void api_reorganisations_patch(http_request *r)
{
    reorg_fields f;
    reorg_plan plan = {0};
    err e = ERR_INIT;
    api_plan_fields(r, &f, &plan, false, &e);
    api_plan_change(r, api_plan_update, &f, &e);
    reorg_plan_free(&plan);
    err_clear(&e);
}

static err_code api_plan_act(db_conn *c, const audit_actor *actor, long id, long version, void *arg, err *e)
{
    return reorg_act(c, actor, id, version, *(const reorg_action *)arg, e);
}

static void api_plan_action(http_request *r, reorg_action action)
{
    err e = ERR_INIT;
    if (r->json && (!json_is_object(r->json) || json_object_size(r->json)))
        err_field_add(&e, "body", "this request takes no fields");
    api_plan_change(r, api_plan_act, &action, &e);
    /* Applying moves people and roles: what the session views hold is stale. */
    if (action == REORG_APPLY && r->status == 200) view_cache_forget_all(r->app->views);
    err_clear(&e);
}

void api_reorganisations_schedule(http_request *r) { api_plan_action(r, REORG_SCHEDULE); }
void api_reorganisations_unschedule(http_request *r) { api_plan_action(r, REORG_UNSCHEDULE); }
void api_reorganisations_cancel(http_request *r) { api_plan_action(r, REORG_CANCEL); }
void api_reorganisations_apply(http_request *r) { api_plan_action(r, REORG_APPLY); }
