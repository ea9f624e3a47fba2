/* api_laws — the legal register (/api/v1/laws, 第13条): read with catalog.read, kept with
 * catalog.manage; a law answers with its articles and the requirements implementing it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "domain/law.h"
#include "http/api_catalog.h"
#include "http/handlers.h"
#include "http/json_input.h"

static json_t *api_law_json(const law_row *l, bool detail)
{
    json_t *arts = json_array();
    for (size_t i = 0; i < l->n_articles; i++)
        json_array_append_new(arts, json_pack("{s:I, s:s, s:s, s:s?}", "id", (json_int_t)l->articles[i].id, "number",
                                              l->articles[i].number, "title_ja", l->articles[i].title_ja, "title_en",
                                              l->articles[i].title_en));
    json_t *o = json_pack("{s:I, s:s, s:s, s:s?, s:s?, s:s?, s:s?, s:b, s:I, s:I, s:o}", "id", (json_int_t)l->id, "code",
                          l->code, "name_ja", l->name_ja, "short_name_ja", l->short_name_ja, "name_en", l->name_en,
                          "number", l->number, "description", l->description, "active", l->active, "requirements",
                          (json_int_t)l->n_requirements, "version", (json_int_t)l->version, "articles", arts);
    if (detail) {
        json_t *impl = json_array();
        for (size_t i = 0; i < l->n_implementers; i++) {
            const law_implementer *m = &l->implementers[i];
            json_array_append_new(impl, json_pack("{s:I, s:s, s:s, s:s?, s:s, s:s?}", "id", (json_int_t)m->requirement_id,
                                                  "code", m->code, "title_ja", m->title_ja, "title_en", m->title_en,
                                                  "measure_kind", m->measure_kind, "article", m->article_number));
        }
        json_object_set_new(o, "implemented_by", impl);
    }
    return o;
}

static void api_law_reply(http_request *r, db_conn *c, long id, int status)
{
    law_row l;
    err e = ERR_INIT;
    if (law_get(c, id, &l, &e) != OK) {
        http_reply_error(r, &e);
        err_clear(&e);
        return;
    }
    api_catalog_etag(r, l.version);
    if (status == 201) {
        char loc[64];
        snprintf(loc, sizeof loc, "/api/v1/laws/%ld", id);
        http_add_header(r, "Location", loc);
    }
    http_reply_json(r, status, api_law_json(&l, true));
    law_row_clear(&l);
}

void api_laws_list(http_request *r)
{
    err e = ERR_INIT;
    law_filter f = {0};
    law_page page = {0};
    f.q = http_query(r, "q");
    f.cursor = http_query(r, "cursor");
    if (!api_catalog_list_params(r, &f.limit, &f.active, &e)) goto fail;
    db_conn *c = db_acquire(r->app->store);
    err_code rc = law_list(c, &f, &page, &e);
    db_release(c);
    if (rc != OK) goto fail;
    json_t *items = json_array();
    for (size_t i = 0; i < page.n; i++) json_array_append_new(items, api_law_json(&page.items[i], false));
    http_reply_json(r, 200, json_pack("{s:o, s:o}", "items", items, "next_cursor",
                                      page.next_cursor ? json_string(page.next_cursor) : json_null()));
    law_page_free(&page);
    return;
fail:
    http_reply_error(r, &e);
    err_clear(&e);
}

void api_laws_get(http_request *r)
{
    long id = 0;
    if (!http_param_id(r, 0, &id)) {
        http_reply_problem(r, 404, "not_found", "no such law");
        return;
    }
    db_conn *c = db_acquire(r->app->store);
    api_law_reply(r, c, id, 200);
    db_release(c);
}

/* The body; articles (an array of {number, title_ja, title_en}) into *arts (owned by the
 * caller, its strings borrowed from *held, which the caller releases with json_decref). */
static err_code api_law_fields(http_request *r, law_fields *f, law_article_input **arts, json_t **held, bool creating,
                                err *e)
{
    *arts = NULL;
    *held = NULL;
    if (!r->json || !json_is_object(r->json)) return err_set(e, ERR_BAD_REQUEST, "the body must be a JSON object");
    api_catalog_take_active(r, &f->active, e);
    json_t *a = json_object_get(r->json, "articles");
    if (a && !json_is_array(a)) err_field_add(e, "articles", "must be an array");
    if (a && json_is_array(a) && json_array_size(a) > 200) err_field_add(e, "articles", "must be at most 200");
    else if (a && json_is_array(a)) {
        *arts = xcalloc(json_array_size(a) + 1, sizeof **arts);
        size_t i;
        json_t *v;
        json_array_foreach(a, i, v) {
            char field[48];
            snprintf(field, sizeof field, "articles[%zu]", i);
            json_t *n = json_object_get(v, "number"), *tj = json_object_get(v, "title_ja"), *te = json_object_get(v, "title_en");
            if (!json_is_object(v) || json_object_size(v) > (size_t)(1 + !!tj + !!te) || (n && !json_is_string(n)) ||
                (tj && !json_is_string(tj)) || (te && !json_is_string(te) && !json_is_null(te))) {
                err_field_add(e, field, "must be an object with the strings number, title_ja and title_en");
                continue;
            }
            (*arts)[i].number = json_string_value(n);
            (*arts)[i].title_ja = json_string_value(tj);
            (*arts)[i].title_en = json_string_value(te);
        }
        f->articles = *arts;
        f->n_articles = json_array_size(a);
    }
    if (a) {
        /* Out of the body, so json_input checks the rest; *held keeps the borrowed strings alive. */
        *held = json_incref(a);
        json_object_del(r->json, "articles");
    }
    const json_field fields[] = {
        {"code", creating, 40, &f->code, NULL},
        {"name_ja", creating, 300, &f->name_ja, NULL},
        {"short_name_ja", false, 100, &f->short_name_ja, NULL},
        {"name_en", false, 300, &f->name_en, NULL},
        {"number", false, 100, &f->number, NULL},
        {"description", false, 4000, &f->description, NULL},
    };
    err_code rc = json_input_strings(r->json, fields, 6, e);
    return e->n_fields ? ERR_VALIDATION : rc;
}

void api_laws_post(http_request *r)
{
    law_fields f = {0};
    law_article_input *arts = NULL;
    json_t *held = NULL;
    err e = ERR_INIT;
    long id = 0;
    if (api_law_fields(r, &f, &arts, &held, true, &e) != OK) goto fail;
    audit_actor actor = http_actor(r);
    db_conn *c = db_acquire(r->app->store);
    err_code rc = db_begin_write(c, &e);
    if (rc == OK) rc = law_create(c, &actor, &f, &id, &e);
    if (rc == OK) rc = db_commit(c, &e);
    if (rc == OK) api_law_reply(r, c, id, 201);
    db_release(c);
    if (rc != OK) goto fail;
    free(arts);
    json_decref(held);
    return;
fail:
    free(arts);
    json_decref(held);
    http_reply_error(r, &e);
    err_clear(&e);
}

void api_laws_patch(http_request *r)
{
    long id = 0, version = 0;
    law_fields f = {0};
    law_article_input *arts = NULL;
    json_t *held = NULL;
    err e = ERR_INIT;
    if (!http_param_id(r, 0, &id)) {
        http_reply_problem(r, 404, "not_found", "no such law");
        return;
    }
    if (!http_if_match(r, &version)) return;
    if (api_law_fields(r, &f, &arts, &held, false, &e) != OK) goto fail;
    audit_actor actor = http_actor(r);
    db_conn *c = db_acquire(r->app->store);
    err_code rc = db_begin_write(c, &e);
    if (rc == OK) rc = law_update(c, &actor, id, version, &f, &e);
    if (rc == OK) rc = db_commit(c, &e);
    if (rc == OK) api_law_reply(r, c, id, 200);
    db_release(c);
    if (rc != OK) goto fail;
    free(arts);
    json_decref(held);
    return;
fail:
    free(arts);
    json_decref(held);
    http_reply_error(r, &e);
    err_clear(&e);
}
