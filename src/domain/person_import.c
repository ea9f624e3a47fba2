/* person_import — the staff list from CSV (see person_import.h). */
#include "domain/person_import.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/authz.h"
#include "core/timeutil.h"
#include "core/xalloc.h"
#include "domain/person.h"

typedef enum { COL_NAME, COL_KANA, COL_CATEGORY, COL_UNIT_CODE, COL_UNIT, COL_ROLE, COL_COUNT } import_col;

static const struct {
    import_col col;
    const char *header;
} import_headers[] = {
    {COL_NAME, "氏名"}, {COL_NAME, "name"}, {COL_KANA, "ふりがな"}, {COL_KANA, "フリガナ"}, {COL_KANA, "kana"},
    {COL_CATEGORY, "区分"}, {COL_CATEGORY, "category"}, {COL_UNIT_CODE, "所属コード"}, {COL_UNIT_CODE, "unit_code"},
    {COL_UNIT, "所属"}, {COL_UNIT, "unit"}, {COL_ROLE, "役割"}, {COL_ROLE, "role"},
};

static const struct {
    const char *label, *code;
} import_categories[] = {
    {"正規職員", "regular"},         {"臨時職員", "temporary"},   {"パートタイマー", "part_timer"},
    {"非常勤職員", "non_regular"},   {"関係機関職員", "related_body"}, {"外部要員", "contractor"},
};

typedef struct import_person {
    const char *name, *kana, *category, *role; /* borrowed from the table / static */
    long unit;
} import_person;

struct person_import_plan {
    import_person *people;
    size_t n;
    char **roles; /* owned role codes resolved from names */
    size_t n_roles;
};

static size_t import_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80) n++;
    return n;
}

/* Looks a code or name up in a two-column result (code, name): the id/code found. */
static const char *import_lookup(const db_rows *rows, const char *value, size_t key_col, size_t name_col,
                                 size_t out_col)
{
    for (size_t i = 0; i < rows->n_rows; i++)
        if (strcmp(db_cell(rows, i, key_col), value) == 0) return db_cell(rows, i, out_col);
    for (size_t i = 0; name_col != (size_t)-1 && i < rows->n_rows; i++)
        if (strcmp(db_cell(rows, i, name_col), value) == 0) return db_cell(rows, i, out_col);
    return NULL;
}

err_code person_import_check(db_conn *c, long importer, const csv_table *t, person_import_plan **plan_out,
                             import_report *report, void (*progress)(void *arg, size_t done, size_t total), void *arg,
                             err *e)
{
    memset(report, 0, sizeof *report);
    *plan_out = NULL;
    if (t->n_rows == 0) {
        import_problem_add(report, 0, "", "the file is empty: the first row must name the columns");
        return OK;
    }
    int col_of[COL_COUNT];
    for (int i = 0; i < COL_COUNT; i++) col_of[i] = -1;
    const csv_row *head = &t->rows[0];
    for (size_t f = 0; f < head->n_fields; f++) {
        const char *h = head->fields[f];
        bool known = false;
        for (size_t k = 0; k < sizeof import_headers / sizeof *import_headers; k++) {
            if (strcmp(h, import_headers[k].header) != 0) continue;
            known = true;
            if (col_of[import_headers[k].col] >= 0) import_problem_add(report, 1, h, "this column appears twice");
            col_of[import_headers[k].col] = (int)f;
        }
        if (!known) import_problem_add(report, 1, h, "unknown column (氏名, ふりがな, 区分, 所属コード, 所属, 役割)");
    }
    if (col_of[COL_NAME] < 0) import_problem_add(report, 1, "氏名", "the column 氏名 (name) is required");
    if (col_of[COL_CATEGORY] < 0) import_problem_add(report, 1, "区分", "the column 区分 (category) is required");
    if (col_of[COL_UNIT_CODE] < 0 && col_of[COL_UNIT] < 0)
        import_problem_add(report, 1, "所属コード", "a column 所属コード (unit code) or 所属 (unit) is required");
    if (report->n_problems) return OK;

    db_rows *units = NULL, *roles = NULL;
    /* Only the importer's own units (a section head imports into the section), and only
     * units that still exist (one closed by a reorganisation takes no one new). */
    char who[24], today[11];
    snprintf(who, sizeof who, "%ld", importer);
    time_today_local(today);
    err_code rc = db_query(c, AUTHZ_SCOPE_CTE "SELECT id, code, name_ja FROM org_unit WHERE id IN (SELECT id FROM scope)"
                               " AND valid_to IS NULL",
                           DB_PARAMS(who, "person.manage", today), &units, e);
    if (rc == OK) rc = db_query(c, "SELECT code, name_ja FROM role", DB_NO_PARAMS, &roles, e);
    if (rc != OK) goto cleanup;

    person_import_plan *plan = xcalloc(1, sizeof *plan);
    plan->people = xcalloc(t->n_rows, sizeof *plan->people);
    size_t total = t->n_rows - 1;
    for (size_t r = 1; r < t->n_rows; r++) {
        const csv_row *row = &t->rows[r];
        size_t sheet_row = r + 1;
        const char *cell[COL_COUNT];
        for (int k = 0; k < COL_COUNT; k++)
            cell[k] = col_of[k] >= 0 && (size_t)col_of[k] < row->n_fields ? row->fields[col_of[k]] : "";
        if (row->n_fields > head->n_fields)
            import_problem_add(report, sheet_row, "", "this row has %zu cells; the header has %zu", row->n_fields,
                               head->n_fields);
        import_person p = {0};
        p.name = cell[COL_NAME];
        if (!*p.name) import_problem_add(report, sheet_row, head->fields[col_of[COL_NAME]], "a name is required");
        else if (import_chars(p.name) > 200)
            import_problem_add(report, sheet_row, head->fields[col_of[COL_NAME]], "at most 200 characters");
        p.kana = *cell[COL_KANA] ? cell[COL_KANA] : NULL;
        for (size_t k = 0; k < sizeof import_categories / sizeof *import_categories && !p.category; k++)
            if (!strcmp(cell[COL_CATEGORY], import_categories[k].label) || !strcmp(cell[COL_CATEGORY], import_categories[k].code))
                p.category = import_categories[k].code;
        if (!p.category)
            import_problem_add(report, sheet_row, head->fields[col_of[COL_CATEGORY]],
                               "\"%s\" is not a category (正規職員, 臨時職員, パートタイマー, 非常勤職員, 関係機関職員, 外部要員)",
                               cell[COL_CATEGORY]);
        const char *unit = NULL;
        int unit_col = col_of[COL_UNIT_CODE] >= 0 ? col_of[COL_UNIT_CODE] : col_of[COL_UNIT];
        const char *unit_value = col_of[COL_UNIT_CODE] >= 0 && *cell[COL_UNIT_CODE] ? cell[COL_UNIT_CODE] : cell[COL_UNIT];
        if (col_of[COL_UNIT_CODE] >= 0 && *cell[COL_UNIT_CODE]) unit = import_lookup(units, unit_value, 1, (size_t)-1, 0);
        else {
            unit_col = col_of[COL_UNIT] >= 0 ? col_of[COL_UNIT] : unit_col;
            unit = import_lookup(units, unit_value, 1, 2, 0);
        }
        if (!unit)
            import_problem_add(report, sheet_row, head->fields[unit_col], "no unit \"%s\" among yours (by code or name)",
                               unit_value);
        else
            p.unit = atol(unit);
        if (*cell[COL_ROLE]) {
            p.role = import_lookup(roles, cell[COL_ROLE], 0, 1, 0);
            if (!p.role)
                import_problem_add(report, sheet_row, head->fields[col_of[COL_ROLE]], "no role \"%s\"", cell[COL_ROLE]);
        }
        plan->people[plan->n++] = p;
        if (progress && r % 5000 == 0) progress(arg, r, total);
    }
    /* Role codes point into the roles result: keep private copies for the plan. */
    plan->roles = xcalloc(plan->n + 1, sizeof *plan->roles);
    for (size_t i = 0; i < plan->n; i++) {
        if (!plan->people[i].role) continue;
        plan->roles[plan->n_roles] = xstrdup(plan->people[i].role);
        plan->people[i].role = plan->roles[plan->n_roles++];
    }
    if (progress) progress(arg, total, total);
    *plan_out = plan;
cleanup:
    report->n_rows = t->n_rows ? t->n_rows - 1 : 0;
    db_rows_free(units);
    db_rows_free(roles);
    return rc;
}

err_code person_import_apply(db_conn *c, const audit_actor *actor, const person_import_plan *plan, size_t *n_written,
                             err *e)
{
    char today[11];
    time_today_local(today);
    *n_written = 0;
    for (size_t i = 0; i < plan->n; i++) {
        const import_person *p = &plan->people[i];
        person_new np = {p->name, p->kana, p->category, p->unit, 0, 0};
        long id = 0;
        err_code rc = person_create(c, actor, &np, &id, e);
        if (rc == OK && p->role) rc = person_grant_role(c, actor, id, p->role, p->unit, today, e);
        if (rc != OK) return rc;
        (*n_written)++;
    }
    return OK;
}

void person_import_plan_free(person_import_plan *plan)
{
    if (!plan) return;
    for (size_t i = 0; i < plan->n_roles; i++) free(plan->roles[i]);
    free(plan->roles);
    free(plan->people);
    free(plan);
}
