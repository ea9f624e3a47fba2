/* api_mappings — mamori's catalog outward: the OSCAL export
 * (GET /api/v1/requirements/export), the mappings of requirements to reference controls
 * (/api/v1/requirements/{id}/mappings, /api/v1/requirement-mappings/{id},
 * /api/v1/catalog-items/{id}/mappings) and a reference catalog's coverage by them
 * (/api/v1/catalogs/{id}/coverage). The export is small (well under a megabyte) and made
 * in the request; it writes the audit event, so it runs in a write transaction. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "domain/requirement_export.h"
#include "domain/requirement_mapping.h"
#include "http/handlers.h"
#include "http/json_input.h"

void api_requirements_export(http_request *r)
{
    const char *format = http_query(r, "format");
    err e = ERR_INIT;
    if (!format) err_field_add(&e, "format", "is required: oscal");
    else if (strcmp(format, "oscal") != 0) err_field_add(&e, "format", "must be oscal");
    if (e.code != OK) {
        http_reply_error(r, &e);
        err_clear(&e);
        return;
    }
    requirement_export_result res = {0};
    audit_actor actor = http_actor(r);
    db_conn *c = db_acquire(r->app->store);
    err_code rc = db_begin_write(c, &e);
    if (rc == OK) rc = requirement_export_oscal(c, &actor, "api", &res, &e);
    if (rc == OK) rc = db_commit(c, &e);
    db_release(c);
    if (rc == OK) {
        http_add_header(r, "Content-Disposition", "attachment; filename=\"mamori-catalog-oscal.json\"");
        http_add_header(r, "Cache-Control", "no-store");
        http_reply_json_text(r, 200, res.json);
        res.json = NULL; /* the reply owns it */
    } else {
        http_reply_error(r, &e);
    }
    requirement_export_result_free(&res);
    err_clear(&e);
}

void api_requirement_mappings_list(http_request *r)
{
    long id = 0;
    if (!http_param_id(r, 0, &id)) {
        http_reply_problem(r, 404, "not_found", "no such requirement");
        return;
    }
    const char *ended = http_query(r, "ended");
    err e = ERR_INIT;
    if (ended && strcmp(ended, "true") && strcmp(ended, "false")) {
        err_field_add(&e, "ended", "must be true or false");
        http_reply_error(r, &e);
        err_clear(&e);
        return;
    }
    json_t *out = NULL;
    db_conn *c = db_acquire(r->app->store);
    err_code rc = reqmap_for_requirement(c, id, ended && !strcmp(ended, "true"), &out, &e);
    db_release(c);
    if (rc == OK) http_reply_json(r, 200, out);
    else http_reply_error(r, &e);
    err_clear(&e);
}

void api_requirement_mappings_post(http_request *r)
{
    long id = 0, item = 0, mapping = 0;
    if (!http_param_id(r, 0, &id)) {
        http_reply_problem(r, 404, "not_found", "no such requirement");
        return;
    }
    const char *relation = NULL, *note = NULL;
    err e = ERR_INIT;
    const json_field fields[] = {{"catalog_item_id", true, 0, NULL, &item},
                                 {"relation", true, 20, &relation, NULL},
                                 {"note", false, REQMAP_NOTE_MAX, &note, NULL}};
    err_code rc = json_input_strings(r->json, fields, 3, &e);
    audit_actor actor = http_actor(r);
    db_conn *c = db_acquire(r->app->store);
    if (rc == OK) rc = db_begin_write(c, &e);
    if (rc == OK) rc = reqmap_add(c, &actor, id, item, relation, note, &mapping, &e);
    if (rc == OK) rc = db_commit(c, &e);
    json_t *out = NULL;
    if (rc == OK) rc = reqmap_for_requirement(c, id, false, &out, &e);
    db_release(c);
    if (rc == OK) {
        char location[64];
        snprintf(location, sizeof location, "/api/v1/requirement-mappings/%ld", mapping);
        http_add_header(r, "Location", location);
        json_t *mine = json_null();
        size_t i;
        json_t *m;
        json_array_foreach(json_object_get(out, "items"), i, m) {
            if (json_integer_value(json_object_get(m, "id")) == mapping) mine = json_incref(m);
        }
        http_reply_json(r, 201, mine);
        json_decref(out);
    } else {
        http_reply_error(r, &e);
    }
    err_clear(&e);
}

void api_requirement_mappings_delete(http_request *r)
{
    long id = 0;
    if (!http_param_id(r, 0, &id)) {
        http_reply_problem(r, 404, "not_found", "no such mapping");
        return;
    }
    err e = ERR_INIT;
    audit_actor actor = http_actor(r);
    db_conn *c = db_acquire(r->app->store);
    err_code rc = db_begin_write(c, &e);
    if (rc == OK) rc = reqmap_end(c, &actor, id, &e);
    if (rc == OK) rc = db_commit(c, &e);
    db_release(c);
    if (rc == OK) http_reply_empty(r, 204);
    else http_reply_error(r, &e);
    err_clear(&e);
}

void api_catalog_item_mappings_list(http_request *r)
{
    long id = 0;
    if (!http_param_id(r, 0, &id)) {
        http_reply_problem(r, 404, "not_found", "no such catalog item");
        return;
    }
    err e = ERR_INIT;
    json_t *out = NULL;
    db_conn *c = db_acquire(r->app->store);
    err_code rc = reqmap_for_item(c, id, &out, &e);
    db_release(c);
    if (rc == OK) http_reply_json(r, 200, out);
    else http_reply_error(r, &e);
    err_clear(&e);
}

void api_catalog_coverage(http_request *r)
{
    long id = 0;
    if (!http_param_id(r, 0, &id)) {
        http_reply_problem(r, 404, "not_found", "no such catalog");
        return;
    }
    err e = ERR_INIT;
    json_t *out = NULL;
    db_conn *c = db_acquire(r->app->store);
    err_code rc = reqmap_coverage(c, id, &out, &e);
    db_release(c);
    if (rc == OK) http_reply_json(r, 200, out);
    else http_reply_error(r, &e);
    err_clear(&e);
}
