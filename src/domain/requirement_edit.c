/* requirement_edit — the catalog's writes (see requirement.h): create and update, each
 * checked at the edge of the domain (fields, then what they refer to), written with its
 * links, kept as a new version, audited and indexed, in the caller's transaction. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/timeutil.h"
#include "core/xalloc.h"
#include "domain/catalog_common.h"
#include "domain/requirement.h"
#include "domain/compliance.h"
#include "search/search_index.h"

#define REQ_MAX_TAGS 20
#define REQ_MAX_RULES 20
#define REQ_MAX_LINKS 100

static void req_check(const requirement_fields *f, bool creating, err *e)
{
    if (creating && !f->code) err_field_add(e, "code", "is required");
    if (f->code && !catalog_code_ok(f->code)) err_field_add(e, "code", "must be 1 to 40 of A-Z, a-z, 0-9, '.', '_', '-'");
    if (creating && !f->measure_kind) err_field_add(e, "measure_kind", "is required");
    if (f->measure_kind && !requirement_kind_ok(f->measure_kind))
        err_field_add(e, "measure_kind", "must be physical, human, technical, development, operational or network");
    if (creating && !f->scope) err_field_add(e, "scope", "is required");
    if (f->scope && strcmp(f->scope, "asset") && strcmp(f->scope, "unit")) err_field_add(e, "scope", "must be asset or unit");
    if (creating && !f->title_ja) err_field_add(e, "title_ja", "is required");
    catalog_check_text(f->title_ja, "title_ja", true, 200, e);
    catalog_check_text(f->title_en, "title_en", false, 200, e);
    catalog_check_text(f->text, "text", false, 20000, e);
    if (f->n_tags > REQ_MAX_TAGS) err_field_add(e, "tags", "must be at most %d", REQ_MAX_TAGS);
    for (size_t i = 0; i < f->n_tags && i < REQ_MAX_TAGS; i++) {
        char field[24];
        snprintf(field, sizeof field, "tags[%zu]", i);
        catalog_check_text(f->tags[i], field, true, 50, e);
        for (size_t k = 0; k < i; k++)
            if (!strcmp(f->tags[i], f->tags[k])) {
                err_field_add(e, field, "is given twice");
                break;
            }
    }
    if (f->n_rules > REQ_MAX_RULES) err_field_add(e, "applies", "must be at most %d rules", REQ_MAX_RULES);
    for (size_t i = 0; i < f->n_rules && i < REQ_MAX_RULES; i++) requirement_rule_check(&f->rules[i], i, e);
    if (f->n_threats > REQ_MAX_LINKS) err_field_add(e, "threat_ids", "must be at most %d", REQ_MAX_LINKS);
    if (f->n_laws > REQ_MAX_LINKS) err_field_add(e, "laws", "must be at most %d", REQ_MAX_LINKS);
}

/* One row of `sql` (parameters $1, $2) exists. */
static err_code req_exists(db_conn *c, const char *sql, const char *a, const char *b, bool *yes, err *e)
{
    db_rows *rows = NULL;
    err_code rc = db_query(c, sql, DB_PARAMS(a, b), &rows, e);
    *yes = rc == OK && rows->n_rows > 0;
    db_rows_free(rows);
    return rc;
}

/* What the fields refer to: the code free, the parent a group of the same kind and not
 * the item or below it, the threats, laws and articles existing. */
static err_code req_check_refs(db_conn *c, long self, const requirement_fields *f, const char *kind, err *e)
{
    char st[24], buf[24], buf2[24];
    snprintf(st, sizeof st, "%ld", self);
    bool yes = false;
    err_code rc = OK;
    if (f->code && (rc = req_exists(c, "SELECT 1 FROM requirement WHERE code = $1 AND id <> CAST($2 AS BIGINT)", f->code,
                                    st, &yes, e)) == OK && yes)
        err_field_add(e, "code", "is taken by another requirement");
    if (rc == OK && f->parent_id > 0) {
        /* Walk up from the new parent: reaching self would make a cycle. */
        long at = f->parent_id;
        for (int depth = 0; rc == OK && at > 0 && depth < 64; depth++) {
            if (at == self) {
                err_field_add(e, "parent_id", "may not be the item or one below it");
                break;
            }
            snprintf(buf, sizeof buf, "%ld", at);
            db_rows *rows = NULL;
            rc = db_query(c, "SELECT parent_id, measure_kind FROM requirement WHERE id = CAST($1 AS BIGINT)",
                          DB_PARAMS(buf), &rows, e);
            if (rc == OK && rows->n_rows == 0) {
                if (at == f->parent_id) err_field_add(e, "parent_id", "is not a requirement");
                at = 0;
            } else if (rc == OK) {
                if (at == f->parent_id && kind && strcmp(kind, db_cell(rows, 0, 1)))
                    err_field_add(e, "parent_id", "is of another measure kind");
                at = db_cell(rows, 0, 0) ? atol(db_cell(rows, 0, 0)) : 0;
            }
            db_rows_free(rows);
        }
    }
    for (size_t i = 0; rc == OK && i < f->n_threats; i++) {
        snprintf(buf, sizeof buf, "%ld", f->threat_ids[i]);
        if ((rc = req_exists(c, "SELECT 1 FROM threat WHERE id = CAST($1 AS BIGINT) AND CAST($2 AS TEXT) = CAST($2 AS TEXT)", buf, "", &yes, e)) ==
                OK &&
            !yes) {
            char field[48];
            snprintf(field, sizeof field, "threat_ids[%zu]", i);
            err_field_add(e, field, "is not a threat");
        }
    }
    for (size_t i = 0; rc == OK && i < f->n_laws; i++) {
        char field[64];
        snprintf(buf, sizeof buf, "%ld", f->laws[i].law_id);
        snprintf(buf2, sizeof buf2, "%ld", f->laws[i].article_id);
        if ((rc = req_exists(c, "SELECT 1 FROM law WHERE id = CAST($1 AS BIGINT) AND CAST($2 AS TEXT) = CAST($2 AS TEXT)", buf, "", &yes, e)) == OK &&
            !yes) {
            snprintf(field, sizeof field, "laws[%zu].law_id", i);
            err_field_add(e, field, "is not a law");
        } else if (rc == OK && f->laws[i].article_id &&
                   (rc = req_exists(c,
                                    "SELECT 1 FROM law_article WHERE law_id = CAST($1 AS BIGINT) AND id = CAST($2 AS BIGINT)",
                                    buf, buf2, &yes, e)) == OK &&
                   !yes) {
            snprintf(field, sizeof field, "laws[%zu].article_id", i);
            err_field_add(e, field, "is not an article of that law");
        }
        for (size_t k = 0; rc == OK && k < i; k++)
            if (f->laws[k].law_id == f->laws[i].law_id && f->laws[k].article_id == f->laws[i].article_id) {
                snprintf(field, sizeof field, "laws[%zu]", i);
                err_field_add(e, field, "is given twice");
                break;
            }
    }
    for (size_t i = 0; i < f->n_threats; i++)
        for (size_t k = 0; k < i; k++)
            if (f->threat_ids[i] == f->threat_ids[k]) {
                char field[48];
                snprintf(field, sizeof field, "threat_ids[%zu]", i);
                err_field_add(e, field, "is given twice");
                break;
            }
    if (rc == OK && e && e->n_fields) rc = ERR_VALIDATION;
    return rc;
}

/* Replaces the lists the fields set. */
static err_code req_put_links(db_conn *c, const char *idt, const requirement_fields *f, err *e)
{
    err_code rc = OK;
    if (f->set_tags) {
        rc = db_query(c, "DELETE FROM requirement_tag WHERE requirement_id = CAST($1 AS BIGINT)", DB_PARAMS(idt), NULL, e);
        for (size_t i = 0; rc == OK && i < f->n_tags; i++)
            rc = db_query(c, "INSERT INTO requirement_tag (requirement_id, tag) VALUES (CAST($1 AS BIGINT), $2)",
                          DB_PARAMS(idt, f->tags[i]), NULL, e);
    }
    if (rc == OK && f->set_rules) {
        rc = db_query(c, "DELETE FROM requirement_applies WHERE requirement_id = CAST($1 AS BIGINT)", DB_PARAMS(idt),
                      NULL, e);
        for (size_t i = 0; rc == OK && i < f->n_rules; i++) {
            const requirement_rule *r = &f->rules[i];
            char rank[8], pd[8];
            snprintf(rank, sizeof rank, "%d", r->min_rank);
            snprintf(pd, sizeof pd, "%d", r->personal_data);
            rc = db_query(c,
                          "INSERT INTO requirement_applies (requirement_id, asset_kind, segment, axis, min_rank, personal_data)"
                          " VALUES (CAST($1 AS BIGINT), $2, $3, $4, CASE WHEN $5 = '0' THEN NULL ELSE CAST($5 AS INTEGER) END,"
                          " CASE WHEN $6 = '-1' THEN NULL ELSE CAST($6 AS INTEGER) END)",
                          DB_PARAMS(idt, r->asset_kind[0] ? r->asset_kind : NULL, r->segment[0] ? r->segment : NULL,
                                    r->axis[0] ? r->axis : NULL, rank, pd),
                          NULL, e);
        }
    }
    if (rc == OK && f->set_threats) {
        rc = db_query(c, "DELETE FROM requirement_threat WHERE requirement_id = CAST($1 AS BIGINT)", DB_PARAMS(idt), NULL,
                      e);
        for (size_t i = 0; rc == OK && i < f->n_threats; i++) {
            char t[24];
            snprintf(t, sizeof t, "%ld", f->threat_ids[i]);
            rc = db_query(c,
                          "INSERT INTO requirement_threat (requirement_id, threat_id) VALUES (CAST($1 AS BIGINT),"
                          " CAST($2 AS BIGINT))",
                          DB_PARAMS(idt, t), NULL, e);
        }
    }
    if (rc == OK && f->set_laws) {
        rc = db_query(c, "DELETE FROM requirement_law WHERE requirement_id = CAST($1 AS BIGINT)", DB_PARAMS(idt), NULL, e);
        for (size_t i = 0; rc == OK && i < f->n_laws; i++) {
            char l[24], a[24];
            snprintf(l, sizeof l, "%ld", f->laws[i].law_id);
            snprintf(a, sizeof a, "%ld", f->laws[i].article_id);
            rc = db_query(c,
                          "INSERT INTO requirement_law (requirement_id, law_id, article_id) VALUES (CAST($1 AS BIGINT),"
                          " CAST($2 AS BIGINT), CASE WHEN $3 = '0' THEN NULL ELSE CAST($3 AS BIGINT) END)",
                          DB_PARAMS(idt, l, a), NULL, e);
        }
    }
    return rc;
}

/* The item's links as JSON text (for its version row); caller frees. */
static char *req_links_json(const requirement_row *r)
{
    json_t *tags = json_array(), *rules = json_array(), *threats = json_array(), *laws = json_array();
    for (size_t i = 0; i < r->n_tags; i++) json_array_append_new(tags, json_string(r->tags[i]));
    for (size_t i = 0; i < r->n_rules; i++) {
        const requirement_rule *x = &r->rules[i];
        json_t *o = json_object();
        if (x->asset_kind[0]) json_object_set_new(o, "asset_kind", json_string(x->asset_kind));
        if (x->segment[0]) json_object_set_new(o, "segment", json_string(x->segment));
        if (x->axis[0]) {
            json_object_set_new(o, "axis", json_string(x->axis));
            json_object_set_new(o, "min_rank", json_integer(x->min_rank));
        }
        if (x->personal_data >= 0) json_object_set_new(o, "personal_data", json_boolean(x->personal_data));
        json_array_append_new(rules, o);
    }
    for (size_t i = 0; i < r->n_threats; i++) json_array_append_new(threats, json_string(r->threats[i].code));
    for (size_t i = 0; i < r->n_laws; i++)
        json_array_append_new(laws, json_pack("{s:s, s:s?}", "law", r->laws[i].law_code, "article",
                                              r->laws[i].article_number));
    json_t *all = json_pack("{s:o, s:o, s:o, s:o}", "tags", tags, "applies", rules, "threats", threats, "laws", laws);
    char *text = json_dumps(all, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(all);
    return text;
}

/* Records the item as it now is: its version row and its search entry. */
static err_code req_record(db_conn *c, const audit_actor *actor, long id, const char *change, err *e)
{
    requirement_row r;
    err_code rc = requirement_get(c, id, &r, e);
    if (rc != OK) return rc;
    char idt[24], vt[24], parent[24], by[24], active[4], now[TIME_CANON_LEN];
    snprintf(idt, sizeof idt, "%ld", id);
    snprintf(vt, sizeof vt, "%ld", r.version);
    snprintf(parent, sizeof parent, "%ld", r.parent_id);
    snprintf(by, sizeof by, "%ld", actor->id);
    snprintf(active, sizeof active, "%d", r.active);
    time_now_canon(now);
    char *links = req_links_json(&r);
    rc = db_query(c,
                  "INSERT INTO requirement_version (requirement_id, version, change, changed_at, changed_by, parent_id, code,"
                  " measure_kind, scope, title_ja, title_en, text, active, links) VALUES (CAST($1 AS BIGINT),"
                  " CAST($2 AS BIGINT), $3, $4, CASE WHEN $5 = '0' THEN NULL ELSE CAST($5 AS BIGINT) END,"
                  " CASE WHEN $6 = '0' THEN NULL ELSE CAST($6 AS BIGINT) END, $7, $8, $9, $10, $11, $12,"
                  " CAST($13 AS INTEGER), $14)",
                  DB_PARAMS(idt, vt, change, now, by, parent, r.code, r.measure_kind, r.scope, r.title_ja, r.title_en, r.text,
                            active, links),
                  NULL, e);
    free(links);
    if (rc == OK) {
        const char *fields[] = {r.code, r.title_ja, r.title_en, r.text};
        rc = search_index_put(c, "requirement", id, fields, 4, e);
    }
    requirement_row_clear(&r);
    return rc;
}

static json_t *req_detail(const requirement_fields *f)
{
    json_t *d = json_object();
    const char *names[] = {"code", "measure_kind", "scope", "title_ja", "title_en", "text"};
    const char *values[] = {f->code, f->measure_kind, f->scope, f->title_ja, f->title_en, f->text};
    for (size_t i = 0; i < 6; i++)
        if (values[i]) json_object_set_new(d, names[i], json_string(values[i]));
    if (f->parent_id >= 0) json_object_set_new(d, "parent_id", f->parent_id ? json_integer(f->parent_id) : json_null());
    if (f->active >= 0) json_object_set_new(d, "active", json_boolean(f->active));
    if (f->set_tags) json_object_set_new(d, "tags", json_integer((json_int_t)f->n_tags));
    if (f->set_rules) json_object_set_new(d, "applies", json_integer((json_int_t)f->n_rules));
    if (f->set_threats) json_object_set_new(d, "threats", json_integer((json_int_t)f->n_threats));
    if (f->set_laws) json_object_set_new(d, "laws", json_integer((json_int_t)f->n_laws));
    return d;
}

err_code requirement_create(db_conn *c, const audit_actor *actor, const requirement_fields *f, long *id, err *e)
{
    req_check(f, true, e);
    if (e && e->n_fields) return ERR_VALIDATION;
    err_code rc = req_check_refs(c, 0, f, f->measure_kind, e);
    if (rc != OK) return rc;
    char now[TIME_CANON_LEN], parent[24], by[24], active[4];
    time_now_canon(now);
    snprintf(parent, sizeof parent, "%ld", f->parent_id > 0 ? f->parent_id : 0);
    snprintf(by, sizeof by, "%ld", actor->id);
    snprintf(active, sizeof active, "%d", f->active == 0 ? 0 : 1);
    db_rows *rows = NULL;
    /* A new child turns its parent from an item into a group (compliance.h). */
    long touched[2] = {f->parent_id > 0 ? f->parent_id : 0, 0};
    if ((rc = compliance_requirement_before(c, touched, 1, e)) != OK) return rc;
    rc = db_query(c,
                  "INSERT INTO requirement (parent_id, code, measure_kind, scope, title_ja, title_en, text, active, created_at,"
                  " created_by, updated_at) VALUES (CASE WHEN $1 = '0' THEN NULL ELSE CAST($1 AS BIGINT) END, $2, $3, $4,"
                  " $5, $6, $7, CAST($8 AS INTEGER), $9, CASE WHEN $10 = '0' THEN NULL ELSE CAST($10 AS BIGINT) END, $9)"
                  " RETURNING id",
                  DB_PARAMS(parent, f->code, f->measure_kind, f->scope, f->title_ja, db_opt_text(f->title_en), db_opt_text(f->text),
                            active, now, by),
                  &rows, e);
    if (rc == OK) {
        *id = atol(db_cell(rows, 0, 0));
        rc = req_put_links(c, db_cell(rows, 0, 0), f, e);
    }
    if (rc == OK) {
        json_t *detail = req_detail(f);
        rc = audit_append(c, actor, "requirement.create", "requirement", db_cell(rows, 0, 0), detail, e);
        json_decref(detail);
    }
    db_rows_free(rows);
    if (rc == OK) rc = req_record(c, actor, *id, "create", e);
    touched[1] = rc == OK ? *id : 0;
    if (rc == OK) rc = compliance_requirement_after(c, touched, 2, e);
    return rc;
}

#define REQ_OPT(col, n)                                                                                           \
    col " = CASE WHEN CAST($" n " AS TEXT) IS NULL THEN " col " WHEN CAST($" n " AS TEXT) = '' THEN NULL ELSE CAST($" n \
        " AS TEXT) END"

err_code requirement_update(db_conn *c, const audit_actor *actor, long id, long version, const requirement_fields *f,
                            err *e)
{
    req_check(f, false, e);
    if (e && e->n_fields) return ERR_VALIDATION;
    char idt[24], vt[24], parent[24], active[4], now[TIME_CANON_LEN];
    snprintf(idt, sizeof idt, "%ld", id);
    snprintf(vt, sizeof vt, "%ld", version);
    snprintf(parent, sizeof parent, "%ld", f->parent_id);
    snprintf(active, sizeof active, "%d", f->active);
    time_now_canon(now);
    db_rows *rows = NULL;
    err_code rc = db_query(c, "SELECT version, measure_kind, parent_id FROM requirement WHERE id = CAST($1 AS BIGINT)",
                           DB_PARAMS(idt), &rows, e);
    if (rc == OK && rows->n_rows != 1) rc = err_set(e, ERR_NOT_FOUND, "no such requirement");
    if (rc == OK && atol(db_cell(rows, 0, 0)) != version)
        rc = err_set(e, ERR_PRECONDITION_FAILED, "it was changed meanwhile (version %s, not %ld)", db_cell(rows, 0, 0),
                     version);
    char *kind = rc == OK ? xstrdup(f->measure_kind ? f->measure_kind : db_cell(rows, 0, 1)) : NULL;
    /* The item, the parent it leaves and the one it joins (compliance.h). */
    long touched[3] = {id, rc == OK && db_cell(rows, 0, 2) ? atol(db_cell(rows, 0, 2)) : 0,
                       f->parent_id > 0 ? f->parent_id : 0};
    db_rows_free(rows);
    rows = NULL;
    if (rc == OK) rc = req_check_refs(c, id, f, kind, e);
    free(kind);
    if (rc == OK) rc = compliance_requirement_before(c, touched, 3, e);
    if (rc == OK)
        rc = db_query(c,
                      "UPDATE requirement SET parent_id = CASE WHEN CAST($1 AS BIGINT) < 0 THEN parent_id"
                      " WHEN CAST($1 AS BIGINT) = 0 THEN NULL ELSE CAST($1 AS BIGINT) END,"
                      " code = COALESCE($2, code), measure_kind = COALESCE($3, measure_kind), scope = COALESCE($4, scope),"
                      " title_ja = COALESCE($5, title_ja), " REQ_OPT("title_en", "6") ", " REQ_OPT("text", "7")
                      ", active = CASE WHEN CAST($8 AS INTEGER) < 0 THEN active ELSE CAST($8 AS INTEGER) END,"
                      " updated_at = $9, version = version + 1"
                      " WHERE id = CAST($10 AS BIGINT) AND version = CAST($11 AS BIGINT) RETURNING version",
                      DB_PARAMS(parent, f->code, f->measure_kind, f->scope, f->title_ja, f->title_en, f->text, active, now,
                                idt, vt),
                      &rows, e);
    if (rc == OK && rows->n_rows != 1) rc = err_set(e, ERR_PRECONDITION_FAILED, "it was changed meanwhile");
    db_rows_free(rows);
    if (rc == OK) rc = req_put_links(c, idt, f, e);
    if (rc == OK) {
        json_t *detail = req_detail(f);
        rc = audit_append(c, actor, "requirement.update", "requirement", idt, detail, e);
        json_decref(detail);
    }
    if (rc == OK) rc = req_record(c, actor, id, "update", e);
    if (rc == OK) rc = compliance_requirement_after(c, touched, 3, e);
    return rc;
}
