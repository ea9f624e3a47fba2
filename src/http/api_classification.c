/* api_classification — the classification scheme of 第9条 (DESIGN §4): the scheme in
 * force and every preset for anyone logged in (people handle assets by these rules);
 * changes to definitions and rules, and a change of preset, for classification.manage
 * (the CISO). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "domain/classification.h"
#include "http/handlers.h"
#include "http/json_input.h"

static json_t *api_class_json(const classification_class *k)
{
    json_t *rules = json_object();
    for (int a = 0; a < CLASSIFICATION_N_ASPECTS; a++)
        if (k->rules[a].text_ja)
            json_object_set_new(rules, classification_aspects[a],
                                json_pack("{s:s, s:s?}", "ja", k->rules[a].text_ja, "en", k->rules[a].text_en));
    char label[16];
    snprintf(label, sizeof label, "%s%s", k->axis, k->code);
    return json_pack("{s:I, s:s, s:s, s:s, s:i, s:s, s:s, s:s, s:s?, s:I, s:I, s:o}", "id", (json_int_t)k->id, "axis",
                     k->axis, "code", k->code, "label", label, "rank", k->rank, "name_ja", k->name_ja, "name_en",
                     k->name_en, "definition_ja", k->definition_ja, "definition_en", k->definition_en, "version",
                     (json_int_t)k->version, "assets", (json_int_t)k->n_assets, "rules", rules);
}

static json_t *api_scheme_json(const classification_scheme *s)
{
    json_t *classes = json_array();
    for (size_t i = 0; i < s->n_classes; i++) json_array_append_new(classes, api_class_json(&s->classes[i]));
    return json_pack("{s:s, s:s, s:s, s:b, s:I, s:o}", "code", s->code, "name_ja", s->name_ja, "name_en", s->name_en,
                     "in_force", s->in_force, "version", (json_int_t)s->version, "classes", classes);
}

void api_classification_get(http_request *r)
{
    err e = ERR_INIT;
    classification_scheme s;
    db_conn *c = db_acquire(r->app->store);
    err_code rc = classification_load(c, NULL, r->session.person_id, &s, &e);
    db_release(c);
    if (rc != OK) {
        http_reply_error(r, &e);
        err_clear(&e);
        return;
    }
    char etag[40];
    snprintf(etag, sizeof etag, "\"%ld\"", s.version);
    http_add_header(r, "ETag", etag);
    http_reply_json(r, 200, api_scheme_json(&s));
    classification_scheme_free(&s);
}

void api_classification_schemes(http_request *r)
{
    err e = ERR_INIT;
    classification_scheme *all = NULL;
    size_t n = 0;
    db_conn *c = db_acquire(r->app->store);
    err_code rc = classification_schemes(c, r->session.person_id, &all, &n, &e);
    db_release(c);
    if (rc != OK) {
        http_reply_error(r, &e);
        err_clear(&e);
        return;
    }
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++) json_array_append_new(items, api_scheme_json(&all[i]));
    classification_schemes_free(all, n);
    http_reply_json(r, 200, json_pack("{s:o, s:n}", "items", items, "next_cursor"));
}

/* The class as its editor now sees it, with its new ETag. */
static void api_reply_class(http_request *r, db_conn *c, long id)
{
    err e = ERR_INIT;
    char idt[24];
    snprintf(idt, sizeof idt, "%ld", id);
    db_rows *rows = NULL;
    classification_scheme s = {0};
    err_code rc = db_query(c, "SELECT scheme_code FROM classification_class WHERE id = CAST($1 AS BIGINT)",
                           DB_PARAMS(idt), &rows, &e);
    if (rc == OK && rows->n_rows != 1) rc = err_set(&e, ERR_NOT_FOUND, "no such class");
    if (rc == OK) rc = classification_load(c, db_cell(rows, 0, 0), r->session.person_id, &s, &e);
    db_rows_free(rows);
    if (rc != OK) {
        http_reply_error(r, &e);
        err_clear(&e);
        return;
    }
    for (size_t i = 0; i < s.n_classes; i++) {
        if (s.classes[i].id != id) continue;
        char etag[40];
        snprintf(etag, sizeof etag, "\"%ld\"", s.classes[i].version);
        http_add_header(r, "ETag", etag);
        json_t *body = api_class_json(&s.classes[i]);
        json_object_set_new(body, "scheme", json_string(s.code));
        http_reply_json(r, 200, body);
    }
    classification_scheme_free(&s);
}

/* rules: {"storage": {"ja": "…", "en": "…"}, …}; every problem named. */
static void api_class_rules(json_t *rules, classification_changes *ch, err *e)
{
    if (!rules) return;
    if (!json_is_object(rules)) {
        err_field_add(e, "rules", "must be an object of aspects");
        return;
    }
    const char *aspect;
    json_t *v;
    json_object_foreach(rules, aspect, v) {
        int a = -1;
        for (int i = 0; i < CLASSIFICATION_N_ASPECTS; i++)
            if (strcmp(aspect, classification_aspects[i]) == 0) a = i;
        char field[80];
        snprintf(field, sizeof field, "rules.%.40s", aspect);
        if (a < 0) {
            err_field_add(e, field,
                          "is not an aspect (labelling, storage, transmission, taking_out, copying, printing, "
                          "disposal)");
            continue;
        }
        const json_field fields[] = {{"ja", false, 0, &ch->rules_ja[a], NULL}, {"en", false, 0, &ch->rules_en[a], NULL}};
        err inner = ERR_INIT;
        if (json_input_strings(v, fields, 2, &inner) != OK) {
            if (!inner.n_fields) err_field_add(e, field, "must be an object with ja and en");
            for (size_t i = 0; i < inner.n_fields; i++)
                err_field_add(e, field, "%s %s", inner.fields[i].field, inner.fields[i].message);
        } else if (!ch->rules_ja[a] && !ch->rules_en[a]) {
            err_field_add(e, field, "names no text (ja, en)");
        }
        err_clear(&inner);
    }
}

void api_classification_class_patch(http_request *r)
{
    long id = 0, version = 0, new_version = 0;
    err e = ERR_INIT;
    if (!http_param_id(r, 0, &id)) {
        http_reply_problem(r, 404, "not_found", "no such class");
        return;
    }
    if (!http_if_match(r, &version)) return;
    classification_changes ch;
    memset(&ch, 0, sizeof ch);
    json_t *top = r->json && json_is_object(r->json) ? json_copy(r->json) : NULL;
    json_t *rules = top ? json_incref(json_object_get(top, "rules")) : NULL;
    if (top) json_object_del(top, "rules");
    const json_field fields[] = {
        {"name_ja", false, 0, &ch.name_ja, NULL},
        {"name_en", false, 0, &ch.name_en, NULL},
        {"definition_ja", false, 0, &ch.definition_ja, NULL},
        {"definition_en", false, 0, &ch.definition_en, NULL},
    };
    err_code rc = json_input_strings(top ? top : r->json, fields, sizeof fields / sizeof *fields, &e);
    if (rc != ERR_BAD_REQUEST) api_class_rules(rules, &ch, &e);
    if (rc != ERR_BAD_REQUEST && !e.n_fields && !rules && !json_object_size(top))
        err_field_add(&e, "body", "names nothing to change");
    db_conn *c = NULL;
    if (e.code != OK) goto fail;
    audit_actor actor = http_actor(r);
    c = db_acquire(r->app->store);
    rc = db_begin_write(c, &e);
    if (rc == OK) rc = classification_class_update(c, &actor, id, version, &ch, &new_version, &e);
    if (rc == OK) rc = db_commit(c, &e);
    if (rc != OK) goto fail;
    api_reply_class(r, c, id);
    db_release(c);
    json_decref(top);
    json_decref(rules);
    return;
fail:
    if (c) db_release(c);
    json_decref(top);
    json_decref(rules);
    http_reply_error(r, &e);
    err_clear(&e);
}

void api_classification_preset_change(http_request *r)
{
    err e = ERR_INIT;
    const char *scheme = NULL;
    classification_mapping *map = NULL;
    size_t n_map = 0;
    json_t *top = r->json && json_is_object(r->json) ? json_copy(r->json) : NULL;
    json_t *mapping = top ? json_incref(json_object_get(top, "mapping")) : NULL;
    if (top) json_object_del(top, "mapping");
    const json_field fields[] = {{"scheme", true, 40, &scheme, NULL}};
    err_code rc = json_input_strings(top ? top : r->json, fields, 1, &e);
    if (rc != ERR_BAD_REQUEST) {
        if (!mapping) {
            err_field_add(&e, "mapping", "is required (an object: class id in force → class id of the new scheme)");
        } else if (!json_is_object(mapping)) {
            err_field_add(&e, "mapping", "must be an object: class id in force → class id of the new scheme");
        } else {
            map = xcalloc(json_object_size(mapping) + 1, sizeof *map);
            const char *key;
            json_t *v;
            json_object_foreach(mapping, key, v) {
                char field[64];
                snprintf(field, sizeof field, "mapping.%.40s", key);
                char *end = NULL;
                long from = strtol(key, &end, 10);
                if (!*key || *end || from < 1 || strlen(key) > 15) {
                    err_field_add(&e, field, "must be keyed by a class id");
                } else if (!json_is_integer(v) || json_integer_value(v) < 1) {
                    err_field_add(&e, field, "must be the id of a class of the new scheme");
                } else {
                    map[n_map].from = from;
                    map[n_map].to = (long)json_integer_value(v);
                    n_map++;
                }
            }
        }
    }
    db_conn *c = NULL;
    long moved = 0;
    if (e.code != OK) goto fail;
    audit_actor actor = http_actor(r);
    c = db_acquire(r->app->store);
    rc = db_begin_write(c, &e);
    if (rc == OK) rc = classification_preset_change(c, &actor, scheme, map, n_map, &moved, &e);
    if (rc == OK) rc = db_commit(c, &e);
    if (rc != OK) goto fail;
    classification_scheme s;
    rc = classification_load(c, NULL, r->session.person_id, &s, &e);
    db_release(c);
    c = NULL;
    if (rc != OK) goto fail;
    json_t *body = api_scheme_json(&s);
    json_object_set_new(body, "assets_moved", json_integer(moved));
    classification_scheme_free(&s);
    http_reply_json(r, 200, body);
    goto cleanup;
fail:
    if (c) db_release(c);
    http_reply_error(r, &e);
cleanup:
    err_clear(&e);
    free(map);
    json_decref(top);
    json_decref(mapping);
}
