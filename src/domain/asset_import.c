/* asset_import — the ledger from CSV (see asset_import.h).
 *
 * The check reads what every row may refer to once (units, active people, the classes
 * of the scheme in force, the importer's units, the stored assets the file names by ID)
 * and looks rows up in memory: a file of a million rows costs a million look-ups, not a
 * million queries. The apply writes new assets in bulk (asset_import_write.c: what
 * asset_create writes, without re-reading what was checked, audited as one
 * asset.import event) and changes through asset_update / asset_dispose, which check
 * again under the write lock. */
#include "domain/asset_import.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "auth/authz.h"
#include "core/timeutil.h"
#include "core/xalloc.h"
#include "core/buf.h"
#include "domain/asset.h"
#include "domain/asset_import_internal.h"

/* ---- look-ups in memory ---- */

/* A string → index map (open addressing), for units and people: built once, asked a
 * million times. AI_AMBIGUOUS marks a key two entries share. */
#define AI_AMBIGUOUS (-2L)
typedef struct ai_map {
    const char **keys; /* borrowed */
    long *vals;
    size_t cap; /* a power of two */
} ai_map;

static uint64_t ai_hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

static void ai_map_init(ai_map *m, size_t n)
{
    m->cap = 16;
    while (m->cap < n * 2 + 1) m->cap *= 2;
    m->keys = xcalloc(m->cap, sizeof *m->keys);
    m->vals = xcalloc(m->cap, sizeof *m->vals);
}

static void ai_map_free(ai_map *m)
{
    free(m->keys);
    free(m->vals);
}

static size_t ai_map_slot(const ai_map *m, const char *key)
{
    size_t i = (size_t)ai_hash(key) & (m->cap - 1);
    while (m->keys[i] && strcmp(m->keys[i], key) != 0) i = (i + 1) & (m->cap - 1);
    return i;
}

/* Adds key → val; a second entry with the same key makes it ambiguous unless prefer
 * says which of the two to keep (its return: the value kept, or AI_AMBIGUOUS). */
static void ai_map_put(ai_map *m, const char *key, long val, long (*prefer)(const void *ctx, long a, long b),
                       const void *ctx)
{
    if (!key || !*key) return;
    size_t i = ai_map_slot(m, key);
    if (!m->keys[i]) {
        m->keys[i] = key;
        m->vals[i] = val;
    } else if (m->vals[i] != AI_AMBIGUOUS) {
        m->vals[i] = prefer ? prefer(ctx, m->vals[i], val) : AI_AMBIGUOUS;
    }
}

/* The value of key, -1 when absent. */
static long ai_map_get(const ai_map *m, const char *key)
{
    size_t i = ai_map_slot(m, key);
    return m->keys[i] ? m->vals[i] : -1;
}

/* ---- the plan ---- */

typedef struct ai_row {
    size_t sheet_row;
    long id, version; /* id 0: a new asset; version: as stored */
    asset_fields f;   /* new: every field; update: what changes */
    bool changes;     /* an update with something to change */
    bool dispose;
    char disposed_on[11];
    const char *disposed_method, *witness; /* borrowed from the table */
} ai_row;

struct asset_import_plan {
    ai_row *rows; /* owned; the rows to write, in file order */
    size_t n;
    size_t unchanged; /* rows naming an asset as it is stored */
    asset_network_model model; /* as checked; the changes are checked again by it */
};

/* The stored asset a row names by ID (columns of AI_STORED_SQL). */
typedef struct ai_stored {
    long id;
    db_rows *rows; /* borrowed from the chunk it came in */
    size_t r;
    size_t seen_row; /* the sheet row that named it first; 0: none yet */
} ai_stored;

#define AI_STORED_SQL                                                                                             \
    "SELECT a.id, a.version, a.status, a.kind, a.name, a.description, a.owner_unit_id, a.manager_id, a.location,"  \
    " a.segment, a.format, a.personal_data, a.mynumber, a.retention, a.disposal_method, a.c_class_id,"            \
    " a.i_class_id, a.a_class_id, a.class_reason, (SELECT count(*) FROM asset_relation r WHERE r.ended_at IS NULL" \
    " AND (r.from_asset_id = a.id OR r.to_asset_id = a.id)) FROM asset a"                                          \
    " WHERE a.id BETWEEN CAST($1 AS BIGINT) AND CAST($2 AS BIGINT) ORDER BY a.id"
enum { S_ID, S_VERSION, S_STATUS, S_KIND, S_NAME, S_DESCRIPTION, S_UNIT, S_MANAGER, S_LOCATION, S_SEGMENT, S_FORMAT,
       S_PERSONAL, S_MYNUMBER, S_RETENTION, S_DISPOSAL_METHOD, S_C, S_I, S_A, S_CLASS_REASON, S_RELATED };

typedef struct ai_ctx {
    db_conn *c;
    long importer;
    bool holds_write; /* the importer holds asset.write somewhere (an asset's manager may change it) */
    import_report *report;
    const csv_row *head;
    int col[AI_COUNT];
    db_rows *units, *people, *classes, *scope;
    ai_map unit_code, unit_name, person_name, person_login;
    ai_stored *stored;
    size_t n_stored;
    db_rows **chunks;
    size_t n_chunks;
    char today[11];
    asset_network_model model; /* the setting network_model: the rule important_on_internet */
} ai_ctx;

static const char *ai_header(const ai_ctx *x, int col)
{
    return x->col[col] >= 0 ? x->head->fields[x->col[col]] : asset_columns[col].ja;
}

static size_t ai_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80) n++;
    return n;
}

static bool ai_unit_in_scope(const ai_ctx *x, long unit)
{
    if (x->importer == 0) return true;
    for (size_t i = 0; i < x->scope->n_rows; i++)
        if (atol(db_cell(x->scope, i, 0)) == unit) return true;
    return false;
}

/* Of two units with one code or name, the open one (org_unit rows: id, code, name, valid_to). */
static long ai_prefer_open(const void *ctx, long a, long b)
{
    const db_rows *units = ctx;
    bool a_open = !db_cell(units, (size_t)a, 3), b_open = !db_cell(units, (size_t)b, 3);
    if (a_open != b_open) return a_open ? a : b;
    return AI_AMBIGUOUS;
}

static err_code ai_load(ai_ctx *x, err *e)
{
    char who[24];
    snprintf(who, sizeof who, "%ld", x->importer);
    err_code rc = db_query(x->c, "SELECT id, code, name_ja, valid_to FROM org_unit ORDER BY id", DB_NO_PARAMS,
                           &x->units, e);
    if (rc == OK)
        rc = db_query(x->c,
                      "SELECT p.id, p.name, a.login FROM person p LEFT JOIN account a ON a.person_id = p.id"
                      " WHERE p.active = 1 ORDER BY p.id",
                      DB_NO_PARAMS, &x->people, e);
    if (rc == OK)
        rc = db_query(x->c,
                      "SELECT k.id, k.axis, k.code, k.name_ja, k.rank FROM classification_class k JOIN classification_scheme s"
                      " ON s.code = k.scheme_code WHERE s.in_force = 1 ORDER BY k.axis, k.rank DESC",
                      DB_NO_PARAMS, &x->classes, e);
    if (rc == OK)
        rc = db_query(x->c, AUTHZ_SCOPE_CTE "SELECT id FROM scope", DB_PARAMS(who, "asset.write", x->today), &x->scope,
                      e);
    if (rc == OK && x->importer != 0) rc = authz_holds(x->c, x->importer, "asset.write", &x->holds_write, e);
    if (rc != OK) return rc;
    ai_map_init(&x->unit_code, x->units->n_rows);
    ai_map_init(&x->unit_name, x->units->n_rows);
    for (size_t i = 0; i < x->units->n_rows; i++) {
        ai_map_put(&x->unit_code, db_cell(x->units, i, 1), (long)i, ai_prefer_open, x->units);
        ai_map_put(&x->unit_name, db_cell(x->units, i, 2), (long)i, ai_prefer_open, x->units);
    }
    ai_map_init(&x->person_name, x->people->n_rows);
    ai_map_init(&x->person_login, x->people->n_rows);
    for (size_t i = 0; i < x->people->n_rows; i++) {
        ai_map_put(&x->person_name, db_cell(x->people, i, 1), (long)i, NULL, NULL);
        ai_map_put(&x->person_login, db_cell(x->people, i, 2), (long)i, NULL, NULL);
    }
    return OK;
}

/* An ID cell: a positive number, or 0 when empty; -1 when it is not a number. */
static long ai_id(const char *s)
{
    while (*s == ' ') s++;
    if (!*s) return 0;
    char *end = NULL;
    long v = strtol(s, &end, 10);
    while (end && *end == ' ') end++;
    return end && !*end && v > 0 ? v : -1;
}

static int ai_long_cmp(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return x < y ? -1 : x > y;
}

static int ai_stored_cmp(const void *a, const void *b)
{
    long x = ((const ai_stored *)a)->id, y = ((const ai_stored *)b)->id;
    return x < y ? -1 : x > y;
}

/* Loads the stored assets the file names by ID: ranges of the sorted IDs, each one query. */
static err_code ai_load_stored(ai_ctx *x, const csv_table *t, err *e)
{
    if (x->col[AI_ID] < 0) return OK;
    long *ids = xcalloc(t->n_rows + 1, sizeof *ids);
    size_t n = 0;
    for (size_t r = 1; r < t->n_rows; r++) {
        const csv_row *row = &t->rows[r];
        long id = (size_t)x->col[AI_ID] < row->n_fields ? ai_id(row->fields[x->col[AI_ID]]) : 0;
        if (id > 0) ids[n++] = id;
    }
    qsort(ids, n, sizeof *ids, ai_long_cmp);
    err_code rc = OK;
    x->stored = xcalloc(n + 1, sizeof *x->stored);
    x->chunks = xcalloc(n / 500 + 2, sizeof *x->chunks);
    for (size_t i = 0; i < n && rc == OK;) {
        size_t j = i + 500 < n ? i + 500 : n;
        char lo[24], hi[24];
        snprintf(lo, sizeof lo, "%ld", ids[i]);
        snprintf(hi, sizeof hi, "%ld", ids[j - 1]);
        db_rows *rows = NULL;
        rc = db_query(x->c, AI_STORED_SQL, DB_PARAMS(lo, hi), &rows, e);
        if (rc != OK) break;
        x->chunks[x->n_chunks++] = rows;
        /* Keep only the rows the file names (the range may hold others). */
        size_t k = i;
        for (size_t r = 0; r < rows->n_rows; r++) {
            long id = atol(db_cell(rows, r, S_ID));
            while (k < j && ids[k] < id) k++;
            if (k < j && ids[k] == id) {
                if (x->n_stored == 0 || x->stored[x->n_stored - 1].id != id)
                    x->stored[x->n_stored++] = (ai_stored){id, rows, r, 0};
            }
        }
        i = j;
    }
    free(ids);
    return rc;
}

static ai_stored *ai_find_stored(ai_ctx *x, long id)
{
    ai_stored key = {id, NULL, 0, 0};
    return bsearch(&key, x->stored, x->n_stored, sizeof *x->stored, ai_stored_cmp);
}

static const char *ai_st(const ai_stored *s, int col)
{
    return db_cell(s->rows, s->r, (size_t)col);
}

static bool ai_same_text(const char *stored, const char *cell)
{
    return strcmp(stored ? stored : "", cell) == 0;
}

/* A required enumeration cell. */
static const char *ai_check_enum(ai_ctx *x, size_t row, int col, const char *v, const asset_label *list, size_t n,
                                 bool required)
{
    if (!*v) {
        if (required) import_problem_add(x->report, row, ai_header(x, col), "a value is required");
        return NULL;
    }
    const char *code = asset_import_enum(v, list, n);
    if (!code) {
        buf choices;
        buf_init(&choices, 0);
        for (size_t i = 0; i < n; i++) buf_printf(&choices, "%s%s", i ? ", " : "", list[i].ja);
        import_problem_add(x->report, row, ai_header(x, col), "\"%s\" is not one of %s", v, buf_str(&choices));
        buf_free(&choices);
    }
    return code;
}

static void ai_check_text(ai_ctx *x, size_t row, int col, const char *v, size_t max)
{
    if (ai_chars(v) > max) import_problem_add(x->report, row, ai_header(x, col), "at most %zu characters", max);
}

/* A class of axis ("C", "I", "A") of the scheme in force by its code (3A), its name
 * (自治体機密性3A) or both (C3A); 0 when there is none. */
static long ai_class(const ai_ctx *x, const char *axis, const char *v)
{
    for (size_t i = 0; i < x->classes->n_rows; i++) {
        if (strcmp(db_cell(x->classes, i, 1), axis) != 0) continue;
        const char *code = db_cell(x->classes, i, 2);
        if (strcmp(v, code) == 0 || strcmp(v, db_cell(x->classes, i, 3)) == 0 ||
            (v[0] == axis[0] && strcmp(v + 1, code) == 0))
            return atol(db_cell(x->classes, i, 0));
    }
    return 0;
}

/* The rank of a class of the scheme in force (0: none). */
static int ai_class_rank(const ai_ctx *x, long id)
{
    for (size_t i = 0; id && i < x->classes->n_rows; i++)
        if (atol(db_cell(x->classes, i, 0)) == id) return atoi(db_cell(x->classes, i, 4));
    return 0;
}

static long ai_check_class(ai_ctx *x, size_t row, int col, const char *axis, const char *v, bool required)
{
    if (!*v) {
        if (required) import_problem_add(x->report, row, ai_header(x, col), "a class is required");
        return 0;
    }
    long id = ai_class(x, axis, v);
    if (!id) {
        buf codes;
        buf_init(&codes, 0);
        for (size_t i = 0; i < x->classes->n_rows; i++)
            if (strcmp(db_cell(x->classes, i, 1), axis) == 0)
                buf_printf(&codes, "%s%s", codes.len ? ", " : "", db_cell(x->classes, i, 2));
        import_problem_add(x->report, row, ai_header(x, col), "\"%s\" is not a class of the scheme in force (%s)", v,
                           buf_str(&codes));
        buf_free(&codes);
    }
    return id;
}

/* The unit of a row: by code when the code cell is filled, else by name. 0 when none
 * is given, -1 when at fault (reported). */
static long ai_check_unit(ai_ctx *x, size_t row, const char *code, const char *name, int *col_used)
{
    *col_used = *code ? AI_UNIT_CODE : AI_UNIT;
    if (!*code && !*name) return 0;
    long i = *code ? ai_map_get(&x->unit_code, code) : ai_map_get(&x->unit_name, name);
    if (i == AI_AMBIGUOUS) {
        /* Name both (or all) units, so the file can be fixed with a code. */
        buf codes;
        buf_init(&codes, 0);
        const char *key = *code ? code : name;
        for (size_t k = 0; k < x->units->n_rows; k++)
            if (strcmp(db_cell(x->units, k, *code ? 1 : 2), key) == 0)
                buf_printf(&codes, "%s%s", codes.len ? ", " : "", db_cell(x->units, k, 1));
        import_problem_add(x->report, row, ai_header(x, *col_used),
                           "\"%s\" names more than one unit (codes %s): give the unit's code", key, buf_str(&codes));
        buf_free(&codes);
        return -1;
    }
    if (i < 0) {
        import_problem_add(x->report, row, ai_header(x, *col_used), "no unit %s \"%s\"", *code ? "with the code" : "named",
                           *code ? code : name);
        return -1;
    }
    return atol(db_cell(x->units, (size_t)i, 0));
}

/* Checks a unit an asset is put in (a new one, or moved): open, and the importer's. */
static void ai_check_unit_writable(ai_ctx *x, size_t row, int col, long unit)
{
    for (size_t i = 0; i < x->units->n_rows; i++) {
        if (atol(db_cell(x->units, i, 0)) != unit) continue;
        if (db_cell(x->units, i, 3))
            import_problem_add(x->report, row, ai_header(x, col), "the unit %s is closed (its last day was %s)",
                               db_cell(x->units, i, 1), db_cell(x->units, i, 3));
        else if (!ai_unit_in_scope(x, unit))
            import_problem_add(x->report, row, ai_header(x, col),
                               "the unit %s is not one of yours (you register assets in the units where you hold "
                               "asset.write)",
                               db_cell(x->units, i, 1));
        return;
    }
}

/* The manager of a row by name (unique among active people) or login; 0 when empty, -1
 * when at fault (reported). */
static long ai_check_manager(ai_ctx *x, size_t row, const char *v)
{
    if (!*v) return 0;
    long i = ai_map_get(&x->person_name, v);
    if (i == AI_AMBIGUOUS) {
        long by_login = ai_map_get(&x->person_login, v);
        if (by_login >= 0) return atol(db_cell(x->people, (size_t)by_login, 0));
        import_problem_add(x->report, row, ai_header(x, AI_MANAGER),
                           "more than one active person is called \"%s\": give their login", v);
        return -1;
    }
    if (i < 0) i = ai_map_get(&x->person_login, v);
    if (i < 0) {
        import_problem_add(x->report, row, ai_header(x, AI_MANAGER), "no active person named (or with the login) \"%s\"",
                           v);
        return -1;
    }
    return atol(db_cell(x->people, (size_t)i, 0));
}

/* Checks one data row; fills p. Returns false when the row writes nothing. */
static bool ai_check_row(ai_ctx *x, const csv_row *row, size_t sheet, ai_row *p)
{
    import_report *rep = x->report;
    const char *cell[AI_COUNT];
    bool has[AI_COUNT];
    for (int k = 0; k < AI_COUNT; k++) {
        has[k] = x->col[k] >= 0;
        cell[k] = has[k] && (size_t)x->col[k] < row->n_fields ? row->fields[x->col[k]] : "";
    }
    if (row->n_fields > x->head->n_fields)
        import_problem_add(rep, sheet, "", "this row has %zu cells; the header has %zu", row->n_fields,
                           x->head->n_fields);
    size_t before = rep->n_problems;
    memset(p, 0, sizeof *p);
    asset_fields init = ASSET_FIELDS_INIT;
    p->f = init;
    p->sheet_row = sheet;

    /* The asset the row names, if any. */
    ai_stored *st = NULL;
    long id = ai_id(cell[AI_ID]);
    if (id < 0) {
        import_problem_add(rep, sheet, ai_header(x, AI_ID), "\"%s\" is not an asset ID (a number, or empty for a new asset)",
                           cell[AI_ID]);
    } else if (id > 0) {
        st = ai_find_stored(x, id);
        bool may = false;
        if (st) {
            long unit = atol(ai_st(st, S_UNIT));
            const char *mgr = ai_st(st, S_MANAGER);
            may = x->importer == 0 || ai_unit_in_scope(x, unit) ||
                  (x->holds_write && mgr && atol(mgr) == x->importer);
        }
        if (st && st->seen_row) {
            import_problem_add(rep, sheet, ai_header(x, AI_ID), "the asset %ld is also on row %zu", id, st->seen_row);
            st = NULL;
        } else if (st && !may) {
            /* Need-to-know: one the importer may not see does not exist for them. */
            bool sees = false;
            err e2 = ERR_INIT;
            if (authz_sees(x->c, x->importer, AUTHZ_ASSET, id, &sees, &e2) != OK) sees = false;
            err_clear(&e2);
            if (sees)
                import_problem_add(rep, sheet, ai_header(x, AI_ID),
                                   "you may see the asset %ld but not change it (asset.write in its unit, or its manager)",
                                   id);
            else
                import_problem_add(rep, sheet, ai_header(x, AI_ID), "no asset with the ID %ld", id);
            st->seen_row = sheet;
            st = NULL;
        } else if (!st) {
            import_problem_add(rep, sheet, ai_header(x, AI_ID), "no asset with the ID %ld", id);
        } else {
            st->seen_row = sheet;
        }
    }
    bool creating = id == 0;
    if (st) {
        p->id = id;
        p->version = atol(ai_st(st, S_VERSION));
    }
    if (has[AI_VERSION] && *cell[AI_VERSION] && id != 0) {
        long v = ai_id(cell[AI_VERSION]);
        if (v <= 0)
            import_problem_add(rep, sheet, ai_header(x, AI_VERSION), "\"%s\" is not a version number", cell[AI_VERSION]);
        else if (st && v != p->version)
            import_problem_add(rep, sheet, ai_header(x, AI_VERSION),
                               "the asset has changed since the file was exported (version %ld now, the file has %ld)",
                               p->version, v);
    }

    /* Fields: a new asset needs the required ones; a change names what it sets. */
    bool req = creating;
    const char *name = cell[AI_NAME];
    if ((req || has[AI_NAME]) && !*name) import_problem_add(rep, sheet, ai_header(x, AI_NAME), "a name is required");
    ai_check_text(x, sheet, AI_NAME, name, 200);
    const char *kind = ai_check_enum(x, sheet, AI_KIND, cell[AI_KIND], asset_kind_labels, ASSET_IMPORT_N(asset_kind_labels), req || has[AI_KIND]);
    ai_check_text(x, sheet, AI_DESCRIPTION, cell[AI_DESCRIPTION], 4000);
    ai_check_text(x, sheet, AI_LOCATION, cell[AI_LOCATION], 200);
    ai_check_text(x, sheet, AI_RETENTION, cell[AI_RETENTION], 100);
    ai_check_text(x, sheet, AI_DISPOSAL_METHOD, cell[AI_DISPOSAL_METHOD], 200);
    ai_check_text(x, sheet, AI_CLASS_REASON, cell[AI_CLASS_REASON], 2000);
    int unit_col;
    long unit = ai_check_unit(x, sheet, cell[AI_UNIT_CODE], cell[AI_UNIT], &unit_col);
    if (unit == 0 && (req || has[AI_UNIT_CODE] || has[AI_UNIT]))
        import_problem_add(rep, sheet, ai_header(x, has[AI_UNIT_CODE] ? AI_UNIT_CODE : AI_UNIT),
                           "the owner unit is required (its code or its name)");
    long manager = ai_check_manager(x, sheet, cell[AI_MANAGER]);
    const char *segment =
        ai_check_enum(x, sheet, AI_SEGMENT, cell[AI_SEGMENT], asset_segment_labels, ASSET_IMPORT_N(asset_segment_labels), req || has[AI_SEGMENT]);
    const char *format =
        ai_check_enum(x, sheet, AI_FORMAT, cell[AI_FORMAT], asset_format_labels, ASSET_IMPORT_N(asset_format_labels), req || has[AI_FORMAT]);
    int personal = asset_import_flag(cell[AI_PERSONAL]), mynumber = asset_import_flag(cell[AI_MYNUMBER]);
    if (personal < 0)
        import_problem_add(rep, sheet, ai_header(x, AI_PERSONAL), "\"%s\" is not あり or なし", cell[AI_PERSONAL]);
    if (mynumber < 0)
        import_problem_add(rep, sheet, ai_header(x, AI_MYNUMBER), "\"%s\" is not あり or なし", cell[AI_MYNUMBER]);
    long ck = ai_check_class(x, sheet, AI_C, "C", cell[AI_C], req || has[AI_C]);
    long ik = ai_check_class(x, sheet, AI_I, "I", cell[AI_I], req || has[AI_I]);
    long ak = ai_check_class(x, sheet, AI_A, "A", cell[AI_A], req || has[AI_A]);
    if ((req || has[AI_CLASS_REASON]) && !*cell[AI_CLASS_REASON])
        import_problem_add(rep, sheet, ai_header(x, AI_CLASS_REASON), "a reason for the classes is required");
    const char *status = *cell[AI_STATUS] ? ai_check_enum(x, sheet, AI_STATUS, cell[AI_STATUS], asset_status_labels,
                                                          ASSET_IMPORT_N(asset_status_labels), false)
                                          : NULL;

    /* The asset as it would be: the row's values over the stored ones. */
    int final_personal = personal, final_mynumber = mynumber;
    const char *final_segment = segment;
    if (st) {
        if (!has[AI_PERSONAL]) final_personal = atoi(ai_st(st, S_PERSONAL));
        if (!has[AI_MYNUMBER]) final_mynumber = atoi(ai_st(st, S_MYNUMBER));
        if (!has[AI_SEGMENT]) final_segment = ai_st(st, S_SEGMENT);
    }
    if (final_mynumber == 1 && final_personal == 0)
        import_problem_add(rep, sheet, ai_header(x, AI_PERSONAL),
                           "マイナンバー is personal data: 個人情報 must be あり while マイナンバー is");
    if (final_mynumber == 1 && final_segment && strcmp(final_segment, "internet") == 0)
        import_problem_add(rep, sheet, ai_header(x, has[AI_SEGMENT] ? AI_SEGMENT : AI_MYNUMBER),
                           "rule mynumber_not_on_internet (三層の対策): マイナンバーを含む情報資産はインターネット接続系に"
                           "置けません: %s",
                           *name ? name : st ? ai_st(st, S_NAME) : "");
    /* important_on_internet, by the body's model (asset_rules.c): an error in α and α′. */
    int c_rank = ai_class_rank(x, ck ? ck : st ? atol(ai_st(st, S_C)) : 0);
    if ((final_personal == 1 || c_rank >= ASSET_IMPORTANT_C_RANK) && final_mynumber != 1 && final_segment &&
        strcmp(final_segment, "internet") == 0 && (x->model == ASSET_MODEL_ALPHA || x->model == ASSET_MODEL_ALPHA_PRIME)) {
        char *text = asset_important_message(x->model, *name ? name : st ? ai_st(st, S_NAME) : "");
        import_problem_add(rep, sheet, ai_header(x, has[AI_SEGMENT] ? AI_SEGMENT : has[AI_C] ? AI_C : AI_PERSONAL), "%s",
                           text);
        free(text);
    }

    /* Disposal. */
    bool disposing = status && strcmp(status, "disposed") == 0;
    if (disposing) {
        if (!*cell[AI_DISPOSED_ON])
            import_problem_add(rep, sheet, ai_header(x, AI_DISPOSED_ON), "the date of disposal is required");
        else if (!asset_import_date(cell[AI_DISPOSED_ON], p->disposed_on))
            import_problem_add(rep, sheet, ai_header(x, AI_DISPOSED_ON),
                               "\"%s\" is not a date (2025-04-01, 2025/4/1 or 令和7年4月1日)", cell[AI_DISPOSED_ON]);
        else if (strcmp(p->disposed_on, x->today) > 0)
            import_problem_add(rep, sheet, ai_header(x, AI_DISPOSED_ON), "%s is in the future", p->disposed_on);
        if (!*cell[AI_DISPOSED_METHOD])
            import_problem_add(rep, sheet, ai_header(x, AI_DISPOSED_METHOD), "how it was disposed of is required");
        ai_check_text(x, sheet, AI_DISPOSED_METHOD, cell[AI_DISPOSED_METHOD], 200);
        if (!*cell[AI_WITNESS])
            import_problem_add(rep, sheet, ai_header(x, AI_WITNESS), "who witnessed the disposal is required");
        ai_check_text(x, sheet, AI_WITNESS, cell[AI_WITNESS], 200);
        p->disposed_method = cell[AI_DISPOSED_METHOD];
        p->witness = cell[AI_WITNESS];
    } else if (*cell[AI_DISPOSED_ON] && (!st || strcmp(ai_st(st, S_STATUS), "disposed") != 0)) {
        import_problem_add(rep, sheet, ai_header(x, AI_DISPOSED_ON), "a date of disposal, but 状態 is not 廃棄済");
    }

    asset_fields *f = &p->f;
    if (creating) {
        if (unit > 0) ai_check_unit_writable(x, sheet, unit_col, unit);
        f->kind = kind;
        f->name = name;
        f->description = *cell[AI_DESCRIPTION] ? cell[AI_DESCRIPTION] : NULL;
        f->location = *cell[AI_LOCATION] ? cell[AI_LOCATION] : NULL;
        f->retention = *cell[AI_RETENTION] ? cell[AI_RETENTION] : NULL;
        f->disposal_method = *cell[AI_DISPOSAL_METHOD] ? cell[AI_DISPOSAL_METHOD] : NULL;
        f->class_reason = cell[AI_CLASS_REASON];
        f->segment = segment;
        f->format = format;
        f->owner_unit_id = unit;
        f->manager_id = manager > 0 ? manager : 0;
        f->personal_data = personal > 0 || mynumber > 0;
        f->mynumber = mynumber > 0;
        f->c_class_id = ck;
        f->i_class_id = ik;
        f->a_class_id = ak;
        p->dispose = disposing;
        return rep->n_problems == before;
    }
    if (!st || rep->n_problems != before) return false;

    /* A change: only what differs from the stored asset. */
    bool related = atol(ai_st(st, S_RELATED)) > 0;
#define AI_TEXT(col, scol, field)                                                                   \
    if (has[col] && !ai_same_text(ai_st(st, scol), cell[col])) f->field = cell[col];
    AI_TEXT(AI_NAME, S_NAME, name)
    AI_TEXT(AI_DESCRIPTION, S_DESCRIPTION, description)
    AI_TEXT(AI_LOCATION, S_LOCATION, location)
    AI_TEXT(AI_RETENTION, S_RETENTION, retention)
    AI_TEXT(AI_DISPOSAL_METHOD, S_DISPOSAL_METHOD, disposal_method)
    AI_TEXT(AI_CLASS_REASON, S_CLASS_REASON, class_reason)
#undef AI_TEXT
    if (kind && strcmp(kind, ai_st(st, S_KIND)) != 0) {
        f->kind = kind;
        if (related)
            import_problem_add(rep, sheet, ai_header(x, AI_KIND),
                               "the asset is related to others as a %s: end its relations before changing its kind",
                               asset_import_enum_label(ai_st(st, S_KIND), asset_kind_labels, ASSET_IMPORT_N(asset_kind_labels)));
    }
    if (segment && strcmp(segment, ai_st(st, S_SEGMENT)) != 0) f->segment = segment;
    if (format && strcmp(format, ai_st(st, S_FORMAT)) != 0) f->format = format;
    if (unit > 0 && unit != atol(ai_st(st, S_UNIT))) {
        ai_check_unit_writable(x, sheet, unit_col, unit);
        f->owner_unit_id = unit;
    }
    if (has[AI_MANAGER] && manager >= 0) {
        long stored_manager = ai_st(st, S_MANAGER) ? atol(ai_st(st, S_MANAGER)) : 0;
        if (manager != stored_manager) f->manager_id = manager > 0 ? manager : -1;
    }
    if (has[AI_PERSONAL] && personal != atoi(ai_st(st, S_PERSONAL))) f->personal_data = personal;
    if (has[AI_MYNUMBER] && mynumber != atoi(ai_st(st, S_MYNUMBER))) f->mynumber = mynumber;
    if (ck && ck != atol(ai_st(st, S_C))) f->c_class_id = ck;
    if (ik && ik != atol(ai_st(st, S_I))) f->i_class_id = ik;
    if (ak && ak != atol(ai_st(st, S_A))) f->a_class_id = ak;
    p->changes = f->kind || f->name || f->description || f->location || f->retention || f->disposal_method ||
                 f->class_reason || f->segment || f->format || f->owner_unit_id || f->manager_id ||
                 f->personal_data >= 0 || f->mynumber >= 0 || f->c_class_id || f->i_class_id || f->a_class_id;
    bool stored_disposed = strcmp(ai_st(st, S_STATUS), "disposed") == 0;
    if (stored_disposed) {
        if (status && strcmp(status, "in_use") == 0)
            import_problem_add(rep, sheet, ai_header(x, AI_STATUS),
                               "the asset %ld has been disposed of: it is never brought back to use", id);
        else if (p->changes)
            import_problem_add(rep, sheet, ai_header(x, AI_ID),
                               "the asset %ld has been disposed of: it cannot be changed", id);
        return false;
    }
    p->dispose = disposing;
    return rep->n_problems == before && (p->changes || p->dispose);
}

err_code asset_import_check(db_conn *c, long importer, const char *network_model, const csv_table *t,
                            asset_import_plan **plan_out,
                            import_report *report, void (*progress)(void *arg, size_t done, size_t total), void *arg,
                            err *e)
{
    memset(report, 0, sizeof *report);
    *plan_out = NULL;
    if (t->n_rows == 0) {
        import_problem_add(report, 0, "", "the file is empty: the first row must name the columns");
        return OK;
    }
    ai_ctx x;
    memset(&x, 0, sizeof x);
    x.c = c;
    x.importer = importer;
    x.model = asset_network_model_of(network_model);
    x.report = report;
    x.head = &t->rows[0];
    time_today_local(x.today);
    for (int i = 0; i < AI_COUNT; i++) x.col[i] = -1;
    for (size_t f = 0; f < x.head->n_fields; f++) {
        const char *h = x.head->fields[f];
        int col = asset_import_column(h);
        if (col < 0) {
            if (*h) import_problem_add(report, 1, h, "unknown column (the columns are those of the ledger's export)");
            continue;
        }
        if (x.col[col] >= 0) import_problem_add(report, 1, h, "this column appears twice");
        x.col[col] = (int)f;
    }
    /* A file that only registers (no ID column) must have what a new asset needs. */
    if (x.col[AI_ID] < 0) {
        static const int required[] = {AI_NAME, AI_KIND, AI_SEGMENT, AI_FORMAT, AI_C, AI_I, AI_A, AI_CLASS_REASON};
        for (size_t i = 0; i < ASSET_IMPORT_N(required); i++)
            if (x.col[required[i]] < 0)
                import_problem_add(report, 1, asset_columns[required[i]].ja, "the column %s (%s) is required",
                                   asset_columns[required[i]].ja, asset_columns[required[i]].en);
        if (x.col[AI_UNIT_CODE] < 0 && x.col[AI_UNIT] < 0)
            import_problem_add(report, 1, "所有部署コード", "a column 所有部署コード (owner_unit_code) or 所有部署 "
                                                            "(owner_unit) is required");
    }
    report->n_rows = t->n_rows - 1;
    if (report->n_problems) return OK;

    err_code rc = ai_load(&x, e);
    if (rc == OK) rc = ai_load_stored(&x, t, e);
    if (rc != OK) goto cleanup;

    asset_import_plan *plan = xcalloc(1, sizeof *plan);
    plan->rows = xcalloc(t->n_rows, sizeof *plan->rows);
    size_t total = t->n_rows - 1;
    for (size_t r = 1; r < t->n_rows; r++) {
        const csv_row *row = &t->rows[r];
        /* A row of empty cells (Excel leaves some at the end) is no asset. */
        bool blank = true;
        for (size_t k = 0; k < row->n_fields && blank; k++) blank = !*row->fields[k];
        if (blank) continue;
        size_t before = report->n_problems;
        if (ai_check_row(&x, row, r + 1, &plan->rows[plan->n])) plan->n++;
        else if (report->n_problems == before) plan->unchanged++;
        if (progress && r % 5000 == 0) progress(arg, r, total);
    }
    if (progress) progress(arg, total, total);
    plan->model = x.model;
    *plan_out = plan;
cleanup:
    for (size_t i = 0; i < x.n_chunks; i++) db_rows_free(x.chunks[i]);
    free(x.chunks);
    free(x.stored);
    ai_map_free(&x.unit_code);
    ai_map_free(&x.unit_name);
    ai_map_free(&x.person_name);
    ai_map_free(&x.person_login);
    db_rows_free(x.units);
    db_rows_free(x.people);
    db_rows_free(x.classes);
    db_rows_free(x.scope);
    return rc;
}

size_t asset_import_plan_writes(const asset_import_plan *plan)
{
    return plan ? plan->n : 0;
}

typedef struct ai_apply_progress {
    void (*fn)(void *arg, size_t done, size_t total);
    void *arg;
    size_t base, total;
} ai_apply_progress;

static void ai_created(void *arg, size_t done)
{
    ai_apply_progress *p = arg;
    if (p->fn) p->fn(p->arg, p->base + done, p->total);
}

/* A write that failed after the check (the store changed meanwhile): the row and why. */
static err_code ai_row_failed(err *e, err_code rc, size_t row)
{
    if (!e) return rc;
    const char *why = e->n_fields ? e->fields[0].message : e->message ? e->message : err_code_name(rc);
    const char *field = e->n_fields ? e->fields[0].field : NULL;
    char *text = field ? xasprintf("row %zu: %s %s", row, field, why) : xasprintf("row %zu: %s", row, why);
    err_clear(e);
    err_set(e, rc == ERR_NOT_FOUND || rc == ERR_FORBIDDEN ? ERR_CONFLICT : rc, "%s", text);
    free(text);
    return e->code;
}

err_code asset_import_apply(db_conn *c, const audit_actor *actor, const asset_import_source *src,
                            const asset_import_plan *plan, bool strict, asset_import_counts *counts,
                            asset_import_timing *timing, void (*progress)(void *arg, size_t done, size_t total),
                            void *arg, err *e)
{
    memset(counts, 0, sizeof *counts);
    counts->unchanged = plan->unchanged;
    err_code rc = OK;
    size_t done = 0, n_new = 0;
    /* Changes first, each through asset_update / asset_dispose (checked again). */
    for (size_t i = 0; i < plan->n && rc == OK; i++) {
        const ai_row *p = &plan->rows[i];
        if (!p->id) {
            n_new++;
            continue;
        }
        long version = p->version;
        if (p->changes) {
            asset_warnings w = {strict, NULL, 0, asset_network_model_name(plan->model)};
            rc = asset_update(c, actor, p->id, version, &p->f, &version, &w, e);
            asset_warnings_free(&w);
            if (rc != OK) return ai_row_failed(e, rc, p->sheet_row);
            counts->updated++;
        }
        if (p->dispose) {
            asset_disposal d = {p->disposed_on, p->disposed_method, p->witness};
            rc = asset_dispose(c, actor, p->id, version, &d, &version, e);
            if (rc != OK) return ai_row_failed(e, rc, p->sheet_row);
            counts->disposed++;
        }
        if (progress && ++done % 1000 == 0) progress(arg, done, plan->n);
    }
    /* New assets in one run. */
    const asset_fields **fs = xcalloc(n_new + 1, sizeof *fs);
    const ai_row **rows = xcalloc(n_new + 1, sizeof *rows);
    long *ids = xcalloc(n_new + 1, sizeof *ids);
    size_t k = 0;
    for (size_t i = 0; i < plan->n; i++)
        if (!plan->rows[i].id) {
            rows[k] = &plan->rows[i];
            fs[k++] = &plan->rows[i].f;
        }
    ai_apply_progress ap = {progress, arg, done, plan->n};
    char digest[AUDIT_HASH_HEX];
    rc = asset_import_write_new(c, actor, fs, n_new, ids, digest, timing, ai_created, &ap, e);
    if (rc == OK) counts->created = n_new;
    /* Then the new ones the file records as disposed of: a second version each. */
    for (size_t i = 0; i < n_new && rc == OK; i++) {
        if (!rows[i]->dispose) continue;
        asset_disposal d = {rows[i]->disposed_on, rows[i]->disposed_method, rows[i]->witness};
        long version = 0;
        rc = asset_dispose(c, actor, ids[i], 1, &d, &version, e);
        if (rc != OK) rc = ai_row_failed(e, rc, rows[i]->sheet_row);
        else counts->disposed++;
    }
    /* The import itself, one event (after those of its changes and disposals). */
    if (rc == OK && (counts->created || counts->updated || counts->disposed))
        rc = asset_import_audit(c, actor, src, counts, ids, digest, e);
    if (rc == OK && progress) progress(arg, plan->n, plan->n);
    free(fs);
    free(rows);
    free(ids);
    return rc;
}

void asset_import_plan_free(asset_import_plan *plan)
{
    if (!plan) return;
    free(plan->rows);
    free(plan);
}
