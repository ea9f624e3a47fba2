/* classification — the scheme of 第9条 as data (see classification.h). */
#include "domain/classification.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/authz.h"
#include "core/timeutil.h"
#include "core/xalloc.h"
#include "domain/asset.h"

const char *const classification_aspects[CLASSIFICATION_N_ASPECTS] = {
    "labelling", "storage", "transmission", "taking_out", "copying", "printing", "disposal"};

static size_t cl_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80) n++;
    return n;
}

static int cl_aspect_index(const char *aspect)
{
    for (int i = 0; i < CLASSIFICATION_N_ASPECTS; i++)
        if (strcmp(aspect, classification_aspects[i]) == 0) return i;
    return -1;
}

/* How many assets (any axis, any status) use each class, as rows (class id, count): all
 * of them (viewer 0: what makes a class "in use" for a change of preset), or those the
 * viewer may see (need-to-know holds for counts too). */
static err_code cl_counts(db_conn *c, long viewer, db_rows **out, err *e)
{
    if (viewer <= 0)
        return db_query(c,
                        "SELECT x.k, count(*) FROM (SELECT c_class_id AS k FROM asset UNION ALL SELECT i_class_id"
                        " FROM asset UNION ALL SELECT a_class_id FROM asset) x GROUP BY x.k",
                        DB_NO_PARAMS, out, e);
    char person[24], today[11];
    snprintf(person, sizeof person, "%ld", viewer);
    time_today_local(today);
    return db_query(c,
                    AUTHZ_ASSET_CTE ", seen(c, i, av) AS (SELECT a.c_class_id, a.i_class_id, a.a_class_id FROM asset a"
                                    " JOIN classification_class kc ON kc.id = a.c_class_id WHERE "
                                    AUTHZ_ASSET_VISIBLE("a", "kc") ")"
                                    " SELECT x.k, count(*) FROM (SELECT c AS k FROM seen UNION ALL SELECT i FROM seen"
                                    " UNION ALL SELECT av FROM seen) x GROUP BY x.k",
                    DB_PARAMS(person, today), out, e);
}

static long cl_count_of(const db_rows *counts, long id)
{
    for (size_t u = 0; u < counts->n_rows; u++)
        if (atol(db_cell(counts, u, 0)) == id) return atol(db_cell(counts, u, 1));
    return 0;
}

static err_code cl_load_classes(db_conn *c, long viewer, classification_scheme *s, err *e)
{
    db_rows *rows = NULL, *rules = NULL, *use = NULL;
    err_code rc = db_query(c,
                           "SELECT id, axis, code, rank, name_ja, name_en, definition_ja, definition_en, version"
                           " FROM classification_class WHERE scheme_code = $1"
                           " ORDER BY CASE axis WHEN 'C' THEN 1 WHEN 'I' THEN 2 ELSE 3 END, rank DESC, id",
                           DB_PARAMS(s->code), &rows, e);
    if (rc == OK)
        rc = db_query(c,
                      "SELECT r.class_id, r.aspect, r.text_ja, r.text_en FROM classification_rule r"
                      " JOIN classification_class k ON k.id = r.class_id WHERE k.scheme_code = $1",
                      DB_PARAMS(s->code), &rules, e);
    if (rc == OK) rc = cl_counts(c, viewer, &use, e);
    if (rc != OK) goto cleanup;
    s->classes = xcalloc(rows->n_rows + 1, sizeof *s->classes);
    for (size_t i = 0; i < rows->n_rows; i++) {
        classification_class *k = &s->classes[i];
        k->id = atol(db_cell(rows, i, 0));
        snprintf(k->axis, sizeof k->axis, "%s", db_cell(rows, i, 1));
        k->code = xstrdup(db_cell(rows, i, 2));
        k->rank = atoi(db_cell(rows, i, 3));
        k->name_ja = xstrdup(db_cell(rows, i, 4));
        k->name_en = xstrdup(db_cell(rows, i, 5));
        k->definition_ja = xstrdup(db_cell(rows, i, 6));
        k->definition_en = xstrdup_opt(db_cell(rows, i, 7));
        k->version = atol(db_cell(rows, i, 8));
        for (size_t r = 0; r < rules->n_rows; r++) {
            int a = cl_aspect_index(db_cell(rules, r, 1));
            if (atol(db_cell(rules, r, 0)) != k->id || a < 0) continue;
            k->rules[a].text_ja = xstrdup(db_cell(rules, r, 2));
            k->rules[a].text_en = xstrdup_opt(db_cell(rules, r, 3));
        }
        k->n_assets = cl_count_of(use, k->id);
        s->n_classes++;
    }
cleanup:
    db_rows_free(rows);
    db_rows_free(rules);
    db_rows_free(use);
    return rc;
}

static void cl_fill_scheme(const db_rows *rows, size_t i, classification_scheme *s)
{
    s->code = xstrdup(db_cell(rows, i, 0));
    s->name_ja = xstrdup(db_cell(rows, i, 1));
    s->name_en = xstrdup(db_cell(rows, i, 2));
    s->in_force = strcmp(db_cell(rows, i, 3), "1") == 0;
    s->version = atol(db_cell(rows, i, 4));
}

#define CL_SCHEME_COLUMNS "SELECT code, name_ja, name_en, in_force, version FROM classification_scheme"

err_code classification_load(db_conn *c, const char *code, long viewer, classification_scheme *out, err *e)
{
    memset(out, 0, sizeof *out);
    db_rows *rows = NULL;
    err_code rc = code ? db_query(c, CL_SCHEME_COLUMNS " WHERE code = $1", DB_PARAMS(code), &rows, e)
                       : db_query(c, CL_SCHEME_COLUMNS " WHERE in_force = 1", DB_NO_PARAMS, &rows, e);
    if (rc == OK && rows->n_rows != 1) rc = err_set(e, ERR_NOT_FOUND, "no such classification scheme");
    if (rc == OK) {
        cl_fill_scheme(rows, 0, out);
        rc = cl_load_classes(c, viewer, out, e);
    }
    db_rows_free(rows);
    if (rc != OK) classification_scheme_free(out);
    return rc;
}

err_code classification_schemes(db_conn *c, long viewer, classification_scheme **out, size_t *n, err *e)
{
    *out = NULL;
    *n = 0;
    db_rows *rows = NULL;
    err_code rc = db_query(c, CL_SCHEME_COLUMNS " ORDER BY in_force DESC, code", DB_NO_PARAMS, &rows, e);
    if (rc != OK) return rc;
    *out = xcalloc(rows->n_rows + 1, sizeof **out);
    for (size_t i = 0; i < rows->n_rows && rc == OK; i++) {
        cl_fill_scheme(rows, i, &(*out)[i]);
        (*n)++;
        rc = cl_load_classes(c, viewer, &(*out)[i], e);
    }
    db_rows_free(rows);
    if (rc != OK) {
        classification_schemes_free(*out, *n);
        *out = NULL;
        *n = 0;
    }
    return rc;
}

void classification_scheme_free(classification_scheme *s)
{
    for (size_t i = 0; i < s->n_classes; i++) {
        classification_class *k = &s->classes[i];
        free(k->code);
        free(k->name_ja);
        free(k->name_en);
        free(k->definition_ja);
        free(k->definition_en);
        for (int a = 0; a < CLASSIFICATION_N_ASPECTS; a++) {
            free(k->rules[a].text_ja);
            free(k->rules[a].text_en);
        }
    }
    free(s->classes);
    free(s->code);
    free(s->name_ja);
    free(s->name_en);
    memset(s, 0, sizeof *s);
}

void classification_schemes_free(classification_scheme *s, size_t n)
{
    for (size_t i = 0; i < n; i++) classification_scheme_free(&s[i]);
    free(s);
}

/* ---- editing a class ---- */

static void cl_check_text(err *e, const char *field, const char *value, size_t max, bool may_be_empty)
{
    if (!value) return;
    if (!may_be_empty && !*value) err_field_add(e, field, "must not be empty");
    else if (cl_chars(value) > max) err_field_add(e, field, "must be at most %zu characters", max);
}

err_code classification_class_update(db_conn *c, const audit_actor *editor, long id, long version,
                                     const classification_changes *ch, long *new_version, err *e)
{
    cl_check_text(e, "name_ja", ch->name_ja, 100, false);
    cl_check_text(e, "name_en", ch->name_en, 200, false);
    cl_check_text(e, "definition_ja", ch->definition_ja, 2000, false);
    cl_check_text(e, "definition_en", ch->definition_en, 4000, true);
    for (int a = 0; a < CLASSIFICATION_N_ASPECTS; a++) {
        char field[64];
        snprintf(field, sizeof field, "rules.%s.ja", classification_aspects[a]);
        cl_check_text(e, field, ch->rules_ja[a], 2000, false);
        snprintf(field, sizeof field, "rules.%s.en", classification_aspects[a]);
        cl_check_text(e, field, ch->rules_en[a], 4000, true);
    }
    if (e && e->n_fields) return ERR_VALIDATION;
    char idt[24], vt[24];
    snprintf(idt, sizeof idt, "%ld", id);
    snprintf(vt, sizeof vt, "%ld", version);
    db_rows *rows = NULL;
    err_code rc = db_query(c, "SELECT version FROM classification_class WHERE id = CAST($1 AS BIGINT)",
                           DB_PARAMS(idt), &rows, e);
    if (rc == OK && rows->n_rows != 1) rc = err_set(e, ERR_NOT_FOUND, "no such class");
    if (rc == OK && atol(db_cell(rows, 0, 0)) != version)
        rc = err_set(e, ERR_PRECONDITION_FAILED, "the class was changed meanwhile (version %s, not %ld)",
                     db_cell(rows, 0, 0), version);
    db_rows_free(rows);
    rows = NULL;
    if (rc != OK) return rc;
    /* "" clears an English text (the column allows NULL); the version in the WHERE
     * clause makes the check and the write one step. */
    bool clear_def_en = ch->definition_en && !*ch->definition_en;
    rc = db_query(c,
                  "UPDATE classification_class SET name_ja = COALESCE($1, name_ja), name_en = COALESCE($2, name_en),"
                  " definition_ja = COALESCE($3, definition_ja),"
                  " definition_en = CASE WHEN $4 = '1' THEN NULL ELSE COALESCE($5, definition_en) END,"
                  " version = version + 1 WHERE id = CAST($6 AS BIGINT) AND version = CAST($7 AS BIGINT)"
                  " RETURNING version",
                  DB_PARAMS(ch->name_ja, ch->name_en, ch->definition_ja, clear_def_en ? "1" : "0",
                            clear_def_en ? NULL : ch->definition_en, idt, vt),
                  &rows, e);
    if (rc == OK && rows->n_rows != 1) rc = err_set(e, ERR_PRECONDITION_FAILED, "the class was changed meanwhile");
    if (rc == OK) *new_version = atol(db_cell(rows, 0, 0));
    db_rows_free(rows);
    json_t *changes = json_object(), *rules = json_object();
    if (ch->name_ja) json_object_set_new(changes, "name_ja", json_string(ch->name_ja));
    if (ch->name_en) json_object_set_new(changes, "name_en", json_string(ch->name_en));
    if (ch->definition_ja) json_object_set_new(changes, "definition_ja", json_string(ch->definition_ja));
    if (ch->definition_en) json_object_set_new(changes, "definition_en", json_string(ch->definition_en));
    for (int a = 0; rc == OK && a < CLASSIFICATION_N_ASPECTS; a++) {
        const char *ja = ch->rules_ja[a], *en = ch->rules_en[a];
        if (!ja && !en) continue;
        /* A rule that is not there yet needs its Japanese text: it is the one that binds. */
        db_rows *have = NULL;
        rc = db_query(c,
                      "SELECT 1 FROM classification_rule WHERE class_id = CAST($1 AS BIGINT) AND aspect = $2",
                      DB_PARAMS(idt, classification_aspects[a]), &have, e);
        if (rc != OK) break;
        bool exists = have->n_rows == 1;
        db_rows_free(have);
        const char *en_value = en && *en ? en : NULL;
        if (exists) {
            rc = db_query(c,
                          "UPDATE classification_rule SET text_ja = COALESCE($1, text_ja),"
                          " text_en = CASE WHEN $2 = '1' THEN $3 ELSE text_en END"
                          " WHERE class_id = CAST($4 AS BIGINT) AND aspect = $5",
                          DB_PARAMS(ja, en ? "1" : "0", en_value, idt, classification_aspects[a]), NULL, e);
        } else if (!ja) {
            char field[64];
            snprintf(field, sizeof field, "rules.%s.ja", classification_aspects[a]);
            err_field_add(e, field, "is required for a rule the class does not have yet");
            rc = ERR_VALIDATION;
        } else {
            rc = db_query(c,
                          "INSERT INTO classification_rule (class_id, aspect, text_ja, text_en)"
                          " VALUES (CAST($1 AS BIGINT), $2, $3, $4)",
                          DB_PARAMS(idt, classification_aspects[a], ja, en_value), NULL, e);
        }
        json_object_set_new(rules, classification_aspects[a], json_pack("{s:s?, s:s?}", "ja", ja, "en", en));
    }
    if (json_object_size(rules)) json_object_set(changes, "rules", rules);
    if (rc == OK) {
        json_t *detail = json_pack("{s:O, s:I}", "changes", changes, "version", (json_int_t)*new_version);
        rc = audit_append(c, editor, "classification.update", "classification_class", idt, detail, e);
        json_decref(detail);
    }
    json_decref(rules);
    json_decref(changes);
    return rc;
}

/* ---- changing the preset ---- */

typedef struct cl_class_ref {
    long id;
    char axis[2];
    char *code;      /* owned */
    long n_assets;   /* in use by this many assets (classes of the scheme in force) */
} cl_class_ref;

static err_code cl_class_refs(db_conn *c, const char *scheme, cl_class_ref **out, size_t *n, err *e)
{
    db_rows *rows = NULL, *counts = NULL;
    *out = NULL;
    *n = 0;
    err_code rc = db_query(c,
                           "SELECT k.id, k.axis, k.code FROM classification_class k WHERE k.scheme_code = $1"
                           " ORDER BY k.id",
                           DB_PARAMS(scheme), &rows, e);
    if (rc == OK) rc = cl_counts(c, 0, &counts, e);
    if (rc != OK) {
        db_rows_free(rows);
        return rc;
    }
    *out = xcalloc(rows->n_rows + 1, sizeof **out);
    for (size_t i = 0; i < rows->n_rows; i++) {
        (*out)[i].id = atol(db_cell(rows, i, 0));
        snprintf((*out)[i].axis, sizeof (*out)[i].axis, "%s", db_cell(rows, i, 1));
        (*out)[i].code = xstrdup(db_cell(rows, i, 2));
        (*out)[i].n_assets = cl_count_of(counts, (*out)[i].id);
    }
    *n = rows->n_rows;
    db_rows_free(rows);
    db_rows_free(counts);
    return OK;
}

static void cl_class_refs_free(cl_class_ref *refs, size_t n)
{
    for (size_t i = 0; i < n; i++) free(refs[i].code);
    free(refs);
}

static const cl_class_ref *cl_find(const cl_class_ref *refs, size_t n, long id)
{
    for (size_t i = 0; i < n; i++)
        if (refs[i].id == id) return &refs[i];
    return NULL;
}


err_code classification_preset_change(db_conn *c, const audit_actor *editor, const char *scheme,
                                      const classification_mapping *map, size_t n_map, long *moved, err *e)
{
    *moved = 0;
    db_rows *rows = NULL;
    cl_class_ref *old = NULL, *new = NULL;
    size_t n_old = 0, n_new = 0;
    char *current = NULL;
    err_code rc = db_query(c, "SELECT code, in_force FROM classification_scheme ORDER BY code", DB_NO_PARAMS,
                           &rows, e);
    if (rc != OK) goto cleanup;
    bool known = false;
    for (size_t i = 0; i < rows->n_rows; i++) {
        if (strcmp(db_cell(rows, i, 1), "1") == 0) current = xstrdup(db_cell(rows, i, 0));
        if (scheme && strcmp(db_cell(rows, i, 0), scheme) == 0) known = true;
    }
    if (!known) {
        err_field_add(e, "scheme", "no such scheme");
        rc = ERR_VALIDATION;
        goto cleanup;
    }
    if (!current) {
        rc = err_set(e, ERR_INTERNAL, "no classification scheme is in force");
        goto cleanup;
    }
    if (strcmp(current, scheme) == 0) {
        err_field_add(e, "scheme", "is already in force");
        rc = ERR_VALIDATION;
        goto cleanup;
    }
    if ((rc = cl_class_refs(c, current, &old, &n_old, e)) != OK) goto cleanup;
    if ((rc = cl_class_refs(c, scheme, &new, &n_new, e)) != OK) goto cleanup;
    for (size_t i = 0; i < n_map; i++) {
        char field[48];
        snprintf(field, sizeof field, "mapping.%ld", map[i].from);
        const cl_class_ref *from = cl_find(old, n_old, map[i].from), *to = cl_find(new, n_new, map[i].to);
        if (!from) err_field_add(e, field, "is not a class of the scheme in force (%s)", current);
        else if (!to) err_field_add(e, field, "must name a class of %s", scheme);
        else if (strcmp(from->axis, to->axis) != 0)
            err_field_add(e, field, "maps %s%s to %s%s: a class maps to one of the same axis", from->axis,
                          from->code, to->axis, to->code);
        for (size_t k = 0; k < i; k++)
            if (map[k].from == map[i].from) err_field_add(e, field, "is mapped twice");
    }
    /* Every class in use must be mapped, and every one left out is named. */
    for (size_t i = 0; i < n_old; i++) {
        if (!old[i].n_assets) continue;
        bool mapped = false;
        for (size_t k = 0; k < n_map && !mapped; k++) mapped = map[k].from == old[i].id;
        if (!mapped) {
            char field[48];
            snprintf(field, sizeof field, "mapping.%ld", old[i].id);
            err_field_add(e, field, "class %s%s is in use by %ld asset%s and must be mapped", old[i].axis,
                          old[i].code, old[i].n_assets, old[i].n_assets == 1 ? "" : "s");
        }
    }
    if (e && e->n_fields) {
        rc = ERR_VALIDATION;
        goto cleanup;
    }
    char *reason = xasprintf("preset change %s → %s", current, scheme);
    rc = asset_reclassify(c, editor, map, n_map, reason, moved, e);
    free(reason);
    if (rc == OK)
        rc = db_query(c, "UPDATE classification_scheme SET in_force = 0, version = version + 1 WHERE code = $1",
                      DB_PARAMS(current), NULL, e);
    if (rc == OK)
        rc = db_query(c, "UPDATE classification_scheme SET in_force = 1, version = version + 1 WHERE code = $1",
                      DB_PARAMS(scheme), NULL, e);
    if (rc == OK) {
        json_t *pairs = json_array();
        for (size_t i = 0; i < n_map; i++) {
            const cl_class_ref *from = cl_find(old, n_old, map[i].from), *to = cl_find(new, n_new, map[i].to);
            json_array_append_new(pairs, json_pack("{s:I, s:s+, s:I, s:s+}", "from", (json_int_t)map[i].from,
                                                   "from_label", from->axis, from->code, "to", (json_int_t)map[i].to,
                                                   "to_label", to->axis, to->code));
        }
        json_t *detail = json_pack("{s:s, s:s, s:o, s:I}", "from", current, "to", scheme, "mapping", pairs,
                                   "assets_moved", (json_int_t)*moved);
        rc = audit_append(c, editor, "classification.preset_change", "classification_scheme", scheme, detail, e);
        json_decref(detail);
    }
cleanup:
    db_rows_free(rows);
    cl_class_refs_free(old, n_old);
    cl_class_refs_free(new, n_new);
    free(current);
    return rc;
}

char *classification_label(const char *c_code, const char *i_code, const char *a_code)
{
    return xasprintf("C%s-I%s-A%s", c_code ? c_code : "?", i_code ? i_code : "?", a_code ? a_code : "?");
}
