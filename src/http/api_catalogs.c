/* api_catalogs — reference catalogs imported from OSCAL (/api/v1/catalogs,
 * /api/v1/catalog-items): the list with counts, one catalog, its items as a tree (all,
 * one level, or a search), one item with its parameters, statement as displayed,
 * guidance, links and enhancements; and the import of an uploaded catalog (the body is
 * the JSON file), done in the request: NIST's baselines take a fraction of a second. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "domain/reference_catalog.h"
#include "http/handlers.h"

static json_t *ac_int_or_null(const char *s)
{
    return s ? json_integer(atoll(s)) : json_null();
}

static json_t *ac_catalog_json(const db_rows *rows, size_t i)
{
    return json_pack("{s:I, s:s, s:s, s:s?, s:s?, s:s?, s:s, s:s, s:s, s:o, s:I, s:I, s:I}", "id",
                     (json_int_t)atoll(db_cell(rows, i, REFCAT_ID)), "uuid", db_cell(rows, i, REFCAT_UUID), "title",
                     db_cell(rows, i, REFCAT_TITLE), "version", db_cell(rows, i, REFCAT_VERSION), "oscal_version",
                     db_cell(rows, i, REFCAT_OSCAL_VERSION), "last_modified", db_cell(rows, i, REFCAT_LAST_MODIFIED),
                     "source_name", db_cell(rows, i, REFCAT_SOURCE_NAME), "source_sha256",
                     db_cell(rows, i, REFCAT_SOURCE_SHA256), "imported_at", db_cell(rows, i, REFCAT_IMPORTED_AT),
                     "imported_by", ac_int_or_null(db_cell(rows, i, REFCAT_IMPORTED_BY)), "groups",
                     (json_int_t)atoll(db_cell(rows, i, REFCAT_N_GROUPS)), "controls",
                     (json_int_t)atoll(db_cell(rows, i, REFCAT_N_CONTROLS)), "enhancements",
                     (json_int_t)atoll(db_cell(rows, i, REFCAT_N_ENHANCEMENTS)));
}

/* A stored JSON column parsed back (null when absent). */
static json_t *ac_json_column(const char *text)
{
    json_t *v = text ? json_loads(text, JSON_DECODE_ANY, NULL) : NULL;
    return v ? v : json_null();
}

/* The label an item is shown by (reference_catalog.h). */
static const char *ac_label(json_t *props)
{
    return refcat_props_label(props);
}

/* An item as the tree shows it: no JSON columns, no prose. */
static json_t *ac_item_summary(const db_rows *rows, size_t i)
{
    const char *kind = db_cell(rows, i, REFCAT_I_KIND), *parent_kind = db_cell(rows, i, REFCAT_I_PARENT_KIND);
    json_t *props = ac_json_column(db_cell(rows, i, REFCAT_I_PROPS));
    json_t *o = json_pack(
        "{s:I, s:I, s:o, s:s, s:s, s:s?, s:s?, s:s, s:I, s:b, s:I}", "id",
        (json_int_t)atoll(db_cell(rows, i, REFCAT_I_ID)), "catalog_id",
        (json_int_t)atoll(db_cell(rows, i, REFCAT_I_CATALOG_ID)), "parent_id",
        ac_int_or_null(db_cell(rows, i, REFCAT_I_PARENT_ID)), "kind", kind, "item_id",
        db_cell(rows, i, REFCAT_I_ITEM_ID), "label", ac_label(props), "class", db_cell(rows, i, REFCAT_I_CLASS),
        "title", db_cell(rows, i, REFCAT_I_TITLE), "depth", (json_int_t)atoll(db_cell(rows, i, REFCAT_I_DEPTH)),
        "enhancement", !strcmp(kind, "control") && parent_kind && !strcmp(parent_kind, "control"), "children",
        (json_int_t)atoll(db_cell(rows, i, REFCAT_I_N_CHILDREN)));
    json_decref(props);
    return o;
}

void api_catalogs_list(http_request *r)
{
    err e = ERR_INIT;
    db_rows *rows = NULL;
    db_conn *c = db_acquire(r->app->store);
    err_code rc = refcat_list(c, &rows, &e);
    db_release(c);
    if (rc != OK) {
        http_reply_error(r, &e);
        err_clear(&e);
        return;
    }
    json_t *items = json_array();
    for (size_t i = 0; i < rows->n_rows; i++) json_array_append_new(items, ac_catalog_json(rows, i));
    db_rows_free(rows);
    http_reply_json(r, 200, json_pack("{s:o, s:n}", "items", items, "next_cursor"));
}

void api_catalogs_get(http_request *r)
{
    long id = 0;
    if (!http_param_id(r, 0, &id)) {
        http_reply_problem(r, 404, "not_found", "no such catalog");
        return;
    }
    err e = ERR_INIT;
    db_rows *rows = NULL;
    db_conn *c = db_acquire(r->app->store);
    err_code rc = refcat_get(c, id, &rows, &e);
    db_release(c);
    if (rc == OK) http_reply_json(r, 200, ac_catalog_json(rows, 0));
    else http_reply_error(r, &e);
    db_rows_free(rows);
    err_clear(&e);
}

#define AC_ITEMS_LIMIT_MAX 5000
#define AC_ITEMS_LIMIT_DEFAULT 2000

void api_catalog_items_list(http_request *r)
{
    long id = 0;
    if (!http_param_id(r, 0, &id)) {
        http_reply_problem(r, 404, "not_found", "no such catalog");
        return;
    }
    err e = ERR_INIT;
    refcat_item_filter f = {.catalog_id = id, .limit = AC_ITEMS_LIMIT_DEFAULT};
    const char *parent = http_query(r, "parent"), *limit = http_query(r, "limit"), *cursor = http_query(r, "cursor");
    long n = 0;
    if (parent && *parent) {
        f.has_parent = true;
        if (!strcmp(parent, "0") || !strcmp(parent, "top")) f.parent_id = 0;
        else if (http_positive_number(parent, 1L << 52, &n)) f.parent_id = n;
        else err_field_add(&e, "parent", "must be an item's id, or 0 (or top) for the top level");
    }
    if (limit) {
        if (http_positive_number(limit, AC_ITEMS_LIMIT_MAX, &n)) f.limit = (int)n;
        else err_field_add(&e, "limit", "must be a whole number from 1 to %d", AC_ITEMS_LIMIT_MAX);
    }
    if (cursor) {
        if (http_positive_number(cursor, 1L << 52, &n)) f.after_sort = n;
        else err_field_add(&e, "cursor", "must be a cursor from an earlier page");
    }
    f.q = http_query(r, "q");
    db_rows *rows = NULL;
    err_code rc = e.code;
    if (rc == OK) {
        db_conn *c = db_acquire(r->app->store);
        rc = refcat_items(c, &f, &rows, &e);
        db_release(c);
    }
    if (rc != OK) {
        http_reply_error(r, &e);
        err_clear(&e);
        return;
    }
    json_t *items = json_array();
    for (size_t i = 0; i < rows->n_rows; i++) json_array_append_new(items, ac_item_summary(rows, i));
    json_t *next = json_null();
    if (rows->n_rows == (size_t)f.limit) next = json_string(db_cell(rows, rows->n_rows - 1, REFCAT_I_SORT));
    db_rows_free(rows);
    http_reply_json(r, 200, json_pack("{s:o, s:o}", "items", items, "next_cursor", next));
}

/* The items of the same catalog that the links name as "#id" with rel "related" (NIST's
 * cross-references between controls), in file order; [] when none resolve. */
static json_t *ac_related(http_request *r, const db_rows *item, json_t *links)
{
    json_t *out = json_array();
    const char **ids = xcalloc(json_array_size(links) + 1, sizeof *ids);
    size_t n = 0, i;
    json_t *l;
    json_array_foreach(links, i, l) {
        const char *href = json_string_value(json_object_get(l, "href"));
        const char *rel = json_string_value(json_object_get(l, "rel"));
        if (href && href[0] == '#' && href[1] && rel && !strcmp(rel, "related")) ids[n++] = href + 1;
    }
    if (n > 0) {
        err e = ERR_INIT;
        db_rows *rows = NULL;
        db_conn *c = db_acquire(r->app->store);
        if (refcat_items_by_ids(c, atol(db_cell(item, 0, REFCAT_I_CATALOG_ID)), ids, n, &rows, &e) == OK)
            for (size_t k = 0; k < rows->n_rows; k++) json_array_append_new(out, ac_item_summary(rows, k));
        db_release(c);
        db_rows_free(rows);
        err_clear(&e);
    }
    free(ids);
    return out;
}

void api_catalog_items_get(http_request *r)
{
    long id = 0;
    if (!http_param_id(r, 0, &id)) {
        http_reply_problem(r, 404, "not_found", "no such catalog item");
        return;
    }
    err e = ERR_INIT;
    db_rows *rows = NULL, *children = NULL, *parent = NULL, *cat = NULL;
    db_conn *c = db_acquire(r->app->store);
    err_code rc = refcat_item_get(c, id, &rows, &e);
    if (rc == OK) rc = refcat_item_children(c, id, &children, &e);
    if (rc == OK && db_cell(rows, 0, REFCAT_I_PARENT_ID))
        rc = refcat_item_get(c, atol(db_cell(rows, 0, REFCAT_I_PARENT_ID)), &parent, &e);
    if (rc == OK) rc = refcat_get(c, atol(db_cell(rows, 0, REFCAT_I_CATALOG_ID)), &cat, &e);
    db_release(c);
    if (rc != OK) {
        http_reply_error(r, &e);
        goto cleanup;
    }
    json_t *o = ac_item_summary(rows, 0);
    json_object_set_new(o, "params", ac_json_column(db_cell(rows, 0, REFCAT_I_PARAMS)));
    json_object_set_new(o, "props", ac_json_column(db_cell(rows, 0, REFCAT_I_PROPS)));
    json_object_set_new(o, "links", ac_json_column(db_cell(rows, 0, REFCAT_I_LINKS)));
    json_object_set_new(o, "parts", ac_json_column(db_cell(rows, 0, REFCAT_I_PARTS)));
    const char *st = db_cell(rows, 0, REFCAT_I_STATEMENT), *sd = db_cell(rows, 0, REFCAT_I_STATEMENT_DISPLAY),
               *gd = db_cell(rows, 0, REFCAT_I_GUIDANCE);
    json_object_set_new(o, "statement", st ? json_string(st) : json_null());
    json_object_set_new(o, "statement_display", sd ? json_string(sd) : json_null());
    json_object_set_new(o, "guidance", gd ? json_string(gd) : json_null());
    json_object_set_new(o, "catalog", json_pack("{s:I, s:s, s:s}", "id", (json_int_t)atoll(db_cell(cat, 0, REFCAT_ID)),
                                                "uuid", db_cell(cat, 0, REFCAT_UUID), "title",
                                                db_cell(cat, 0, REFCAT_TITLE)));
    json_object_set_new(o, "parent", parent ? ac_item_summary(parent, 0) : json_null());
    json_t *kids = json_array();
    for (size_t i = 0; i < children->n_rows; i++) json_array_append_new(kids, ac_item_summary(children, i));
    json_object_set_new(o, "children", kids);
    json_object_set_new(o, "related", ac_related(r, rows, json_object_get(o, "links")));
    http_reply_json(r, 200, o);
cleanup:
    db_rows_free(rows);
    db_rows_free(children);
    db_rows_free(parent);
    db_rows_free(cat);
    err_clear(&e);
}

/* A file name to keep: its last path segment, printable ASCII and not too long. */
static bool ac_name_ok(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 200 || strchr(s, '/') || strchr(s, '\\')) return false;
    for (const char *p = s; *p; p++)
        if ((unsigned char)*p < 0x20 || (unsigned char)*p == 0x7f) return false;
    return true;
}

void api_catalogs_post(http_request *r)
{
    const char *replace = http_query(r, "replace"), *name = http_query(r, "name");
    err e = ERR_INIT;
    if (replace && strcmp(replace, "true") && strcmp(replace, "false"))
        err_field_add(&e, "replace", "must be true or false");
    if (name && !ac_name_ok(name)) err_field_add(&e, "name", "must be a file name (1 to 200 characters, no slash)");
    if (r->body.len == 0) err_field_add(&e, "body", "send the OSCAL catalog (JSON) as the request body");
    refcat_import_result res = {0};
    audit_actor actor = http_actor(r);
    if (e.code == OK)
        refcat_import_bytes(r->app->store, &actor, r->body.data, r->body.len, name ? name : "upload.json",
                            replace && !strcmp(replace, "true"), &res, &e);
    if (e.code != OK) {
        http_reply_error(r, &e);
        err_clear(&e);
        return;
    }
    db_rows *rows = NULL;
    db_conn *c = db_acquire(r->app->store);
    err_code rc = refcat_get(c, res.catalog_id, &rows, &e);
    db_release(c);
    if (rc == OK) {
        char *url = xasprintf("/api/v1/catalogs/%ld", res.catalog_id);
        http_add_header(r, "Location", url);
        free(url);
        http_reply_json(r, res.replaced ? 200 : 201, ac_catalog_json(rows, 0));
    } else {
        http_reply_error(r, &e);
    }
    db_rows_free(rows);
    err_clear(&e);
}
