/* reorganisation — plans: drafting, scheduling, cancelling, reading (see
 * reorganisation.h). Applying is in reorg_apply.c. */
#include "domain/reorganisation.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "auth/authz.h"
#include "core/timeutil.h"
#include "core/xalloc.h"
#include "domain/reorg_check.h"

#define RG_COLUMNS                                                                                                 \
    "SELECT r.id, r.title, r.effective_date, r.state, r.operations, r.result, r.last_error, r.created_by,"         \
    " r.created_at, r.scheduled_at, r.applied_at, r.applied_by, r.cancelled_at, r.version FROM reorganisation r"

static size_t rg_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80) n++;
    return n;
}

static bool rg_date_ok(const char *s)
{
    int y, m, d;
    return s && time_parse_date(s, &y, &m, &d) && y >= 2000 && y <= 2999;
}

static err_code rg_fill(const db_rows *rows, size_t i, reorg_record *r, err *e)
{
    memset(r, 0, sizeof *r);
    r->id = atol(db_cell(rows, i, 0));
    r->title = xstrdup(db_cell(rows, i, 1));
    r->effective_date = xstrdup(db_cell(rows, i, 2));
    r->state = xstrdup(db_cell(rows, i, 3));
    r->last_error = xstrdup_opt(db_cell(rows, i, 6));
    r->created_by = db_cell(rows, i, 7) ? atol(db_cell(rows, i, 7)) : 0;
    r->created_at = xstrdup(db_cell(rows, i, 8));
    r->scheduled_at = xstrdup_opt(db_cell(rows, i, 9));
    r->applied_at = xstrdup_opt(db_cell(rows, i, 10));
    r->applied_by = xstrdup_opt(db_cell(rows, i, 11));
    r->cancelled_at = xstrdup_opt(db_cell(rows, i, 12));
    r->version = atol(db_cell(rows, i, 13));
    json_error_t jerr;
    json_t *ops = json_loads(db_cell(rows, i, 4), 0, &jerr);
    err scratch = ERR_INIT;
    err_code rc = ops ? reorg_plan_from_json(ops, &r->plan, &scratch) : ERR_INTERNAL;
    json_decref(ops);
    err_clear(&scratch);
    if (rc != OK) return err_set(e, ERR_INTERNAL, "reorganisation %ld: its stored operations cannot be read", r->id);
    if (db_cell(rows, i, 5)) r->result = json_loads(db_cell(rows, i, 5), 0, &jerr);
    return OK;
}

void reorg_record_free(reorg_record *r)
{
    free(r->title);
    free(r->effective_date);
    free(r->state);
    reorg_plan_free(&r->plan);
    json_decref(r->result);
    free(r->last_error);
    free(r->created_at);
    free(r->scheduled_at);
    free(r->applied_at);
    free(r->applied_by);
    free(r->cancelled_at);
    memset(r, 0, sizeof *r);
}

err_code reorg_is_planner(db_conn *c, long person, bool *out, err *e)
{
    char who[24], today[11];
    snprintf(who, sizeof who, "%ld", person);
    time_today_local(today);
    db_rows *rows = NULL;
    err_code rc = db_query(c,
                           "SELECT 1 FROM role_assignment ra JOIN role_permission rp ON rp.role_code = ra.role_code"
                           " WHERE ra.person_id = CAST($1 AS BIGINT) AND rp.permission_code = 'org.manage'"
                           " AND ra.valid_from <= $2 AND (ra.valid_to IS NULL OR ra.valid_to >= $2) LIMIT 1",
                           DB_PARAMS(who, today), &rows, e);
    if (rc == OK) *out = rows->n_rows > 0;
    db_rows_free(rows);
    return rc;
}

err_code reorg_store_units(db_conn *c, long id, const long *units, size_t n, err *e)
{
    char idt[24];
    snprintf(idt, sizeof idt, "%ld", id);
    err_code rc = db_query(c, "DELETE FROM reorganisation_unit WHERE reorganisation_id = CAST($1 AS BIGINT)",
                           DB_PARAMS(idt), NULL, e);
    for (size_t i = 0; rc == OK && i < n; i++) {
        char unit[24];
        snprintf(unit, sizeof unit, "%ld", units[i]);
        rc = db_query(c,
                      "INSERT INTO reorganisation_unit (reorganisation_id, org_unit_id)"
                      " VALUES (CAST($1 AS BIGINT), CAST($2 AS BIGINT))",
                      DB_PARAMS(idt, unit), NULL, e);
    }
    return rc;
}

/* Records which existing units the plan touches (for need-to-know), whatever its faults. */
static err_code rg_touched(db_conn *c, long id, const reorg_plan *plan, err *e)
{
    long *units = NULL;
    size_t n = 0;
    err scratch = ERR_INIT;
    err_code rc = reorg_check(c, plan, 0, &units, &n, &scratch);
    if (rc == ERR_VALIDATION) rc = OK;
    if (rc != OK) err_set(e, rc, "%s", scratch.message ? scratch.message : "cannot check the plan");
    else rc = reorg_store_units(c, id, units, n, e);
    err_clear(&scratch);
    free(units);
    return rc;
}

static void rg_check_fields(const reorg_fields *f, bool creating, err *e)
{
    if (creating && !f->title) err_field_add(e, "title", "is required");
    if (f->title && (!*f->title || rg_chars(f->title) > 200)) err_field_add(e, "title", "must be 1 to 200 characters");
    if (creating && !f->effective_date) err_field_add(e, "effective_date", "is required");
    if (f->effective_date && !rg_date_ok(f->effective_date))
        err_field_add(e, "effective_date", "must be a date like 2027-04-01");
}

static char *rg_ops_text(const reorg_plan *p)
{
    json_t *ops = reorg_plan_to_json(p);
    char *text = json_dumps(ops, JSON_COMPACT);
    json_decref(ops);
    return text;
}

err_code reorg_create(db_conn *c, const audit_actor *actor, const reorg_fields *f, long *id_out, err *e)
{
    rg_check_fields(f, true, e);
    if (e && e->n_fields) return ERR_VALIDATION;
    reorg_plan empty = {0};
    const reorg_plan *plan = f->plan ? f->plan : &empty;
    char now[TIME_CANON_LEN], by[24];
    time_now_canon(now);
    snprintf(by, sizeof by, "%ld", actor->id);
    char *ops = rg_ops_text(plan);
    db_rows *rows = NULL;
    err_code rc = db_query(c,
                           "INSERT INTO reorganisation (title, effective_date, state, operations, created_by, created_at)"
                           " VALUES ($1, $2, 'draft', $3, CAST($4 AS BIGINT), $5) RETURNING id",
                           DB_PARAMS(f->title, f->effective_date, ops, actor->id > 0 ? by : NULL, now), &rows, e);
    if (rc != OK) goto cleanup;
    *id_out = atol(db_cell(rows, 0, 0));
    if ((rc = rg_touched(c, *id_out, plan, e)) != OK) goto cleanup;
    json_t *detail = json_pack("{s:s, s:s, s:I}", "title", f->title, "effective_date", f->effective_date,
                               "operations", (json_int_t)plan->n_ops);
    rc = audit_append(c, actor, "reorganisation.create", "reorganisation", db_cell(rows, 0, 0), detail, e);
    json_decref(detail);
cleanup:
    free(ops);
    db_rows_free(rows);
    return rc;
}

/* The plan's row, locked for the rest of the transaction. */
static err_code rg_lock(db_conn *c, long id, reorg_record *out, err *e)
{
    char idt[24];
    snprintf(idt, sizeof idt, "%ld", id);
    char *sql = xasprintf(RG_COLUMNS " WHERE r.id = CAST($1 AS BIGINT)%s", db_row_lock_clause(c));
    db_rows *rows = NULL;
    err_code rc = db_query(c, sql, DB_PARAMS(idt), &rows, e);
    free(sql);
    if (rc == OK && rows->n_rows != 1) rc = err_set(e, ERR_NOT_FOUND, "no such reorganisation");
    if (rc == OK) rc = rg_fill(rows, 0, out, e);
    db_rows_free(rows);
    return rc;
}

static err_code rg_version(const reorg_record *r, long version, err *e)
{
    if (r->version == version) return OK;
    return err_set(e, ERR_PRECONDITION_FAILED, "the plan was changed meanwhile (version %ld, not %ld)", r->version,
                   version);
}

err_code reorg_update(db_conn *c, const audit_actor *actor, long id, long version, const reorg_fields *f, err *e)
{
    rg_check_fields(f, false, e);
    if (e && e->n_fields) return ERR_VALIDATION;
    reorg_record r;
    err_code rc = rg_lock(c, id, &r, e);
    if (rc != OK) return rc;
    char *ops = NULL;
    if ((rc = rg_version(&r, version, e)) != OK) goto cleanup;
    if (strcmp(r.state, "draft") != 0) {
        rc = err_set(e, ERR_CONFLICT, "the plan is %s: only a draft is changed (unschedule it first)", r.state);
        goto cleanup;
    }
    char idt[24];
    snprintf(idt, sizeof idt, "%ld", id);
    ops = f->plan ? rg_ops_text(f->plan) : NULL;
    rc = db_query(c,
                  "UPDATE reorganisation SET title = COALESCE($1, title), effective_date = COALESCE($2, effective_date),"
                  " operations = COALESCE($3, operations), version = version + 1 WHERE id = CAST($4 AS BIGINT)",
                  DB_PARAMS(f->title, f->effective_date, ops, idt), NULL, e);
    if (rc == OK && f->plan) rc = rg_touched(c, id, f->plan, e);
    if (rc == OK) {
        json_t *changes = json_pack("{s:s?, s:s?}", "title", f->title, "effective_date", f->effective_date);
        if (f->plan) json_object_set_new(changes, "operations", json_integer((json_int_t)f->plan->n_ops));
        json_t *detail = json_pack("{s:o, s:I}", "changes", changes, "version", (json_int_t)(version + 1));
        rc = audit_append(c, actor, "reorganisation.update", "reorganisation", idt, detail, e);
        json_decref(detail);
    }
cleanup:
    free(ops);
    reorg_record_free(&r);
    return rc;
}

/* Scheduling: a plan with operations, for today or later, not before a plan already
 * applied (plans apply in date order), that makes sense against today's tree. */
static err_code rg_schedule_check(db_conn *c, const audit_actor *actor, const reorg_record *r, err *e)
{
    char today[11];
    time_today_local(today);
    if (r->plan.n_ops == 0) err_field_add(e, "operations", "a plan needs at least one operation");
    if (strcmp(r->effective_date, today) < 0)
        err_field_add(e, "effective_date", "%s is past: a plan takes effect today or later", r->effective_date);
    db_rows *rows = NULL;
    err_code rc = db_query(c,
                           "SELECT id, effective_date FROM reorganisation WHERE state = 'applied'"
                           " ORDER BY effective_date DESC, id DESC LIMIT 1",
                           DB_NO_PARAMS, &rows, e);
    if (rc == OK && rows->n_rows == 1 && strcmp(r->effective_date, db_cell(rows, 0, 1)) < 0)
        err_field_add(e, "effective_date", "is before %s, when reorganisation %s took effect: plans apply in date order",
                      db_cell(rows, 0, 1), db_cell(rows, 0, 0));
    db_rows_free(rows);
    if (rc != OK) return rc;
    rc = reorg_check(c, &r->plan, actor->id, NULL, NULL, e);
    if (rc == OK && e && e->n_fields) rc = err_set(e, ERR_VALIDATION, "the plan cannot be scheduled");
    return rc;
}

err_code reorg_act(db_conn *c, const audit_actor *actor, long id, long version, reorg_action action, err *e)
{
    static const char *const actions[] = {"schedule", "unschedule", "cancel", "apply"};
    reorg_record r;
    err_code rc = rg_lock(c, id, &r, e);
    if (rc != OK) return rc;
    char idt[24], now[TIME_CANON_LEN], today[11];
    snprintf(idt, sizeof idt, "%ld", id);
    time_now_canon(now);
    time_today_local(today);
    /* Applying is idempotent: an applied plan stays as it is, whatever version is named. */
    if (action == REORG_APPLY && strcmp(r.state, "applied") == 0) goto cleanup;
    if ((rc = rg_version(&r, version, e)) != OK) goto cleanup;
    const char *need = action == REORG_SCHEDULE ? "draft" : action == REORG_CANCEL ? NULL : "scheduled";
    bool state_ok = need ? strcmp(r.state, need) == 0
                         : strcmp(r.state, "draft") == 0 || strcmp(r.state, "scheduled") == 0;
    if (!state_ok) {
        rc = err_set(e, ERR_CONFLICT, "the plan is %s: it cannot be %s", r.state,
                     action == REORG_SCHEDULE     ? "scheduled (only a draft is)"
                     : action == REORG_UNSCHEDULE ? "unscheduled (only a scheduled plan is)"
                     : action == REORG_CANCEL     ? "cancelled"
                                                  : "applied (only a scheduled plan is)");
        goto cleanup;
    }
    if (action == REORG_APPLY) {
        if (strcmp(today, r.effective_date) < 0) {
            rc = err_set(e, ERR_CONFLICT, "the plan takes effect on %s: it is applied on or after that day",
                         r.effective_date);
            goto cleanup;
        }
        bool applied = false;
        rc = reorg_apply_locked(c, actor, id, today, actor->id, &applied, e);
        goto cleanup;
    }
    if (action == REORG_SCHEDULE && (rc = rg_schedule_check(c, actor, &r, e)) != OK) goto cleanup;
    const char *to = action == REORG_SCHEDULE ? "scheduled" : action == REORG_UNSCHEDULE ? "draft" : "cancelled";
    rc = db_query(c,
                  "UPDATE reorganisation SET state = $1, version = version + 1, last_error = NULL,"
                  " scheduled_at = CASE WHEN $1 = 'scheduled' THEN $2 WHEN $1 = 'draft' THEN NULL ELSE scheduled_at END,"
                  " cancelled_at = CASE WHEN $1 = 'cancelled' THEN $2 ELSE cancelled_at END"
                  " WHERE id = CAST($3 AS BIGINT)",
                  DB_PARAMS(to, now, idt), NULL, e);
    if (rc == OK && action == REORG_SCHEDULE) rc = rg_touched(c, id, &r.plan, e);
    if (rc == OK) {
        char *event = xasprintf("reorganisation.%s", actions[action]);
        json_t *detail = json_pack("{s:s, s:s, s:s, s:I, s:I}", "title", r.title, "effective_date", r.effective_date,
                                   "state", to, "operations", (json_int_t)r.plan.n_ops, "version",
                                   (json_int_t)(version + 1));
        rc = audit_append(c, actor, event, "reorganisation", idt, detail, e);
        json_decref(detail);
        free(event);
    }
cleanup:
    reorg_record_free(&r);
    return rc;
}

/* Visibility (see reorganisation.h): $1 viewer, $2 'person.read', $3 today, $4 '1' for
 * a planner. */
/* Who sees which plan is authz's rule (DESIGN §2: one definition). */
#define RG_VISIBLE AUTHZ_REORG_VISIBLE

err_code reorg_get(db_conn *c, long viewer, long id, reorg_record *out, err *e)
{
    memset(out, 0, sizeof *out);
    bool planner = false;
    err_code rc = reorg_is_planner(c, viewer, &planner, e);
    if (rc != OK) return rc;
    char who[24], today[11], idt[24];
    snprintf(who, sizeof who, "%ld", viewer);
    snprintf(idt, sizeof idt, "%ld", id);
    time_today_local(today);
    db_rows *rows = NULL;
    rc = db_query(c, AUTHZ_SCOPE_CTE RG_COLUMNS " WHERE r.id = CAST($5 AS BIGINT) AND" RG_VISIBLE,
                  DB_PARAMS(who, "person.read", today, planner ? "1" : "0", idt), &rows, e);
    if (rc == OK && rows->n_rows != 1) rc = err_set(e, ERR_NOT_FOUND, "no such reorganisation");
    if (rc == OK) rc = rg_fill(rows, 0, out, e);
    db_rows_free(rows);
    if (rc != OK) reorg_record_free(out);
    return rc;
}

/* The cursor is the last item's date and id, hex-encoded so it is opaque in a URL. */
static char *rg_cursor(const char *date, long id)
{
    char plain[40];
    int n = snprintf(plain, sizeof plain, "%s/%ld", date, id);
    char *hex = xmalloc((size_t)n * 2 + 1);
    sodium_bin2hex(hex, (size_t)n * 2 + 1, (const unsigned char *)plain, (size_t)n);
    return hex;
}

static bool rg_cursor_parse(const char *cursor, char date[11], char id[24])
{
    size_t n = strlen(cursor);
    unsigned char plain[40];
    size_t len = 0;
    if (n == 0 || n % 2 || n / 2 >= sizeof plain) return false;
    if (sodium_hex2bin(plain, sizeof plain - 1, cursor, n, NULL, &len, NULL) != 0) return false;
    plain[len] = '\0';
    const char *slash = strchr((const char *)plain, '/');
    if (!slash || slash - (const char *)plain != 10) return false;
    memcpy(date, plain, 10);
    date[10] = '\0';
    const char *digits = slash + 1;
    if (!*digits || strlen(digits) > 15 || strspn(digits, "0123456789") != strlen(digits)) return false;
    strcpy(id, digits);
    int y, m, d;
    return time_parse_date(date, &y, &m, &d);
}

err_code reorg_list(db_conn *c, long viewer, const reorg_filter *f, reorg_page *out, err *e)
{
    memset(out, 0, sizeof *out);
    char after_date[11] = "", after_id[24] = "";
    if (f->cursor && !rg_cursor_parse(f->cursor, after_date, after_id)) {
        err_field_add(e, "cursor", "is not a cursor this list gave");
        return ERR_VALIDATION;
    }
    bool planner = false;
    err_code rc = reorg_is_planner(c, viewer, &planner, e);
    if (rc != OK) return rc;
    char who[24], today[11], fetch[24];
    snprintf(who, sizeof who, "%ld", viewer);
    snprintf(fetch, sizeof fetch, "%ld", f->limit + 1);
    time_today_local(today);
    db_rows *rows = NULL;
    rc = db_query(c,
                  AUTHZ_SCOPE_CTE RG_COLUMNS " WHERE" RG_VISIBLE
                  " AND (CAST($5 AS TEXT) IS NULL OR r.state = CAST($5 AS TEXT))"
                  " AND (CAST($6 AS TEXT) IS NULL OR r.effective_date < CAST($6 AS TEXT)"
                  "      OR (r.effective_date = CAST($6 AS TEXT) AND r.id < CAST($7 AS BIGINT)))"
                  " ORDER BY r.effective_date DESC, r.id DESC LIMIT CAST($8 AS BIGINT)",
                  DB_PARAMS(who, "person.read", today, planner ? "1" : "0", f->state, f->cursor ? after_date : NULL,
                            f->cursor ? after_id : NULL, fetch),
                  &rows, e);
    if (rc != OK) return rc;
    size_t shown = rows->n_rows > (size_t)f->limit ? (size_t)f->limit : rows->n_rows;
    out->items = xcalloc(shown + 1, sizeof *out->items);
    for (size_t i = 0; i < shown && rc == OK; i++) {
        rc = rg_fill(rows, i, &out->items[i], e);
        out->n++;
    }
    if (rc == OK && rows->n_rows > (size_t)f->limit)
        out->next_cursor = rg_cursor(out->items[shown - 1].effective_date, out->items[shown - 1].id);
    db_rows_free(rows);
    if (rc != OK) reorg_page_free(out);
    return rc;
}

void reorg_page_free(reorg_page *p)
{
    for (size_t i = 0; i < p->n; i++) reorg_record_free(&p->items[i]);
    free(p->items);
    free(p->next_cursor);
    memset(p, 0, sizeof *p);
}

static void rg_name_add(long id, long **ids, size_t *n)
{
    if (id <= 0) return;
    for (size_t i = 0; i < *n; i++)
        if ((*ids)[i] == id) return;
    *ids = xrealloc(*ids, (*n + 1) * sizeof **ids);
    (*ids)[(*n)++] = id;
}

/* Names for ids, one query each ($1 the id; with a viewer, $1..$3 the scope's and $4 the id). */
static err_code rg_names_load(db_conn *c, const char *sql, const char *viewer, const long *ids, size_t n, bool units,
                              reorg_name **out, size_t *n_out, err *e)
{
    char today[11];
    time_today_local(today);
    *out = xcalloc(n + 1, sizeof **out);
    *n_out = 0;
    for (size_t i = 0; i < n; i++) {
        char idt[24];
        snprintf(idt, sizeof idt, "%ld", ids[i]);
        db_rows *rows = NULL;
        err_code rc = viewer ? db_query(c, sql, DB_PARAMS(viewer, "person.read", today, idt), &rows, e)
                             : db_query(c, sql, DB_PARAMS(idt), &rows, e);
        if (rc != OK) return rc;
        if (rows->n_rows == 1) {
            reorg_name *nm = &(*out)[(*n_out)++];
            nm->id = ids[i];
            nm->code = units ? xstrdup(db_cell(rows, 0, 0)) : NULL;
            nm->name_ja = xstrdup(db_cell(rows, 0, 1));
            nm->name_en = xstrdup_opt(db_cell(rows, 0, 2));
            nm->closed = strcmp(db_cell(rows, 0, 3), "1") == 0;
        }
        db_rows_free(rows);
    }
    return OK;
}

err_code reorg_names(db_conn *c, long viewer, const reorg_plan *p, reorg_name **units, size_t *n_units,
                     reorg_name **persons, size_t *n_persons, err *e)
{
    long *uids = NULL, *pids = NULL;
    size_t nu = 0, np = 0;
    *units = *persons = NULL;
    *n_units = *n_persons = 0;
    for (size_t i = 0; i < p->n_ops; i++) {
        const reorg_op *op = &p->ops[i];
        rg_name_add(op->unit.id, &uids, &nu);
        rg_name_add(op->parent.id, &uids, &nu);
        rg_name_add(op->into.id, &uids, &nu);
        for (size_t k = 0; k < op->n_units; k++) rg_name_add(op->units[k].id, &uids, &nu);
        for (size_t k = 0; k < op->n_parts; k++) {
            rg_name_add(op->parts[k].unit.id, &uids, &nu);
            for (size_t j = 0; j < op->parts[k].n_persons; j++) rg_name_add(op->parts[k].persons[j], &pids, &np);
        }
        rg_name_add(op->person, &pids, &np);
    }
    bool planner = false;
    char who[24];
    snprintf(who, sizeof who, "%ld", viewer);
    err_code rc = reorg_is_planner(c, viewer, &planner, e);
    if (rc == OK)
        rc = rg_names_load(c,
                           "SELECT code, name_ja, name_en, CASE WHEN valid_to IS NULL THEN 0 ELSE 1 END"
                           " FROM org_unit WHERE id = CAST($1 AS BIGINT)",
                           NULL, uids, nu, true, units, n_units, e);
    /* People are need-to-know: a planner sees every name, anyone else only those of
     * the people in their own units. */
    if (rc == OK && planner)
        rc = rg_names_load(c,
                           "SELECT '', name, NULL, CASE WHEN active = 1 THEN 0 ELSE 1 END FROM person"
                           " WHERE id = CAST($1 AS BIGINT)",
                           NULL, pids, np, false, persons, n_persons, e);
    else if (rc == OK)
        rc = rg_names_load(c,
                           AUTHZ_SCOPE_CTE "SELECT '', name, NULL, CASE WHEN active = 1 THEN 0 ELSE 1 END FROM person"
                                           " WHERE id = CAST($4 AS BIGINT) AND org_unit_id IN (SELECT id FROM scope)",
                           who, pids, np, false, persons, n_persons, e);
    free(uids);
    free(pids);
    return rc;
}

void reorg_names_free(reorg_name *names, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(names[i].code);
        free(names[i].name_ja);
        free(names[i].name_en);
    }
    free(names);
}
