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

/* The person's unit and version, when they are in the editor's units. */
static err_code pe_load(db_conn *c, long editor, long id, long *unit, long *version, bool *active, err *e)
{
    char idt[24];
    snprintf(idt, sizeof idt, "%ld", id);
    db_rows *rows = NULL;
    err_code rc = db_query(c, "SELECT org_unit_id, version, active FROM person WHERE id = CAST($1 AS BIGINT)",
                           DB_PARAMS(idt), &rows, e);
    bool in_scope = false;
    if (rc == OK && rows->n_rows == 1)
        rc = authz_unit_in_scope(c, editor, "person.manage", atol(db_cell(rows, 0, 0)), &in_scope, e);
    if (rc == OK && !in_scope) rc = err_set(e, ERR_NOT_FOUND, "no such person among yours");
    if (rc == OK) {
        *unit = atol(db_cell(rows, 0, 0));
        *version = atol(db_cell(rows, 0, 1));
        *active = strcmp(db_cell(rows, 0, 2), "1") == 0;
    }
    db_rows_free(rows);
    return rc;
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
    if (rc != OK) return rc;
    person_new np = {p->name, p->name_kana && *p->name_kana ? p->name_kana : NULL, p->category, p->org_unit_id};
    return person_create(c, editor, &np, id_out, e);
}

err_code person_edit_update(db_conn *c, const audit_actor *editor, long id, long version, const person_changes *ch,
                            long *new_version, err *e)
{
    pe_check(ch, false, e);
    if (e && e->n_fields) return ERR_VALIDATION;
    long unit = 0, current = 0;
    bool active = false;
    err_code rc = pe_load(c, editor->id, id, &unit, &current, &active, e);
    if (rc != OK) return rc;
    if (current != version)
        return err_set(e, ERR_PRECONDITION_FAILED, "the person was changed meanwhile (version %ld, not %ld)", current,
                       version);
    if (ch->org_unit_id > 0 && (rc = pe_unit_ok(c, editor->id, ch->org_unit_id, e)) != OK) return rc;
    char idt[24], vt[24], unit_text[24];
    snprintf(idt, sizeof idt, "%ld", id);
    snprintf(vt, sizeof vt, "%ld", version);
    snprintf(unit_text, sizeof unit_text, "%ld", ch->org_unit_id);
    const char *kana = ch->name_kana && !*ch->name_kana ? NULL : ch->name_kana;
    bool clear_kana = ch->name_kana && !*ch->name_kana;
    db_rows *rows = NULL;
    /* The version in the WHERE clause makes the check and the write one step. */
    rc = db_query(c,
                  "UPDATE person SET name = COALESCE($1, name),"
                  " name_kana = CASE WHEN $2 = '1' THEN NULL ELSE COALESCE($3, name_kana) END,"
                  " category = COALESCE($4, category),"
                  " org_unit_id = CASE WHEN CAST($5 AS BIGINT) > 0 THEN CAST($5 AS BIGINT) ELSE org_unit_id END,"
                  " version = version + 1 WHERE id = CAST($6 AS BIGINT) AND version = CAST($7 AS BIGINT)"
                  " RETURNING version, name, name_kana",
                  DB_PARAMS(ch->name, clear_kana ? "1" : "0", kana, ch->category, unit_text, idt, vt), &rows, e);
    if (rc == OK && rows->n_rows != 1) rc = err_set(e, ERR_PRECONDITION_FAILED, "the person was changed meanwhile");
    if (rc == OK) {
        *new_version = atol(db_cell(rows, 0, 0));
        const char *sort_key = db_cell(rows, 0, 2) ? db_cell(rows, 0, 2) : db_cell(rows, 0, 1);
        rc = db_query(c, "UPDATE person SET sort_key = $1 WHERE id = CAST($2 AS BIGINT)", DB_PARAMS(sort_key, idt),
                      NULL, e);
    }
    /* A move between units is a new period of membership from today. */
    if (rc == OK && ch->org_unit_id > 0 && ch->org_unit_id != unit) {
        char today[11];
        time_today_local(today);
        rc = membership_move(c, id, ch->org_unit_id, today, 0, e);
    }
    if (rc == OK) {
        json_t *changes = json_pack("{s:s?, s:s?, s:s?}", "name", ch->name, "name_kana", ch->name_kana, "category",
                                    ch->category);
        if (ch->org_unit_id > 0) json_object_set_new(changes, "org_unit_id", json_integer(ch->org_unit_id));
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
    long unit = 0, current = 0;
    bool active = false;
    err_code rc = pe_load(c, editor->id, id, &unit, &current, &active, e);
    if (rc != OK) return rc;
    if (current != version)
        return err_set(e, ERR_PRECONDITION_FAILED, "the person was changed meanwhile (version %ld, not %ld)", current,
                       version);
    if (!active) return err_set(e, ERR_CONFLICT, "the person has already left");
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
