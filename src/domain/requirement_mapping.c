/* requirement_mapping — requirements mapped to reference controls (see
 * requirement_mapping.h). */
#include "domain/requirement_mapping.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/timeutil.h"
#include "core/xalloc.h"

bool reqmap_relation_ok(const char *relation)
{
    return relation && (!strcmp(relation, "equivalent") || !strcmp(relation, "partial") || !strcmp(relation, "related"));
}

/* Characters (code points) of UTF-8 text. */
static size_t rm_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xc0) != 0x80) n++;
    return n;
}

err_code reqmap_add(db_conn *c, const audit_actor *actor, long requirement_id, long item_id, const char *relation,
                    const char *note, long *id, err *e)
{
    char rt[24], it[24], by[24], now[TIME_CANON_LEN];
    snprintf(rt, sizeof rt, "%ld", requirement_id);
    snprintf(it, sizeof it, "%ld", item_id);
    snprintf(by, sizeof by, "%ld", actor->id);
    db_rows *req = NULL, *item = NULL, *dup = NULL, *ins = NULL;
    json_t *detail = NULL;
    err_code rc = db_query(c, "SELECT code FROM requirement WHERE id = CAST($1 AS BIGINT)", DB_PARAMS(rt), &req, e);
    if (rc == OK && req->n_rows != 1) rc = err_set(e, ERR_NOT_FOUND, "no such requirement");
    if (rc != OK) goto cleanup;
    /* Every field is checked before anything is refused, so a form marks all at once. */
    if (!reqmap_relation_ok(relation)) err_field_add(e, "relation", "must be equivalent, partial or related");
    if (note && rm_chars(note) > REQMAP_NOTE_MAX)
        err_field_add(e, "note", "must be at most %d characters", REQMAP_NOTE_MAX);
    rc = db_query(c, "SELECT catalog_id, item_id, kind FROM reference_catalog_item WHERE id = CAST($1 AS BIGINT)",
                  DB_PARAMS(it), &item, e);
    if (rc != OK) goto cleanup;
    if (item->n_rows != 1) {
        err_field_add(e, "catalog_item_id", "no such catalog item");
    } else if (strcmp(db_cell(item, 0, 2), "control") != 0) {
        err_field_add(e, "catalog_item_id", "is a group of the catalog; map to one of its controls");
    } else {
        rc = db_query(c,
                      "SELECT id FROM requirement_mapping WHERE requirement_id = CAST($1 AS BIGINT)"
                      " AND catalog_id = CAST($2 AS BIGINT) AND control_id = $3 AND ended_at IS NULL",
                      DB_PARAMS(rt, db_cell(item, 0, 0), db_cell(item, 0, 1)), &dup, e);
        if (rc != OK) goto cleanup;
        if (dup->n_rows) err_field_add(e, "catalog_item_id", "the requirement is mapped to this control already");
    }
    if (e->n_fields) {
        rc = ERR_VALIDATION;
        goto cleanup;
    }
    time_now_canon(now);
    rc = db_query(c,
                  "INSERT INTO requirement_mapping (requirement_id, catalog_id, control_id, relation, note, created_at,"
                  " created_by) VALUES (CAST($1 AS BIGINT), CAST($2 AS BIGINT), $3, $4, $5, $6, CAST($7 AS BIGINT))"
                  " RETURNING id",
                  DB_PARAMS(rt, db_cell(item, 0, 0), db_cell(item, 0, 1), relation, note && *note ? note : NULL, now,
                            actor->id > 0 ? by : NULL),
                  &ins, e);
    if (rc != OK) goto cleanup;
    *id = atol(db_cell(ins, 0, 0));
    detail = json_pack("{s:I, s:s, s:I, s:s, s:s, s:s?}", "requirement_id", (json_int_t)requirement_id,
                       "requirement_code", db_cell(req, 0, 0), "catalog_id",
                       (json_int_t)atol(db_cell(item, 0, 0)), "control_id", db_cell(item, 0, 1), "relation", relation,
                       "note", note && *note ? note : NULL);
    rc = audit_append(c, actor, "catalog.map", "requirement_mapping", db_cell(ins, 0, 0), detail, e);
cleanup:
    json_decref(detail);
    db_rows_free(req);
    db_rows_free(item);
    db_rows_free(dup);
    db_rows_free(ins);
    return rc;
}

err_code reqmap_end(db_conn *c, const audit_actor *actor, long id, err *e)
{
    char mt[24], by[24], now[TIME_CANON_LEN];
    snprintf(mt, sizeof mt, "%ld", id);
    snprintf(by, sizeof by, "%ld", actor->id);
    db_rows *rows = NULL;
    json_t *detail = NULL;
    err_code rc = db_query(c,
                           "SELECT m.requirement_id, r.code, m.catalog_id, m.control_id, m.relation, m.ended_at"
                           " FROM requirement_mapping m JOIN requirement r ON r.id = m.requirement_id"
                           " WHERE m.id = CAST($1 AS BIGINT)",
                           DB_PARAMS(mt), &rows, e);
    if (rc == OK && rows->n_rows != 1) rc = err_set(e, ERR_NOT_FOUND, "no such mapping");
    if (rc == OK && db_cell(rows, 0, 5)) rc = err_set(e, ERR_CONFLICT, "the mapping has already ended");
    if (rc != OK) goto cleanup;
    time_now_canon(now);
    rc = db_query(c,
                  "UPDATE requirement_mapping SET ended_at = $1, ended_by = CAST($2 AS BIGINT)"
                  " WHERE id = CAST($3 AS BIGINT)",
                  DB_PARAMS(now, actor->id > 0 ? by : NULL, mt), NULL, e);
    if (rc != OK) goto cleanup;
    detail = json_pack("{s:I, s:s, s:I, s:s, s:s}", "requirement_id", (json_int_t)atol(db_cell(rows, 0, 0)),
                       "requirement_code", db_cell(rows, 0, 1), "catalog_id", (json_int_t)atol(db_cell(rows, 0, 2)),
                       "control_id", db_cell(rows, 0, 3), "relation", db_cell(rows, 0, 4));
    rc = audit_append(c, actor, "catalog.unmap", "requirement_mapping", mt, detail, e);
cleanup:
    json_decref(detail);
    db_rows_free(rows);
    return rc;
}

/* The mapping columns, then the WHERE clause the caller adds. */
#define RM_SELECT                                                                                                \
    "SELECT m.id, m.requirement_id, r.code, r.title_ja, r.title_en, r.active, m.catalog_id, rc.title, rc.uuid,"   \
    " m.control_id, i.id, i.title, m.relation, m.note, m.created_at, m.created_by, pc.name, m.ended_at,"          \
    " m.ended_by, pe.name"                                                                                        \
    " FROM requirement_mapping m JOIN requirement r ON r.id = m.requirement_id"                                 \
    " JOIN reference_catalog rc ON rc.id = m.catalog_id"                                                         \
    " LEFT JOIN reference_catalog_item i ON i.catalog_id = m.catalog_id AND i.item_id = m.control_id"            \
    " LEFT JOIN person pc ON pc.id = m.created_by LEFT JOIN person pe ON pe.id = m.ended_by "
enum {
    RM_ID, RM_REQ_ID, RM_REQ_CODE, RM_REQ_TITLE_JA, RM_REQ_TITLE_EN, RM_REQ_ACTIVE, RM_CAT_ID, RM_CAT_TITLE,
    RM_CAT_UUID, RM_CONTROL_ID, RM_ITEM_ID, RM_ITEM_TITLE, RM_RELATION, RM_NOTE, RM_CREATED_AT, RM_CREATED_BY,
    RM_CREATED_BY_NAME, RM_ENDED_AT, RM_ENDED_BY, RM_ENDED_BY_NAME
};

static json_t *rm_int_or_null(const char *s)
{
    return s ? json_integer(atoll(s)) : json_null();
}

static json_t *rm_person(const db_rows *rows, size_t i, int id_col, int name_col)
{
    const char *id = db_cell(rows, i, (size_t)id_col);
    if (!id) return json_null();
    return json_pack("{s:I, s:s?}", "id", (json_int_t)atoll(id), "name", db_cell(rows, i, (size_t)name_col));
}

static json_t *rm_json(const db_rows *rows, size_t i)
{
    json_t *o = json_pack("{s:I, s:{s:I, s:s, s:s, s:s?, s:b}, s:{s:I, s:s, s:s}, s:{s:o, s:s, s:s?}, s:s, s:s?,"
                          " s:s, s:o, s:s?, s:o}",
                          "id", (json_int_t)atoll(db_cell(rows, i, RM_ID)), "requirement", "id",
                          (json_int_t)atoll(db_cell(rows, i, RM_REQ_ID)), "code", db_cell(rows, i, RM_REQ_CODE),
                          "title_ja", db_cell(rows, i, RM_REQ_TITLE_JA), "title_en", db_cell(rows, i, RM_REQ_TITLE_EN),
                          "active", !strcmp(db_cell(rows, i, RM_REQ_ACTIVE), "1"), "catalog", "id",
                          (json_int_t)atoll(db_cell(rows, i, RM_CAT_ID)), "title", db_cell(rows, i, RM_CAT_TITLE),
                          "uuid", db_cell(rows, i, RM_CAT_UUID), "control", "id",
                          rm_int_or_null(db_cell(rows, i, RM_ITEM_ID)), "item_id", db_cell(rows, i, RM_CONTROL_ID),
                          "title", db_cell(rows, i, RM_ITEM_TITLE), "relation", db_cell(rows, i, RM_RELATION), "note",
                          db_cell(rows, i, RM_NOTE), "created_at", db_cell(rows, i, RM_CREATED_AT), "created_by",
                          rm_person(rows, i, RM_CREATED_BY, RM_CREATED_BY_NAME), "ended_at",
                          db_cell(rows, i, RM_ENDED_AT), "ended_by", rm_person(rows, i, RM_ENDED_BY, RM_ENDED_BY_NAME));
    return o;
}

static json_t *rm_list(const db_rows *rows)
{
    json_t *items = json_array();
    for (size_t i = 0; i < rows->n_rows; i++) json_array_append_new(items, rm_json(rows, i));
    return json_pack("{s:o, s:n}", "items", items, "next_cursor");
}

err_code reqmap_for_requirement(db_conn *c, long requirement_id, bool with_ended, json_t **out, err *e)
{
    char rt[24];
    snprintf(rt, sizeof rt, "%ld", requirement_id);
    db_rows *req = NULL, *rows = NULL;
    err_code rc = db_query(c, "SELECT 1 FROM requirement WHERE id = CAST($1 AS BIGINT)", DB_PARAMS(rt), &req, e);
    if (rc == OK && req->n_rows != 1) rc = err_set(e, ERR_NOT_FOUND, "no such requirement");
    if (rc == OK)
        rc = db_query(c,
                      with_ended ? RM_SELECT "WHERE m.requirement_id = CAST($1 AS BIGINT)"
                                             " ORDER BY m.ended_at IS NOT NULL, rc.title, m.control_id, m.id"
                                 : RM_SELECT "WHERE m.requirement_id = CAST($1 AS BIGINT) AND m.ended_at IS NULL"
                                             " ORDER BY rc.title, m.control_id, m.id",
                      DB_PARAMS(rt), &rows, e);
    if (rc == OK) *out = rm_list(rows);
    db_rows_free(req);
    db_rows_free(rows);
    return rc;
}

err_code reqmap_for_item(db_conn *c, long item_id, json_t **out, err *e)
{
    char it[24];
    snprintf(it, sizeof it, "%ld", item_id);
    db_rows *item = NULL, *rows = NULL;
    err_code rc = db_query(c, "SELECT catalog_id, item_id FROM reference_catalog_item WHERE id = CAST($1 AS BIGINT)",
                           DB_PARAMS(it), &item, e);
    if (rc == OK && item->n_rows != 1) rc = err_set(e, ERR_NOT_FOUND, "no such catalog item");
    if (rc == OK)
        rc = db_query(c,
                      RM_SELECT "WHERE m.catalog_id = CAST($1 AS BIGINT) AND m.control_id = $2 AND m.ended_at IS NULL"
                                " ORDER BY r.code, m.id",
                      DB_PARAMS(db_cell(item, 0, 0), db_cell(item, 0, 1)), &rows, e);
    if (rc == OK) *out = rm_list(rows);
    db_rows_free(item);
    db_rows_free(rows);
    return rc;
}

enum { RC_ID, RC_PARENT, RC_KIND, RC_ITEM_ID, RC_TITLE, RC_PARENT_KIND };

err_code reqmap_coverage(db_conn *c, long catalog_id, json_t **out, err *e)
{
    char ct[24];
    snprintf(ct, sizeof ct, "%ld", catalog_id);
    db_rows *cat = NULL, *items = NULL, *maps = NULL;
    long *top = NULL;
    err_code rc = db_query(c, "SELECT id, uuid, title FROM reference_catalog WHERE id = CAST($1 AS BIGINT)",
                           DB_PARAMS(ct), &cat, e);
    if (rc == OK && cat->n_rows != 1) rc = err_set(e, ERR_NOT_FOUND, "no such catalog");
    if (rc == OK)
        rc = db_query(c,
                      "SELECT i.id, i.parent_id, i.kind, i.item_id, i.title,"
                      " (SELECT p.kind FROM reference_catalog_item p WHERE p.id = i.parent_id)"
                      " FROM reference_catalog_item i WHERE i.catalog_id = CAST($1 AS BIGINT) ORDER BY i.sort_order",
                      DB_PARAMS(ct), &items, e);
    if (rc == OK)
        rc = db_query(c,
                      "SELECT m.control_id, m.id, m.relation, r.id, r.code, r.title_ja, r.title_en"
                      " FROM requirement_mapping m JOIN requirement r ON r.id = m.requirement_id"
                      " WHERE m.catalog_id = CAST($1 AS BIGINT) AND m.ended_at IS NULL ORDER BY m.control_id, r.code",
                      DB_PARAMS(ct), &maps, e);
    if (rc != OK) goto cleanup;
    /* Each item's family: its top-level ancestor (parents come before their children). */
    size_t n = items->n_rows;
    top = xcalloc(n + 1, sizeof *top);
    json_t *pos = json_object(); /* row id → index */
    for (size_t i = 0; i < n; i++) {
        top[i] = (long)i;
        json_object_set_new(pos, db_cell(items, i, RC_ID), json_integer((json_int_t)i));
        json_t *k = json_object_get(pos, db_cell(items, i, RC_PARENT) ? db_cell(items, i, RC_PARENT) : "");
        if (k) top[i] = top[json_integer_value(k)];
    }
    json_decref(pos);
    json_t *families = json_array(), *controls = json_array();
    json_t *fam_index = json_object(); /* family item id → index in families */
    long total = 0, covered = 0;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(db_cell(items, i, RC_KIND), "control") != 0) continue;
        const char *item_id = db_cell(items, i, RC_ITEM_ID), *fam = db_cell(items, top[i], RC_ITEM_ID);
        json_t *reqs = json_array();
        for (size_t m = 0; m < maps->n_rows; m++)
            if (!strcmp(db_cell(maps, m, 0), item_id))
                json_array_append_new(reqs, json_pack("{s:I, s:s, s:I, s:s, s:s, s:s?}", "mapping_id",
                                                      (json_int_t)atoll(db_cell(maps, m, 1)), "relation",
                                                      db_cell(maps, m, 2), "id", (json_int_t)atoll(db_cell(maps, m, 3)),
                                                      "code", db_cell(maps, m, 4), "title_ja", db_cell(maps, m, 5),
                                                      "title_en", db_cell(maps, m, 6)));
        bool is_covered = json_array_size(reqs) > 0;
        const char *pk = db_cell(items, i, RC_PARENT_KIND);
        json_array_append_new(controls, json_pack("{s:I, s:s, s:s, s:s, s:b, s:b, s:o}", "id",
                                                  (json_int_t)atoll(db_cell(items, i, RC_ID)), "item_id", item_id,
                                                  "title", db_cell(items, i, RC_TITLE), "family", fam, "enhancement",
                                                  pk && !strcmp(pk, "control"), "covered", is_covered,
                                                  "requirements", reqs));
        json_t *fi = json_object_get(fam_index, fam);
        json_t *f;
        if (fi) {
            f = json_array_get(families, (size_t)json_integer_value(fi));
        } else {
            json_object_set_new(fam_index, fam, json_integer((json_int_t)json_array_size(families)));
            f = json_pack("{s:s, s:s, s:I, s:I, s:I}", "item_id", fam, "title", db_cell(items, top[i], RC_TITLE),
                          "controls", (json_int_t)0, "covered", (json_int_t)0, "not_covered", (json_int_t)0);
            json_array_append_new(families, f);
        }
        const char *bump[] = {"controls", is_covered ? "covered" : "not_covered"};
        for (int b = 0; b < 2; b++)
            json_object_set_new(f, bump[b], json_integer(json_integer_value(json_object_get(f, bump[b])) + 1));
        total++;
        if (is_covered) covered++;
    }
    json_decref(fam_index);
    /* Mappings to controls the catalog no longer has (replaced by a newer file). */
    json_t *missing = json_array();
    for (size_t m = 0; m < maps->n_rows; m++) {
        bool found = false;
        for (size_t i = 0; i < n && !found; i++)
            found = !strcmp(db_cell(items, i, RC_ITEM_ID), db_cell(maps, m, 0)) &&
                    !strcmp(db_cell(items, i, RC_KIND), "control");
        if (!found)
            json_array_append_new(missing, json_pack("{s:s, s:I, s:s, s:I, s:s}", "item_id", db_cell(maps, m, 0),
                                                     "mapping_id", (json_int_t)atoll(db_cell(maps, m, 1)), "relation",
                                                     db_cell(maps, m, 2), "requirement_id",
                                                     (json_int_t)atoll(db_cell(maps, m, 3)), "code",
                                                     db_cell(maps, m, 4)));
    }
    *out = json_pack("{s:{s:I, s:s, s:s}, s:{s:I, s:I, s:I}, s:o, s:o, s:o}", "catalog", "id",
                     (json_int_t)catalog_id, "uuid", db_cell(cat, 0, 1), "title", db_cell(cat, 0, 2), "totals",
                     "controls", (json_int_t)total, "covered", (json_int_t)covered, "not_covered",
                     (json_int_t)(total - covered), "families", families, "controls", controls, "missing", missing);
cleanup:
    free(top);
    db_rows_free(cat);
    db_rows_free(items);
    db_rows_free(maps);
    return rc;
}
