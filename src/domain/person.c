/* person — creating people, granting roles, describing a person (see person.h). */
#include "domain/person.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/timeutil.h"
#include "core/xalloc.h"
#include "domain/membership.h"
#include "search/search_index.h"

static const char *const person_categories[] = {"regular", "temporary", "part_timer", "non_regular",
                                               "related_body", "contractor"};

err_code person_search_put(db_conn *c, long id, const char *name, const char *name_kana, err *e)
{
    /* search_reindex.c reads the same fields, in the same order, for existing people. */
    const char *fields[] = {name, name_kana};
    return search_index_put(c, "person", id, fields, 2, e);
}

err_code person_create(db_conn *c, const audit_actor *actor, const person_new *p, long *id_out, err *e)
{
    if (!p->name || !*p->name) err_field_add(e, "name", "a name is required");
    bool known = false;
    for (size_t i = 0; p->category && i < sizeof person_categories / sizeof *person_categories; i++)
        if (strcmp(p->category, person_categories[i]) == 0) known = true;
    if (!known) err_field_add(e, "category", "must be one of regular, temporary, part_timer, non_regular, related_body, contractor");
    if (e && e->n_fields) return ERR_VALIDATION;

    char now[TIME_CANON_LEN], unit[24], body[24], firm[24];
    time_now_canon(now);
    snprintf(unit, sizeof unit, "%ld", p->org_unit_id);
    snprintf(body, sizeof body, "%ld", p->related_body_id);
    snprintf(firm, sizeof firm, "%ld", p->contractor_id);
    const char *sort_key = p->name_kana && *p->name_kana ? p->name_kana : p->name;
    db_rows *rows = NULL;
    err_code rc = db_query(c,
                           "INSERT INTO person (name, name_kana, sort_key, category, org_unit_id, employed_from,"
                           " created_at, related_body_id, contractor_id) VALUES ($1, $2, $3, $4, $5, $6, $7,"
                           " CAST($8 AS BIGINT), CAST($9 AS BIGINT)) RETURNING id",
                           DB_PARAMS(p->name, p->name_kana, sort_key, p->category, unit, NULL, now,
                                     p->related_body_id > 0 ? body : NULL, p->contractor_id > 0 ? firm : NULL),
                           &rows, e);
    if (rc != OK) goto cleanup;
    *id_out = atol(db_cell(rows, 0, 0));
    if ((rc = person_search_put(c, *id_out, p->name, p->name_kana, e)) != OK) goto cleanup;
    /* A member of the unit from the day they are recorded (DESIGN §5). */
    char today[11];
    time_today_local(today);
    if ((rc = membership_start(c, *id_out, p->org_unit_id, today, 0, e)) != OK) goto cleanup;
    json_t *detail = json_pack("{s:s, s:s?, s:s, s:I}", "name", p->name, "name_kana", p->name_kana, "category",
                               p->category, "org_unit_id", (json_int_t)p->org_unit_id);
    if (p->related_body_id > 0) json_object_set_new(detail, "related_body_id", json_integer(p->related_body_id));
    if (p->contractor_id > 0) json_object_set_new(detail, "contractor_id", json_integer(p->contractor_id));
    rc = audit_append(c, actor, "person.create", "person", db_cell(rows, 0, 0), detail, e);
    json_decref(detail);
cleanup:
    db_rows_free(rows);
    return rc;
}

err_code person_grant_role(db_conn *c, const audit_actor *actor, long person_id, const char *role,
                           long org_unit_id, const char *valid_from, err *e)
{
    char now[TIME_CANON_LEN], person[24], unit[24], by[24];
    time_now_canon(now);
    snprintf(person, sizeof person, "%ld", person_id);
    snprintf(unit, sizeof unit, "%ld", org_unit_id);
    snprintf(by, sizeof by, "%ld", actor->id);
    db_rows *rows = NULL;
    err_code rc = db_query(c,
                           "INSERT INTO role_assignment (person_id, role_code, org_unit_id, valid_from, created_at,"
                           " created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                           DB_PARAMS(person, role, unit, valid_from, now, actor->id > 0 ? by : NULL), &rows, e);
    if (rc != OK) goto cleanup;
    json_t *detail = json_pack("{s:I, s:s, s:I, s:s}", "person_id", (json_int_t)person_id, "role", role,
                               "org_unit_id", (json_int_t)org_unit_id, "valid_from", valid_from);
    rc = audit_append(c, actor, "role.grant", "role_assignment", db_cell(rows, 0, 0), detail, e);
    json_decref(detail);
cleanup:
    db_rows_free(rows);
    return rc;
}

err_code person_view_load(db_conn *c, long person_id, person_view *out, err *e)
{
    char person[24];
    snprintf(person, sizeof person, "%ld", person_id);
    db_rows *rows = NULL;
    err_code rc = db_query(c, "SELECT p.name, a.login FROM person p LEFT JOIN account a ON a.person_id = p.id"
                              " WHERE p.id = $1",
                           DB_PARAMS(person), &rows, e);
    if (rc == OK && rows->n_rows != 1) rc = err_set(e, ERR_NOT_FOUND, "no such person");
    if (rc == OK) rc = person_view_load_roles(c, person_id, db_cell(rows, 0, 0), db_cell(rows, 0, 1), out, e);
    db_rows_free(rows);
    return rc;
}

err_code person_view_load_roles(db_conn *c, long person_id, const char *name, const char *login, person_view *out,
                                err *e)
{
    memset(out, 0, sizeof *out);
    char person[24], today[11];
    snprintf(person, sizeof person, "%ld", person_id);
    time_today_local(today);
    db_rows *rows = NULL;
    err_code rc;
    out->id = person_id;
    out->name = xstrdup(name);
    out->login = login ? xstrdup(login) : NULL;

    /* Roles and their permissions in one statement, with no ORDER BY or DISTINCT: the
     * handful of rows is ordered and de-duplicated here, which keeps this hot path (every
     * GET /api/v1/session) off SQLite's sorter. */
    rc = db_query(c,
                  "SELECT ra.id, ra.role_code, r.name_ja, r.name_en, r.rank, ra.org_unit_id, u.name_ja,"
                  " rp.permission_code FROM role_assignment ra"
                  " JOIN role r ON r.code = ra.role_code JOIN org_unit u ON u.id = ra.org_unit_id"
                  " LEFT JOIN role_permission rp ON rp.role_code = ra.role_code"
                  " WHERE ra.person_id = $1 AND ra.valid_from <= $2 AND (ra.valid_to IS NULL OR ra.valid_to >= $2)",
                  DB_PARAMS(person, today), &rows, e);
    if (rc != OK) goto cleanup;
    out->roles = xcalloc(rows->n_rows + 1, sizeof *out->roles);
    out->permissions = xcalloc(rows->n_rows + 1, sizeof *out->permissions);
    long *role_ids = xcalloc(rows->n_rows + 1, sizeof *role_ids);
    long *ranks = xcalloc(rows->n_rows + 1, sizeof *ranks);
    for (size_t i = 0; i < rows->n_rows; i++) {
        long assignment = atol(db_cell(rows, i, 0));
        bool seen = false;
        for (size_t k = 0; k < out->n_roles && !seen; k++) seen = role_ids[k] == assignment;
        if (!seen) {
            size_t k = out->n_roles++;
            role_ids[k] = assignment;
            ranks[k] = atol(db_cell(rows, i, 4));
            out->roles[k].role = xstrdup(db_cell(rows, i, 1));
            out->roles[k].role_ja = xstrdup(db_cell(rows, i, 2));
            out->roles[k].role_en = xstrdup(db_cell(rows, i, 3));
            out->roles[k].org_unit_id = atol(db_cell(rows, i, 5));
            out->roles[k].org_unit = xstrdup(db_cell(rows, i, 6));
        }
        const char *perm = db_cell(rows, i, 7);
        if (!perm) continue;
        seen = false;
        for (size_t k = 0; k < out->n_permissions && !seen; k++) seen = strcmp(out->permissions[k], perm) == 0;
        if (!seen) out->permissions[out->n_permissions++] = xstrdup(perm);
    }
    /* Most senior role first (then the order granted); permissions alphabetically.
     * Insertion sort: a person holds a few roles. */
    for (size_t i = 1; i < out->n_roles; i++) {
        for (size_t k = i; k > 0 && (ranks[k - 1] < ranks[k] || (ranks[k - 1] == ranks[k] && role_ids[k - 1] > role_ids[k])); k--) {
            person_role tr = out->roles[k];
            out->roles[k] = out->roles[k - 1];
            out->roles[k - 1] = tr;
            long t = ranks[k];
            ranks[k] = ranks[k - 1];
            ranks[k - 1] = t;
            t = role_ids[k];
            role_ids[k] = role_ids[k - 1];
            role_ids[k - 1] = t;
        }
    }
    for (size_t i = 1; i < out->n_permissions; i++) {
        for (size_t k = i; k > 0 && strcmp(out->permissions[k - 1], out->permissions[k]) > 0; k--) {
            char *t = out->permissions[k];
            out->permissions[k] = out->permissions[k - 1];
            out->permissions[k - 1] = t;
        }
    }
    free(role_ids);
    free(ranks);
cleanup:
    db_rows_free(rows);
    if (rc != OK) person_view_free(out);
    return rc;
}

void person_view_free(person_view *v)
{
    free(v->name);
    free(v->login);
    for (size_t i = 0; i < v->n_roles; i++) {
        free(v->roles[i].role);
        free(v->roles[i].role_ja);
        free(v->roles[i].role_en);
        free(v->roles[i].org_unit);
    }
    free(v->roles);
    for (size_t i = 0; i < v->n_permissions; i++) free(v->permissions[i]);
    free(v->permissions);
    memset(v, 0, sizeof *v);
}
