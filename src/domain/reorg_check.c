/* reorg_check — a plan played on a copy of the tree (see reorg_check.h). */
#include "domain/reorg_check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/authz.h"
#include "core/timeutil.h"
#include "core/xalloc.h"

typedef struct rc_unit {
    long id;              /* > 0 an existing unit; < 0 the one operation -id-1 creates */
    char *code, *name_ja; /* owned: as they stand at this point of the plan */
    const char *new_code; /* borrowed from the plan: the key "new:CODE" names it by */
    char *closed_on;      /* owned: the last day of a unit closed before the plan, else NULL */
    long parent;          /* 0 for the root */
    long n_assets;        /* information assets in use it owns at this point of the plan */
    int closed_by;        /* the operation that closed it, or -1 */
    bool open, in_scope;
} rc_unit;

typedef struct rc_person {
    long id, unit;
    bool active;
    char *name; /* owned */
} rc_person;

typedef struct rc_code {
    char *code; /* owned */
    long unit;
} rc_code;

typedef struct rc_world {
    rc_unit *units;
    size_t n_units, cap_units;
    rc_person *persons; /* sorted by id */
    size_t n_persons;
    rc_code *codes; /* every code any unit has had, and those the plan gives */
    size_t n_codes, cap_codes;
    long *touched;
    size_t n_touched, cap_touched;
    long planner;
    err *e;
} rc_world;

static void rc_touch(rc_world *w, long unit)
{
    if (unit <= 0) return;
    for (size_t i = 0; i < w->n_touched; i++)
        if (w->touched[i] == unit) return;
    if (w->n_touched == w->cap_touched) {
        w->cap_touched = w->cap_touched ? w->cap_touched * 2 : 16;
        w->touched = xrealloc(w->touched, w->cap_touched * sizeof *w->touched);
    }
    w->touched[w->n_touched++] = unit;
}

static rc_unit *rc_unit_by_id(rc_world *w, long id)
{
    for (size_t i = 0; i < w->n_units; i++)
        if (w->units[i].id == id) return &w->units[i];
    return NULL;
}

static rc_unit *rc_unit_add(rc_world *w)
{
    if (w->n_units == w->cap_units) {
        w->cap_units = w->cap_units ? w->cap_units * 2 : 64;
        w->units = xrealloc(w->units, w->cap_units * sizeof *w->units);
    }
    rc_unit *u = &w->units[w->n_units++];
    memset(u, 0, sizeof *u);
    u->closed_by = -1;
    return u;
}

static void rc_code_add(rc_world *w, const char *code, long unit)
{
    if (w->n_codes == w->cap_codes) {
        w->cap_codes = w->cap_codes ? w->cap_codes * 2 : 64;
        w->codes = xrealloc(w->codes, w->cap_codes * sizeof *w->codes);
    }
    w->codes[w->n_codes++] = (rc_code){xstrdup(code), unit};
}

/* The unit other than `self` that has had this code, or NULL. */
static rc_unit *rc_code_owner(rc_world *w, const char *code, long self)
{
    for (size_t i = 0; i < w->n_codes; i++)
        if (w->codes[i].unit != self && strcmp(w->codes[i].code, code) == 0) return rc_unit_by_id(w, w->codes[i].unit);
    return NULL;
}

static int rc_person_cmp(const void *key, const void *elem)
{
    long id = *(const long *)key, other = ((const rc_person *)elem)->id;
    return id < other ? -1 : id > other;
}

static rc_person *rc_person_by_id(rc_world *w, long id)
{
    return bsearch(&id, w->persons, w->n_persons, sizeof *w->persons, rc_person_cmp);
}

static rc_unit *rc_root(rc_world *w)
{
    for (size_t i = 0; i < w->n_units; i++)
        if (w->units[i].open && w->units[i].parent == 0) return &w->units[i];
    return NULL;
}

/* Is `unit` the unit `ancestor` or below it? (Bounded: the copy is always a tree, but a
 * bound costs nothing.) */
static bool rc_within(rc_world *w, long unit, long ancestor)
{
    for (size_t steps = 0; unit != 0 && steps <= w->n_units; steps++) {
        if (unit == ancestor) return true;
        rc_unit *u = rc_unit_by_id(w, unit);
        unit = u ? u->parent : 0;
    }
    return false;
}

static size_t rc_members(rc_world *w, long unit)
{
    size_t n = 0;
    for (size_t i = 0; i < w->n_persons; i++) n += w->persons[i].active && w->persons[i].unit == unit;
    return n;
}

/* The open sub-units of unit, as "name (code), …" (caller frees), or NULL when none. */
static char *rc_open_children(rc_world *w, long unit)
{
    char *list = NULL;
    for (size_t i = 0; i < w->n_units; i++) {
        if (!w->units[i].open || w->units[i].parent != unit) continue;
        char *next = xasprintf("%s%s%s (%s)", list ? list : "", list ? ", " : "", w->units[i].name_ja, w->units[i].code);
        free(list);
        list = next;
    }
    return list;
}

/* The unit a reference names, checked to be open (and in scope), or NULL
 * with the problem added under `field`. */
static rc_unit *rc_resolve(rc_world *w, const char *field, const reorg_ref *ref)
{
    rc_unit *u = NULL;
    if (ref->new_code) {
        for (size_t k = 0; k < w->n_units && !u; k++)
            if (w->units[k].new_code && strcmp(w->units[k].new_code, ref->new_code) == 0) u = &w->units[k];
        if (!u) {
            err_field_add(w->e, field, "no earlier create operation makes a unit with the code %s", ref->new_code);
            return NULL;
        }
    } else {
        u = rc_unit_by_id(w, ref->id);
        if (!u) {
            err_field_add(w->e, field, "no such unit (%ld)", ref->id);
            return NULL;
        }
        rc_touch(w, u->id);
    }
    if (w->planner > 0 && !u->in_scope) {
        err_field_add(w->e, field, "%s (%s) is not one of your units", u->name_ja, u->code);
        return NULL;
    }
    if (!u->open) {
        if (u->closed_by >= 0)
            err_field_add(w->e, field, "%s (%s) is closed by operation %d", u->name_ja, u->code, u->closed_by);
        else
            err_field_add(w->e, field, "%s (%s) is closed (its last day was %s)", u->name_ja, u->code,
                          u->closed_on ? u->closed_on : "?");
        return NULL;
    }
    return u;
}

static char *rc_path(size_t i, const char *field)
{
    return xasprintf("operations[%zu].%s", i, field);
}

static bool rc_not_root(rc_world *w, const rc_unit *u, const char *field)
{
    if (u->parent != 0) return true;
    err_field_add(w->e, field, "%s is the root of the tree (the union itself): it cannot be moved, merged, split or closed",
                  u->name_ja);
    return false;
}

static bool rc_code_free(rc_world *w, const char *code, long self, const char *field)
{
    rc_unit *owner = rc_code_owner(w, code, self);
    if (!owner) return true;
    err_field_add(w->e, field, "the code %s is %s's%s (codes are never reused, so history stays unambiguous)", code,
                  owner->name_ja, owner->open ? "" : ", a closed unit");
    return false;
}

static void rc_close(rc_unit *u, int op)
{
    u->open = false;
    u->closed_by = op;
}

static void rc_create(rc_world *w, size_t i, const reorg_op *op)
{
    char *f_parent = rc_path(i, "parent"), *f_code = rc_path(i, "code");
    rc_unit *parent = rc_resolve(w, f_parent, &op->parent);
    rc_code_free(w, op->code, 0, f_code);
    long parent_id = parent ? parent->id : (rc_root(w) ? rc_root(w)->id : 0);
    bool in_scope = parent && parent->in_scope;
    /* Made even when the operation is faulty, so later operations naming it are judged
     * on their own merits rather than all failing with it. */
    rc_unit *u = rc_unit_add(w);
    u->id = -(long)i - 1;
    u->code = xstrdup(op->code);
    u->name_ja = xstrdup(op->name_ja);
    u->new_code = op->code;
    u->parent = parent_id;
    u->open = true;
    u->in_scope = in_scope;
    rc_code_add(w, op->code, u->id);
    free(f_parent);
    free(f_code);
}

static void rc_rename(rc_world *w, size_t i, const reorg_op *op)
{
    char *f_unit = rc_path(i, "unit"), *f_code = rc_path(i, "code");
    rc_unit *u = rc_resolve(w, f_unit, &op->unit);
    if (u && op->code && rc_code_free(w, op->code, u->id, f_code)) {
        free(u->code);
        u->code = xstrdup(op->code);
        rc_code_add(w, op->code, u->id);
    }
    if (u && op->name_ja) {
        free(u->name_ja);
        u->name_ja = xstrdup(op->name_ja);
    }
    free(f_unit);
    free(f_code);
}

static void rc_move(rc_world *w, size_t i, const reorg_op *op)
{
    char *f_unit = rc_path(i, "unit"), *f_parent = rc_path(i, "parent");
    rc_unit *u = rc_resolve(w, f_unit, &op->unit);
    rc_unit *p = rc_resolve(w, f_parent, &op->parent);
    if (u && rc_not_root(w, u, f_unit) && p) {
        if (rc_within(w, p->id, u->id))
            err_field_add(w->e, f_parent, "%s is %s itself or inside it: the tree would have a loop", p->name_ja,
                          u->name_ja);
        else
            u->parent = p->id;
    }
    free(f_unit);
    free(f_parent);
}

static void rc_merge(rc_world *w, size_t i, const reorg_op *op)
{
    size_t before = w->e->n_fields;
    char *f_into = rc_path(i, "into");
    rc_unit *into = rc_resolve(w, f_into, &op->into);
    rc_unit **sources = xcalloc(op->n_units + 1, sizeof *sources);
    for (size_t k = 0; k < op->n_units; k++) {
        char *f = xasprintf("operations[%zu].units[%zu]", i, k);
        rc_unit *s = rc_resolve(w, f, &op->units[k]);
        if (s && rc_not_root(w, s, f)) {
            for (size_t j = 0; j < k && s; j++)
                if (sources[j] == s) {
                    err_field_add(w->e, f, "%s is named twice", s->name_ja);
                    s = NULL;
                }
            if (s && into && s == into) {
                err_field_add(w->e, f_into, "%s is also one of the units that close", s->name_ja);
                s = NULL;
            } else if (s && into && rc_within(w, into->id, s->id)) {
                err_field_add(w->e, f_into, "%s is inside %s, which closes", into->name_ja, s->name_ja);
                s = NULL;
            }
        }
        sources[k] = s;
        free(f);
    }
    if (w->e->n_fields == before && into) {
        for (size_t k = 0; k < op->n_units; k++) {
            for (size_t p = 0; p < w->n_persons; p++)
                if (w->persons[p].active && w->persons[p].unit == sources[k]->id) w->persons[p].unit = into->id;
            for (size_t u = 0; u < w->n_units; u++)
                if (w->units[u].open && w->units[u].parent == sources[k]->id) w->units[u].parent = into->id;
            into->n_assets += sources[k]->n_assets; /* a merger's assets go to the unit merged into */
            sources[k]->n_assets = 0;
            rc_close(sources[k], (int)i);
        }
    }
    free(sources);
    free(f_into);
}

static void rc_split(rc_world *w, size_t i, const reorg_op *op)
{
    size_t before = w->e->n_fields;
    char *f_unit = rc_path(i, "unit"), *f_into = rc_path(i, "into");
    rc_unit *u = rc_resolve(w, f_unit, &op->unit);
    if (u && rc_not_root(w, u, f_unit)) {
        char *kids = rc_open_children(w, u->id);
        if (kids)
            err_field_add(w->e, f_unit, "%s still has sub-units (%s): move or close them in an earlier operation",
                          u->name_ja, kids);
        free(kids);
    }
    rc_unit **parts = xcalloc(op->n_parts + 1, sizeof *parts);
    for (size_t k = 0; k < op->n_parts; k++) {
        char *f = xasprintf("operations[%zu].into[%zu].unit", i, k);
        rc_unit *p = rc_resolve(w, f, &op->parts[k].unit);
        for (size_t j = 0; j < k && p; j++)
            if (parts[j] == p) {
                err_field_add(w->e, f, "%s is named by two parts", p->name_ja);
                p = NULL;
            }
        if (p && u && p == u) {
            err_field_add(w->e, f, "%s is the unit that splits", p->name_ja);
            p = NULL;
        }
        parts[k] = p;
        free(f);
    }
    /* Every member placed exactly once: `placed` marks the people listed so far. */
    bool *placed = xcalloc(w->n_persons + 1, sizeof *placed);
    for (size_t k = 0; k < op->n_parts; k++) {
        for (size_t j = 0; j < op->parts[k].n_persons; j++) {
            char *f = xasprintf("operations[%zu].into[%zu].persons[%zu]", i, k, j);
            rc_person *p = rc_person_by_id(w, op->parts[k].persons[j]);
            if (!p) err_field_add(w->e, f, "no such person (%ld)", op->parts[k].persons[j]);
            else if (!p->active) err_field_add(w->e, f, "%s has left", p->name);
            else if (u && p->unit != u->id) err_field_add(w->e, f, "%s is not a member of %s", p->name, u->name_ja);
            else if (placed[p - w->persons]) err_field_add(w->e, f, "%s is placed twice", p->name);
            else placed[p - w->persons] = true;
            free(f);
        }
    }
    if (u) {
        size_t missing = 0;
        char *names = NULL;
        for (size_t p = 0; p < w->n_persons; p++) {
            if (!w->persons[p].active || w->persons[p].unit != u->id || placed[p]) continue;
            if (++missing <= 5) {
                char *next = xasprintf("%s%s%s (%ld)", names ? names : "", names ? ", " : "", w->persons[p].name,
                                       w->persons[p].id);
                free(names);
                names = next;
            }
        }
        if (missing)
            err_field_add(w->e, f_into, "%zu member%s of %s %s in no part: %s%s", missing, missing == 1 ? "" : "s",
                          u->name_ja, missing == 1 ? "is" : "are", names, missing > 5 ? ", …" : "");
        free(names);
    }
    if (w->e->n_fields == before && u) {
        for (size_t k = 0; k < op->n_parts; k++)
            for (size_t j = 0; j < op->parts[k].n_persons; j++) rc_person_by_id(w, op->parts[k].persons[j])->unit = parts[k]->id;
        if (op->n_parts > 0) parts[0]->n_assets += u->n_assets; /* a split's assets go to its first part */
        u->n_assets = 0;
        rc_close(u, (int)i);
    }
    free(placed);
    free(parts);
    free(f_unit);
    free(f_into);
}

static void rc_close_op(rc_world *w, size_t i, const reorg_op *op)
{
    size_t before = w->e->n_fields;
    char *f_unit = rc_path(i, "unit");
    rc_unit *u = rc_resolve(w, f_unit, &op->unit);
    if (u && rc_not_root(w, u, f_unit)) {
        char *kids = rc_open_children(w, u->id);
        size_t members = rc_members(w, u->id);
        if (kids)
            err_field_add(w->e, f_unit, "%s still has sub-units (%s): move or close them in an earlier operation",
                          u->name_ja, kids);
        if (members)
            err_field_add(w->e, f_unit, "%s still has %zu member%s: move them in an earlier operation", u->name_ja,
                          members, members == 1 ? "" : "s");
        /* What a unit owns does not vanish with it: merge it instead, or give its assets to
         * another unit (or dispose of them) first. */
        if (u->n_assets)
            err_field_add(w->e, f_unit,
                          "%s still owns %ld information asset%s in use: merge it into another unit, or move or "
                          "dispose of them first",
                          u->name_ja, u->n_assets, u->n_assets == 1 ? "" : "s");
        free(kids);
        if (w->e->n_fields == before) rc_close(u, (int)i);
    }
    free(f_unit);
}

static void rc_move_person(rc_world *w, size_t i, const reorg_op *op)
{
    char *f_person = rc_path(i, "person"), *f_unit = rc_path(i, "unit");
    rc_person *p = rc_person_by_id(w, op->person);
    if (!p) {
        err_field_add(w->e, f_person, "no such person (%ld)", op->person);
    } else if (!p->active) {
        err_field_add(w->e, f_person, "%s has left", p->name);
        p = NULL;
    } else {
        rc_unit *from = rc_unit_by_id(w, p->unit);
        rc_touch(w, p->unit);
        if (w->planner > 0 && from && !from->in_scope) {
            err_field_add(w->e, f_person, "%s is not in one of your units", p->name);
            p = NULL;
        }
    }
    rc_unit *u = rc_resolve(w, f_unit, &op->unit);
    if (p && u) p->unit = u->id;
    free(f_person);
    free(f_unit);
}

static err_code rc_load(db_conn *c, rc_world *w, err *e)
{
    db_rows *rows = NULL;
    err_code rc = db_query(c, "SELECT id, code, name_ja, parent_id, valid_to FROM org_unit ORDER BY id", DB_NO_PARAMS,
                           &rows, e);
    if (rc != OK) goto cleanup;
    for (size_t i = 0; i < rows->n_rows; i++) {
        rc_unit *u = rc_unit_add(w);
        u->id = atol(db_cell(rows, i, 0));
        u->code = xstrdup(db_cell(rows, i, 1));
        u->name_ja = xstrdup(db_cell(rows, i, 2));
        u->parent = db_cell(rows, i, 3) ? atol(db_cell(rows, i, 3)) : 0;
        u->closed_on = db_cell(rows, i, 4) ? xstrdup(db_cell(rows, i, 4)) : NULL;
        u->open = !u->closed_on;
    }
    db_rows_free(rows);
    rows = NULL;
    if ((rc = db_query(c, "SELECT org_unit_id, code FROM org_unit_version UNION SELECT id, code FROM org_unit",
                       DB_NO_PARAMS, &rows, e)) != OK)
        goto cleanup;
    for (size_t i = 0; i < rows->n_rows; i++) rc_code_add(w, db_cell(rows, i, 1), atol(db_cell(rows, i, 0)));
    db_rows_free(rows);
    rows = NULL;
    if ((rc = db_query(c, "SELECT id, org_unit_id, active, name FROM person ORDER BY id", DB_NO_PARAMS, &rows, e)) != OK)
        goto cleanup;
    w->persons = xcalloc(rows->n_rows + 1, sizeof *w->persons);
    for (size_t i = 0; i < rows->n_rows; i++) {
        rc_person *p = &w->persons[w->n_persons++];
        p->id = atol(db_cell(rows, i, 0));
        p->unit = atol(db_cell(rows, i, 1));
        p->active = strcmp(db_cell(rows, i, 2), "1") == 0;
        p->name = xstrdup(db_cell(rows, i, 3));
    }
    db_rows_free(rows);
    rows = NULL;
    if ((rc = db_query(c, "SELECT owner_unit_id, count(*) FROM asset WHERE status = 'in_use' GROUP BY owner_unit_id",
                       DB_NO_PARAMS, &rows, e)) != OK)
        goto cleanup;
    for (size_t i = 0; i < rows->n_rows; i++) {
        rc_unit *u = rc_unit_by_id(w, atol(db_cell(rows, i, 0)));
        if (u) u->n_assets = atol(db_cell(rows, i, 1));
    }
    db_rows_free(rows);
    rows = NULL;
    if (w->planner > 0) {
        char who[24], today[11];
        snprintf(who, sizeof who, "%ld", w->planner);
        time_today_local(today);
        if ((rc = db_query(c, AUTHZ_SCOPE_CTE "SELECT id FROM scope", DB_PARAMS(who, "org.manage", today), &rows, e)) !=
            OK)
            goto cleanup;
        for (size_t i = 0; i < rows->n_rows; i++) {
            rc_unit *u = rc_unit_by_id(w, atol(db_cell(rows, i, 0)));
            if (u) u->in_scope = true;
        }
    }
cleanup:
    db_rows_free(rows);
    return rc;
}

static void rc_free(rc_world *w)
{
    for (size_t i = 0; i < w->n_units; i++) {
        free(w->units[i].code);
        free(w->units[i].name_ja);
        free(w->units[i].closed_on);
    }
    free(w->units);
    for (size_t i = 0; i < w->n_persons; i++) free(w->persons[i].name);
    free(w->persons);
    for (size_t i = 0; i < w->n_codes; i++) free(w->codes[i].code);
    free(w->codes);
    free(w->touched);
}

err_code reorg_check(db_conn *c, const reorg_plan *p, long planner, long **touched, size_t *n_touched, err *e)
{
    err local = ERR_INIT;
    if (!e) e = &local;
    if (touched) *touched = NULL;
    if (n_touched) *n_touched = 0;
    rc_world w = {0};
    w.planner = planner;
    w.e = e;
    size_t before = e->n_fields;
    err_code rc = rc_load(c, &w, e);
    for (size_t i = 0; rc == OK && i < p->n_ops; i++) {
        const reorg_op *op = &p->ops[i];
        switch (op->kind) {
        case REORG_CREATE: rc_create(&w, i, op); break;
        case REORG_RENAME: rc_rename(&w, i, op); break;
        case REORG_MOVE: rc_move(&w, i, op); break;
        case REORG_MERGE: rc_merge(&w, i, op); break;
        case REORG_SPLIT: rc_split(&w, i, op); break;
        case REORG_CLOSE: rc_close_op(&w, i, op); break;
        case REORG_MOVE_PERSON: rc_move_person(&w, i, op); break;
        }
    }
    if (rc == OK && e->n_fields > before) {
        size_t n = e->n_fields - before;
        rc = err_set(e, ERR_VALIDATION, "the plan has %zu problem%s", n, n == 1 ? "" : "s");
    }
    if (touched) {
        *touched = w.touched;
        *n_touched = w.n_touched;
        w.touched = NULL;
    }
    rc_free(&w);
    err_clear(&local);
    return rc;
}
