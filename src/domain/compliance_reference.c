/* compliance_reference — compliance against a reference catalog through the mappings
 * (see compliance_reference.h). Five reads in the caller's transaction — the catalog,
 * its items, the open mappings, the requirement tree and the per-requirement figures of
 * the units — then everything is put together in memory: a catalog has at most a few
 * thousand items and mamori's catalog a few hundred requirements. */
#include "domain/compliance_reference.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "domain/reference_catalog.h"
#include "io/csv_write.h"

void compref_report_free(compref_report *r)
{
    for (size_t i = 0; i < r->n_controls; i++) {
        compref_control *k = &r->controls[i];
        for (size_t q = 0; q < k->n_reqs; q++) {
            free(k->reqs[q].code);
            free(k->reqs[q].title_ja);
            free(k->reqs[q].title_en);
        }
        free(k->reqs);
        free(k->item_id);
        free(k->title);
        free(k->label);
    }
    for (size_t i = 0; i < r->n_families; i++) {
        free(r->families[i].item_id);
        free(r->families[i].title);
        free(r->families[i].label);
    }
    free(r->controls);
    free(r->families);
    free(r->uuid);
    free(r->title);
    free(r->version);
    memset(r, 0, sizeof *r);
}

bool compref_ref_ok(const char *ref)
{
    if (!ref || !*ref) return false;
    size_t n = strlen(ref);
    bool digits = n <= 18;
    for (size_t i = 0; digits && i < n; i++) digits = isdigit((unsigned char)ref[i]);
    if (digits) return ref[0] != '0';
    if (n != 36) return false;
    for (size_t i = 0; i < n; i++) {
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? ref[i] != '-' : !isxdigit((unsigned char)ref[i])) return false;
    }
    return true;
}

err_code compref_catalog_find(db_conn *c, const char *ref, long *catalog_id, err *e)
{
    *catalog_id = 0;
    if (!compref_ref_ok(ref)) return err_set(e, ERR_NOT_FOUND, "no such catalog");
    db_rows *rows = NULL;
    /* The uuid as the file has it, compared without regard to case (uuids are hex). */
    char *lower = xstrdup(ref);
    for (char *p = lower; *p; p++) *p = (char)tolower((unsigned char)*p);
    err_code rc = strlen(ref) == 36
                      ? db_query(c, "SELECT id FROM reference_catalog WHERE lower(uuid) = $1", DB_PARAMS(lower), &rows, e)
                      : db_query(c, "SELECT id FROM reference_catalog WHERE id = CAST($1 AS BIGINT)", DB_PARAMS(ref),
                                 &rows, e);
    free(lower);
    if (rc == OK && rows->n_rows != 1) rc = err_set(e, ERR_NOT_FOUND, "no such catalog");
    if (rc == OK) *catalog_id = atol(db_cell(rows, 0, 0));
    db_rows_free(rows);
    return rc;
}

/* ---- the requirement tree ---- */

/* mamori's requirements as a tree over indexes (the store's ids sorted), each with its
 * figures in the units; a subtree is walked for a mapped requirement's leaves. */
typedef struct cr_tree {
    long *ids;           /* owned, ascending */
    size_t n;
    long *first_child, *next_sibling; /* owned: indexes, -1 none */
    const long *(*fig);  /* owned array of pointers into the figures (NULL: none) */
    long *stack;         /* owned: the walk's */
} cr_tree;

static void cr_tree_free(cr_tree *t)
{
    free(t->ids);
    free(t->first_child);
    free(t->next_sibling);
    free(t->fig);
    free(t->stack);
    memset(t, 0, sizeof *t);
}

static int cr_cmp_long(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

static long cr_index(const cr_tree *t, long id)
{
    const long *p = bsearch(&id, t->ids, t->n, sizeof *t->ids, cr_cmp_long);
    return p ? (long)(p - t->ids) : -1;
}

static int cr_cmp_cell(const void *a, const void *b)
{
    long x = ((const compliance_req_cell *)a)->requirement_id, y = ((const compliance_req_cell *)b)->requirement_id;
    return (x > y) - (x < y);
}

/* rows: id, parent_id ordered by id; figs sorted by requirement. */
static void cr_tree_make(cr_tree *t, const db_rows *rows, const compliance_req_cell *figs, size_t n_figs)
{
    t->n = rows->n_rows;
    t->ids = xcalloc(t->n + 1, sizeof *t->ids);
    t->first_child = xcalloc(t->n + 1, sizeof *t->first_child);
    t->next_sibling = xcalloc(t->n + 1, sizeof *t->next_sibling);
    t->fig = xcalloc(t->n + 1, sizeof *t->fig);
    t->stack = xcalloc(t->n + 1, sizeof *t->stack);
    for (size_t i = 0; i < t->n; i++) {
        t->ids[i] = atol(db_cell(rows, i, 0));
        t->first_child[i] = t->next_sibling[i] = -1;
        compliance_req_cell key = {0, t->ids[i], {0}};
        const compliance_req_cell *f = n_figs ? bsearch(&key, figs, n_figs, sizeof *figs, cr_cmp_cell) : NULL;
        t->fig[i] = f ? f->n : NULL;
    }
    for (size_t i = t->n; i-- > 0;) {
        const char *p = db_cell(rows, i, 1);
        long parent = p ? cr_index(t, atol(p)) : -1;
        if (parent < 0 || parent == (long)i) continue;
        t->next_sibling[i] = t->first_child[parent];
        t->first_child[parent] = (long)i;
    }
}

/* Adds the figures of the requirements in root's subtree not yet marked with stamp in
 * mark to n, marking them. (Only leaves have figures; the walk is bounded by the number
 * of requirements, so a cycle made by hand in the store cannot hang it.) */
static void cr_add_subtree(cr_tree *t, long root, long *mark, long stamp, long n[COMPLIANCE_N_STATUS])
{
    size_t top = 0, steps = 0;
    t->stack[top++] = root;
    while (top > 0 && steps++ <= t->n) {
        long x = t->stack[--top];
        if (mark[x] == stamp) continue;
        mark[x] = stamp;
        if (t->fig[x])
            for (int s = 0; s < COMPLIANCE_N_STATUS; s++) n[s] += t->fig[x][s];
        for (long ch = t->first_child[x]; ch >= 0 && top < t->n; ch = t->next_sibling[ch]) t->stack[top++] = ch;
    }
}

/* ---- the report ---- */

enum { CR_I_ID, CR_I_PARENT, CR_I_KIND, CR_I_ITEM_ID, CR_I_TITLE, CR_I_PROPS };

/* The label of an item from its props (NULL when it has none). */
static char *cr_label(const db_rows *items, size_t i)
{
    const char *text = db_cell(items, i, CR_I_PROPS);
    if (!text) return NULL;
    json_t *props = json_loads(text, 0, NULL);
    const char *label = props ? refcat_props_label(props) : NULL;
    char *out = label ? xstrdup(label) : NULL;
    json_decref(props);
    return out;
}
enum { CR_M_CONTROL, CR_M_ID, CR_M_RELATION, CR_M_REQ, CR_M_CODE, CR_M_TITLE_JA, CR_M_TITLE_EN, CR_M_ACTIVE };

typedef struct cr_map_ref {
    const char *control_id;
    size_t row;
} cr_map_ref;

static int cr_cmp_map(const void *a, const void *b)
{
    const cr_map_ref *x = a, *y = b;
    int d = strcmp(x->control_id, y->control_id);
    return d ? d : (x->row > y->row) - (x->row < y->row);
}

typedef struct cr_pos {
    long id;
    size_t index;
} cr_pos;

static int cr_cmp_pos(const void *a, const void *b)
{
    long x = ((const cr_pos *)a)->id, y = ((const cr_pos *)b)->id;
    return (x > y) - (x < y);
}

err_code compref_build(db_conn *c, long catalog_id, bool recompute, const long *unit_ids, size_t n_units,
                       compref_report *out, err *e)
{
    memset(out, 0, sizeof *out);
    char ct[24];
    snprintf(ct, sizeof ct, "%ld", catalog_id);
    db_rows *cat = NULL, *items = NULL, *maps = NULL, *reqs = NULL;
    compliance_req_cell *figs = NULL;
    size_t n_figs = 0;
    cr_tree tree = {0};
    cr_map_ref *by_control = NULL;
    cr_pos *pos = NULL;
    size_t *top = NULL;
    long *mark_req = NULL, *mark_control = NULL, *mark_family = NULL, *mark_all = NULL, *family_reqs = NULL;
    err_code rc = db_query(c, "SELECT id, uuid, title, version FROM reference_catalog WHERE id = CAST($1 AS BIGINT)",
                           DB_PARAMS(ct), &cat, e);
    if (rc == OK && cat->n_rows != 1) rc = err_set(e, ERR_NOT_FOUND, "no such catalog");
    if (rc == OK)
        rc = db_query(c,
                      "SELECT id, parent_id, kind, item_id, title, props FROM reference_catalog_item"
                      " WHERE catalog_id = CAST($1 AS BIGINT) ORDER BY sort_order",
                      DB_PARAMS(ct), &items, e);
    if (rc == OK)
        rc = db_query(c,
                      "SELECT m.control_id, m.id, m.relation, r.id, r.code, r.title_ja, r.title_en, r.active"
                      " FROM requirement_mapping m JOIN requirement r ON r.id = m.requirement_id"
                      " WHERE m.catalog_id = CAST($1 AS BIGINT) AND m.ended_at IS NULL ORDER BY m.id",
                      DB_PARAMS(ct), &maps, e);
    if (rc == OK) rc = db_query(c, "SELECT id, parent_id FROM requirement ORDER BY id", DB_NO_PARAMS, &reqs, e);
    if (rc == OK) rc = compliance_by_requirement(c, recompute, unit_ids, n_units, &figs, &n_figs, e);
    if (rc != OK) goto cleanup;

    out->catalog_id = catalog_id;
    out->uuid = xstrdup(db_cell(cat, 0, 1));
    out->title = xstrdup(db_cell(cat, 0, 2));
    out->version = db_cell(cat, 0, 3) ? xstrdup(db_cell(cat, 0, 3)) : NULL;
    out->recomputed = recompute;
    cr_tree_make(&tree, reqs, figs, n_figs);

    /* The mappings by control id (strcmp, not a collation), for a lookup per control. */
    size_t n_maps = maps->n_rows;
    by_control = xcalloc(n_maps + 1, sizeof *by_control);
    for (size_t m = 0; m < n_maps; m++) by_control[m] = (cr_map_ref){db_cell(maps, m, CR_M_CONTROL), m};
    qsort(by_control, n_maps, sizeof *by_control, cr_cmp_map);

    /* Each item's family: its top-level ancestor (a parent comes before its children). */
    size_t n_items = items->n_rows;
    pos = xcalloc(n_items + 1, sizeof *pos);
    top = xcalloc(n_items + 1, sizeof *top);
    for (size_t i = 0; i < n_items; i++) pos[i] = (cr_pos){atol(db_cell(items, i, CR_I_ID)), i};
    qsort(pos, n_items, sizeof *pos, cr_cmp_pos);
    out->controls = xcalloc(n_items + 1, sizeof *out->controls);
    out->families = xcalloc(n_items + 1, sizeof *out->families);
    long *family_of_top = xcalloc(n_items + 1, sizeof *family_of_top); /* owned: item index → family + 1 */
    for (size_t i = 0; i < n_items; i++) {
        top[i] = i;
        const char *p = db_cell(items, i, CR_I_PARENT);
        if (p) {
            cr_pos key = {atol(p), 0};
            const cr_pos *hit = bsearch(&key, pos, n_items, sizeof *pos, cr_cmp_pos);
            if (hit && hit->index < i) top[i] = top[hit->index];
        }
        if (top[i] == i && !family_of_top[i]) {
            compref_family *f = &out->families[out->n_families];
            f->id = atol(db_cell(items, i, CR_I_ID));
            f->item_id = xstrdup(db_cell(items, i, CR_I_ITEM_ID));
            f->title = xstrdup(db_cell(items, i, CR_I_TITLE));
            f->label = cr_label(items, i);
            family_of_top[i] = (long)++out->n_families;
        }
    }

    /* Stamps: which requirements have been counted for the current requirement, control,
     * family and the whole catalog (family_reqs: mapped requirements, not leaves). */
    mark_req = xcalloc(tree.n + 1, sizeof *mark_req);
    mark_control = xcalloc(tree.n + 1, sizeof *mark_control);
    mark_family = xcalloc(tree.n + 1, sizeof *mark_family);
    mark_all = xcalloc(tree.n + 1, sizeof *mark_all);
    family_reqs = xcalloc(tree.n + 1, sizeof *family_reqs);
    long *all_reqs = xcalloc(tree.n + 1, sizeof *all_reqs); /* owned */
    long req_stamp = 0;
    for (size_t i = 0; i < n_items; i++) {
        if (strcmp(db_cell(items, i, CR_I_KIND), "control") != 0) continue;
        compref_control *k = &out->controls[out->n_controls++];
        k->id = atol(db_cell(items, i, CR_I_ID));
        k->item_id = xstrdup(db_cell(items, i, CR_I_ITEM_ID));
        k->title = xstrdup(db_cell(items, i, CR_I_TITLE));
        k->label = cr_label(items, i);
        k->family = (size_t)(family_of_top[top[i]] - 1);
        const char *p = db_cell(items, i, CR_I_PARENT);
        if (p) {
            cr_pos key = {atol(p), 0};
            const cr_pos *hit = bsearch(&key, pos, n_items, sizeof *pos, cr_cmp_pos);
            k->enhancement = hit && !strcmp(db_cell(items, hit->index, CR_I_KIND), "control");
            if (k->enhancement) k->parent_id = key.id;
        }
        compref_family *f = &out->families[k->family];
        f->controls++;
        long control_stamp = (long)out->n_controls, family_stamp = (long)k->family + 1;
        cr_map_ref key = {k->item_id, 0};
        size_t lo = 0, hi = n_maps; /* the first mapping of this control */
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (strcmp(by_control[mid].control_id, key.control_id) < 0) lo = mid + 1;
            else hi = mid;
        }
        size_t end = lo;
        while (end < n_maps && !strcmp(by_control[end].control_id, k->item_id)) end++;
        k->reqs = xcalloc(end - lo + 1, sizeof *k->reqs);
        for (size_t m = lo; m < end; m++) {
            size_t row = by_control[m].row;
            compref_requirement *q = &k->reqs[k->n_reqs++];
            q->id = atol(db_cell(maps, row, CR_M_REQ));
            q->mapping_id = atol(db_cell(maps, row, CR_M_ID));
            q->code = xstrdup(db_cell(maps, row, CR_M_CODE));
            q->title_ja = xstrdup(db_cell(maps, row, CR_M_TITLE_JA));
            q->title_en = db_cell(maps, row, CR_M_TITLE_EN) ? xstrdup(db_cell(maps, row, CR_M_TITLE_EN)) : NULL;
            snprintf(q->relation, sizeof q->relation, "%s", db_cell(maps, row, CR_M_RELATION));
            q->active = !strcmp(db_cell(maps, row, CR_M_ACTIVE), "1");
            long r = cr_index(&tree, q->id);
            if (r < 0) continue;
            cr_add_subtree(&tree, r, mark_req, ++req_stamp, q->n);
            cr_add_subtree(&tree, r, mark_control, control_stamp, k->n);
            cr_add_subtree(&tree, r, mark_family, family_stamp, f->n);
            cr_add_subtree(&tree, r, mark_all, 1, out->n);
            if (family_reqs[r] != family_stamp) {
                family_reqs[r] = family_stamp;
                f->requirements++;
            }
            if (!all_reqs[r]) {
                all_reqs[r] = 1;
                out->requirements++;
            }
        }
        if (k->n_reqs) {
            f->covered++;
            out->covered++;
        }
    }
    free(all_reqs);
    free(family_of_top);
    /* Mappings to controls the catalog no longer has (a newer file replaced it). */
    for (size_t m = 0; m < n_maps; m++) {
        bool found = false;
        for (size_t i = 0; i < out->n_controls && !found; i++) found = !strcmp(out->controls[i].item_id, by_control[m].control_id);
        if (!found) out->missing++;
    }
cleanup:
    if (rc != OK) compref_report_free(out);
    free(mark_req);
    free(mark_control);
    free(mark_family);
    free(mark_all);
    free(family_reqs);
    free(by_control);
    free(pos);
    free(top);
    cr_tree_free(&tree);
    free(figs);
    db_rows_free(cat);
    db_rows_free(items);
    db_rows_free(maps);
    db_rows_free(reqs);
    return rc;
}

/* ---- writers ---- */

bool compref_rate(const long n[COMPLIANCE_N_STATUS], double *rate)
{
    long applicable = 0;
    for (int s = 0; s < COMPLIANCE_N_STATUS; s++) applicable += n[s];
    /* The share implemented of what is to be carried out: 対象外 and 適用除外 are not. */
    long base = applicable - n[3] - n[4];
    *rate = base > 0 ? (double)n[2] / (double)base : 0;
    return base > 0;
}

json_t *compref_counts_json(const long n[COMPLIANCE_N_STATUS])
{
    long applicable = 0;
    for (int s = 0; s < COMPLIANCE_N_STATUS; s++) applicable += n[s];
    json_t *o = json_object();
    json_object_set_new(o, "applicable", json_integer(applicable));
    for (int s = 0; s < COMPLIANCE_N_STATUS; s++) json_object_set_new(o, compliance_statuses[s], json_integer(n[s]));
    double rate;
    json_object_set_new(o, "rate", compref_rate(n, &rate) ? json_real(rate) : json_null());
    return o;
}

json_t *compref_report_json(const compref_report *r, long org_unit_id)
{
    json_t *families = json_array(), *controls = json_array();
    for (size_t i = 0; i < r->n_families; i++) {
        const compref_family *f = &r->families[i];
        if (f->controls == 0) continue; /* a group holding no control at all */
        json_array_append_new(families, json_pack("{s:I, s:s, s:s?, s:s, s:I, s:I, s:I, s:I, s:o}", "id",
                                                  (json_int_t)f->id, "item_id", f->item_id, "label", f->label,
                                                  "title", f->title, "controls",
                                                  (json_int_t)f->controls, "covered", (json_int_t)f->covered,
                                                  "not_covered", (json_int_t)(f->controls - f->covered),
                                                  "requirements", (json_int_t)f->requirements, "counts",
                                                  f->covered ? compref_counts_json(f->n) : json_null()));
    }
    for (size_t i = 0; i < r->n_controls; i++) {
        const compref_control *k = &r->controls[i];
        json_t *reqs = json_array();
        for (size_t q = 0; q < k->n_reqs; q++) {
            const compref_requirement *x = &k->reqs[q];
            json_array_append_new(reqs, json_pack("{s:I, s:I, s:s, s:s, s:s?, s:s, s:b, s:o}", "id", (json_int_t)x->id,
                                                  "mapping_id", (json_int_t)x->mapping_id, "code", x->code, "title_ja",
                                                  x->title_ja, "title_en", x->title_en, "relation", x->relation,
                                                  "active", x->active, "counts", compref_counts_json(x->n)));
        }
        json_t *o = json_pack("{s:I, s:s, s:s?, s:s, s:s, s:b, s:b, s:o, s:o}", "id", (json_int_t)k->id, "item_id",
                              k->item_id, "label", k->label, "title", k->title, "family", r->families[k->family].item_id, "enhancement",
                              k->enhancement, "covered", k->n_reqs > 0, "counts",
                              k->n_reqs ? compref_counts_json(k->n) : json_null(), "requirements", reqs);
        json_object_set_new(o, "parent_id", k->parent_id ? json_integer(k->parent_id) : json_null());
        json_array_append_new(controls, o);
    }
    json_t *catalog = json_pack("{s:I, s:s, s:s, s:s?}", "id", (json_int_t)r->catalog_id, "uuid", r->uuid, "title",
                                r->title, "version", r->version);
    json_t *totals = json_pack("{s:I, s:I, s:I, s:I, s:I, s:o}", "controls", (json_int_t)r->n_controls, "covered",
                               (json_int_t)r->covered, "not_covered", (json_int_t)((long)r->n_controls - r->covered),
                               "requirements", (json_int_t)r->requirements, "missing", (json_int_t)r->missing,
                               "counts", r->covered ? compref_counts_json(r->n) : json_null());
    json_t *o = json_pack("{s:o, s:b, s:o, s:o, s:o}", "catalog", catalog, "recomputed", r->recomputed, "totals",
                          totals, "families", families, "controls", controls);
    json_object_set_new(o, "org_unit_id", org_unit_id ? json_integer(org_unit_id) : json_null());
    return o;
}

/* One CSV row: level, family, control, title, enhancement, covered, requirements, then
 * the counts and the rate (empty when nothing is covered). */
static void cr_csv_row(FILE *f, const char *const text[7], bool covered, const long n[COMPLIANCE_N_STATUS])
{
    char num[COMPLIANCE_N_STATUS + 2][32];
    long applicable = 0;
    for (int s = 0; s < COMPLIANCE_N_STATUS; s++) applicable += n[s];
    snprintf(num[0], sizeof num[0], "%ld", applicable);
    for (int s = 0; s < COMPLIANCE_N_STATUS; s++) snprintf(num[1 + s], sizeof num[1 + s], "%ld", n[s]);
    double rate;
    if (compref_rate(n, &rate)) snprintf(num[COMPLIANCE_N_STATUS + 1], sizeof num[0], "%.4f", rate);
    else num[COMPLIANCE_N_STATUS + 1][0] = '\0';
    for (size_t i = 0; i < 7; i++) csv_write_field(f, text[i], false);
    for (int i = 0; i < COMPLIANCE_N_STATUS + 2; i++)
        csv_write_field(f, covered ? num[i] : "", i == COMPLIANCE_N_STATUS + 1);
}

void compref_report_csv(const compref_report *r, FILE *f)
{
    /* covered: yes / no for a control, "covered/controls" for a family and the catalog;
     * requirements: "CODE (relation); …" for a control, the number of distinct ones
     * mapped for a family and the catalog. */
    const char *head[] = {"level", "family", "control", "title", "enhancement", "covered", "requirements",
                          "applicable"};
    for (size_t i = 0; i < sizeof head / sizeof *head; i++) csv_write_field(f, head[i], false);
    for (int s = 0; s < COMPLIANCE_N_STATUS; s++) csv_write_field(f, compliance_statuses[s], false);
    csv_write_field(f, "rate", true);
    char covered[64], count[32];
    snprintf(covered, sizeof covered, "%ld/%zu", r->covered, r->n_controls);
    snprintf(count, sizeof count, "%ld", r->requirements);
    cr_csv_row(f, (const char *const[7]){"catalog", "", "", r->title, "", covered, count}, r->covered > 0, r->n);
    size_t family = (size_t)-1;
    for (size_t i = 0; i < r->n_controls; i++) {
        const compref_control *k = &r->controls[i];
        if (k->family != family) {
            family = k->family;
            const compref_family *fm = &r->families[family];
            snprintf(covered, sizeof covered, "%ld/%ld", fm->covered, fm->controls);
            snprintf(count, sizeof count, "%ld", fm->requirements);
            cr_csv_row(f, (const char *const[7]){"family", fm->item_id, "", fm->title, "", covered, count},
                       fm->covered > 0, fm->n);
        }
        size_t len = 1;
        for (size_t q = 0; q < k->n_reqs; q++) len += strlen(k->reqs[q].code) + strlen(k->reqs[q].relation) + 6;
        char *reqs = xcalloc(len, 1); /* owned */
        for (size_t q = 0, at = 0; q < k->n_reqs; q++)
            at += (size_t)snprintf(reqs + at, len - at, "%s%s (%s)", q ? "; " : "", k->reqs[q].code, k->reqs[q].relation);
        cr_csv_row(f, (const char *const[7]){"control", r->families[k->family].item_id, k->item_id, k->title,
                                             k->enhancement ? "yes" : "no", k->n_reqs ? "yes" : "no", reqs},
                   k->n_reqs > 0, k->n);
        free(reqs);
    }
}
