/* requirement_export — mamori's catalog written as OSCAL (see requirement_export.h).
 * The catalog is small (tens to a few hundred requirements), so it is read whole in a
 * handful of statements and the links are found by scanning the rows of each. */
#include "domain/requirement_export.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/timeutil.h"
#include "core/xalloc.h"
#include "domain/requirement.h"

/* The measure kinds' titles, in requirement_kinds' order (web/i18n's catalog.kind.*). */
static const char *const rx_kind_titles[REQUIREMENT_N_KINDS] = {
    "物理的セキュリティ", "人的セキュリティ", "技術的セキュリティ", "開発・品質", "運用", "ネットワーク",
};

enum { RX_ID, RX_PARENT, RX_CODE, RX_KIND, RX_SCOPE, RX_TITLE_JA, RX_TITLE_EN, RX_TEXT, RX_VERSION };

typedef struct rx_state {
    db_rows *reqs, *tags, *applies, *threats, *laws;
    long *parent; /* per requirement: the active parent's id, 0 at the top */
    requirement_export_result *out;
} rx_state;

/* Rows of the link table whose first column is the requirement's id. */
#define RX_FOR_LINKS(rows, id, i)                                                                                \
    for (size_t i = 0; i < (rows)->n_rows; i++)                                                                   \
        if (atol(db_cell((rows), i, 0)) == (id))

static bool rx_has_children(const rx_state *s, long id)
{
    for (size_t j = 0; j < s->reqs->n_rows; j++)
        if (s->parent[j] == id) return true;
    return false;
}

static const char *rx_axis_word(const char *axis)
{
    return !strcmp(axis, "C") ? "confidentiality" : !strcmp(axis, "I") ? "integrity" : "availability";
}

/* One row of requirement_applies in words: "system assets on the lgwan segment holding
 * personal data, of confidentiality rank 3 or more". Caller frees. */
static char *rx_applies_words(const db_rows *a, size_t i)
{
    const char *kind = db_cell(a, i, 1), *segment = db_cell(a, i, 2), *axis = db_cell(a, i, 3),
               *rank = db_cell(a, i, 4), *pd = db_cell(a, i, 5);
    buf b;
    buf_init(&b, 0);
    buf_printf(&b, "%s%sassets", kind ? kind : "", kind ? " " : "");
    if (segment) buf_printf(&b, " on the %s segment", segment);
    if (pd) buf_puts(&b, !strcmp(pd, "1") ? " holding personal data" : " without personal data");
    if (axis && rank) buf_printf(&b, "%s of %s rank %s or more", pd || segment ? "," : "", rx_axis_word(axis), rank);
    return buf_take(&b); /* owned by the caller */
}

static void rx_props(rx_state *s, json_t *node, size_t i)
{
    long id = atol(db_cell(s->reqs, i, RX_ID));
    const char *ns = REQUIREMENT_OSCAL_NS;
    oscal_w_prop(node, "label", db_cell(s->reqs, i, RX_CODE), NULL, NULL);
    oscal_w_prop(node, "measure-kind", db_cell(s->reqs, i, RX_KIND), ns, NULL);
    oscal_w_prop(node, "scope", db_cell(s->reqs, i, RX_SCOPE), ns, NULL);
    const char *en = db_cell(s->reqs, i, RX_TITLE_EN);
    if (en && *en) oscal_w_prop(node, "title-en", en, ns, NULL);
    RX_FOR_LINKS(s->tags, id, k) oscal_w_prop(node, "tag", db_cell(s->tags, k, 1), ns, NULL);
    bool any_rule = false;
    RX_FOR_LINKS(s->applies, id, k) {
        char *words = rx_applies_words(s->applies, k);
        oscal_w_prop(node, "applies", words, ns, NULL);
        free(words);
        any_rule = true;
    }
    if (!any_rule && !strcmp(db_cell(s->reqs, i, RX_SCOPE), "asset"))
        oscal_w_prop(node, "applies", "every asset", ns, NULL);
    RX_FOR_LINKS(s->threats, id, k) oscal_w_prop(node, "threat", db_cell(s->threats, k, 1), ns, db_cell(s->threats, k, 2));
    RX_FOR_LINKS(s->laws, id, k) {
        const char *article = db_cell(s->laws, k, 2);
        char *v = article ? xasprintf("%s %s", db_cell(s->laws, k, 1), article) : xstrdup(db_cell(s->laws, k, 1));
        oscal_w_prop(node, "law", v, ns, NULL);
        free(v);
    }
    oscal_w_prop(node, "version", db_cell(s->reqs, i, RX_VERSION), ns, NULL);
}

static void rx_statement(rx_state *s, json_t *node, const char *token, size_t i)
{
    const char *text = db_cell(s->reqs, i, RX_TEXT);
    if (!text || !*text) return;
    char *part_id = xasprintf("%s_smt", token);
    oscal_w_part(node, part_id, "statement", text);
    free(part_id);
}

/* Requirement i as a control, with its items as nested controls. */
static json_t *rx_control(rx_state *s, size_t i, int depth)
{
    char *token = oscal_token(db_cell(s->reqs, i, RX_CODE));
    json_t *node = oscal_w_node(token, "mamori-requirement", db_cell(s->reqs, i, RX_TITLE_JA));
    rx_props(s, node, i);
    rx_statement(s, node, token, i);
    s->out->n_controls++;
    long id = atol(db_cell(s->reqs, i, RX_ID));
    if (depth < 12)
        for (size_t j = 0; j < s->reqs->n_rows; j++)
            if (s->parent[j] == id) oscal_w_add(node, "controls", rx_control(s, j, depth + 1));
    free(token);
    return node;
}

/* Requirement i (top level, with items) as a group of its items. */
static json_t *rx_group(rx_state *s, size_t i)
{
    char *token = oscal_token(db_cell(s->reqs, i, RX_CODE));
    json_t *node = oscal_w_node(token, "mamori-requirement-group", db_cell(s->reqs, i, RX_TITLE_JA));
    rx_props(s, node, i);
    rx_statement(s, node, token, i);
    s->out->n_groups++;
    long id = atol(db_cell(s->reqs, i, RX_ID));
    for (size_t j = 0; j < s->reqs->n_rows; j++)
        if (s->parent[j] == id) oscal_w_add(node, "controls", rx_control(s, j, 1));
    free(token);
    return node;
}

static void rx_kind_group(rx_state *s, json_t *catalog, int k)
{
    const char *kind = requirement_kinds[k];
    json_t *g = NULL;
    /* The groups first, then the lone items: NIST's order of a group's keys. */
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < s->reqs->n_rows; i++) {
            if (s->parent[i] != 0 || strcmp(db_cell(s->reqs, i, RX_KIND), kind) != 0) continue;
            bool grp = rx_has_children(s, atol(db_cell(s->reqs, i, RX_ID)));
            if (grp != (pass == 0)) continue;
            if (!g) {
                g = oscal_w_node(kind, "measure-kind", rx_kind_titles[k]);
                oscal_w_prop(g, "label", kind, NULL, NULL);
                s->out->n_groups++;
            }
            if (grp) oscal_w_add(g, "groups", rx_group(s, i));
            else oscal_w_add(g, "controls", rx_control(s, i, 0));
        }
    if (g) oscal_w_add(catalog, "groups", g);
}

/* The uuid of mamori's catalog: the one kept, or a new one kept now. */
static err_code rx_uuid(db_conn *c, char out[OSCAL_UUID_LEN], err *e)
{
    db_rows *rows = NULL;
    err_code rc = db_query(c, "SELECT uuid FROM catalog_export_identity WHERE id = 1", DB_NO_PARAMS, &rows, e);
    if (rc == OK && rows->n_rows == 1) {
        snprintf(out, OSCAL_UUID_LEN, "%s", db_cell(rows, 0, 0));
    } else if (rc == OK) {
        char now[TIME_CANON_LEN];
        time_now_canon(now);
        oscal_new_uuid(out);
        rc = db_query(c, "INSERT INTO catalog_export_identity (id, uuid, created_at) VALUES (1, $1, $2)",
                      DB_PARAMS(out, now), NULL, e);
    }
    db_rows_free(rows);
    return rc;
}

err_code requirement_export_oscal(db_conn *c, const audit_actor *actor, const char *via,
                                  requirement_export_result *out, err *e)
{
    memset(out, 0, sizeof *out);
    rx_state s = {.out = out};
    db_rows *meta = NULL;
    json_t *doc = NULL, *detail = NULL;
    err_code rc = rx_uuid(c, out->uuid, e);
    if (rc == OK)
        rc = db_query(c,
                      "SELECT (SELECT COUNT(*) FROM requirement_version),"
                      " (SELECT MAX(updated_at) FROM requirement)",
                      DB_NO_PARAMS, &meta, e);
    if (rc == OK)
        rc = db_query(c,
                      "SELECT r.id, CASE WHEN p.active = 1 THEN r.parent_id END, r.code, r.measure_kind, r.scope,"
                      " r.title_ja, r.title_en, r.text, r.version FROM requirement r"
                      " LEFT JOIN requirement p ON p.id = r.parent_id WHERE r.active = 1 ORDER BY r.code",
                      DB_NO_PARAMS, &s.reqs, e);
    if (rc == OK)
        rc = db_query(c,
                      "SELECT t.requirement_id, t.tag FROM requirement_tag t JOIN requirement r"
                      " ON r.id = t.requirement_id WHERE r.active = 1 ORDER BY t.requirement_id, t.tag",
                      DB_NO_PARAMS, &s.tags, e);
    if (rc == OK)
        rc = db_query(c,
                      "SELECT requirement_id, asset_kind, segment, axis, min_rank, personal_data"
                      " FROM requirement_applies ORDER BY requirement_id, id",
                      DB_NO_PARAMS, &s.applies, e);
    if (rc == OK)
        rc = db_query(c,
                      "SELECT rt.requirement_id, t.code, t.kind FROM requirement_threat rt"
                      " JOIN threat t ON t.id = rt.threat_id ORDER BY rt.requirement_id, t.code",
                      DB_NO_PARAMS, &s.threats, e);
    if (rc == OK)
        rc = db_query(c,
                      "SELECT rl.requirement_id, l.code, a.number FROM requirement_law rl JOIN law l ON l.id = rl.law_id"
                      " LEFT JOIN law_article a ON a.id = rl.article_id ORDER BY rl.requirement_id, l.code, a.sort",
                      DB_NO_PARAMS, &s.laws, e);
    if (rc != OK) goto cleanup;
    s.parent = xcalloc(s.reqs->n_rows + 1, sizeof *s.parent);
    for (size_t i = 0; i < s.reqs->n_rows; i++) {
        const char *p = db_cell(s.reqs, i, RX_PARENT);
        s.parent[i] = p ? atol(p) : 0;
    }
    out->version = xstrdup(db_cell(meta, 0, 0));
    const char *modified = db_cell(meta, 0, 1);
    doc = oscal_w_document(out->uuid, "情報セキュリティ対策基準 (mamori)", modified ? modified : "2026-04-01T00:00:00Z",
                           out->version);
    for (int k = 0; k < REQUIREMENT_N_KINDS; k++) rx_kind_group(&s, oscal_w_catalog(doc), k);
    out->json = oscal_w_dump(doc);
    if (!out->json) {
        rc = err_set(e, ERR_INTERNAL, "the catalog could not be written as JSON");
        goto cleanup;
    }
    detail = json_pack("{s:s, s:s, s:s, s:s, s:I, s:I}", "format", "oscal", "via", via, "uuid", out->uuid, "version",
                       out->version, "groups", (json_int_t)out->n_groups, "controls", (json_int_t)out->n_controls);
    rc = audit_append(c, actor, "catalog.export", "requirement_catalog", out->uuid, detail, e);
cleanup:
    json_decref(detail);
    json_decref(doc);
    db_rows_free(meta);
    db_rows_free(s.reqs);
    db_rows_free(s.tags);
    db_rows_free(s.applies);
    db_rows_free(s.threats);
    db_rows_free(s.laws);
    free(s.parent);
    return rc;
}

void requirement_export_result_free(requirement_export_result *r)
{
    if (!r) return;
    free(r->json);
    free(r->version);
    memset(r, 0, sizeof *r);
}
