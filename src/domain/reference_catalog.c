/* reference_catalog — imported OSCAL catalogs: the import in one transaction, and the
 * reads the API and the UI need (see reference_catalog.h). */
#include "domain/reference_catalog.h"

#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/fileutil.h"
#include "core/timeutil.h"
#include "core/xalloc.h"
#include "search/search_index.h"
#include "search/search_text.h"

/* ---- import ---- */

/* At most this many characters of a statement go to the search index (which refuses
 * more than SEARCH_TEXT_MAX_BYTES in all); search_reindex.c cuts the same with SUBSTR. */
#define RC_SEARCH_STATEMENT_CHARS 12000

static char *rc_cut_chars(const char *s, size_t max_chars)
{
    size_t n_chars = 0, i = 0;
    for (; s[i]; i++) {
        if (((unsigned char)s[i] & 0xC0) != 0x80 && n_chars++ == max_chars) break;
    }
    return xstrndup(s, i);
}

/* Indexes an item: its id, title and statement as displayed (search_reindex.c reads the
 * same fields in the same order). */
static err_code rc_search_put(db_conn *c, long id, const char *item_id, const char *title, const char *statement,
                              err *e)
{
    char *cut = statement ? rc_cut_chars(statement, RC_SEARCH_STATEMENT_CHARS) : NULL;
    const char *fields[] = {item_id, title, cut};
    err_code rc = search_index_put(c, REFCAT_SEARCH_KIND, id, fields, 3, e);
    free(cut);
    return rc;
}

/* Removes the catalog's items (and their search entries) before a replacement. */
static err_code rc_remove_items(db_conn *c, const char *catalog_id, long *n_removed, err *e)
{
    db_rows *rows = NULL;
    err_code rc = db_query(c, "SELECT id FROM reference_catalog_item WHERE catalog_id = CAST($1 AS BIGINT)",
                           DB_PARAMS(catalog_id), &rows, e);
    for (size_t i = 0; rc == OK && i < rows->n_rows; i++)
        rc = search_index_remove(c, REFCAT_SEARCH_KIND, atol(db_cell(rows, i, 0)), e);
    if (rc == OK) *n_removed = (long)rows->n_rows;
    db_rows_free(rows);
    /* One statement: the tree's parent links are checked at its end, when all are gone. */
    if (rc == OK)
        rc = db_query(c, "DELETE FROM reference_catalog_item WHERE catalog_id = CAST($1 AS BIGINT)",
                      DB_PARAMS(catalog_id), NULL, e);
    return rc;
}

static err_code rc_insert_items(db_conn *c, const oscal_catalog *cat, const char *catalog_id, err *e)
{
    long *ids = xcalloc(cat->n_items ? cat->n_items : 1, sizeof *ids);
    err_code rc = OK;
    for (size_t i = 0; rc == OK && i < cat->n_items; i++) {
        const oscal_item *it = &cat->items[i];
        char parent[24], sort[24], depth[24];
        snprintf(parent, sizeof parent, "%ld", it->parent >= 0 ? ids[it->parent] : 0L);
        snprintf(sort, sizeof sort, "%zu", i + 1);
        snprintf(depth, sizeof depth, "%d", it->depth);
        db_rows *rows = NULL;
        rc = db_query(c,
                      "INSERT INTO reference_catalog_item (catalog_id, parent_id, kind, item_id, class, title,"
                      " sort_order, depth, params, props, links, parts, statement, statement_display, guidance)"
                      " VALUES (CAST($1 AS BIGINT), CAST($2 AS BIGINT), $3, $4, $5, $6, CAST($7 AS INTEGER),"
                      " CAST($8 AS INTEGER), $9, $10, $11, $12, $13, $14, $15) RETURNING id",
                      DB_PARAMS(catalog_id, it->parent >= 0 ? parent : NULL, it->is_group ? "group" : "control",
                                it->item_id, it->class_name, it->title, sort, depth, it->params, it->props,
                                it->links, it->parts, it->statement, it->statement_display, it->guidance),
                      &rows, e);
        if (rc == OK) ids[i] = atol(db_cell(rows, 0, 0));
        db_rows_free(rows);
        if (rc == OK) rc = rc_search_put(c, ids[i], it->item_id, it->title, it->statement_display, e);
    }
    free(ids);
    return rc;
}

err_code refcat_import(db_conn *c, const audit_actor *actor, const oscal_catalog *cat, const char *source_name,
                       const char *sha256, bool replace, refcat_import_result *out, err *e)
{
    memset(out, 0, sizeof *out);
    db_rows *rows = NULL;
    json_t *detail = NULL;
    char idt[24], by[24], now[TIME_CANON_LEN], ng[24], nc[24], ne[24];
    time_now_canon(now);
    snprintf(by, sizeof by, "%ld", actor->id);
    snprintf(ng, sizeof ng, "%zu", cat->n_groups);
    snprintf(nc, sizeof nc, "%zu", cat->n_controls);
    snprintf(ne, sizeof ne, "%zu", cat->n_enhancements);
    err_code rc = db_query(c,
                           "SELECT id, title, imported_at, n_groups, n_controls, n_enhancements, source_sha256"
                           " FROM reference_catalog WHERE uuid = $1",
                           DB_PARAMS(cat->uuid), &rows, e);
    if (rc != OK) goto cleanup;
    detail = json_pack("{s:s, s:s, s:s?, s:s, s:s, s:I, s:I, s:I}", "uuid", cat->uuid, "title", cat->title,
                       "version", cat->version, "source", source_name, "sha256", sha256, "groups",
                       (json_int_t)cat->n_groups, "controls", (json_int_t)cat->n_controls, "enhancements",
                       (json_int_t)cat->n_enhancements);
    if (rows->n_rows > 0) {
        if (!replace) {
            rc = err_set(e, ERR_CONFLICT,
                         "the catalog %s (\"%s\") was imported on %s; give --replace to replace it (its items are "
                         "replaced, the catalog keeps its id)",
                         cat->uuid, db_cell(rows, 0, 1), db_cell(rows, 0, 2));
            goto cleanup;
        }
        out->catalog_id = atol(db_cell(rows, 0, 0));
        snprintf(idt, sizeof idt, "%ld", out->catalog_id);
        long n_removed = 0;
        if ((rc = rc_remove_items(c, idt, &n_removed, e)) != OK) goto cleanup;
        json_object_set_new(detail, "replaced",
                            json_pack("{s:I, s:I, s:I, s:I, s:s}", "items", (json_int_t)n_removed, "groups",
                                      (json_int_t)atol(db_cell(rows, 0, 3)), "controls",
                                      (json_int_t)atol(db_cell(rows, 0, 4)), "enhancements",
                                      (json_int_t)atol(db_cell(rows, 0, 5)), "sha256", db_cell(rows, 0, 6)));
        rc = db_query(c,
                      "UPDATE reference_catalog SET title = $2, version = $3, oscal_version = $4, last_modified = $5,"
                      " params = $6, source_name = $7, source_sha256 = $8, imported_at = $9,"
                      " imported_by = CAST($10 AS BIGINT), n_groups = CAST($11 AS INTEGER),"
                      " n_controls = CAST($12 AS INTEGER), n_enhancements = CAST($13 AS INTEGER)"
                      " WHERE id = CAST($1 AS BIGINT)",
                      DB_PARAMS(idt, cat->title, cat->version, cat->oscal_version, cat->last_modified, cat->params,
                                source_name, sha256, now, actor->id > 0 ? by : NULL, ng, nc, ne),
                      NULL, e);
        out->replaced = true;
    } else {
        db_rows_free(rows);
        rows = NULL;
        rc = db_query(c,
                      "INSERT INTO reference_catalog (uuid, title, version, oscal_version, last_modified, params,"
                      " source_name, source_sha256, imported_at, imported_by, n_groups, n_controls, n_enhancements)"
                      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, CAST($10 AS BIGINT), CAST($11 AS INTEGER),"
                      " CAST($12 AS INTEGER), CAST($13 AS INTEGER)) RETURNING id",
                      DB_PARAMS(cat->uuid, cat->title, cat->version, cat->oscal_version, cat->last_modified,
                                cat->params, source_name, sha256, now, actor->id > 0 ? by : NULL, ng, nc, ne),
                      &rows, e);
        if (rc == OK) out->catalog_id = atol(db_cell(rows, 0, 0));
        snprintf(idt, sizeof idt, "%ld", out->catalog_id);
    }
    if (rc == OK) rc = rc_insert_items(c, cat, idt, e);
    if (rc == OK) rc = audit_append(c, actor, "catalog.import", "reference_catalog", idt, detail, e);
cleanup:
    json_decref(detail);
    db_rows_free(rows);
    return rc;
}

err_code refcat_import_bytes(db *d, const audit_actor *actor, const char *data, size_t len, const char *source_name,
                             bool replace, refcat_import_result *out, err *e)
{
    oscal_catalog cat;
    err_code rc = oscal_catalog_parse(data, len, &cat, e);
    if (rc == OK) {
        unsigned char digest[crypto_hash_sha256_BYTES];
        char hex[crypto_hash_sha256_BYTES * 2 + 1];
        crypto_hash_sha256(digest, (const unsigned char *)data, len);
        sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
        db_conn *c = db_acquire(d);
        rc = db_begin_write(c, e);
        if (rc == OK) rc = refcat_import(c, actor, &cat, source_name, hex, replace, out, e);
        if (rc == OK) rc = db_commit(c, e);
        db_release(c); /* rolls back a failed import: nothing is written */
    }
    oscal_catalog_free(&cat);
    return rc;
}

err_code refcat_import_file(db *d, const audit_actor *actor, const char *path, const char *source_name, bool replace,
                            refcat_import_result *out, err *e)
{
    char *data = NULL;
    size_t len = 0;
    err_code rc = file_read_all(path, OSCAL_MAX_BYTES, &data, &len, e);
    if (rc == OK) rc = refcat_import_bytes(d, actor, data, len, source_name, replace, out, e);
    free(data);
    return rc;
}

/* ---- reads ---- */

err_code refcat_list(db_conn *c, db_rows **out, err *e)
{
    return db_query(c, "SELECT " REFCAT_COLUMNS " FROM reference_catalog c ORDER BY c.imported_at DESC, c.id DESC",
                    DB_NO_PARAMS, out, e);
}

err_code refcat_get(db_conn *c, long id, db_rows **out, err *e)
{
    char idt[24];
    snprintf(idt, sizeof idt, "%ld", id);
    err_code rc = db_query(c, "SELECT " REFCAT_COLUMNS " FROM reference_catalog c WHERE c.id = CAST($1 AS BIGINT)",
                           DB_PARAMS(idt), out, e);
    if (rc == OK && (*out)->n_rows == 0) {
        db_rows_free(*out);
        *out = NULL;
        rc = err_set(e, ERR_NOT_FOUND, "no such catalog");
    }
    return rc;
}

err_code refcat_items(db_conn *c, const refcat_item_filter *f, db_rows **out, err *e)
{
    *out = NULL;
    db_rows *cat = NULL;
    err_code rc = refcat_get(c, f->catalog_id, &cat, e);
    db_rows_free(cat);
    if (rc != OK) return rc;
    search_terms terms = {0};
    search_cond s = {0};
    char *sql = NULL;
    const char **params = NULL; /* owned array; the strings are not */
    char cid[24], parent[24], after[24], limit[24];
    snprintf(cid, sizeof cid, "%ld", f->catalog_id);
    snprintf(parent, sizeof parent, "%ld", f->parent_id);
    snprintf(after, sizeof after, "%ld", f->after_sort);
    snprintf(limit, sizeof limit, "%d", f->limit);
    if ((rc = search_text_query(f->q ? f->q : "", "q", &terms, e)) != OK) goto cleanup;
    if ((rc = search_index_cond(c, REFCAT_SEARCH_KIND, &terms, "i.id", 5, &s, e)) != OK) goto cleanup;
    /* $3 is the parent: NULL for no level filter, 0 for the top level. */
    sql = xasprintf("SELECT " REFCAT_ITEM_COLUMNS " FROM reference_catalog_item i"
                    " WHERE i.catalog_id = CAST($1 AS BIGINT) AND i.sort_order > CAST($2 AS INTEGER)"
                    " AND (CAST($3 AS BIGINT) IS NULL OR COALESCE(i.parent_id, 0) = CAST($3 AS BIGINT))"
                    " AND %s ORDER BY i.sort_order LIMIT CAST($4 AS INTEGER)",
                    s.sql);
    params = xcalloc(4 + s.n_params, sizeof *params);
    size_t n = 0;
    params[n++] = cid;
    params[n++] = after;
    params[n++] = f->has_parent ? parent : NULL;
    params[n++] = limit;
    for (size_t i = 0; i < s.n_params; i++) params[n++] = s.params[i];
    rc = db_query(c, sql, params, n, out, e);
cleanup:
    free(params);
    free(sql);
    search_cond_free(&s);
    search_terms_free(&terms);
    return rc;
}

err_code refcat_item_get(db_conn *c, long id, db_rows **out, err *e)
{
    char idt[24];
    snprintf(idt, sizeof idt, "%ld", id);
    err_code rc = db_query(c,
                           "SELECT " REFCAT_ITEM_COLUMNS " FROM reference_catalog_item i"
                           " WHERE i.id = CAST($1 AS BIGINT)",
                           DB_PARAMS(idt), out, e);
    if (rc == OK && (*out)->n_rows == 0) {
        db_rows_free(*out);
        *out = NULL;
        rc = err_set(e, ERR_NOT_FOUND, "no such catalog item");
    }
    return rc;
}

err_code refcat_item_children(db_conn *c, long id, db_rows **out, err *e)
{
    char idt[24];
    snprintf(idt, sizeof idt, "%ld", id);
    return db_query(c,
                    "SELECT " REFCAT_ITEM_COLUMNS " FROM reference_catalog_item i"
                    " WHERE i.parent_id = CAST($1 AS BIGINT) ORDER BY i.sort_order",
                    DB_PARAMS(idt), out, e);
}

err_code refcat_items_by_ids(db_conn *c, long catalog_id, const char *const *item_ids, size_t n, db_rows **out, err *e)
{
    /* The ids go as one JSON array parameter, read by each backend's own JSON function,
     * so the statement stays one with a fixed number of parameters. */
    char cid[24];
    snprintf(cid, sizeof cid, "%ld", catalog_id);
    json_t *list = json_array();
    for (size_t i = 0; i < n; i++) json_array_append_new(list, json_string(item_ids[i]));
    char *ids = json_dumps(list, JSON_COMPACT);
    json_decref(list);
    const char *in = db_conn_kind(c) == DB_POSTGRES ? "SELECT jsonb_array_elements_text(CAST($2 AS jsonb))"
                                                     : "SELECT value FROM json_each($2)";
    char *sql = xasprintf("SELECT " REFCAT_ITEM_COLUMNS " FROM reference_catalog_item i"
                          " WHERE i.catalog_id = CAST($1 AS BIGINT) AND i.item_id IN (%s) ORDER BY i.sort_order",
                          in);
    err_code rc = db_query(c, sql, DB_PARAMS(cid, ids), out, e);
    free(sql);
    free(ids);
    return rc;
}

const char *refcat_props_label(json_t *props)
{
    const char *first = NULL;
    size_t i;
    json_t *p;
    json_array_foreach(props, i, p) {
        const char *name = json_string_value(json_object_get(p, "name"));
        if (!name || strcmp(name, "label") != 0) continue;
        const char *value = json_string_value(json_object_get(p, "value"));
        if (!json_object_get(p, "class")) return value;
        if (!first) first = value;
    }
    return first;
}
