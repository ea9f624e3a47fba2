/* api_requirements — the standards catalog (/api/v1/requirements, 対策基準, 第6条) and what
 * of it applies to an asset (/api/v1/assets/{id}/requirements, 第9条). Read with
 * catalog.read (the standards are not public — 第11条 — but everyone must follow them),
 * kept with catalog.manage; every change is a new version, changed only with If-Match. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/authz.h"
#include "core/xalloc.h"
#include "domain/implementation.h"
#include "domain/requirement.h"
#include "http/api_catalog.h"
#include "http/handlers.h"
#include "http/json_input.h"
#include "io/markdown.h"

static json_t *api_req_tags(const requirement_row *q)
{
    json_t *tags = json_array();
    for (size_t i = 0; i < q->n_tags; i++) json_array_append_new(tags, json_string(q->tags[i]));
    return tags;
}

static json_t *api_req_json(const requirement_row *q)
{
    return json_pack("{s:I, s:o, s:s, s:s, s:s, s:s, s:s?, s:s?, s:b, s:I, s:I, s:s, s:o}", "id", (json_int_t)q->id,
                     "parent_id", q->parent_id ? json_integer(q->parent_id) : json_null(), "code", q->code,
                     "measure_kind", q->measure_kind, "scope", q->scope, "title_ja", q->title_ja, "title_en",
                     q->title_en, "text", q->text, "active", q->active, "children", (json_int_t)q->n_children, "version",
                     (json_int_t)q->version, "updated_at", q->updated_at, "tags", api_req_tags(q));
}

static json_t *api_req_rule_json(const requirement_rule *x)
{
    json_t *o = json_object();
    json_object_set_new(o, "asset_kind", x->asset_kind[0] ? json_string(x->asset_kind) : json_null());
    json_object_set_new(o, "segment", x->segment[0] ? json_string(x->segment) : json_null());
    json_object_set_new(o, "axis", x->axis[0] ? json_string(x->axis) : json_null());
    json_object_set_new(o, "min_rank", x->axis[0] ? json_integer(x->min_rank) : json_null());
    json_object_set_new(o, "personal_data", x->personal_data < 0 ? json_null() : json_boolean(x->personal_data));
    if (x->axis[0])
        json_object_set_new(o, "min_class",
                            x->min_class_code ? json_pack("{s:s, s:s?, s:s?}", "code", x->min_class_code, "name_ja",
                                                          x->min_class_name_ja, "name_en", x->min_class_name_en)
                                              : json_null());
    return o;
}

static json_t *api_req_detail_json(const requirement_row *q, const requirement_version_row *hist, size_t n_hist)
{
    json_t *o = api_req_json(q);
    json_t *rules = json_array(), *threats = json_array(), *laws = json_array(), *history = json_array();
    for (size_t i = 0; i < q->n_rules; i++) json_array_append_new(rules, api_req_rule_json(&q->rules[i]));
    for (size_t i = 0; i < q->n_threats; i++) {
        const requirement_threat_link *t = &q->threats[i];
        json_array_append_new(threats, json_pack("{s:I, s:s, s:s, s:s, s:s?}", "id", (json_int_t)t->id, "code", t->code,
                                                 "kind", t->kind, "name_ja", t->name_ja, "name_en", t->name_en));
    }
    for (size_t i = 0; i < q->n_laws; i++) {
        const requirement_law_link *l = &q->laws[i];
        json_array_append_new(
            laws, json_pack("{s:I, s:o, s:s, s:s, s:s?, s:s?, s:s?, s:s?}", "law_id", (json_int_t)l->law_id, "article_id",
                            l->article_id ? json_integer(l->article_id) : json_null(), "code", l->law_code, "name_ja",
                            l->law_name_ja, "short_name_ja", l->law_short_name_ja, "name_en", l->law_name_en, "article",
                            l->article_number, "article_title_ja", l->article_title_ja));
    }
    for (size_t i = 0; i < n_hist; i++) {
        const requirement_version_row *v = &hist[i];
        json_t *links = v->links ? json_loads(v->links, 0, NULL) : NULL;
        json_array_append_new(
            history, json_pack("{s:I, s:s, s:s, s:o, s:s?, s:s, s:s, s:s?, s:s?, s:s, s:s, s:b, s:o}", "version",
                               (json_int_t)v->version, "change", v->change, "changed_at", v->changed_at, "changed_by",
                               v->changed_by ? json_integer(v->changed_by) : json_null(), "changed_by_name",
                               v->changed_by_name, "code", v->code, "title_ja", v->title_ja, "title_en", v->title_en,
                               "text", v->text, "measure_kind", v->measure_kind, "scope", v->scope, "active", v->active,
                               "links", links ? links : json_null()));
    }
    /* The text rendered here, harmless by construction (io/markdown.h): the UI inserts
     * it as HTML, the one place it does so, under a CSP of 'self' only. */
    char *html = markdown_to_html(q->text, q->text ? strlen(q->text) : 0);
    json_object_set_new(o, "text_html", json_string(html));
    free(html);
    json_object_set_new(o, "applies", rules);
    json_object_set_new(o, "threats", threats);
    json_object_set_new(o, "laws", laws);
    json_object_set_new(o, "history", history);
    return o;
}

static void api_req_reply(http_request *r, db_conn *c, long id, int status)
{
    requirement_row q;
    requirement_version_row *hist = NULL;
    size_t n_hist = 0;
    err e = ERR_INIT;
    json_t *procs = NULL;
    err_code rc = requirement_get(c, id, &q, &e);
    if (rc == OK && (rc = requirement_history(c, id, &hist, &n_hist, &e)) != OK) requirement_row_clear(&q);
    if (rc == OK && (rc = api_procedures_of_requirement(c, r->session.person_id, id, &procs, &e)) != OK) {
        requirement_row_clear(&q);
        requirement_history_free(hist, n_hist);
    }
    if (rc != OK) {
        http_reply_error(r, &e);
        err_clear(&e);
        return;
    }
    api_catalog_etag(r, q.version);
    json_t *body = api_req_detail_json(&q, hist, n_hist);
    json_object_set_new(body, "procedures", procs);
    if (status == 201) {
        char loc[64];
        snprintf(loc, sizeof loc, "/api/v1/requirements/%ld", id);
        http_add_header(r, "Location", loc);
    }
    http_reply_json(r, status, body);
    requirement_row_clear(&q);
    requirement_history_free(hist, n_hist);
}

static void api_req_reply_page(http_request *r, requirement_page *page)
{
    json_t *items = json_array();
    for (size_t i = 0; i < page->n; i++) json_array_append_new(items, api_req_json(&page->items[i]));
    http_reply_json(r, 200, json_pack("{s:o, s:o}", "items", items, "next_cursor",
                                      page->next_cursor ? json_string(page->next_cursor) : json_null()));
}

void api_requirements_list(http_request *r)
{
    err e = ERR_INIT;
    requirement_filter f = {0};
    requirement_page page = {0};
    f.measure_kind = http_query(r, "kind");
    f.tag = http_query(r, "tag");
    f.q = http_query(r, "q");
    f.cursor = http_query(r, "cursor");
    http_query_id(r, "threat_id", &f.threat_id, &e);
    http_query_id(r, "law_id", &f.law_id, &e);
    if (!api_catalog_list_params(r, &f.limit, &f.active, &e)) goto fail;
    db_conn *c = db_acquire(r->app->store);
    err_code rc = requirement_list(c, &f, &page, &e);
    db_release(c);
    if (rc != OK) goto fail;
    api_req_reply_page(r, &page);
    requirement_page_free(&page);
    return;
fail:
    http_reply_error(r, &e);
    err_clear(&e);
}

void api_requirements_get(http_request *r)
{
    long id = 0;
    if (!http_param_id(r, 0, &id)) {
        http_reply_problem(r, 404, "not_found", "no such requirement");
        return;
    }
    db_conn *c = db_acquire(r->app->store);
    api_req_reply(r, c, id, 200);
    db_release(c);
}

/* What the body's arrays hold, owned here (strings borrowed from `held`). */
typedef struct api_req_lists {
    const char **tags;
    requirement_rule *rules;
    long *threats;
    requirement_law_ref *laws;
    json_t *held[4];
} api_req_lists;

static void api_req_lists_free(api_req_lists *l)
{
    free(l->tags);
    free(l->rules);
    free(l->threats);
    free(l->laws);
    for (size_t i = 0; i < 4; i++) json_decref(l->held[i]);
}

/* Takes the array `name` out of the body: NULL when absent; a field error when it is
 * not an array of at most max. */
static json_t *api_req_take_array(http_request *r, const char *name, size_t max, err *e)
{
    json_t *a = json_object_get(r->json, name);
    if (!a) return NULL;
    json_incref(a);
    json_object_del(r->json, name);
    if (!json_is_array(a) || json_array_size(a) > max) {
        err_field_add(e, name, "must be an array of at most %zu", max);
        json_decref(a);
        return NULL;
    }
    return a;
}

static void api_req_rule_string(json_t *v, const char *key, char *dst, size_t cap, size_t i, err *e)
{
    json_t *s = json_object_get(v, key);
    if (!s || json_is_null(s)) return;
    char field[48];
    snprintf(field, sizeof field, "applies[%zu].%s", i, key);
    if (!json_is_string(s) || json_string_length(s) >= cap) err_field_add(e, field, "is not one of the values allowed");
    else snprintf(dst, cap, "%s", json_string_value(s));
}

static err_code api_req_fields(http_request *r, requirement_fields *f, api_req_lists *l, bool creating, err *e)
{
    memset(l, 0, sizeof *l);
    f->parent_id = creating ? 0 : -1;
    if (!r->json || !json_is_object(r->json)) return err_set(e, ERR_BAD_REQUEST, "the body must be a JSON object");
    api_catalog_take_active(r, &f->active, e);
    json_t *p = json_object_get(r->json, "parent_id");
    if (p && json_is_null(p)) {
        f->parent_id = 0;
        json_object_del(r->json, "parent_id");
    } else if (p && (!json_is_integer(p) || json_integer_value(p) < 1)) {
        err_field_add(e, "parent_id", "must be the id of a requirement, or null");
        json_object_del(r->json, "parent_id");
    } else if (p) {
        f->parent_id = (long)json_integer_value(p);
        json_object_del(r->json, "parent_id");
    }
    size_t i;
    json_t *v;
    if ((l->held[0] = api_req_take_array(r, "tags", 20, e))) {
        f->set_tags = true;
        l->tags = xcalloc(json_array_size(l->held[0]) + 1, sizeof *l->tags);
        json_array_foreach(l->held[0], i, v) {
            char field[48];
            snprintf(field, sizeof field, "tags[%zu]", i);
            if (!json_is_string(v)) err_field_add(e, field, "must be a string");
            else l->tags[f->n_tags++] = json_string_value(v);
        }
        f->tags = l->tags;
    }
    static const char *const rule_keys[] = {"asset_kind", "segment", "axis", "min_rank", "personal_data"};
    if ((l->held[1] = api_req_take_array(r, "applies", 20, e))) {
        f->set_rules = true;
        l->rules = xcalloc(json_array_size(l->held[1]) + 1, sizeof *l->rules);
        json_array_foreach(l->held[1], i, v) {
            requirement_rule *x = &l->rules[i];
            x->personal_data = -1;
            char field[80];
            snprintf(field, sizeof field, "applies[%zu]", i);
            if (!json_is_object(v)) {
                err_field_add(e, field, "must be an object");
                continue;
            }
            const char *key;
            json_t *kv;
            json_object_foreach(v, key, kv) {
                bool known = false;
                for (size_t k = 0; k < 5 && !known; k++) known = !strcmp(key, rule_keys[k]);
                if (!known) {
                    snprintf(field, sizeof field, "applies[%zu].%.20s", i, key);
                    err_field_add(e, field, "is not a known field");
                }
            }
            api_req_rule_string(v, "asset_kind", x->asset_kind, sizeof x->asset_kind, i, e);
            api_req_rule_string(v, "segment", x->segment, sizeof x->segment, i, e);
            api_req_rule_string(v, "axis", x->axis, sizeof x->axis, i, e);
            json_t *rank = json_object_get(v, "min_rank"), *pd = json_object_get(v, "personal_data");
            if (rank && !json_is_null(rank)) {
                if (!json_is_integer(rank) || json_integer_value(rank) < 1 || json_integer_value(rank) > 9) {
                    snprintf(field, sizeof field, "applies[%zu].min_rank", i);
                    err_field_add(e, field, "must be a rank from 1 to 9");
                } else {
                    x->min_rank = (int)json_integer_value(rank);
                }
            }
            if (pd && !json_is_null(pd)) {
                if (!json_is_boolean(pd)) {
                    snprintf(field, sizeof field, "applies[%zu].personal_data", i);
                    err_field_add(e, field, "must be true or false");
                } else {
                    x->personal_data = json_is_true(pd);
                }
            }
        }
        f->rules = l->rules;
        f->n_rules = json_array_size(l->held[1]);
    }
    if ((l->held[2] = api_req_take_array(r, "threat_ids", 100, e))) {
        f->set_threats = true;
        l->threats = xcalloc(json_array_size(l->held[2]) + 1, sizeof *l->threats);
        json_array_foreach(l->held[2], i, v) {
            char field[48];
            snprintf(field, sizeof field, "threat_ids[%zu]", i);
            if (!json_is_integer(v) || json_integer_value(v) < 1) err_field_add(e, field, "must be the id of a threat");
            else l->threats[f->n_threats++] = (long)json_integer_value(v);
        }
        f->threat_ids = l->threats;
    }
    if ((l->held[3] = api_req_take_array(r, "laws", 100, e))) {
        f->set_laws = true;
        l->laws = xcalloc(json_array_size(l->held[3]) + 1, sizeof *l->laws);
        json_array_foreach(l->held[3], i, v) {
            char field[48];
            snprintf(field, sizeof field, "laws[%zu]", i);
            json_t *law = json_is_object(v) ? json_object_get(v, "law_id") : NULL;
            json_t *art = json_is_object(v) ? json_object_get(v, "article_id") : NULL;
            if (!law || !json_is_integer(law) || json_integer_value(law) < 1 ||
                (art && !json_is_null(art) && (!json_is_integer(art) || json_integer_value(art) < 1)) ||
                json_object_size(v) > (size_t)(1 + (art != NULL))) {
                err_field_add(e, field, "must be {\"law_id\": id, \"article_id\": id or null}");
                continue;
            }
            requirement_law_ref *ref = &l->laws[f->n_laws++];
            ref->law_id = (long)json_integer_value(law);
            ref->article_id = art && json_is_integer(art) ? (long)json_integer_value(art) : 0;
        }
        f->laws = l->laws;
    }
    const json_field fields[] = {
        {"code", creating, 40, &f->code, NULL},
        {"measure_kind", creating, 20, &f->measure_kind, NULL},
        {"scope", creating, 10, &f->scope, NULL},
        {"title_ja", creating, 200, &f->title_ja, NULL},
        {"title_en", false, 200, &f->title_en, NULL},
        {"text", false, 20000, &f->text, NULL},
    };
    err_code rc = json_input_strings(r->json, fields, 6, e);
    return e->n_fields ? ERR_VALIDATION : rc;
}

void api_requirements_post(http_request *r)
{
    requirement_fields f = {0};
    api_req_lists l;
    err e = ERR_INIT;
    long id = 0;
    err_code rc = api_req_fields(r, &f, &l, true, &e);
    if (rc == OK) {
        audit_actor actor = http_actor(r);
        db_conn *c = db_acquire(r->app->store);
        rc = db_begin_write(c, &e);
        if (rc == OK) rc = requirement_create(c, &actor, &f, &id, &e);
        if (rc == OK) rc = db_commit(c, &e);
        if (rc == OK) api_req_reply(r, c, id, 201);
        db_release(c);
    }
    api_req_lists_free(&l);
    if (rc != OK) http_reply_error(r, &e);
    err_clear(&e);
}

void api_requirements_patch(http_request *r)
{
    long id = 0, version = 0;
    requirement_fields f = {0};
    api_req_lists l;
    err e = ERR_INIT;
    if (!http_param_id(r, 0, &id)) {
        http_reply_problem(r, 404, "not_found", "no such requirement");
        return;
    }
    if (!http_if_match(r, &version)) return;
    err_code rc = api_req_fields(r, &f, &l, false, &e);
    if (rc == OK) {
        audit_actor actor = http_actor(r);
        db_conn *c = db_acquire(r->app->store);
        rc = db_begin_write(c, &e);
        if (rc == OK) rc = requirement_update(c, &actor, id, version, &f, &e);
        if (rc == OK) rc = db_commit(c, &e);
        if (rc == OK) api_req_reply(r, c, id, 200);
        db_release(c);
    }
    api_req_lists_free(&l);
    if (rc != OK) http_reply_error(r, &e);
    err_clear(&e);
}

/* What applies to an asset the caller may see (else 404, on record as need_to_know). */
void api_asset_requirements_list(http_request *r)
{
    long id = 0;
    if (!http_param_id(r, 0, &id)) {
        http_reply_problem(r, 404, "not_found", "no such asset");
        return;
    }
    err e = ERR_INIT;
    bool visible = false;
    requirement_page page = {0};
    db_conn *c = db_acquire(r->app->store);
    err_code rc = authz_sees(c, r->session.person_id, AUTHZ_ASSET, id, &visible, &e);
    if (rc == OK && !visible) {
        http_record_unseen(r, c, AUTHZ_ASSET, "asset", id);
        rc = err_set(&e, ERR_NOT_FOUND, "no such asset");
    }
    implementation_brief *im = NULL;
    size_t n_im = 0;
    if (rc == OK) rc = requirement_applicable(c, id, &page, &e);
    if (rc == OK) rc = implementation_of_asset(c, id, &im, &n_im, &e);
    db_release(c);
    if (rc == OK) {
        /* Each with its implementation for this asset: no record is 未着手. */
        json_t *items = json_array();
        for (size_t i = 0; i < page.n; i++) {
            json_t *o = api_req_json(&page.items[i]);
            const implementation_brief *b = NULL;
            for (size_t k = 0; k < n_im && !b; k++)
                if (im[k].requirement_id == page.items[i].id) b = &im[k];
            json_object_set_new(o, "implementation",
                                b ? json_pack("{s:I, s:s, s:I}", "id", (json_int_t)b->id, "status", b->status, "version",
                                              (json_int_t)b->version)
                                  : json_pack("{s:n, s:s, s:n}", "id", "status", "not_started", "version"));
            json_array_append_new(items, o);
        }
        http_reply_json(r, 200, json_pack("{s:o, s:n}", "items", items, "next_cursor"));
    } else {
        http_reply_error(r, &e);
    }
    free(im);
    requirement_page_free(&page);
    err_clear(&e);
}
