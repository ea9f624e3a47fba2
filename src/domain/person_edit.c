/* person_edit — people changed through the API (see person_edit.h). */
#include "domain/person_edit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/authz.h"
#include "core/timeutil.h"
#include "core/xalloc.h"
#include "domain/membership.h"
#include "domain/person.h"

static const char *const pe_categories[] = {"regular", "temporary", "part_timer", "non_regular", "related_body",
                                            "contractor"};

static size_t pe_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80) n++;
    return n;
}

static void pe_check(const person_changes *p, bool creating, err *e)
{
    if (creating && (!p->name || !*p->name)) err_field_add(e, "name", "is required");
    if (p->name && (!*p->name || pe_chars(p->name) > 200)) err_field_add(e, "name", "must be 1 to 200 characters");
    if (p->name_kana && pe_chars(p->name_kana) > 200) err_field_add(e, "name_kana", "must be at most 200 characters");
    if (creating && !p->category) err_field_add(e, "category", "is required");
    if (p->category) {
        bool known = false;
        for (size_t i = 0; i < sizeof pe_categories / sizeof *pe_categories; i++)
            known = known || strcmp(p->category, pe_categories[i]) == 0;
        if (!known)
            err_field_add(e, "category",
                          "must be one of regular, temporary, part_timer, non_regular, related_body, contractor");
    }
    if (creating && p->org_unit_id <= 0) err_field_add(e, "org_unit_id", "is required");
}

/* What a change is checked against: the person as stored now. */
typedef struct pe_current {
    long unit, version, related_body_id, contractor_id; /* links 0 when none */
    bool active;
    char category[16]; /* one of pe_categories (the table's CHECK) */
} pe_current;

/* The person as stored, when they are in the editor's units. */
static err_code pe_load(db_conn *c, long editor, long id, pe_current *out, err *e)
{
    char idt[24];
    snprintf(idt, sizeof idt, "%ld", id);
    db_rows *rows = NULL;
    err_code rc = db_query(c,
                           "SELECT org_unit_id, version, active, category, related_body_id, contractor_id FROM person"
                           " WHERE id = CAST($1 AS BIGINT)",
                           DB_PARAMS(idt), &rows, e);
    bool in_scope = false;
    if (rc == OK && rows->n_rows == 1)
        rc = authz_unit_in_scope(c, editor, "person.manage", atol(db_cell(rows, 0, 0)), &in_scope, e);
    if (rc == OK && !in_scope) rc = err_set(e, ERR_NOT_FOUND, "no such person among yours");
    if (rc == OK) {
        out->unit = atol(db_cell(rows, 0, 0));
        out->version = atol(db_cell(rows, 0, 1));
        out->active = strcmp(db_cell(rows, 0, 2), "1") == 0;
        snprintf(out->category, sizeof out->category, "%s", db_cell(rows, 0, 3));
        out->related_body_id = db_cell(rows, 0, 4) ? atol(db_cell(rows, 0, 4)) : 0;
        out->contractor_id = db_cell(rows, 0, 5) ? atol(db_cell(rows, 0, 5)) : 0;
    }
    db_rows_free(rows);
    return rc;
}

/* The two links a person may have, each belonging to one category (第2条(14), (15)). */
static const struct {
    const char *category, *field, *noun, *sql;
} pe_link_kinds[] = {
    {"related_body", "related_body_id", "related body", "SELECT active FROM related_body WHERE id = CAST($1 AS BIGINT)"},
    {"contractor", "contractor_id", "contractor", "SELECT active FROM contractor WHERE id = CAST($1 AS BIGINT)"},
};

/* Checks the person's related body and contractor after the change: each is required
 * when this request sets its category (unless the person already has one), refused with
 * any other category, and must exist and still be active. `now` is NULL when creating. */
static err_code pe_links(db_conn *c, const person_changes *ch, const pe_current *now, err *e)
{
    const char *after = ch->category ? ch->category : now ? now->category : "";
    const long given[] = {ch->related_body_id, ch->contractor_id};
    const long before[] = {now ? now->related_body_id : 0, now ? now->contractor_id : 0};
    for (size_t k = 0; k < sizeof pe_link_kinds / sizeof *pe_link_kinds; k++) {
        bool wanted = strcmp(after, pe_link_kinds[k].category) == 0;
        bool kept = now && strcmp(now->category, pe_link_kinds[k].category) == 0 && before[k] > 0;
        if (given[k] < 0) {
            err_field_add(e, pe_link_kinds[k].field, "must be the id of a %s", pe_link_kinds[k].noun);
        } else if (given[k] > 0 && !wanted) {
            err_field_add(e, pe_link_kinds[k].field, "is only for people of category %s", pe_link_kinds[k].category);
        } else if (wanted && given[k] == 0 && ch->category && !kept) {
            err_field_add(e, pe_link_kinds[k].field, "is required for category %s", pe_link_kinds[k].category);
        } else if (given[k] > 0) {
            char idt[24];
            snprintf(idt, sizeof idt, "%ld", given[k]);
            db_rows *rows = NULL;
            err_code rc = db_query(c, pe_link_kinds[k].sql, DB_PARAMS(idt), &rows, e);
            if (rc != OK) return rc;
            if (rows->n_rows != 1) err_field_add(e, pe_link_kinds[k].field, "no such %s", pe_link_kinds[k].noun);
            else if (strcmp(db_cell(rows, 0, 0), "1") != 0)
                err_field_add(e, pe_link_kinds[k].field, "the %s is no longer active", pe_link_kinds[k].noun);
            db_rows_free(rows);
        }
    }
    return e && e->n_fields ? ERR_VALIDATION : OK;
}

static err_code pe_unit_ok(db_conn *c, long editor, long unit, err *e)
{
    bool ok = false;
    err_code rc = authz_unit_in_scope(c, editor, "person.manage", unit, &ok, e);
    if (rc == OK && !ok) {
        err_field_add(e, "org_unit_id", "is not one of your units");
        return ERR_VALIDATION;
    }
    /* A unit closed by a reorganisation keeps its history but takes no one new. */
    char unit_text[24];
    snprintf(unit_text, sizeof unit_text, "%ld", unit);
    db_rows *rows = NULL;
    if (rc == OK)
        rc = db_query(c, "SELECT valid_to FROM org_unit WHERE id = CAST($1 AS BIGINT)", DB_PARAMS(unit_text), &rows, e);
    if (rc == OK && rows->n_rows == 1 && db_cell(rows, 0, 0)) {
        err_field_add(e, "org_unit_id", "the unit is closed (its last day was %s)", db_cell(rows, 0, 0));
        rc = ERR_VALIDATION;
    }
    db_rows_free(rows);
    return rc;
}

err_code person_edit_create(db_conn *c, const audit_actor *editor, const person_changes *p, long *id_out, err *e)
{
    pe_check(p, true, e);
    if (e && e->n_fields) return ERR_VALIDATION;
    err_code rc = pe_unit_ok(c, editor->id, p->org_unit_id, e);
    if (rc == OK) rc = pe_links(c, p, NULL, e);
    if (rc != OK) return rc;
    person_new np = {p->name, p->name_kana && *p->name_kana ? p->name_kana : NULL, p->category, p->org_unit_id,
                     p->related_body_id, p->contractor_id};
    return person_create(c, editor, &np, id_out, e);
}

err_code person_edit_update(db_conn *c, const audit_actor *editor, long id, long version, const person_changes *ch,
                            long *new_version, err *e)
{
    pe_check(ch, false, e);
    if (e && e->n_fields) return ERR_VALIDATION;
    pe_current now;
    err_code rc = pe_load(c, editor->id, id, &now, e);
    if (rc != OK) return rc;
    if (now.version != version)
        return err_set(e, ERR_PRECONDITION_FAILED, "the person was changed meanwhile (version %ld, not %ld)",
                       now.version, version);
    if (ch->org_unit_id > 0 && (rc = pe_unit_ok(c, editor->id, ch->org_unit_id, e)) != OK) return rc;
    if ((rc = pe_links(c, ch, &now, e)) != OK) return rc;
    char idt[24], vt[24], unit_text[24], body[24], firm[24];
    snprintf(idt, sizeof idt, "%ld", id);
    snprintf(vt, sizeof vt, "%ld", version);
    snprintf(unit_text, sizeof unit_text, "%ld", ch->org_unit_id);
    snprintf(body, sizeof body, "%ld", ch->related_body_id);
    snprintf(firm, sizeof firm, "%ld", ch->contractor_id);
    const char *kana = ch->name_kana && !*ch->name_kana ? NULL : ch->name_kana;
    bool clear_kana = ch->name_kana && !*ch->name_kana;
    db_rows *rows = NULL;
    /* The version in the WHERE clause makes the check and the write one step. A link
     * belongs to its category: one that moves to another category loses it (the
     * right-hand sides all see the row as it was, hence COALESCE($4, category)). */
    rc = db_query(c,
                  "UPDATE person SET name = COALESCE($1, name),"
                  " name_kana = CASE WHEN $2 = '1' THEN NULL ELSE COALESCE($3, name_kana) END,"
                  " category = COALESCE($4, category),"
                  " org_unit_id = CASE WHEN CAST($5 AS BIGINT) > 0 THEN CAST($5 AS BIGINT) ELSE org_unit_id END,"
                  " related_body_id = CASE WHEN COALESCE($4, category) = 'related_body'"
                  "  THEN COALESCE(CAST($8 AS BIGINT), related_body_id) END,"
                  " contractor_id = CASE WHEN COALESCE($4, category) = 'contractor'"
                  "  THEN COALESCE(CAST($9 AS BIGINT), contractor_id) END,"
                  " version = version + 1 WHERE id = CAST($6 AS BIGINT) AND version = CAST($7 AS BIGINT)"
                  " RETURNING version, name, name_kana",
                  DB_PARAMS(ch->name, clear_kana ? "1" : "0", kana, ch->category, unit_text, idt, vt,
                            ch->related_body_id > 0 ? body : NULL, ch->contractor_id > 0 ? firm : NULL),
                  &rows, e);
    if (rc == OK && rows->n_rows != 1) rc = err_set(e, ERR_PRECONDITION_FAILED, "the person was changed meanwhile");
    if (rc == OK) {
        *new_version = atol(db_cell(rows, 0, 0));
        const char *sort_key = db_cell(rows, 0, 2) ? db_cell(rows, 0, 2) : db_cell(rows, 0, 1);
        rc = db_query(c, "UPDATE person SET sort_key = $1 WHERE id = CAST($2 AS BIGINT)", DB_PARAMS(sort_key, idt),
                      NULL, e);
        if (rc == OK) rc = person_search_put(c, id, db_cell(rows, 0, 1), db_cell(rows, 0, 2), e);
    }
    /* A move between units is a new period of membership from today. */
    if (rc == OK && ch->org_unit_id > 0 && ch->org_unit_id != now.unit) {
        char today[11];
        time_today_local(today);
        rc = membership_move(c, id, ch->org_unit_id, today, 0, e);
    }
    if (rc == OK) {
        json_t *changes = json_pack("{s:s?, s:s?, s:s?}", "name", ch->name, "name_kana", ch->name_kana, "category",
                                    ch->category);
        if (ch->org_unit_id > 0) json_object_set_new(changes, "org_unit_id", json_integer(ch->org_unit_id));
        if (ch->related_body_id > 0)
            json_object_set_new(changes, "related_body_id", json_integer(ch->related_body_id));
        if (ch->contractor_id > 0) json_object_set_new(changes, "contractor_id", json_integer(ch->contractor_id));
        json_t *detail = json_pack("{s:o, s:I}", "changes", changes, "version", (json_int_t)*new_version);
        rc = audit_append(c, editor, "person.update", "person", idt, detail, e);
        json_decref(detail);
    }
    db_rows_free(rows);
    return rc;
}

err_code person_edit_deactivate(db_conn *c, const audit_actor *editor, long id, long version, long *new_version,
                                err *e)
{
    pe_current now;
    err_code rc = pe_load(c, editor->id, id, &now, e);
    if (rc != OK) return rc;
    if (now.version != version)
        return err_set(e, ERR_PRECONDITION_FAILED, "the person was changed meanwhile (version %ld, not %ld)",
                       now.version, version);
    if (!now.active) return err_set(e, ERR_CONFLICT, "the person has already left");
    if (id == editor->id) return err_set(e, ERR_FORBIDDEN, "no one may deactivate themselves");
    char idt[24], today[11];
    snprintf(idt, sizeof idt, "%ld", id);
    time_today_local(today);
    rc = db_query(c,
                  "UPDATE person SET active = 0, employed_to = COALESCE(employed_to, $1), version = version + 1"
                  " WHERE id = CAST($2 AS BIGINT)",
                  DB_PARAMS(today, idt), NULL, e);
    if (rc == OK) rc = membership_end(c, id, today, e);
    if (rc == OK) rc = db_query(c, "DELETE FROM session WHERE person_id = CAST($1 AS BIGINT)", DB_PARAMS(idt), NULL, e);
    if (rc == OK) {
        *new_version = version + 1;
        json_t *detail = json_pack("{s:s}", "employed_to", today);
        rc = audit_append(c, editor, "person.deactivate", "person", idt, detail, e);
        json_decref(detail);
    }
    return rc;
}
