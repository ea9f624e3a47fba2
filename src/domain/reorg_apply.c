/* reorg_apply — a reorganisation applied on its date, in one transaction (see
 * reorganisation.h).
 *
 * Everything is dated by the plan's effective date D: what ends, ends on D-1 (a unit's
 * period, a person's membership, a role assignment); what begins, begins on D. So the
 * tree and the people as of any date before D read as they were, and from D as the plan
 * made them, whenever it was applied. Per operation:
 *
 *   create       a unit from D under its parent
 *   rename/move  the unit's period ends on D-1, a new one begins on D
 *   merge        each unit's active people move to the target, their role assignments
 *                end on D-1 and are made again in the target from D (same role, same
 *                end), open sub-units move under the target; the unit closes on D-1 and
 *                the lineage records unit → target
 *   split        people move to the part that lists them; a role held by someone who
 *                moves follows them, a role held from outside (a department head's in
 *                the section) is made again in every part; the unit closes, lineage
 *                unit → each part
 *   close        the unit's role assignments end; the unit closes
 *   move_person  the person's membership moves
 *
 * An assignment or period that had not begun by D (made in advance) is moved rather than
 * ended, so nothing is left empty. Each operation is one audit event whose detail says
 * everything it changed (people, roles ended and made, sub-units), and the same detail is
 * kept in the plan's result; then one reorganisation.apply event. The plan is checked
 * again first, against the tree as it is now, and any failure rolls everything back. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/timeutil.h"
#include "core/xalloc.h"
#include "domain/compliance.h"
#include "domain/asset.h"
#include "domain/membership.h"
#include "domain/reorg_check.h"
#include "domain/reorganisation.h"

typedef struct ra_ctx {
    db_conn *c;
    const audit_actor *actor;
    char reorg[24];
    const char *date;  /* D */
    char before[11];   /* D-1 */
    char now[TIME_CANON_LEN];
    char by[24];       /* the actor's person id, or "" for the system */
    const reorg_plan *plan;
    long *made;        /* the unit each create operation made, by operation index */
    err *e;
} ra_ctx;

static const char *ra_by(const ra_ctx *x)
{
    return *x->by ? x->by : NULL;
}

static long ra_unit(const ra_ctx *x, const reorg_ref *r)
{
    if (!r->new_code) return r->id;
    for (size_t i = 0; i < x->plan->n_ops; i++)
        if (x->plan->ops[i].kind == REORG_CREATE && x->made[i] && strcmp(x->plan->ops[i].code, r->new_code) == 0)
            return x->made[i];
    return 0;
}

static json_t *ra_detail(const ra_ctx *x, size_t i)
{
    return json_pack("{s:I, s:I, s:s, s:s}", "reorganisation_id", (json_int_t)atol(x->reorg), "operation",
                     (json_int_t)i, "op", reorg_op_name(x->plan->ops[i].kind), "effective_date", x->date);
}

typedef struct ra_unit_now {
    char *code, *name_ja, *name_en; /* owned */
    long parent;
} ra_unit_now;

static err_code ra_read_unit(ra_ctx *x, long id, ra_unit_now *out)
{
    char idt[24];
    snprintf(idt, sizeof idt, "%ld", id);
    db_rows *rows = NULL;
    err_code rc = db_query(x->c, "SELECT code, name_ja, name_en, parent_id FROM org_unit WHERE id = CAST($1 AS BIGINT)",
                           DB_PARAMS(idt), &rows, x->e);
    if (rc == OK && rows->n_rows != 1) rc = err_set(x->e, ERR_INTERNAL, "unit %ld vanished while applying", id);
    if (rc == OK) {
        out->code = xstrdup(db_cell(rows, 0, 0));
        out->name_ja = xstrdup(db_cell(rows, 0, 1));
        out->name_en = db_cell(rows, 0, 2) ? xstrdup(db_cell(rows, 0, 2)) : NULL;
        out->parent = db_cell(rows, 0, 3) ? atol(db_cell(rows, 0, 3)) : 0;
    }
    db_rows_free(rows);
    return rc;
}

static void ra_unit_now_clear(ra_unit_now *u)
{
    free(u->code);
    free(u->name_ja);
    free(u->name_en);
}

/* From D the unit has these code, names and parent: a new period (or, when the open one
 * began on D itself, that one changed in place). */
static err_code ra_period(ra_ctx *x, long id, const char *code, const char *name_ja, const char *name_en, long parent)
{
    char idt[24], pt[24];
    snprintf(idt, sizeof idt, "%ld", id);
    snprintf(pt, sizeof pt, "%ld", parent);
    const char *parent_text = parent > 0 ? pt : NULL;
    db_rows *rows = NULL;
    err_code rc = db_query(x->c,
                           "SELECT id, valid_from FROM org_unit_version WHERE org_unit_id = CAST($1 AS BIGINT)"
                           " AND valid_to IS NULL ORDER BY id DESC",
                           DB_PARAMS(idt), &rows, x->e);
    if (rc != OK) goto cleanup;
    if (rows->n_rows > 0 && db_cell(rows, 0, 1) && strcmp(db_cell(rows, 0, 1), x->date) >= 0) {
        rc = db_query(x->c,
                      "UPDATE org_unit_version SET code = $1, name_ja = $2, name_en = $3, parent_id = CAST($4 AS BIGINT),"
                      " reorganisation_id = CAST($5 AS BIGINT) WHERE id = CAST($6 AS BIGINT)",
                      DB_PARAMS(code, name_ja, name_en, parent_text, x->reorg, db_cell(rows, 0, 0)), NULL, x->e);
    } else {
        if (rows->n_rows > 0)
            rc = db_query(x->c, "UPDATE org_unit_version SET valid_to = $1 WHERE id = CAST($2 AS BIGINT)",
                          DB_PARAMS(x->before, db_cell(rows, 0, 0)), NULL, x->e);
        if (rc == OK)
            rc = db_query(x->c,
                          "INSERT INTO org_unit_version (org_unit_id, code, name_ja, name_en, parent_id, valid_from,"
                          " reorganisation_id, created_at) VALUES (CAST($1 AS BIGINT), $2, $3, $4, CAST($5 AS BIGINT),"
                          " $6, CAST($7 AS BIGINT), $8)",
                          DB_PARAMS(idt, code, name_ja, name_en, parent_text, x->date, x->reorg, x->now), NULL, x->e);
    }
    if (rc == OK)
        rc = db_query(x->c,
                      "UPDATE org_unit SET code = $1, name_ja = $2, name_en = $3, parent_id = CAST($4 AS BIGINT),"
                      " version = version + 1 WHERE id = CAST($5 AS BIGINT)",
                      DB_PARAMS(code, name_ja, name_en, parent_text, idt), NULL, x->e);
cleanup:
    db_rows_free(rows);
    return rc;
}

static err_code ra_close(ra_ctx *x, long id)
{
    char idt[24];
    snprintf(idt, sizeof idt, "%ld", id);
    err_code rc = db_query(x->c,
                           "UPDATE org_unit_version SET valid_to = $1 WHERE org_unit_id = CAST($2 AS BIGINT)"
                           " AND valid_to IS NULL",
                           DB_PARAMS(x->before, idt), NULL, x->e);
    if (rc == OK)
        rc = db_query(x->c, "UPDATE org_unit SET valid_to = $1, version = version + 1 WHERE id = CAST($2 AS BIGINT)",
                      DB_PARAMS(x->before, idt), NULL, x->e);
    return rc;
}

static err_code ra_lineage(ra_ctx *x, long from, long to, const char *kind)
{
    char f[24], t[24];
    snprintf(f, sizeof f, "%ld", from);
    snprintf(t, sizeof t, "%ld", to);
    return db_query(x->c,
                    "INSERT INTO org_unit_lineage (predecessor_id, successor_id, kind, effective_date, reorganisation_id)"
                    " VALUES (CAST($1 AS BIGINT), CAST($2 AS BIGINT), $3, $4, CAST($5 AS BIGINT))",
                    DB_PARAMS(f, t, kind, x->date, x->reorg), NULL, x->e);
}

static err_code ra_person_move(ra_ctx *x, long person, long unit, json_t *moved)
{
    char pt[24], ut[24];
    snprintf(pt, sizeof pt, "%ld", person);
    snprintf(ut, sizeof ut, "%ld", unit);
    err_code rc = membership_move(x->c, person, unit, x->date, atol(x->reorg), x->e);
    if (rc == OK)
        rc = db_query(x->c,
                      "UPDATE person SET org_unit_id = CAST($1 AS BIGINT), version = version + 1"
                      " WHERE id = CAST($2 AS BIGINT)",
                      DB_PARAMS(ut, pt), NULL, x->e);
    if (rc == OK && moved) json_array_append_new(moved, json_integer(person));
    return rc;
}

/* The active people of a unit. */
static err_code ra_members(ra_ctx *x, long unit, db_rows **out)
{
    char ut[24];
    snprintf(ut, sizeof ut, "%ld", unit);
    return db_query(x->c, "SELECT id FROM person WHERE org_unit_id = CAST($1 AS BIGINT) AND active = 1 ORDER BY id",
                    DB_PARAMS(ut), out, x->e);
}

/* Makes the assignment again in `unit` from D, unless the holder already holds that role
 * there on D. */
static err_code ra_role_again(ra_ctx *x, const char *person, const char *role, long unit, const char *valid_from,
                              const char *valid_to, json_t *created)
{
    char ut[24];
    snprintf(ut, sizeof ut, "%ld", unit);
    db_rows *rows = NULL;
    err_code rc = db_query(x->c,
                           "SELECT 1 FROM role_assignment WHERE person_id = CAST($1 AS BIGINT) AND role_code = $2"
                           " AND org_unit_id = CAST($3 AS BIGINT) AND revoked_at IS NULL AND valid_from <= $4"
                           " AND (valid_to IS NULL OR valid_to >= $4)",
                           DB_PARAMS(person, role, ut, valid_from), &rows, x->e);
    bool held = rc == OK && rows->n_rows > 0;
    db_rows_free(rows);
    rows = NULL;
    if (rc != OK || held) return rc;
    rc = db_query(x->c,
                  "INSERT INTO role_assignment (person_id, role_code, org_unit_id, valid_from, valid_to, created_at,"
                  " created_by, reorganisation_id) VALUES (CAST($1 AS BIGINT), $2, CAST($3 AS BIGINT), $4, $5, $6,"
                  " CAST($7 AS BIGINT), CAST($8 AS BIGINT)) RETURNING id",
                  DB_PARAMS(person, role, ut, valid_from, valid_to, x->now, ra_by(x), x->reorg), &rows, x->e);
    if (rc == OK) json_array_append_new(created, json_integer(atol(db_cell(rows, 0, 0))));
    db_rows_free(rows);
    return rc;
}

/* The role assignments in `from` that hold on D or later follow the unit's people:
 * targets are where they go (none: they end). For a split, an assignment whose holder
 * moves to a part follows them there; any other goes to every part. */
static err_code ra_roles(ra_ctx *x, long from, const long *targets, size_t n_targets, const reorg_op *split,
                         json_t *detail)
{
    char ft[24];
    snprintf(ft, sizeof ft, "%ld", from);
    json_t *ended = json_array(), *created = json_array(), *moved = json_array();
    db_rows *rows = NULL;
    err_code rc = db_query(x->c,
                           "SELECT id, person_id, role_code, valid_from, valid_to FROM role_assignment"
                           " WHERE org_unit_id = CAST($1 AS BIGINT) AND revoked_at IS NULL"
                           " AND (valid_to IS NULL OR valid_to >= $2) ORDER BY id",
                           DB_PARAMS(ft, x->date), &rows, x->e);
    for (size_t i = 0; rc == OK && i < rows->n_rows; i++) {
        const char *id = db_cell(rows, i, 0), *person = db_cell(rows, i, 1), *role = db_cell(rows, i, 2);
        const char *valid_from = db_cell(rows, i, 3), *valid_to = db_cell(rows, i, 4);
        const long *to = targets;
        size_t n_to = n_targets;
        bool found = false;
        for (size_t k = 0; split && !found && k < split->n_parts; k++)
            for (size_t j = 0; !found && j < split->parts[k].n_persons; j++)
                if (split->parts[k].persons[j] == atol(person)) {
                    to = &targets[k];
                    n_to = 1;
                    found = true;
                }
        if (strcmp(valid_from, x->date) >= 0) {
            /* Not begun by D: moved (or, with nowhere to go, withdrawn before it holds). */
            if (n_to == 0) {
                rc = db_query(x->c,
                              "UPDATE role_assignment SET valid_to = $1, revoked_at = $2, revoked_by = CAST($3 AS BIGINT)"
                              " WHERE id = CAST($4 AS BIGINT)",
                              DB_PARAMS(x->before, x->now, ra_by(x), id), NULL, x->e);
                if (rc == OK) json_array_append_new(ended, json_integer(atol(id)));
                continue;
            }
            char ut[24];
            snprintf(ut, sizeof ut, "%ld", to[0]);
            rc = db_query(x->c,
                          "UPDATE role_assignment SET org_unit_id = CAST($1 AS BIGINT), reorganisation_id = CAST($2 AS BIGINT)"
                          " WHERE id = CAST($3 AS BIGINT)",
                          DB_PARAMS(ut, x->reorg, id), NULL, x->e);
            if (rc == OK) json_array_append_new(moved, json_integer(atol(id)));
            for (size_t k = 1; rc == OK && k < n_to; k++)
                rc = ra_role_again(x, person, role, to[k], valid_from, valid_to, created);
            continue;
        }
        rc = db_query(x->c, "UPDATE role_assignment SET valid_to = $1 WHERE id = CAST($2 AS BIGINT)",
                      DB_PARAMS(x->before, id), NULL, x->e);
        if (rc == OK) json_array_append_new(ended, json_integer(atol(id)));
        for (size_t k = 0; rc == OK && k < n_to; k++)
            rc = ra_role_again(x, person, role, to[k], x->date, valid_to, created);
    }
    db_rows_free(rows);
    json_array_extend(json_object_get(detail, "roles_ended"), ended);
    json_array_extend(json_object_get(detail, "roles_created"), created);
    json_array_extend(json_object_get(detail, "roles_moved"), moved);
    json_decref(ended);
    json_decref(created);
    json_decref(moved);
    return rc;
}

static void ra_role_lists(json_t *detail)
{
    json_object_set_new(detail, "roles_ended", json_array());
    json_object_set_new(detail, "roles_created", json_array());
    json_object_set_new(detail, "roles_moved", json_array());
}

static err_code ra_create(ra_ctx *x, size_t i, const reorg_op *op, json_t *detail, char *object)
{
    long parent = ra_unit(x, &op->parent);
    char pt[24];
    snprintf(pt, sizeof pt, "%ld", parent);
    const char *en = op->name_en && *op->name_en ? op->name_en : NULL;
    db_rows *rows = NULL;
    err_code rc = db_query(x->c,
                           "INSERT INTO org_unit (code, name_ja, name_en, parent_id, valid_from, created_at)"
                           " VALUES ($1, $2, $3, CAST($4 AS BIGINT), $5, $6) RETURNING id",
                           DB_PARAMS(op->code, op->name_ja, en, pt, x->date, x->now), &rows, x->e);
    if (rc == OK) {
        x->made[i] = atol(db_cell(rows, 0, 0));
        snprintf(object, 24, "%ld", x->made[i]);
        rc = db_query(x->c,
                      "INSERT INTO org_unit_version (org_unit_id, code, name_ja, name_en, parent_id, valid_from,"
                      " reorganisation_id, created_at) VALUES (CAST($1 AS BIGINT), $2, $3, $4, CAST($5 AS BIGINT), $6,"
                      " CAST($7 AS BIGINT), $8)",
                      DB_PARAMS(object, op->code, op->name_ja, en, pt, x->date, x->reorg, x->now), NULL, x->e);
    }
    db_rows_free(rows);
    json_object_set_new(detail, "unit", json_integer(x->made[i]));
    json_object_set_new(detail, "code", json_string(op->code));
    json_object_set_new(detail, "name_ja", json_string(op->name_ja));
    json_object_set_new(detail, "name_en", en ? json_string(en) : json_null());
    json_object_set_new(detail, "parent_id", json_integer(parent));
    return rc;
}

static err_code ra_rename_move(ra_ctx *x, const reorg_op *op, json_t *detail, char *object)
{
    long id = ra_unit(x, &op->unit);
    snprintf(object, 24, "%ld", id);
    ra_unit_now u = {0};
    err_code rc = ra_read_unit(x, id, &u);
    if (rc != OK) return rc;
    const char *code = op->code ? op->code : u.code, *name_ja = op->name_ja ? op->name_ja : u.name_ja;
    const char *name_en = op->name_en ? (*op->name_en ? op->name_en : NULL) : u.name_en;
    long parent = op->kind == REORG_MOVE ? ra_unit(x, &op->parent) : u.parent;
    json_object_set_new(detail, "unit", json_integer(id));
    if (op->kind == REORG_RENAME) {
        json_object_set_new(detail, "before", json_pack("{s:s, s:s, s:s?}", "code", u.code, "name_ja", u.name_ja,
                                                        "name_en", u.name_en));
        json_object_set_new(detail, "after", json_pack("{s:s, s:s, s:s?}", "code", code, "name_ja", name_ja,
                                                       "name_en", name_en));
    } else {
        json_object_set_new(detail, "from_parent", u.parent ? json_integer(u.parent) : json_null());
        json_object_set_new(detail, "to_parent", json_integer(parent));
    }
    rc = ra_period(x, id, code, name_ja, name_en, parent);
    ra_unit_now_clear(&u);
    return rc;
}

/* The information assets in use of a closing unit go to its successor (a merger's unit,
 * a split's first part), each with a new version; the count goes in the detail. */
static err_code ra_assets(ra_ctx *x, long from, long to, json_t *detail)
{
    long moved = 0;
    err_code rc = asset_move_unit(x->c, x->actor, from, to, &moved, x->e);
    json_t *count = json_object_get(detail, "assets_moved");
    json_object_set_new(detail, "assets_moved", json_integer((count ? json_integer_value(count) : 0) + moved));
    return rc;
}

static err_code ra_merge(ra_ctx *x, const reorg_op *op, json_t *detail, char *object)
{
    long into = ra_unit(x, &op->into);
    snprintf(object, 24, "%ld", into);
    json_t *units = json_array(), *persons = json_array(), *sub_units = json_array();
    json_object_set_new(detail, "units", units);
    json_object_set_new(detail, "into", json_integer(into));
    json_object_set_new(detail, "persons", persons);
    json_object_set_new(detail, "sub_units", sub_units);
    ra_role_lists(detail);
    err_code rc = OK;
    for (size_t k = 0; rc == OK && k < op->n_units; k++) {
        long src = ra_unit(x, &op->units[k]);
        json_array_append_new(units, json_integer(src));
        db_rows *rows = NULL;
        rc = ra_members(x, src, &rows);
        for (size_t p = 0; rc == OK && p < rows->n_rows; p++) rc = ra_person_move(x, atol(db_cell(rows, p, 0)), into, persons);
        db_rows_free(rows);
        rows = NULL;
        if (rc == OK) rc = ra_roles(x, src, &into, 1, NULL, detail);
        char st[24];
        snprintf(st, sizeof st, "%ld", src);
        if (rc == OK)
            rc = db_query(x->c,
                          "SELECT id, code, name_ja, name_en FROM org_unit WHERE parent_id = CAST($1 AS BIGINT)"
                          " AND valid_to IS NULL ORDER BY id",
                          DB_PARAMS(st), &rows, x->e);
        for (size_t s = 0; rc == OK && s < rows->n_rows; s++) {
            rc = ra_period(x, atol(db_cell(rows, s, 0)), db_cell(rows, s, 1), db_cell(rows, s, 2), db_cell(rows, s, 3),
                           into);
            json_array_append_new(sub_units, json_integer(atol(db_cell(rows, s, 0))));
        }
        db_rows_free(rows);
        if (rc == OK) rc = ra_assets(x, src, into, detail);
        if (rc == OK) rc = ra_close(x, src);
        if (rc == OK) rc = ra_lineage(x, src, into, "merge");
    }
    return rc;
}

static err_code ra_split(ra_ctx *x, const reorg_op *op, json_t *detail, char *object)
{
    long unit = ra_unit(x, &op->unit);
    snprintf(object, 24, "%ld", unit);
    long *parts = xcalloc(op->n_parts + 1, sizeof *parts);
    json_t *list = json_array();
    json_object_set_new(detail, "unit", json_integer(unit));
    json_object_set_new(detail, "parts", list);
    ra_role_lists(detail);
    err_code rc = OK;
    for (size_t k = 0; rc == OK && k < op->n_parts; k++) {
        parts[k] = ra_unit(x, &op->parts[k].unit);
        json_t *persons = json_array();
        json_array_append_new(list, json_pack("{s:I, s:o}", "unit", (json_int_t)parts[k], "persons", persons));
        for (size_t j = 0; rc == OK && j < op->parts[k].n_persons; j++)
            rc = ra_person_move(x, op->parts[k].persons[j], parts[k], persons);
    }
    if (rc == OK) rc = ra_roles(x, unit, parts, op->n_parts, op, detail);
    if (rc == OK && op->n_parts > 0) rc = ra_assets(x, unit, parts[0], detail);
    if (rc == OK) rc = ra_close(x, unit);
    for (size_t k = 0; rc == OK && k < op->n_parts; k++) rc = ra_lineage(x, unit, parts[k], "split");
    free(parts);
    return rc;
}

static err_code ra_close_op(ra_ctx *x, const reorg_op *op, json_t *detail, char *object)
{
    long unit = ra_unit(x, &op->unit);
    snprintf(object, 24, "%ld", unit);
    json_object_set_new(detail, "unit", json_integer(unit));
    ra_role_lists(detail);
    err_code rc = ra_roles(x, unit, NULL, 0, NULL, detail);
    if (rc == OK) rc = ra_close(x, unit);
    return rc;
}

static err_code ra_move_person(ra_ctx *x, const reorg_op *op, json_t *detail, char *object)
{
    long unit = ra_unit(x, &op->unit);
    snprintf(object, 24, "%ld", op->person);
    db_rows *rows = NULL;
    err_code rc = db_query(x->c, "SELECT org_unit_id FROM person WHERE id = CAST($1 AS BIGINT)", DB_PARAMS(object),
                           &rows, x->e);
    if (rc == OK && rows->n_rows != 1) rc = err_set(x->e, ERR_INTERNAL, "person %ld vanished while applying", op->person);
    if (rc == OK) {
        json_object_set_new(detail, "person", json_integer(op->person));
        json_object_set_new(detail, "from", json_integer(atol(db_cell(rows, 0, 0))));
        json_object_set_new(detail, "to", json_integer(unit));
        rc = ra_person_move(x, op->person, unit, NULL);
    }
    db_rows_free(rows);
    return rc;
}

static const char *const ra_events[] = {
    [REORG_CREATE] = "org_unit.create", [REORG_RENAME] = "org_unit.rename", [REORG_MOVE] = "org_unit.move",
    [REORG_MERGE] = "org_unit.merge",   [REORG_SPLIT] = "org_unit.split",   [REORG_CLOSE] = "org_unit.close",
    [REORG_MOVE_PERSON] = "person.move",
};

err_code reorg_apply_locked(db_conn *c, const audit_actor *actor, long id, const char *date, long planner,
                            bool *applied, err *e)
{
    *applied = false;
    char idt[24];
    snprintf(idt, sizeof idt, "%ld", id);
    char *sql = xasprintf("SELECT state, effective_date, operations, title FROM reorganisation"
                          " WHERE id = CAST($1 AS BIGINT)%s",
                          db_row_lock_clause(c));
    db_rows *rows = NULL;
    reorg_plan plan = {0};
    json_t *result = NULL;
    long *touched = NULL;
    size_t n_touched = 0;
    ra_ctx x = {0};
    err_code rc = db_query(c, sql, DB_PARAMS(idt), &rows, e);
    free(sql);
    if (rc == OK && rows->n_rows != 1) rc = err_set(e, ERR_NOT_FOUND, "no such reorganisation");
    if (rc != OK) goto cleanup;
    const char *state = db_cell(rows, 0, 0), *effective = db_cell(rows, 0, 1);
    if (strcmp(state, "applied") == 0) goto cleanup;
    if (strcmp(state, "scheduled") != 0) {
        rc = err_set(e, ERR_CONFLICT, "the plan is %s: only a scheduled plan is applied", state);
        goto cleanup;
    }
    if (strcmp(date, effective) < 0) {
        rc = err_set(e, ERR_CONFLICT, "the plan takes effect on %s, not yet on %s", effective, date);
        goto cleanup;
    }
    json_error_t jerr;
    json_t *ops = json_loads(db_cell(rows, 0, 2), 0, &jerr);
    rc = ops ? reorg_plan_from_json(ops, &plan, e) : err_set(e, ERR_INTERNAL, "the stored plan cannot be read");
    json_decref(ops);
    if (rc != OK) goto cleanup;
    /* Checked again on the tree as it is now: much may have changed since it was scheduled. */
    if ((rc = reorg_check(c, &plan, planner, &touched, &n_touched, e)) != OK) goto cleanup;
    if ((rc = reorg_store_units(c, id, touched, n_touched, e)) != OK) goto cleanup;

    x.c = c;
    x.actor = actor;
    snprintf(x.reorg, sizeof x.reorg, "%ld", id);
    x.date = effective;
    if (!time_date_add(effective, -1, x.before)) {
        rc = err_set(e, ERR_INTERNAL, "the plan's date %s is not a date", effective);
        goto cleanup;
    }
    time_now_canon(x.now);
    if (actor->id > 0) snprintf(x.by, sizeof x.by, "%ld", actor->id);
    x.plan = &plan;
    x.made = xcalloc(plan.n_ops + 1, sizeof *x.made);
    x.e = e;
    result = json_array();
    for (size_t i = 0; rc == OK && i < plan.n_ops; i++) {
        const reorg_op *op = &plan.ops[i];
        json_t *detail = ra_detail(&x, i);
        char object[24] = "-";
        switch (op->kind) {
        case REORG_CREATE: rc = ra_create(&x, i, op, detail, object); break;
        case REORG_RENAME:
        case REORG_MOVE: rc = ra_rename_move(&x, op, detail, object); break;
        case REORG_MERGE: rc = ra_merge(&x, op, detail, object); break;
        case REORG_SPLIT: rc = ra_split(&x, op, detail, object); break;
        case REORG_CLOSE: rc = ra_close_op(&x, op, detail, object); break;
        case REORG_MOVE_PERSON: rc = ra_move_person(&x, op, detail, object); break;
        }
        if (rc == OK)
            rc = audit_append(c, actor, ra_events[op->kind], op->kind == REORG_MOVE_PERSON ? "person" : "org_unit",
                              object, detail, e);
        json_array_append_new(result, detail);
    }
    /* Units opened and closed, assets moved: the compliance figures again, all at once. */
    if (rc == OK) rc = compliance_recompute(c, e);
    if (rc != OK) goto cleanup;
    char *result_text = json_dumps(result, JSON_COMPACT);
    rc = db_query(c,
                  "UPDATE reorganisation SET state = 'applied', applied_at = $1, applied_by = $2, result = $3,"
                  " last_error = NULL, version = version + 1 WHERE id = CAST($4 AS BIGINT)",
                  DB_PARAMS(x.now, actor->label, result_text, idt), NULL, e);
    free(result_text);
    if (rc == OK) {
        json_t *detail = json_pack("{s:s, s:s, s:s, s:I}", "title", db_cell(rows, 0, 3), "effective_date", effective,
                                   "applied_on", date, "operations", (json_int_t)plan.n_ops);
        rc = audit_append(c, actor, "reorganisation.apply", "reorganisation", idt, detail, e);
        json_decref(detail);
    }
    if (rc == OK) *applied = true;
cleanup:
    free(x.made);
    free(touched);
    json_decref(result);
    reorg_plan_free(&plan);
    db_rows_free(rows);
    return rc;
}

/* Notes why a due plan could not be applied, once per distinct reason. */
static void ra_record_failure(db *d, const audit_actor *actor, long id, const char *why)
{
    char idt[24];
    snprintf(idt, sizeof idt, "%ld", id);
    db_conn *c = db_acquire(d);
    err ignored = ERR_INIT;
    db_rows *rows = NULL;
    if (db_begin_write(c, &ignored) == OK &&
        db_query(c,
                 "UPDATE reorganisation SET last_error = $1 WHERE id = CAST($2 AS BIGINT) AND state = 'scheduled'"
                 " AND (last_error IS NULL OR last_error <> $1) RETURNING id",
                 DB_PARAMS(why, idt), &rows, &ignored) == OK) {
        json_t *detail = json_pack("{s:s}", "error", why);
        if (rows->n_rows == 0 || audit_append(c, actor, "reorganisation.apply_failed", "reorganisation", idt, detail,
                                              &ignored) == OK)
            db_commit(c, &ignored);
        json_decref(detail);
    }
    db_rows_free(rows);
    err_clear(&ignored);
    db_release(c);
}

static char *ra_error_text(const err *e)
{
    char *text = xstrdup(e->message ? e->message : err_code_name(e->code));
    for (size_t i = 0; i < e->n_fields; i++) {
        char *next = xasprintf("%s; %s: %s", text, e->fields[i].field, e->fields[i].message);
        free(text);
        text = next;
    }
    return text;
}

err_code reorg_apply_due(db *d, const audit_actor *actor, const char *date, reorg_due_report *out, err *e)
{
    memset(out, 0, sizeof *out);
    for (;;) {
        db_conn *c = db_acquire(d);
        db_rows *rows = NULL;
        err_code rc = db_begin_write(c, e);
        if (rc == OK)
            rc = db_query(c,
                          "SELECT id FROM reorganisation WHERE state = 'scheduled' AND effective_date <= $1"
                          " ORDER BY effective_date, id LIMIT 1",
                          DB_PARAMS(date), &rows, e);
        if (rc != OK || rows->n_rows == 0) {
            db_rows_free(rows);
            db_release(c);
            return rc;
        }
        long id = atol(db_cell(rows, 0, 0));
        db_rows_free(rows);
        bool applied = false;
        err attempt = ERR_INIT;
        rc = reorg_apply_locked(c, actor, id, date, 0, &applied, &attempt);
        if (rc == OK) rc = db_commit(c, &attempt);
        db_release(c); /* rolls back whatever a failure left open */
        if (rc == OK) {
            err_clear(&attempt);
            if (applied) {
                out->applied = xrealloc(out->applied, (out->n_applied + 1) * sizeof *out->applied);
                out->applied[out->n_applied++] = id;
            }
            continue;
        }
        char *why = ra_error_text(&attempt);
        ra_record_failure(d, actor, id, why);
        out->failed = id;
        err_set(e, rc, "reorganisation %ld cannot be applied: %s", id, attempt.message ? attempt.message : "");
        for (size_t i = 0; i < attempt.n_fields; i++)
            err_field_add(e, attempt.fields[i].field, "%s", attempt.fields[i].message);
        err_clear(&attempt);
        free(why);
        return rc;
    }
}

void reorg_due_report_free(reorg_due_report *r)
{
    free(r->applied);
    memset(r, 0, sizeof *r);
}
