/* asset_rules — the rules a ledger write is checked against, and relations.
 *
 * Relations say what holds what: information stored_in a system; a system or a device
 * (equipment) runs_on a network; information held_on a medium, a paper file (document)
 * or a device. Following them upwards from an asset gives every container it is in,
 * with the path (顧客データ → 料金システム → LGWAN接続系ネットワーク); the kinds make
 * the graph acyclic and at most two steps deep (information → system → network).
 *
 * Rules, written against segments and ranks so they survive a change of preset:
 *   mynumber_not_on_internet (三層の対策): an asset with マイナンバー is not on the
 *     インターネット接続系, neither itself nor in any container; always an error.
 *   container_class: a container's class is at least that of what it holds, on each
 *     axis (C, I, A); a warning showing the path, or an error when the setting
 *     asset_container_strict is on.
 *   important_on_internet (三層の対策, by the body's model, setting network_model): an
 *     important asset (personal data, or confidentiality rank 3 and up: 3A/3B/3C, or
 *     pre-2024's 3) on the インターネット接続系, itself or in a container there. In the
 *     α and α′ models the business network is LGWAN接続系 and this is an error; in β
 *     the business terminals move to the internet side but important information
 *     stays on LGWAN接続系, so a warning; in β′ the business systems may move too, so
 *     it is allowed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/authz.h"
#include "core/timeutil.h"
#include "core/xalloc.h"
#include "domain/asset_internal.h"

static const struct {
    const char *kind, *from, *to; /* from and to: the kinds allowed, space-separated */
} ar_kinds[] = {
    {"stored_in", "information", "system"},
    {"runs_on", "system equipment", "network"},
    {"held_on", "information", "medium document equipment"},
};

static bool ar_word_in(const char *word, const char *list)
{
    size_t n = strlen(word);
    for (const char *p = list; (p = strstr(p, word)) != NULL; p += n)
        if ((p == list || p[-1] == ' ') && (p[n] == '\0' || p[n] == ' ')) return true;
    return false;
}

err_code asset_relation_kinds_ok(db_conn *c, long from, const char *kind, long to, err *e)
{
    int k = -1;
    for (int i = 0; i < 3; i++)
        if (kind && strcmp(kind, ar_kinds[i].kind) == 0) k = i;
    if (k < 0) {
        err_field_add(e, "kind", "must be stored_in, runs_on or held_on");
        return ERR_VALIDATION;
    }
    char ft[24], tt[24];
    snprintf(ft, sizeof ft, "%ld", from);
    snprintf(tt, sizeof tt, "%ld", to);
    db_rows *rows = NULL;
    err_code rc = db_query(c,
                           "SELECT id, kind, status FROM asset WHERE id IN (CAST($1 AS BIGINT), CAST($2 AS BIGINT))",
                           DB_PARAMS(ft, tt), &rows, e);
    if (rc != OK) return rc;
    const char *from_kind = NULL, *to_kind = NULL, *to_status = NULL;
    for (size_t i = 0; i < rows->n_rows; i++) {
        if (atol(db_cell(rows, i, 0)) == from) from_kind = db_cell(rows, i, 1);
        if (atol(db_cell(rows, i, 0)) == to) to_kind = db_cell(rows, i, 1), to_status = db_cell(rows, i, 2);
    }
    if (!to_kind || from == to) err_field_add(e, "to_asset_id", "no such asset");
    else if (strcmp(to_status, "in_use") != 0) err_field_add(e, "to_asset_id", "the asset has been disposed of");
    else if (!from_kind || !ar_word_in(from_kind, ar_kinds[k].from) || !ar_word_in(to_kind, ar_kinds[k].to))
        err_field_add(e, "kind", "%s joins %s to %s, not %s to %s", kind, ar_kinds[k].from, ar_kinds[k].to,
                      from_kind ? from_kind : "?", to_kind);
    db_rows_free(rows);
    return e && e->n_fields ? ERR_VALIDATION : OK;
}

/* Every container above asset $1 (up) and every asset held below it (down), each with
 * the path from what is held to its container, its segment, mynumber flag and ranks.
 * Columns: direction, path, segment, mynumber, c rank, i rank, a rank, c code, i code,
 * a code, personal_data. Depth is bounded: the kinds allow two steps; 8 guards against bad data. */
#define AR_CHAIN_SQL                                                                                             \
    "WITH RECURSIVE up(id, path, depth) AS ("                                                                     \
    " SELECT r.to_asset_id, CAST($2 AS TEXT) || ' → ' || t.name, 1 FROM asset_relation r"                        \
    " JOIN asset t ON t.id = r.to_asset_id WHERE r.from_asset_id = CAST($1 AS BIGINT) AND r.ended_at IS NULL"     \
    " UNION ALL SELECT r.to_asset_id, up.path || ' → ' || t.name, up.depth + 1 FROM up"                          \
    " JOIN asset_relation r ON r.from_asset_id = up.id AND r.ended_at IS NULL"                                    \
    " JOIN asset t ON t.id = r.to_asset_id WHERE up.depth < 8),"                                                  \
    " down(id, path, depth) AS ("                                                                                 \
    " SELECT r.from_asset_id, t.name || ' → ' || CAST($2 AS TEXT), 1 FROM asset_relation r"                      \
    " JOIN asset t ON t.id = r.from_asset_id WHERE r.to_asset_id = CAST($1 AS BIGINT) AND r.ended_at IS NULL"     \
    " UNION ALL SELECT r.from_asset_id, t.name || ' → ' || down.path, down.depth + 1 FROM down"                  \
    " JOIN asset_relation r ON r.to_asset_id = down.id AND r.ended_at IS NULL"                                    \
    " JOIN asset t ON t.id = r.from_asset_id WHERE down.depth < 8),"                                              \
    " chain(direction, id, path) AS (SELECT 'up', id, path FROM up UNION ALL SELECT 'down', id, path FROM down)"  \
    " SELECT ch.direction, ch.path, t.segment, t.mynumber, kc.rank, ki.rank, ka.rank, kc.code, ki.code, ka.code," \
    " t.personal_data FROM chain ch JOIN asset t ON t.id = ch.id JOIN classification_class kc ON kc.id = t.c_class_id"            \
    " JOIN classification_class ki ON ki.id = t.i_class_id JOIN classification_class ka ON ka.id = t.a_class_id"  \
    " ORDER BY ch.direction DESC, ch.path"

static void ar_warn(asset_warnings *w, char *text /* stolen */)
{
    w->items = xrealloc(w->items, (w->n + 1) * sizeof *w->items);
    w->items[w->n++] = text;
}


asset_network_model asset_network_model_of(const char *setting)
{
    if (setting && strcmp(setting, "alpha_prime") == 0) return ASSET_MODEL_ALPHA_PRIME;
    if (setting && strcmp(setting, "beta") == 0) return ASSET_MODEL_BETA;
    if (setting && strcmp(setting, "beta_prime") == 0) return ASSET_MODEL_BETA_PRIME;
    return ASSET_MODEL_ALPHA;
}

const char *asset_network_model_name(asset_network_model model)
{
    static const char *const names[] = {"alpha", "alpha_prime", "beta", "beta_prime"};
    return names[model];
}

char *asset_important_message(asset_network_model model, const char *what)
{
    static const char *const names[] = {"α", "α′", "β", "β′"};
    return xasprintf("rule important_on_internet (三層の対策, %sモデル): 個人情報または機密性3の情報資産は"
                     "LGWAN接続系に置きます: %s",
                     names[model], what);
}

/* important_on_internet for one asset or path, by the model. */
static void ar_important(asset_network_model model, const char *field, const char *what, asset_warnings *w, err *e)
{
    if (model == ASSET_MODEL_BETA_PRIME) return;
    char *text = asset_important_message(model, what);
    if (model == ASSET_MODEL_BETA) {
        if (w) ar_warn(w, text);
        else free(text);
        return;
    }
    err_field_add(e, field, "%s", text);
    free(text);
}

err_code asset_check_rules(db_conn *c, long id, asset_rules_trigger trigger, asset_warnings *w, err *e)
{
    char idt[24];
    snprintf(idt, sizeof idt, "%ld", id);
    db_rows *self = NULL, *chain = NULL;
    err_code rc = db_query(c,
                           "SELECT a.name, a.segment, a.mynumber, kc.rank, ki.rank, ka.rank, kc.code, ki.code, ka.code,"
                           " a.personal_data FROM asset a JOIN classification_class kc ON kc.id = a.c_class_id"
                           " JOIN classification_class ki ON ki.id = a.i_class_id"
                           " JOIN classification_class ka ON ka.id = a.a_class_id WHERE a.id = CAST($1 AS BIGINT)",
                           DB_PARAMS(idt), &self, e);
    if (rc == OK && self->n_rows != 1) rc = err_set(e, ERR_NOT_FOUND, "no such asset");
    if (rc == OK) rc = db_query(c, AR_CHAIN_SQL, DB_PARAMS(idt, db_cell(self, 0, 0)), &chain, e);
    if (rc != OK) goto cleanup;
    const char *name = db_cell(self, 0, 0);
    bool mynumber = strcmp(db_cell(self, 0, 2), "1") == 0;
    bool on_internet = strcmp(db_cell(self, 0, 1), "internet") == 0;
    const char *relation_field = trigger == ASSET_RULES_RELATION ? "to_asset_id" : NULL;
    /* mynumber_not_on_internet: the asset itself, its containers, what it holds. */
    if (mynumber && on_internet)
        err_field_add(e, relation_field ? relation_field : "segment",
                      "rule mynumber_not_on_internet (三層の対策): マイナンバーを含む情報資産はインターネット接続系に"
                      "置けません: %s",
                      name);
    /* important_on_internet: the asset itself, then along the chain below. */
    asset_network_model model = asset_network_model_of(w ? w->network_model : NULL);
    bool important = strcmp(db_cell(self, 0, 9), "1") == 0 || atoi(db_cell(self, 0, 3)) >= ASSET_IMPORTANT_C_RANK;
    /* (マイナンバー there is already the stricter rule's error: not said twice.) */
    if (important && on_internet && !mynumber)
        ar_important(model, relation_field ? relation_field : "segment", name, w, e);
    for (size_t i = 0; i < chain->n_rows; i++) {
        bool up = strcmp(db_cell(chain, i, 0), "up") == 0;
        const char *path = db_cell(chain, i, 1);
        bool other_important = strcmp(db_cell(chain, i, 10), "1") == 0 || atoi(db_cell(chain, i, 4)) >= ASSET_IMPORTANT_C_RANK;
        bool other_internet = strcmp(db_cell(chain, i, 2), "internet") == 0;
        bool other_mynumber = strcmp(db_cell(chain, i, 3), "1") == 0;
        if ((up && important && !mynumber && other_internet) || (!up && other_important && !other_mynumber && on_internet))
            ar_important(model, relation_field ? relation_field : "segment", path, w, e);
        if ((up && mynumber && other_internet) || (!up && other_mynumber && on_internet))
            err_field_add(e, relation_field ? relation_field : up ? "mynumber" : "segment",
                          "rule mynumber_not_on_internet (三層の対策): マイナンバーを含む情報資産はインターネット接続系"
                          "に置けません: %s",
                          path);
        /* container_class, per axis: the container (up: the other; down: this asset)
         * ranks at least as high as what it holds. */
        static const char *const axes[] = {"C", "I", "A"};
        static const char *const fields[] = {"c_class_id", "i_class_id", "a_class_id"};
        for (int a = 0; a < 3; a++) {
            int mine = atoi(db_cell(self, 0, 3 + a)), other = atoi(db_cell(chain, i, 4 + a));
            int held = up ? mine : other, container = up ? other : mine;
            if (container >= held) continue;
            const char *held_code = up ? db_cell(self, 0, 6 + a) : db_cell(chain, i, 7 + a);
            const char *container_code = up ? db_cell(chain, i, 7 + a) : db_cell(self, 0, 6 + a);
            char *text = xasprintf("rule container_class: a container's class is at least that of what it holds: "
                                   "%s (%s%s held, %s%s container)",
                                   path, axes[a], held_code, axes[a], container_code);
            if (w && w->strict) {
                err_field_add(e, relation_field ? relation_field : fields[a], "%s", text);
                free(text);
            } else if (w) {
                ar_warn(w, text);
            } else {
                free(text);
            }
        }
    }
    if (e && e->n_fields) rc = ERR_VALIDATION;
cleanup:
    db_rows_free(self);
    db_rows_free(chain);
    return rc;
}

err_code asset_relation_add(db_conn *c, const audit_actor *editor, long from, const char *kind, long to, long *rel_id,
                            asset_warnings *w, err *e)
{
    long version = 0;
    char *status = NULL;
    /* The one who changes the held asset relates it (404 when they may not see it). */
    err_code rc = asset_writable(c, editor->id, from, &version, &status, e);
    if (rc == OK && strcmp(status, "in_use") != 0) rc = err_set(e, ERR_CONFLICT, "the asset has been disposed of");
    free(status);
    if (rc != OK) return rc;
    /* The container must be one the editor sees: no relating to what they may not know. */
    bool visible = editor->id == 0 && to > 0; /* the system sees everything */
    if (to > 0 && editor->id != 0 && (rc = authz_sees(c, editor->id, AUTHZ_ASSET, to, &visible, e)) != OK) return rc;
    if (!visible) {
        err_field_add(e, "to_asset_id", "no such asset");
        return ERR_VALIDATION;
    }
    if ((rc = asset_relation_kinds_ok(c, from, kind, to, e)) != OK) return rc;
    char ft[24], tt[24], by[24], now[TIME_CANON_LEN];
    snprintf(ft, sizeof ft, "%ld", from);
    snprintf(tt, sizeof tt, "%ld", to);
    snprintf(by, sizeof by, "%ld", editor->id);
    time_now_canon(now);
    db_rows *rows = NULL;
    rc = db_query(c,
                  "SELECT 1 FROM asset_relation WHERE kind = $1 AND from_asset_id = CAST($2 AS BIGINT)"
                  " AND to_asset_id = CAST($3 AS BIGINT) AND ended_at IS NULL",
                  DB_PARAMS(kind, ft, tt), &rows, e);
    if (rc == OK && rows->n_rows) rc = err_set(e, ERR_CONFLICT, "the assets are already related so");
    db_rows_free(rows);
    rows = NULL;
    if (rc == OK)
        rc = db_query(c,
                      "INSERT INTO asset_relation (kind, from_asset_id, to_asset_id, created_at, created_by)"
                      " VALUES ($1, CAST($2 AS BIGINT), CAST($3 AS BIGINT), $4, CAST($5 AS BIGINT)) RETURNING id",
                      DB_PARAMS(kind, ft, tt, now, editor->id > 0 ? by : NULL), &rows, e);
    if (rc == OK) *rel_id = atol(db_cell(rows, 0, 0));
    db_rows_free(rows);
    if (rc == OK) rc = asset_check_rules(c, from, ASSET_RULES_RELATION, w, e);
    if (rc == OK) {
        char rt[24];
        snprintf(rt, sizeof rt, "%ld", *rel_id);
        json_t *detail = json_pack("{s:s, s:I, s:I}", "kind", kind, "from_asset_id", (json_int_t)from, "to_asset_id",
                                   (json_int_t)to);
        if (w && w->n) {
            json_t *list = json_array();
            for (size_t i = 0; i < w->n; i++) json_array_append_new(list, json_string(w->items[i]));
            json_object_set_new(detail, "warnings", list);
        }
        rc = audit_append(c, editor, "asset.relate", "asset_relation", rt, detail, e);
        json_decref(detail);
    }
    return rc;
}

err_code asset_relation_end(db_conn *c, const audit_actor *editor, long rel_id, err *e)
{
    char rt[24];
    snprintf(rt, sizeof rt, "%ld", rel_id);
    db_rows *rows = NULL;
    err_code rc = db_query(c,
                           "SELECT from_asset_id, to_asset_id, kind, ended_at FROM asset_relation"
                           " WHERE id = CAST($1 AS BIGINT)",
                           DB_PARAMS(rt), &rows, e);
    if (rc == OK && rows->n_rows != 1) rc = err_set(e, ERR_NOT_FOUND, "no such relation");
    if (rc != OK) {
        db_rows_free(rows);
        return rc;
    }
    long from = atol(db_cell(rows, 0, 0)), to = atol(db_cell(rows, 0, 1));
    bool ended = db_cell(rows, 0, 3) != NULL;
    char *kind = xstrdup(db_cell(rows, 0, 2));
    db_rows_free(rows);
    /* Whoever may change the held asset may end its relations; the other end must be in
     * their sight too, or the relation does not exist for them. */
    long version = 0;
    char *status = NULL;
    bool visible = false;
    rc = asset_writable(c, editor->id, from, &version, &status, e);
    free(status);
    if (rc == OK && (rc = authz_sees(c, editor->id, AUTHZ_ASSET, to, &visible, e)) == OK && !visible)
        rc = err_set(e, ERR_NOT_FOUND, "no such relation");
    if (rc == ERR_NOT_FOUND) {
        err_clear(e);
        rc = err_set(e, ERR_NOT_FOUND, "no such relation");
    }
    if (rc == OK && ended) rc = err_set(e, ERR_CONFLICT, "the relation has already ended");
    if (rc == OK) {
        char by[24], now[TIME_CANON_LEN];
        snprintf(by, sizeof by, "%ld", editor->id);
        time_now_canon(now);
        rc = db_query(c,
                      "UPDATE asset_relation SET ended_at = $1, ended_by = CAST($2 AS BIGINT) WHERE id = CAST($3 AS BIGINT)",
                      DB_PARAMS(now, editor->id > 0 ? by : NULL, rt), NULL, e);
    }
    if (rc == OK) {
        json_t *detail = json_pack("{s:s, s:I, s:I}", "kind", kind, "from_asset_id", (json_int_t)from, "to_asset_id",
                                   (json_int_t)to);
        rc = audit_append(c, editor, "asset.unrelate", "asset_relation", rt, detail, e);
        json_decref(detail);
    }
    free(kind);
    return rc;
}
