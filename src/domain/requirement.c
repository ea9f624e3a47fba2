/* requirement — the catalog's reads and the rule of applicability (see requirement.h);
 * the writes are in requirement_edit.c. */
#include "domain/requirement.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "domain/catalog_common.h"
#include "search/search_index.h"

const char *const requirement_kinds[REQUIREMENT_N_KINDS] = {"physical",    "human",       "technical",
                                                            "development", "operational", "network"};

static const char *const requirement_asset_kinds[] = {"information", "system", "network",
                                                      "medium",      "document", "equipment"};
static const char *const requirement_segments[] = {"mynumber", "lgwan", "internet", "standalone", "other"};

static bool requirement_in(const char *s, const char *const *list, size_t n)
{
    for (size_t i = 0; s && i < n; i++)
        if (!strcmp(s, list[i])) return true;
    return false;
}

bool requirement_kind_ok(const char *kind)
{
    return requirement_in(kind, requirement_kinds, REQUIREMENT_N_KINDS);
}

/* ---- applicability, in C ---- */

bool requirement_rule_matches(const requirement_rule *r, const requirement_asset_facts *a)
{
    if (r->asset_kind[0] && (!a->kind || strcmp(r->asset_kind, a->kind))) return false;
    if (r->segment[0] && (!a->segment || strcmp(r->segment, a->segment))) return false;
    if (r->personal_data >= 0 && r->personal_data != (a->personal_data ? 1 : 0)) return false;
    if (r->axis[0]) {
        int rank = r->axis[0] == 'C' ? a->c_rank : r->axis[0] == 'I' ? a->i_rank : a->a_rank;
        if (rank < r->min_rank) return false;
    }
    return true;
}

bool requirement_rules_apply(const requirement_rule *rules, size_t n, const requirement_asset_facts *a)
{
    if (n == 0) return true;
    for (size_t i = 0; i < n; i++)
        if (requirement_rule_matches(&rules[i], a)) return true;
    return false;
}

void requirement_rule_check(const requirement_rule *r, size_t i, err *e)
{
    char field[40];
    if (r->asset_kind[0] && !requirement_in(r->asset_kind, requirement_asset_kinds, 6)) {
        snprintf(field, sizeof field, "applies[%zu].asset_kind", i);
        err_field_add(e, field, "must be information, system, network, medium, document or equipment");
    }
    if (r->segment[0] && !requirement_in(r->segment, requirement_segments, 5)) {
        snprintf(field, sizeof field, "applies[%zu].segment", i);
        err_field_add(e, field, "must be mynumber, lgwan, internet, standalone or other");
    }
    bool axis_ok = !r->axis[0] || (!r->axis[1] && strchr("CIA", r->axis[0]));
    if (!axis_ok) {
        snprintf(field, sizeof field, "applies[%zu].axis", i);
        err_field_add(e, field, "must be C, I or A");
    }
    if (r->axis[0] && (r->min_rank < 1 || r->min_rank > 9)) {
        snprintf(field, sizeof field, "applies[%zu].min_rank", i);
        err_field_add(e, field, "must be a rank from 1 to 9 with an axis");
    }
    if (!r->axis[0] && r->min_rank != 0) {
        snprintf(field, sizeof field, "applies[%zu].axis", i);
        err_field_add(e, field, "is required with min_rank");
    }
    if (r->personal_data < -1 || r->personal_data > 1) {
        snprintf(field, sizeof field, "applies[%zu].personal_data", i);
        err_field_add(e, field, "must be true or false");
    }
    if (!r->asset_kind[0] && !r->segment[0] && !r->axis[0] && r->personal_data < 0) {
        snprintf(field, sizeof field, "applies[%zu]", i);
        err_field_add(e, field, "must name at least one condition (an item with no rule applies to every asset)");
    }
}

/* ---- reads ---- */

#define REQUIREMENT_COLUMNS                                                                                       \
    "SELECT r.id, r.parent_id, r.code, r.measure_kind, r.scope, r.title_ja, r.title_en, r.text, r.active,"       \
    " r.version, r.updated_at,"                                                                                  \
    " (SELECT COUNT(*) FROM requirement ch WHERE ch.parent_id = r.id AND ch.active = 1) FROM requirement r"

static void requirement_fill(const db_rows *rows, size_t i, requirement_row *r)
{
    r->id = atol(db_cell(rows, i, 0));
    r->parent_id = db_cell(rows, i, 1) ? atol(db_cell(rows, i, 1)) : 0;
    r->code = xstrdup(db_cell(rows, i, 2));
    r->measure_kind = xstrdup(db_cell(rows, i, 3));
    r->scope = xstrdup(db_cell(rows, i, 4));
    r->title_ja = xstrdup(db_cell(rows, i, 5));
    r->title_en = xstrdup_opt(db_cell(rows, i, 6));
    r->text = xstrdup_opt(db_cell(rows, i, 7));
    r->active = atoi(db_cell(rows, i, 8));
    r->version = atol(db_cell(rows, i, 9));
    r->updated_at = xstrdup(db_cell(rows, i, 10));
    r->n_children = atol(db_cell(rows, i, 11));
}

/* Attaches the tags of items[0..n) (one statement; the catalog is small). */
static err_code requirement_tags(db_conn *c, requirement_row *items, size_t n, err *e)
{
    if (n == 0) return OK;
    db_rows *rows = NULL;
    err_code rc = db_query(c, "SELECT requirement_id, tag FROM requirement_tag ORDER BY requirement_id, tag",
                           DB_NO_PARAMS, &rows, e);
    if (rc != OK) return rc;
    for (size_t i = 0; i < rows->n_rows; i++) {
        long id = atol(db_cell(rows, i, 0));
        for (size_t k = 0; k < n; k++) {
            if (items[k].id != id) continue;
            items[k].tags = xrealloc(items[k].tags, (items[k].n_tags + 1) * sizeof *items[k].tags);
            items[k].tags[items[k].n_tags++] = xstrdup(db_cell(rows, i, 1));
        }
    }
    db_rows_free(rows);
    return OK;
}

/* Fills a page from rows fetched with one more than limit. */
static err_code requirement_page_fill(db_conn *c, db_rows *rows, long limit, requirement_page *out, err *e)
{
    size_t shown = limit > 0 && rows->n_rows > (size_t)limit ? (size_t)limit : rows->n_rows;
    out->items = xcalloc(shown + 1, sizeof *out->items);
    for (size_t i = 0; i < shown; i++) requirement_fill(rows, i, &out->items[i]);
    out->n = shown;
    if (rows->n_rows > shown) out->next_cursor = xstrdup(out->items[shown - 1].code);
    return requirement_tags(c, out->items, out->n, e);
}

err_code requirement_list(db_conn *c, const requirement_filter *f, requirement_page *out, err *e)
{
    memset(out, 0, sizeof *out);
    long limit = f->limit > 0 ? f->limit : CATALOG_LIST_DEFAULT;
    char active[8], fetch[24], threat[24], law[24];
    search_terms terms = {0};
    search_cond match = {0};
    db_rows *rows = NULL;
    char *sql = NULL;
    const char **params = NULL;
    err_code rc = OK;
    if (f->measure_kind && !requirement_kind_ok(f->measure_kind))
        err_field_add(e, "kind", "must be physical, human, technical, development, operational or network");
    if (f->tag) catalog_check_text(f->tag, "tag", true, 50, e);
    if (f->cursor && !catalog_code_ok(f->cursor)) err_field_add(e, "cursor", "is not a cursor this list gave");
    if (e && e->n_fields) return ERR_VALIDATION;
    if ((rc = search_text_query(f->q ? f->q : "", "q", &terms, e)) != OK) goto cleanup;
    if ((rc = search_index_cond(c, "requirement", &terms, "r.id", 8, &match, e)) != OK) goto cleanup;
    snprintf(active, sizeof active, "%d", f->active);
    snprintf(fetch, sizeof fetch, "%ld", limit + 1);
    snprintf(threat, sizeof threat, "%ld", f->threat_id);
    snprintf(law, sizeof law, "%ld", f->law_id);
    sql = xasprintf(REQUIREMENT_COLUMNS
                    " WHERE (CAST($1 AS TEXT) IS NULL OR r.measure_kind = $1)"
                    " AND (CAST($2 AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM requirement_tag g"
                    "  WHERE g.requirement_id = r.id AND g.tag = $2))"
                    " AND (CAST($3 AS BIGINT) = 0 OR EXISTS (SELECT 1 FROM requirement_threat x"
                    "  WHERE x.requirement_id = r.id AND x.threat_id = CAST($3 AS BIGINT)))"
                    " AND (CAST($4 AS BIGINT) = 0 OR EXISTS (SELECT 1 FROM requirement_law x"
                    "  WHERE x.requirement_id = r.id AND x.law_id = CAST($4 AS BIGINT)))"
                    " AND (CAST($5 AS INTEGER) < 0 OR r.active = CAST($5 AS INTEGER))"
                    " AND (CAST($6 AS TEXT) IS NULL OR r.code > $6) AND %s"
                    " ORDER BY r.code LIMIT CAST($7 AS BIGINT)",
                    match.sql);
    const char *own[] = {f->measure_kind, f->tag, threat, law, active, f->cursor, fetch};
    params = catalog_params(own, 7, match.params, match.n_params);
    if ((rc = db_query(c, sql, params, 7 + match.n_params, &rows, e)) != OK) goto cleanup;
    rc = requirement_page_fill(c, rows, limit, out, e);
cleanup:
    db_rows_free(rows);
    free(sql);
    free(params);
    search_cond_free(&match);
    search_terms_free(&terms);
    if (rc != OK) requirement_page_free(out);
    return rc;
}

static void requirement_copy(char *dst, size_t cap, const char *src)
{
    snprintf(dst, cap, "%s", src ? src : "");
}

static err_code requirement_links(db_conn *c, const char *idt, requirement_row *out, err *e)
{
    db_rows *rows = NULL;
    err_code rc = db_query(
        c,
        "SELECT x.asset_kind, x.segment, x.axis, x.min_rank, x.personal_data, k.code, k.name_ja, k.name_en"
        " FROM requirement_applies x LEFT JOIN classification_class k ON k.id = (SELECT k2.id FROM classification_class k2"
        "  JOIN classification_scheme s ON s.code = k2.scheme_code WHERE s.in_force = 1 AND k2.axis = x.axis"
        "  AND k2.rank >= x.min_rank ORDER BY k2.rank LIMIT 1)"
        " WHERE x.requirement_id = CAST($1 AS BIGINT) ORDER BY x.id",
        DB_PARAMS(idt), &rows, e);
    if (rc != OK) return rc;
    out->rules = xcalloc(rows->n_rows + 1, sizeof *out->rules);
    for (size_t i = 0; i < rows->n_rows; i++) {
        requirement_rule *r = &out->rules[i];
        requirement_copy(r->asset_kind, sizeof r->asset_kind, db_cell(rows, i, 0));
        requirement_copy(r->segment, sizeof r->segment, db_cell(rows, i, 1));
        requirement_copy(r->axis, sizeof r->axis, db_cell(rows, i, 2));
        r->min_rank = db_cell(rows, i, 3) ? atoi(db_cell(rows, i, 3)) : 0;
        r->personal_data = db_cell(rows, i, 4) ? atoi(db_cell(rows, i, 4)) : -1;
        r->min_class_code = xstrdup_opt(db_cell(rows, i, 5));
        r->min_class_name_ja = xstrdup_opt(db_cell(rows, i, 6));
        r->min_class_name_en = xstrdup_opt(db_cell(rows, i, 7));
    }
    out->n_rules = rows->n_rows;
    db_rows_free(rows);
    rows = NULL;
    rc = db_query(c,
                  "SELECT t.id, t.code, t.kind, t.name_ja, t.name_en FROM requirement_threat x JOIN threat t"
                  " ON t.id = x.threat_id WHERE x.requirement_id = CAST($1 AS BIGINT) ORDER BY t.code",
                  DB_PARAMS(idt), &rows, e);
    if (rc != OK) return rc;
    out->threats = xcalloc(rows->n_rows + 1, sizeof *out->threats);
    for (size_t i = 0; i < rows->n_rows; i++) {
        requirement_threat_link *t = &out->threats[i];
        t->id = atol(db_cell(rows, i, 0));
        t->code = xstrdup(db_cell(rows, i, 1));
        t->kind = xstrdup(db_cell(rows, i, 2));
        t->name_ja = xstrdup(db_cell(rows, i, 3));
        t->name_en = xstrdup_opt(db_cell(rows, i, 4));
    }
    out->n_threats = rows->n_rows;
    db_rows_free(rows);
    rows = NULL;
    rc = db_query(c,
                  "SELECT l.id, a.id, l.code, l.name_ja, l.short_name_ja, l.name_en, a.number, a.title_ja"
                  " FROM requirement_law x JOIN law l ON l.id = x.law_id LEFT JOIN law_article a ON a.id = x.article_id"
                  " WHERE x.requirement_id = CAST($1 AS BIGINT) ORDER BY l.code, a.sort",
                  DB_PARAMS(idt), &rows, e);
    if (rc != OK) return rc;
    out->laws = xcalloc(rows->n_rows + 1, sizeof *out->laws);
    for (size_t i = 0; i < rows->n_rows; i++) {
        requirement_law_link *l = &out->laws[i];
        l->law_id = atol(db_cell(rows, i, 0));
        l->article_id = db_cell(rows, i, 1) ? atol(db_cell(rows, i, 1)) : 0;
        l->law_code = xstrdup(db_cell(rows, i, 2));
        l->law_name_ja = xstrdup(db_cell(rows, i, 3));
        l->law_short_name_ja = xstrdup_opt(db_cell(rows, i, 4));
        l->law_name_en = xstrdup_opt(db_cell(rows, i, 5));
        l->article_number = xstrdup_opt(db_cell(rows, i, 6));
        l->article_title_ja = xstrdup_opt(db_cell(rows, i, 7));
    }
    out->n_laws = rows->n_rows;
    db_rows_free(rows);
    return OK;
}

err_code requirement_get(db_conn *c, long id, requirement_row *out, err *e)
{
    memset(out, 0, sizeof *out);
    char idt[24];
    snprintf(idt, sizeof idt, "%ld", id);
    db_rows *rows = NULL;
    err_code rc = db_query(c, REQUIREMENT_COLUMNS " WHERE r.id = CAST($1 AS BIGINT)", DB_PARAMS(idt), &rows, e);
    if (rc == OK && rows->n_rows != 1) rc = err_set(e, ERR_NOT_FOUND, "no such requirement");
    if (rc == OK) requirement_fill(rows, 0, out);
    db_rows_free(rows);
    if (rc == OK) rc = requirement_tags(c, out, 1, e);
    if (rc == OK) rc = requirement_links(c, idt, out, e);
    if (rc != OK) requirement_row_clear(out);
    return rc;
}

err_code requirement_history(db_conn *c, long id, requirement_version_row **out, size_t *n, err *e)
{
    *out = NULL;
    *n = 0;
    char idt[24];
    snprintf(idt, sizeof idt, "%ld", id);
    db_rows *rows = NULL;
    err_code rc = db_query(c,
                           "SELECT v.version, v.change, v.changed_at, v.changed_by, p.name, v.code, v.title_ja, v.title_en,"
                           " v.text, v.measure_kind, v.scope, v.parent_id, v.active, v.links FROM requirement_version v"
                           " LEFT JOIN person p ON p.id = v.changed_by WHERE v.requirement_id = CAST($1 AS BIGINT)"
                           " ORDER BY v.version DESC",
                           DB_PARAMS(idt), &rows, e);
    if (rc != OK) return rc;
    *out = xcalloc(rows->n_rows + 1, sizeof **out);
    for (size_t i = 0; i < rows->n_rows; i++) {
        requirement_version_row *v = &(*out)[i];
        v->version = atol(db_cell(rows, i, 0));
        v->change = xstrdup(db_cell(rows, i, 1));
        v->changed_at = xstrdup(db_cell(rows, i, 2));
        v->changed_by = db_cell(rows, i, 3) ? atol(db_cell(rows, i, 3)) : 0;
        v->changed_by_name = xstrdup_opt(db_cell(rows, i, 4));
        v->code = xstrdup(db_cell(rows, i, 5));
        v->title_ja = xstrdup(db_cell(rows, i, 6));
        v->title_en = xstrdup_opt(db_cell(rows, i, 7));
        v->text = xstrdup_opt(db_cell(rows, i, 8));
        v->measure_kind = xstrdup(db_cell(rows, i, 9));
        v->scope = xstrdup(db_cell(rows, i, 10));
        v->parent_id = db_cell(rows, i, 11) ? atol(db_cell(rows, i, 11)) : 0;
        v->active = atoi(db_cell(rows, i, 12));
        v->links = xstrdup_opt(db_cell(rows, i, 13));
    }
    *n = rows->n_rows;
    db_rows_free(rows);
    return OK;
}

/* What applies to one asset: the active leaves of scope 'asset' with no rule, or with a
 * rule that holds for the asset's kind, segment, personal-data flag and the ranks of its
 * classes (requirement_rule_matches says the same in C). */
err_code requirement_applicable(db_conn *c, long asset_id, requirement_page *out, err *e)
{
    memset(out, 0, sizeof *out);
    char idt[24];
    snprintf(idt, sizeof idt, "%ld", asset_id);
    db_rows *rows = NULL;
    err_code rc = db_query(
        c,
        REQUIREMENT_COLUMNS " JOIN asset a ON a.id = CAST($1 AS BIGINT)"
        " JOIN classification_class kc ON kc.id = a.c_class_id"
        " JOIN classification_class ki ON ki.id = a.i_class_id"
        " JOIN classification_class ka ON ka.id = a.a_class_id"
        " WHERE r.active = 1 AND r.scope = 'asset'"
        " AND NOT EXISTS (SELECT 1 FROM requirement ch WHERE ch.parent_id = r.id AND ch.active = 1)"
        " AND" REQUIREMENT_RULES_HOLD("r.id", "a", "kc", "ki", "ka")
        " ORDER BY r.code",
        DB_PARAMS(idt), &rows, e);
    if (rc == OK) rc = requirement_page_fill(c, rows, 0, out, e);
    db_rows_free(rows);
    if (rc != OK) requirement_page_free(out);
    return rc;
}

void requirement_row_clear(requirement_row *r)
{
    free(r->code);
    free(r->measure_kind);
    free(r->scope);
    free(r->title_ja);
    free(r->title_en);
    free(r->text);
    free(r->updated_at);
    for (size_t i = 0; i < r->n_tags; i++) free(r->tags[i]);
    free(r->tags);
    for (size_t i = 0; i < r->n_rules; i++) {
        free(r->rules[i].min_class_code);
        free(r->rules[i].min_class_name_ja);
        free(r->rules[i].min_class_name_en);
    }
    free(r->rules);
    for (size_t i = 0; i < r->n_threats; i++) {
        free(r->threats[i].code);
        free(r->threats[i].kind);
        free(r->threats[i].name_ja);
        free(r->threats[i].name_en);
    }
    free(r->threats);
    for (size_t i = 0; i < r->n_laws; i++) {
        requirement_law_link *l = &r->laws[i];
        free(l->law_code);
        free(l->law_name_ja);
        free(l->law_short_name_ja);
        free(l->law_name_en);
        free(l->article_number);
        free(l->article_title_ja);
    }
    free(r->laws);
    memset(r, 0, sizeof *r);
}

void requirement_page_free(requirement_page *p)
{
    for (size_t i = 0; i < p->n; i++) requirement_row_clear(&p->items[i]);
    free(p->items);
    free(p->next_cursor);
    memset(p, 0, sizeof *p);
}

void requirement_history_free(requirement_version_row *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].change);
        free(v[i].changed_at);
        free(v[i].changed_by_name);
        free(v[i].code);
        free(v[i].title_ja);
        free(v[i].title_en);
        free(v[i].text);
        free(v[i].measure_kind);
        free(v[i].scope);
        free(v[i].links);
    }
    free(v);
}
