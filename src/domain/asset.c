/* asset — registering, changing and disposing of information assets (see asset.h). The
 * reading side is asset_list.c, the rules and relations asset_rules.c. */
#include "domain/asset.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/authz.h"
#include "core/buf.h"
#include "core/timeutil.h"
#include "core/xalloc.h"
#include "domain/compliance.h"
#include "domain/asset_internal.h"
#include "search/search_index.h"

static const char *const asset_kinds[] = {"information", "system", "network", "medium", "document", "equipment"};
static const char *const asset_segments[] = {"mynumber", "lgwan", "internet", "standalone", "other"};
static const char *const asset_formats[] = {"electronic", "paper"};

static bool as_one_of(const char *v, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(v, list[i]) == 0) return true;
    return false;
}

static size_t as_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80) n++;
    return n;
}

static void as_text(err *e, const char *field, const char *v, size_t max, bool required_nonempty)
{
    if (!v) return;
    if (required_nonempty && !*v) err_field_add(e, field, "must not be empty");
    else if (as_chars(v) > max) err_field_add(e, field, "must be at most %zu characters", max);
}

/* The checks that need nothing but the request. */
static void as_check_fields(const asset_fields *f, bool creating, err *e)
{
    if (creating) {
        if (!f->kind) err_field_add(e, "kind", "is required");
        if (!f->name) err_field_add(e, "name", "is required");
        if (f->owner_unit_id <= 0) err_field_add(e, "owner_unit_id", "is required");
        if (!f->segment) err_field_add(e, "segment", "is required");
        if (!f->format) err_field_add(e, "format", "is required");
        if (f->c_class_id <= 0) err_field_add(e, "c_class_id", "is required");
        if (f->i_class_id <= 0) err_field_add(e, "i_class_id", "is required");
        if (f->a_class_id <= 0) err_field_add(e, "a_class_id", "is required");
        if (!f->class_reason || !*f->class_reason)
            err_field_add(e, "class_reason", "is required: why the asset has these classes");
    }
    if (f->kind && !as_one_of(f->kind, asset_kinds, 6))
        err_field_add(e, "kind", "must be one of information, system, network, medium, document, equipment");
    if (f->segment && !as_one_of(f->segment, asset_segments, 5))
        err_field_add(e, "segment", "must be one of mynumber, lgwan, internet, standalone, other");
    if (f->format && !as_one_of(f->format, asset_formats, 2)) err_field_add(e, "format", "must be electronic or paper");
    as_text(e, "name", f->name, 200, true);
    as_text(e, "description", f->description, 4000, false);
    as_text(e, "location", f->location, 200, false);
    as_text(e, "retention", f->retention, 100, false);
    as_text(e, "disposal_method", f->disposal_method, 200, false);
    as_text(e, "class_reason", f->class_reason, 2000, !creating && f->class_reason);
    if (f->manager_id < -1) err_field_add(e, "manager_id", "must be the id of a person");
    if (f->owner_unit_id < 0) err_field_add(e, "owner_unit_id", "must be the id of a unit");
    const long classes[] = {f->c_class_id, f->i_class_id, f->a_class_id};
    static const char *const class_fields[] = {"c_class_id", "i_class_id", "a_class_id"};
    for (size_t i = 0; i < 3; i++)
        if (classes[i] < 0) err_field_add(e, class_fields[i], "must be the id of a class");
}

/* Checks what needs the store: the unit (in the editor's asset.write units, open), the
 * manager (an active person), the classes (of the scheme in force, on their axis). */
static err_code as_check_refs(db_conn *c, long editor, const asset_fields *f, err *e)
{
    err_code rc = OK;
    db_rows *rows = NULL;
    char idt[24];
    if (f->owner_unit_id > 0) {
        /* The system (id 0: the demo, the command line) registers in any unit. */
        bool ok = editor == 0;
        if (editor != 0 && (rc = authz_unit_in_scope(c, editor, "asset.write", f->owner_unit_id, &ok, e)) != OK)
            return rc;
        snprintf(idt, sizeof idt, "%ld", f->owner_unit_id);
        if ((rc = db_query(c, "SELECT valid_to FROM org_unit WHERE id = CAST($1 AS BIGINT)", DB_PARAMS(idt), &rows,
                           e)) != OK)
            return rc;
        if (rows->n_rows != 1 || !ok) err_field_add(e, "owner_unit_id", "is not one of your units");
        else if (db_cell(rows, 0, 0))
            err_field_add(e, "owner_unit_id", "the unit is closed (its last day was %s)", db_cell(rows, 0, 0));
        db_rows_free(rows);
        rows = NULL;
    }
    if (f->manager_id > 0) {
        snprintf(idt, sizeof idt, "%ld", f->manager_id);
        if ((rc = db_query(c, "SELECT active FROM person WHERE id = CAST($1 AS BIGINT)", DB_PARAMS(idt), &rows, e)) !=
            OK)
            return rc;
        if (rows->n_rows != 1) err_field_add(e, "manager_id", "no such person");
        else if (strcmp(db_cell(rows, 0, 0), "1") != 0) err_field_add(e, "manager_id", "the person has left");
        db_rows_free(rows);
        rows = NULL;
    }
    const struct {
        const char *field, *axis;
        long id;
    } classes[] = {{"c_class_id", "C", f->c_class_id}, {"i_class_id", "I", f->i_class_id}, {"a_class_id", "A", f->a_class_id}};
    for (size_t i = 0; i < 3; i++) {
        if (classes[i].id <= 0) continue;
        snprintf(idt, sizeof idt, "%ld", classes[i].id);
        rc = db_query(c,
                      "SELECT k.axis, s.in_force FROM classification_class k JOIN classification_scheme s"
                      " ON s.code = k.scheme_code WHERE k.id = CAST($1 AS BIGINT)",
                      DB_PARAMS(idt), &rows, e);
        if (rc != OK) return rc;
        if (rows->n_rows != 1) err_field_add(e, classes[i].field, "no such class");
        else if (strcmp(db_cell(rows, 0, 0), classes[i].axis) != 0)
            err_field_add(e, classes[i].field, "must be a class of the axis %s", classes[i].axis);
        else if (strcmp(db_cell(rows, 0, 1), "1") != 0)
            err_field_add(e, classes[i].field, "is a class of a scheme not in force");
        db_rows_free(rows);
        rows = NULL;
    }
    return e && e->n_fields ? ERR_VALIDATION : OK;
}

err_code asset_snapshot(db_conn *c, long id, const char *change, long by, err *e)
{
    char idt[24], byt[24], now[TIME_CANON_LEN];
    snprintf(idt, sizeof idt, "%ld", id);
    snprintf(byt, sizeof byt, "%ld", by);
    time_now_canon(now);
    return db_query(c,
                    "INSERT INTO asset_version (asset_id, version, change, changed_at, changed_by, kind, name,"
                    " description, owner_unit_id, manager_id, location, segment, format, personal_data, mynumber,"
                    " retention, disposal_method, c_class_id, i_class_id, a_class_id, class_reason, status,"
                    " disposed_on, disposed_method, disposal_witness)"
                    " SELECT id, version, $2, $3, CAST($4 AS BIGINT), kind, name, description, owner_unit_id,"
                    " manager_id, location, segment, format, personal_data, mynumber, retention, disposal_method,"
                    " c_class_id, i_class_id, a_class_id, class_reason, status, disposed_on, disposed_method,"
                    " disposal_witness FROM asset WHERE id = CAST($1 AS BIGINT)",
                    DB_PARAMS(idt, change, now, by > 0 ? byt : NULL), NULL, e);
}

/* The asset's fields as an audit detail (only what the request set). */
static json_t *as_detail(const asset_fields *f)
{
    json_t *d = json_pack("{s:s?, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?}", "kind", f->kind, "name", f->name,
                          "description", f->description, "location", f->location, "segment", f->segment, "format",
                          f->format, "retention", f->retention, "disposal_method", f->disposal_method,
                          "class_reason", f->class_reason);
    if (f->owner_unit_id > 0) json_object_set_new(d, "owner_unit_id", json_integer(f->owner_unit_id));
    if (f->manager_id) json_object_set_new(d, "manager_id", f->manager_id > 0 ? json_integer(f->manager_id) : json_null());
    if (f->personal_data >= 0) json_object_set_new(d, "personal_data", json_boolean(f->personal_data));
    if (f->mynumber >= 0) json_object_set_new(d, "mynumber", json_boolean(f->mynumber));
    if (f->c_class_id > 0) json_object_set_new(d, "c_class_id", json_integer(f->c_class_id));
    if (f->i_class_id > 0) json_object_set_new(d, "i_class_id", json_integer(f->i_class_id));
    if (f->a_class_id > 0) json_object_set_new(d, "a_class_id", json_integer(f->a_class_id));
    return d;
}

static err_code as_audit(db_conn *c, const audit_actor *editor, const char *action, long id, json_t *detail,
                         const asset_warnings *w, err *e)
{
    char idt[24];
    snprintf(idt, sizeof idt, "%ld", id);
    if (w && w->n) {
        json_t *list = json_array();
        for (size_t i = 0; i < w->n; i++) json_array_append_new(list, json_string(w->items[i]));
        json_object_set_new(detail, "warnings", list);
    }
    err_code rc = audit_append(c, editor, action, "asset", idt, detail, e);
    json_decref(detail);
    return rc;
}

err_code asset_create(db_conn *c, const audit_actor *editor, const asset_fields *f, long *id, asset_warnings *w,
                      err *e)
{
    as_check_fields(f, true, e);
    if (f->personal_data == 0 && f->mynumber == 1)
        err_field_add(e, "mynumber", "マイナンバー is personal data: set personal_data too");
    if (e && e->n_fields) return ERR_VALIDATION;
    err_code rc = as_check_refs(c, editor->id, f, e);
    if (rc != OK) return rc;
    char unit[24], manager[24], ck[24], ik[24], ak[24], by[24], now[TIME_CANON_LEN];
    snprintf(unit, sizeof unit, "%ld", f->owner_unit_id);
    snprintf(manager, sizeof manager, "%ld", f->manager_id);
    snprintf(ck, sizeof ck, "%ld", f->c_class_id);
    snprintf(ik, sizeof ik, "%ld", f->i_class_id);
    snprintf(ak, sizeof ak, "%ld", f->a_class_id);
    snprintf(by, sizeof by, "%ld", editor->id);
    time_now_canon(now);
    char *sort_key = asset_sort_key(f->name);
    int mynumber = f->mynumber > 0, personal = f->personal_data > 0 || mynumber;
    db_rows *rows = NULL;
    rc = db_query(c,
                  "INSERT INTO asset (kind, name, sort_key, description, owner_unit_id, manager_id, location, segment,"
                  " format, personal_data, mynumber, retention, disposal_method, c_class_id, i_class_id, a_class_id,"
                  " class_reason, status, created_at, created_by, updated_at, version)"
                  " VALUES ($1, $2, $3, $4, CAST($5 AS BIGINT), CAST($6 AS BIGINT), $7, $8, $9, CAST($10 AS INTEGER),"
                  " CAST($11 AS INTEGER), $12, $13, CAST($14 AS BIGINT), CAST($15 AS BIGINT), CAST($16 AS BIGINT),"
                  " $17, 'in_use', $18, CAST($19 AS BIGINT), $18, 1) RETURNING id",
                  DB_PARAMS(f->kind, f->name, sort_key, db_opt_text(f->description), unit,
                            f->manager_id > 0 ? manager : NULL, db_opt_text(f->location), f->segment, f->format,
                            personal ? "1" : "0", mynumber ? "1" : "0", db_opt_text(f->retention),
                            db_opt_text(f->disposal_method), ck, ik, ak, db_opt_text(f->class_reason), now,
                            editor->id > 0 ? by : NULL),
                  &rows, e);
    free(sort_key);
    if (rc == OK) *id = atol(db_cell(rows, 0, 0));
    db_rows_free(rows);
    if (rc == OK) rc = asset_snapshot(c, *id, "create", editor->id, e);
    if (rc == OK) rc = compliance_asset_after(c, *id, e);
    if (rc == OK) rc = asset_search_put(c, *id, f->name, db_opt_text(f->description), db_opt_text(f->location), e);
    if (rc == OK) rc = asset_check_rules(c, *id, ASSET_RULES_ASSET, w, e);
    if (rc == OK) rc = as_audit(c, editor, "asset.create", *id, as_detail(f), w, e);
    return rc;
}

err_code asset_search_put(db_conn *c, long id, const char *name, const char *description, const char *location,
                          err *e)
{
    /* search_reindex.c reads the same fields, in the same order, for existing assets. */
    const char *fields[] = {name, description, location};
    return search_index_put(c, "asset", id, fields, 3, e);
}

/* Re-indexes an asset from what is stored, after a change that may touch its texts. */
static err_code as_search_refresh(db_conn *c, long id, err *e)
{
    char idt[24];
    snprintf(idt, sizeof idt, "%ld", id);
    db_rows *rows = NULL;
    err_code rc = db_query(c, "SELECT name, description, location FROM asset WHERE id = CAST($1 AS BIGINT)",
                           DB_PARAMS(idt), &rows, e);
    if (rc == OK && rows->n_rows == 1)
        rc = asset_search_put(c, id, db_cell(rows, 0, 0), db_cell(rows, 0, 1), db_cell(rows, 0, 2), e);
    db_rows_free(rows);
    return rc;
}

err_code asset_writable(db_conn *c, long editor, long id, long *version, char **status, err *e)
{
    *status = NULL;
    bool visible = editor == 0; /* the system (the demo, the command line) sees everything */
    err_code rc = editor == 0 ? OK : authz_sees(c, editor, AUTHZ_ASSET, id, &visible, e);
    if (rc != OK) return rc;
    if (!visible) return err_set(e, ERR_NOT_FOUND, "no such asset");
    char idt[24], ed[24], today[11];
    snprintf(idt, sizeof idt, "%ld", id);
    snprintf(ed, sizeof ed, "%ld", editor);
    time_today_local(today);
    db_rows *rows = NULL;
    /* asset.write in the owner unit ('unit' grants, sub-units too), or the asset's own
     * manager holding asset.write at all (a システム管理者 on the systems they manage). */
    rc = db_query(c,
                  AUTHZ_SCOPE_CTE "SELECT a.version, a.status, (a.owner_unit_id IN (SELECT id FROM scope)"
                                  " OR (a.manager_id = CAST($1 AS BIGINT) AND EXISTS (SELECT 1 FROM role_assignment ra"
                                  " JOIN role_permission rp ON rp.role_code = ra.role_code WHERE ra.person_id ="
                                  " CAST($1 AS BIGINT) AND rp.permission_code = CAST($2 AS TEXT) AND ra.valid_from <="
                                  " CAST($3 AS TEXT) AND (ra.valid_to IS NULL OR ra.valid_to >= CAST($3 AS TEXT)))))"
                                  " FROM asset a WHERE a.id = CAST($4 AS BIGINT)",
                  DB_PARAMS(ed, "asset.write", today, idt), &rows, e);
    if (rc == OK && rows->n_rows != 1) rc = err_set(e, ERR_NOT_FOUND, "no such asset");
    if (rc == OK) {
        const char *may = editor == 0 ? "1" : db_cell(rows, 0, 2);
        /* Booleans come back as 1/0 (SQLite) or t/f (PostgreSQL). */
        if (!may || (strcmp(may, "1") != 0 && strcmp(may, "t") != 0 && strcmp(may, "true") != 0)) {
            rc = err_set(e, ERR_FORBIDDEN, "you may see this asset but not change it (asset.write in its unit, or its manager)");
        } else {
            *version = atol(db_cell(rows, 0, 0));
            *status = xstrdup(db_cell(rows, 0, 1));
        }
    }
    db_rows_free(rows);
    return rc;
}

/* The stored flags, to check personal_data and mynumber after a change. */
static err_code as_flags(db_conn *c, long id, int *personal, int *mynumber, err *e)
{
    char idt[24];
    snprintf(idt, sizeof idt, "%ld", id);
    db_rows *rows = NULL;
    err_code rc = db_query(c, "SELECT personal_data, mynumber FROM asset WHERE id = CAST($1 AS BIGINT)",
                           DB_PARAMS(idt), &rows, e);
    if (rc == OK && rows->n_rows == 1) {
        *personal = atoi(db_cell(rows, 0, 0));
        *mynumber = atoi(db_cell(rows, 0, 1));
    }
    db_rows_free(rows);
    return rc;
}

err_code asset_update(db_conn *c, const audit_actor *editor, long id, long version, const asset_fields *f,
                      long *new_version, asset_warnings *w, err *e)
{
    as_check_fields(f, false, e);
    if (e && e->n_fields) return ERR_VALIDATION;
    long stored = 0;
    char *status = NULL;
    err_code rc = asset_writable(c, editor->id, id, &stored, &status, e);
    if (rc == OK && strcmp(status, "in_use") != 0) rc = err_set(e, ERR_CONFLICT, "the asset has been disposed of");
    free(status);
    if (rc != OK) return rc;
    if (stored != version)
        return err_set(e, ERR_PRECONDITION_FAILED, "the asset was changed meanwhile (version %ld, not %ld)", stored,
                       version);
    /* A relation is typed by the kinds it joins: an asset keeps its kind while related. */
    if (f->kind) {
        char idt[24];
        snprintf(idt, sizeof idt, "%ld", id);
        db_rows *rows = NULL;
        rc = db_query(c,
                      "SELECT a.kind, (SELECT count(*) FROM asset_relation r WHERE r.ended_at IS NULL"
                      " AND (r.from_asset_id = a.id OR r.to_asset_id = a.id)) FROM asset a WHERE a.id = CAST($1 AS BIGINT)",
                      DB_PARAMS(idt), &rows, e);
        if (rc == OK && rows->n_rows == 1 && strcmp(db_cell(rows, 0, 0), f->kind) != 0 && atol(db_cell(rows, 0, 1)) > 0)
            err_field_add(e, "kind", "the asset is related to others as a %s: end its relations before changing its kind",
                          db_cell(rows, 0, 0));
        db_rows_free(rows);
        if (rc != OK) return rc;
        if (e && e->n_fields) return ERR_VALIDATION;
    }
    int personal = 0, mynumber = 0;
    if ((rc = as_flags(c, id, &personal, &mynumber, e)) != OK) return rc;
    if (f->personal_data >= 0) personal = f->personal_data;
    if (f->mynumber >= 0) mynumber = f->mynumber;
    if (mynumber && !personal) {
        err_field_add(e, f->mynumber >= 0 ? "mynumber" : "personal_data",
                      "マイナンバー is personal data: personal_data must be set while mynumber is");
        return ERR_VALIDATION;
    }
    if ((rc = as_check_refs(c, editor->id, f, e)) != OK) return rc;
    char idt[24], vt[24], unit[24], manager[24], ck[24], ik[24], ak[24], pd[8], mn[8], now[TIME_CANON_LEN];
    snprintf(idt, sizeof idt, "%ld", id);
    snprintf(vt, sizeof vt, "%ld", version);
    snprintf(unit, sizeof unit, "%ld", f->owner_unit_id);
    snprintf(manager, sizeof manager, "%ld", f->manager_id);
    snprintf(ck, sizeof ck, "%ld", f->c_class_id);
    snprintf(ik, sizeof ik, "%ld", f->i_class_id);
    snprintf(ak, sizeof ak, "%ld", f->a_class_id);
    snprintf(pd, sizeof pd, "%d", f->personal_data);
    snprintf(mn, sizeof mn, "%d", f->mynumber);
    time_now_canon(now);
    char *sort_key = f->name ? asset_sort_key(f->name) : NULL;
    db_rows *rows = NULL;
    /* What applied to it as it was leaves the figures; as it is now, it comes back. */
    if ((rc = compliance_asset_before(c, id, e)) != OK) {
        free(sort_key);
        return rc;
    }
    /* Optional texts: "" clears (NULL), absent keeps. The version in the WHERE clause
     * makes the check and the write one step. */
#define AS_OPT_SET(col, n) " " col " = CASE WHEN CAST($" n " AS TEXT) = '' THEN NULL ELSE COALESCE($" n ", " col ") END,"
    rc = db_query(c,
                  "UPDATE asset SET kind = COALESCE($1, kind), name = COALESCE($2, name),"
                  " sort_key = COALESCE($3, sort_key)," AS_OPT_SET("description", "4") AS_OPT_SET("location", "5")
                  AS_OPT_SET("retention", "6") AS_OPT_SET("disposal_method", "7") AS_OPT_SET("class_reason", "8")
                  " segment = COALESCE($9, segment), format = COALESCE($10, format),"
                  " owner_unit_id = CASE WHEN CAST($11 AS BIGINT) > 0 THEN CAST($11 AS BIGINT) ELSE owner_unit_id END,"
                  " manager_id = CASE WHEN CAST($12 AS BIGINT) < 0 THEN NULL WHEN CAST($12 AS BIGINT) > 0"
                  "  THEN CAST($12 AS BIGINT) ELSE manager_id END,"
                  " personal_data = CASE WHEN CAST($13 AS INTEGER) >= 0 THEN CAST($13 AS INTEGER) ELSE personal_data END,"
                  " mynumber = CASE WHEN CAST($14 AS INTEGER) >= 0 THEN CAST($14 AS INTEGER) ELSE mynumber END,"
                  " c_class_id = CASE WHEN CAST($15 AS BIGINT) > 0 THEN CAST($15 AS BIGINT) ELSE c_class_id END,"
                  " i_class_id = CASE WHEN CAST($16 AS BIGINT) > 0 THEN CAST($16 AS BIGINT) ELSE i_class_id END,"
                  " a_class_id = CASE WHEN CAST($17 AS BIGINT) > 0 THEN CAST($17 AS BIGINT) ELSE a_class_id END,"
                  " updated_at = $18, version = version + 1"
                  " WHERE id = CAST($19 AS BIGINT) AND version = CAST($20 AS BIGINT) RETURNING version",
                  DB_PARAMS(f->kind, f->name, sort_key, f->description, f->location, f->retention, f->disposal_method,
                            f->class_reason, f->segment, f->format, unit, manager, pd, mn, ck, ik, ak, now, idt, vt),
                  &rows, e);
#undef AS_OPT_SET
    free(sort_key);
    if (rc == OK && rows->n_rows != 1) rc = err_set(e, ERR_PRECONDITION_FAILED, "the asset was changed meanwhile");
    if (rc == OK) *new_version = atol(db_cell(rows, 0, 0));
    db_rows_free(rows);
    if (rc == OK) rc = asset_snapshot(c, id, "update", editor->id, e);
    if (rc == OK) rc = compliance_asset_after(c, id, e);
    if (rc == OK && (f->name || f->description || f->location)) rc = as_search_refresh(c, id, e);
    if (rc == OK) rc = asset_check_rules(c, id, ASSET_RULES_ASSET, w, e);
    if (rc == OK) {
        json_t *detail = json_pack("{s:o, s:I}", "changes", as_detail(f), "version", (json_int_t)*new_version);
        rc = as_audit(c, editor, "asset.update", id, detail, w, e);
    }
    return rc;
}

err_code asset_dispose(db_conn *c, const audit_actor *editor, long id, long version, const asset_disposal *d,
                       long *new_version, err *e)
{
    char today[11];
    time_today_local(today);
    int y, m, dd;
    if (!d->date || !*d->date) err_field_add(e, "disposed_on", "is required");
    else if (!time_parse_date(d->date, &y, &m, &dd)) err_field_add(e, "disposed_on", "must be a date (YYYY-MM-DD)");
    else if (strcmp(d->date, today) > 0) err_field_add(e, "disposed_on", "must not be in the future");
    if (!d->method || !*d->method) err_field_add(e, "method", "is required: how it was disposed of");
    else as_text(e, "method", d->method, 200, true);
    if (!d->witness || !*d->witness) err_field_add(e, "witness", "is required: who witnessed the disposal");
    else as_text(e, "witness", d->witness, 200, true);
    if (e && e->n_fields) return ERR_VALIDATION;
    long stored = 0;
    char *status = NULL;
    err_code rc = asset_writable(c, editor->id, id, &stored, &status, e);
    if (rc == OK && strcmp(status, "in_use") != 0) rc = err_set(e, ERR_CONFLICT, "the asset has already been disposed of");
    free(status);
    if (rc != OK) return rc;
    if (stored != version)
        return err_set(e, ERR_PRECONDITION_FAILED, "the asset was changed meanwhile (version %ld, not %ld)", stored,
                       version);
    char idt[24], vt[24], by[24], now[TIME_CANON_LEN];
    snprintf(idt, sizeof idt, "%ld", id);
    snprintf(vt, sizeof vt, "%ld", version);
    snprintf(by, sizeof by, "%ld", editor->id);
    time_now_canon(now);
    db_rows *rows = NULL;
    /* Disposed of, nothing applies to it any more. */
    if ((rc = compliance_asset_before(c, id, e)) != OK) return rc;
    rc = db_query(c,
                  "UPDATE asset SET status = 'disposed', disposed_on = $1, disposed_method = $2, disposal_witness = $3,"
                  " updated_at = $4, version = version + 1 WHERE id = CAST($5 AS BIGINT) AND version = CAST($6 AS BIGINT)"
                  " RETURNING version",
                  DB_PARAMS(d->date, d->method, d->witness, now, idt, vt), &rows, e);
    if (rc == OK && rows->n_rows != 1) rc = err_set(e, ERR_PRECONDITION_FAILED, "the asset was changed meanwhile");
    if (rc == OK) *new_version = atol(db_cell(rows, 0, 0));
    db_rows_free(rows);
    rows = NULL;
    /* What is gone holds nothing and is held by nothing: its relations end with it. */
    if (rc == OK)
        rc = db_query(c,
                      "UPDATE asset_relation SET ended_at = $1, ended_by = CAST($2 AS BIGINT) WHERE ended_at IS NULL"
                      " AND (from_asset_id = CAST($3 AS BIGINT) OR to_asset_id = CAST($3 AS BIGINT)) RETURNING id",
                      DB_PARAMS(now, editor->id > 0 ? by : NULL, idt), &rows, e);
    size_t ended = rc == OK ? rows->n_rows : 0;
    db_rows_free(rows);
    if (rc == OK) rc = asset_snapshot(c, id, "dispose", editor->id, e);
    if (rc == OK) {
        json_t *detail = json_pack("{s:s, s:s, s:s, s:I, s:I}", "disposed_on", d->date, "method", d->method, "witness",
                                   d->witness, "relations_ended", (json_int_t)ended, "version",
                                   (json_int_t)*new_version);
        rc = as_audit(c, editor, "asset.dispose", id, detail, NULL, e);
    }
    return rc;
}

err_code asset_reclassify(db_conn *c, const audit_actor *editor, const classification_mapping *map, size_t n_map,
                          const char *reason, long *moved, err *e)
{
    (void)reason;
    *moved = 0;
    err_code rc = OK;
    for (size_t i = 0; i < n_map && rc == OK; i++) {
        char from[24], to[24];
        snprintf(from, sizeof from, "%ld", map[i].from);
        snprintf(to, sizeof to, "%ld", map[i].to);
        /* The mapping goes from one scheme to another, so no id is both a from and a to:
         * one statement per pair cannot move an asset twice. */
        rc = db_query(c,
                      "UPDATE asset SET"
                      " c_class_id = CASE WHEN c_class_id = CAST($1 AS BIGINT) THEN CAST($2 AS BIGINT) ELSE c_class_id END,"
                      " i_class_id = CASE WHEN i_class_id = CAST($1 AS BIGINT) THEN CAST($2 AS BIGINT) ELSE i_class_id END,"
                      " a_class_id = CASE WHEN a_class_id = CAST($1 AS BIGINT) THEN CAST($2 AS BIGINT) ELSE a_class_id END"
                      " WHERE c_class_id = CAST($1 AS BIGINT) OR i_class_id = CAST($1 AS BIGINT)"
                      " OR a_class_id = CAST($1 AS BIGINT)",
                      DB_PARAMS(from, to), NULL, e);
    }
    /* Every class in use was mapped, so every asset moved: each gets a new version. */
    char now[TIME_CANON_LEN], by[24];
    time_now_canon(now);
    snprintf(by, sizeof by, "%ld", editor->id);
    db_rows *rows = NULL;
    if (rc == OK)
        rc = db_query(c, "UPDATE asset SET version = version + 1, updated_at = $1 RETURNING id", DB_PARAMS(now), &rows,
                      e);
    if (rc == OK) *moved = (long)rows->n_rows;
    db_rows_free(rows);
    if (rc == OK)
        rc = db_query(c,
                      "INSERT INTO asset_version (asset_id, version, change, changed_at, changed_by, kind, name,"
                      " description, owner_unit_id, manager_id, location, segment, format, personal_data, mynumber,"
                      " retention, disposal_method, c_class_id, i_class_id, a_class_id, class_reason, status,"
                      " disposed_on, disposed_method, disposal_witness)"
                      " SELECT id, version, 'reclassify', $1, CAST($2 AS BIGINT), kind, name, description,"
                      " owner_unit_id, manager_id, location, segment, format, personal_data, mynumber, retention,"
                      " disposal_method, c_class_id, i_class_id, a_class_id, class_reason, status, disposed_on,"
                      " disposed_method, disposal_witness FROM asset",
                      DB_PARAMS(now, editor->id > 0 ? by : NULL), NULL, e);
    /* Every asset may have changed rank: the figures again, all at once. */
    if (rc == OK) rc = compliance_recompute(c, e);
    return rc;
}

err_code asset_move_unit(db_conn *c, const audit_actor *actor, long from, long to, long *moved, err *e)
{
    *moved = 0;
    char ft[24], tt[24], now[TIME_CANON_LEN];
    snprintf(ft, sizeof ft, "%ld", from);
    snprintf(tt, sizeof tt, "%ld", to);
    time_now_canon(now);
    db_rows *rows = NULL;
    err_code rc = db_query(c,
                           "UPDATE asset SET owner_unit_id = CAST($1 AS BIGINT), version = version + 1, updated_at = $2"
                           " WHERE owner_unit_id = CAST($3 AS BIGINT) AND status = 'in_use' RETURNING id",
                           DB_PARAMS(tt, now, ft), &rows, e);
    for (size_t i = 0; rc == OK && i < rows->n_rows; i++)
        rc = asset_snapshot(c, atol(db_cell(rows, i, 0)), "update", actor->id, e);
    /* The figures follow in the reorganisation's compliance_recompute (reorg_apply.c). */
    if (rc == OK) *moved = (long)rows->n_rows;
    db_rows_free(rows);
    return rc;
}

void asset_warnings_free(asset_warnings *w)
{
    for (size_t i = 0; i < w->n; i++) free(w->items[i]);
    free(w->items);
    w->items = NULL;
    w->n = 0;
}

/* ---- the sort key ---- */

char *asset_sort_key(const char *name)
{
    /* The search module's normalisation (NFKC, case folded, no spaces), so the ledger
     * sorts as it searches. Names are valid UTF-8 by the time they are stored (the JSON
     * parser and the CSV reader check); the name itself is the fallback all the same. */
    char *key = NULL;
    err e = ERR_INIT;
    if (search_text_normalize(name, "name", &key, &e) != OK) key = xstrdup(name);
    err_clear(&e);
    return key;
}
