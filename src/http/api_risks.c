/* api_risks — the risk register (/api/v1/risks; issue 6 point 5): read as the asset is
 * (asset.read, the ledger's need-to-know: 404 on record for a risk of an asset one may
 * not see), written with implementation.write in the asset's owner unit. The rules of
 * impact and residual are in src/domain/risk.h; the matrix size is the setting
 * risk_matrix_size, its steps' words risk_likelihood_labels and risk_impact_labels
 * (src/domain/risk_matrix.h), given with every answer as "matrix" for the UI's map and
 * form. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "domain/risk.h"
#include "domain/risk_matrix.h"
#include "http/api_catalog.h"
#include "http/handlers.h"
#include "http/json_input.h"

static int api_rk_size(http_request *r)
{
    if (r->app->risk_matrix) return r->app->risk_matrix->size;
    return r->app->cfg->risk_matrix_size > 0 ? r->app->cfg->risk_matrix_size : 5;
}

static json_t *api_rk_labels(const risk_label *l, int size)
{
    json_t *a = json_array();
    for (int i = 0; i < size; i++)
        json_array_append_new(a, json_pack("{s:i, s:s, s:s}", "step", i + 1, "ja", l[i].ja, "en", l[i].en));
    return a;
}

/* {"size", "likelihood": [{step, ja, en}], "impact": [...]}: the server's matrix (made and
 * checked at start); a tool without one gets the default words of the size. */
static json_t *api_rk_matrix(http_request *r)
{
    risk_matrix own = {0};
    const risk_matrix *m = r->app->risk_matrix;
    if (!m) {
        err e = ERR_INIT;
        if (risk_matrix_make(api_rk_size(r), NULL, NULL, &own, &e) != OK) {
            err_clear(&e);
            return json_pack("{s:i, s:[], s:[]}", "size", api_rk_size(r), "likelihood", "impact");
        }
        m = &own;
    }
    json_t *o = json_pack("{s:i, s:o, s:o}", "size", m->size, "likelihood", api_rk_labels(m->likelihood, m->size),
                          "impact", api_rk_labels(m->impact, m->size));
    risk_matrix_free(&own);
    return o;
}

/* A risk the caller may not know exists: answered 404, and on record. */
static void api_rk_unseen(http_request *r, db_conn *c, long id)
{
    if (db_in_transaction(c)) db_rollback(c);
    char idt[24];
    snprintf(idt, sizeof idt, "%ld", id);
    err e = ERR_INIT;
    audit_actor actor = http_actor(r);
    json_t *detail = json_pack("{s:s, s:s, s:s}", "method", r->method, "path", r->path, "reason", "need_to_know");
    if (db_begin_write(c, &e) == OK && audit_append(c, &actor, "access.denied", "risk", idt, detail, &e) == OK)
        db_commit(c, &e);
    else if (db_in_transaction(c))
        db_rollback(c);
    json_decref(detail);
    err_clear(&e);
}

static json_t *api_rk_json(const risk_row *x)
{
    json_t *o = json_pack("{s:I, s:I, s:s, s:I, s:s, s:s, s:s?, s:I, s:i, s:i, s:b, s:i, s:s, s:s?, s:I, s:s}",
                          "id", (json_int_t)x->id, "asset_id", (json_int_t)x->asset_id, "asset_name", x->asset_name,
                          "threat_id", (json_int_t)x->threat_id, "threat_code", x->threat_code, "threat_name_ja",
                          x->threat_name_ja, "threat_name_en", x->threat_name_en, "unit_id", (json_int_t)x->unit_id,
                          "likelihood", x->likelihood, "impact", x->impact, "impact_from_class",
                          x->impact_from_class, "level", x->level, "treatment", x->treatment, "note", x->note,
                          "version", (json_int_t)x->version, "updated_at", x->updated_at);
    json_object_set_new(o, "residual", json_pack("{s:i, s:i, s:i}", "likelihood", x->residual_likelihood, "impact",
                                                 x->residual_impact, "level", x->residual_level));
    json_object_set_new(o, "requirements_linked", json_integer(x->n_requirements));
    json_object_set_new(o, "requirements_carried_out", json_integer(x->n_reducing));
    json_object_set_new(o, "owner_id", x->owner_id ? json_integer(x->owner_id) : json_null());
    json_object_set_new(o, "owner_name", x->owner_name ? json_string(x->owner_name) : json_null());
    json_object_set_new(o, "closed_at", x->closed_at ? json_string(x->closed_at) : json_null());
    return o;
}

static json_t *api_rk_history(const risk_version_row *v, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *codes = json_array();
        for (size_t k = 0; k < v[i].n_requirement_codes; k++)
            json_array_append_new(codes, json_string(v[i].requirement_codes[k]));
        json_array_append_new(
            a, json_pack("{s:I, s:s, s:s?, s:i, s:i, s:b, s:s, s:s?, s:s?, s:s?, s:o}", "version",
                         (json_int_t)v[i].version, "changed_at", v[i].changed_at, "changed_by", v[i].changed_by_name,
                         "likelihood", v[i].likelihood, "impact", v[i].impact, "impact_from_class",
                         v[i].impact_from_class, "treatment", v[i].treatment, "note", v[i].note, "owner_name",
                         v[i].owner_name, "closed_at", v[i].closed_at, "requirements", codes));
    }
    return a;
}

/* One risk with its linked requirements (and whether each is carried out on the asset),
 * its history (newest first) and the matrix. */
static void api_rk_reply(http_request *r, db_conn *c, long id, int status)
{
    risk_row x;
    risk_version_row *hist = NULL;
    size_t n_hist = 0;
    bool hidden = false;
    err e = ERR_INIT;
    if (risk_get(c, r->session.person_id, api_rk_size(r), id, &x, &hidden, &e) != OK) {
        if (hidden) api_rk_unseen(r, c, id);
        http_reply_error(r, &e);
        err_clear(&e);
        return;
    }
    if (risk_history(c, id, &hist, &n_hist, &e) != OK) {
        http_reply_error(r, &e);
        risk_row_clear(&x);
        err_clear(&e);
        return;
    }
    json_t *o = api_rk_json(&x);
    json_t *links = json_array();
    for (size_t i = 0; i < x.n_links; i++)
        json_array_append_new(links, json_pack("{s:I, s:s, s:s, s:s?, s:s, s:b}", "requirement_id",
                                               (json_int_t)x.links[i].requirement_id, "code", x.links[i].code,
                                               "title_ja", x.links[i].title_ja, "title_en", x.links[i].title_en,
                                               "status", x.links[i].status, "reduces", x.links[i].reduces));
    json_object_set_new(o, "requirements", links);
    json_object_set_new(o, "history", api_rk_history(hist, n_hist));
    risk_history_free(hist, n_hist);
    json_object_set_new(o, "matrix_size", json_integer(api_rk_size(r)));
    json_object_set_new(o, "matrix", api_rk_matrix(r));
    api_catalog_etag(r, x.version);
    if (status == 201) {
        char loc[64];
        snprintf(loc, sizeof loc, "/api/v1/risks/%ld", id);
        http_add_header(r, "Location", loc);
    }
    http_reply_json(r, status, o);
    risk_row_clear(&x);
    err_clear(&e);
}

static void api_rk_filter(http_request *r, risk_filter *f, err *e)
{
    memset(f, 0, sizeof *f);
    http_query_id(r, "asset_id", &f->asset_id, e);
    http_query_id(r, "threat_id", &f->threat_id, e);
    http_query_id(r, "org_unit_id", &f->org_unit_id, e);
}

void api_risks_list(http_request *r)
{
    err e = ERR_INIT;
    risk_filter f;
    risk_page page = {0};
    api_rk_filter(r, &f, &e);
    http_query_id(r, "cursor", &f.after, &e);
    const char *closed = http_query(r, "closed");
    if (closed && strcmp(closed, "true") && strcmp(closed, "false"))
        err_field_add(&e, "closed", "must be true or false");
    f.closed = closed && !strcmp(closed, "true");
    const char *l = http_query(r, "limit");
    f.limit = 50;
    if (l && !http_positive_number(l, 500, &f.limit)) err_field_add(&e, "limit", "must be a whole number from 1 to 500");
    if (e.n_fields) {
        http_reply_error(r, &e);
        err_clear(&e);
        return;
    }
    db_conn *c = db_acquire(r->app->store);
    err_code rc = risk_list(c, r->session.person_id, api_rk_size(r), &f, &page, &e);
    db_release(c);
    if (rc != OK) {
        http_reply_error(r, &e);
        err_clear(&e);
        return;
    }
    json_t *items = json_array();
    for (size_t i = 0; i < page.n; i++) json_array_append_new(items, api_rk_json(&page.items[i]));
    char next[24];
    snprintf(next, sizeof next, "%ld", page.next_after);
    http_reply_json(r, 200, json_pack("{s:o, s:o, s:i, s:o}", "items", items, "next_cursor",
                                      page.next_after ? json_string(next) : json_null(), "matrix_size",
                                      api_rk_size(r), "matrix", api_rk_matrix(r)));
    risk_page_free(&page);
}

void api_risks_heatmap(http_request *r)
{
    err e = ERR_INIT;
    risk_filter f;
    api_rk_filter(r, &f, &e);
    if (e.n_fields) {
        http_reply_error(r, &e);
        err_clear(&e);
        return;
    }
    risk_heatmap h;
    db_conn *c = db_acquire(r->app->store);
    err_code rc = risk_heatmap_of(c, r->session.person_id, api_rk_size(r), &f, &h, &e);
    db_release(c);
    if (rc != OK) {
        http_reply_error(r, &e);
        err_clear(&e);
        return;
    }
    /* Rows of likelihood from the highest down, columns of impact from 1 up: as drawn. */
    json_t *inh = json_array(), *res = json_array();
    for (int l = h.size; l >= 1; l--) {
        json_t *ri = json_array(), *rr = json_array();
        for (int i = 1; i <= h.size; i++) {
            json_array_append_new(ri, json_integer(h.inherent[(l - 1) * h.size + (i - 1)]));
            json_array_append_new(rr, json_integer(h.residual[(l - 1) * h.size + (i - 1)]));
        }
        json_array_append_new(inh, ri);
        json_array_append_new(res, rr);
    }
    http_reply_json(r, 200, json_pack("{s:i, s:I, s:I, s:o, s:o, s:o}", "size", h.size, "total", (json_int_t)h.total,
                                      "avoided", (json_int_t)h.avoided, "inherent", inh, "residual", res, "matrix",
                                      api_rk_matrix(r)));
    risk_heatmap_free(&h);
}

void api_risks_get(http_request *r)
{
    long id = 0;
    if (!http_param_id(r, 0, &id)) {
        http_reply_problem(r, 404, "not_found", "no such risk");
        return;
    }
    db_conn *c = db_acquire(r->app->store);
    api_rk_reply(r, c, id, 200);
    db_release(c);
}

/* The fields from the body; *ids (owned by the caller) holds requirement_ids. */
static err_code api_rk_fields(http_request *r, risk_fields *f, long **ids, bool patch, err *e)
{
    memset(f, 0, sizeof *f);
    *ids = NULL;
    json_t *body = r->json && json_is_object(r->json) ? r->json : NULL;
    if (!body) return err_set(e, ERR_BAD_REQUEST, "send a JSON object");
    json_t *v = json_object_get(body, "likelihood");
    if (v) {
        if (!json_is_integer(v) || json_integer_value(v) < 1 || json_integer_value(v) > 1000)
            err_field_add(e, "likelihood", "must be a step of the matrix, from 1 to %d", api_rk_size(r));
        else f->likelihood = (long)json_integer_value(v);
        json_object_del(body, "likelihood");
    }
    v = json_object_get(body, "impact");
    if (v) {
        if (json_is_null(v)) f->impact = patch ? -1 : 0;
        else if (!json_is_integer(v) || json_integer_value(v) < 1 || json_integer_value(v) > 1000)
            err_field_add(e, "impact", "must be a step of the matrix, from 1 to %d, or null", api_rk_size(r));
        else f->impact = (long)json_integer_value(v);
        json_object_del(body, "impact");
    }
    http_body_take_id(r, "owner_id", true, &f->owner_id, e);
    v = json_object_get(body, "requirement_ids");
    if (v) {
        f->set_requirements = true;
        if (!json_is_array(v) || json_array_size(v) > 200) {
            err_field_add(e, "requirement_ids", "must be a list of at most 200 requirement ids");
        } else {
            *ids = xcalloc(json_array_size(v) + 1, sizeof **ids);
            for (size_t i = 0; i < json_array_size(v); i++) {
                json_t *x = json_array_get(v, i);
                if (!json_is_integer(x) || json_integer_value(x) < 1) {
                    err_field_add(e, "requirement_ids", "must hold requirement ids only");
                    break;
                }
                (*ids)[f->n_requirements++] = (long)json_integer_value(x);
            }
            f->requirement_ids = *ids;
        }
        json_object_del(body, "requirement_ids");
    }
    if (patch) {
        v = json_object_get(body, "closed");
        if (v) {
            if (!json_is_true(v)) err_field_add(e, "closed", "can only be true (a closed risk stays closed)");
            else f->close = true;
            json_object_del(body, "closed");
        }
    }
    if (json_object_get(body, "note") && json_is_null(json_object_get(body, "note")))
        json_object_set_new(body, "note", json_string(""));
    const json_field fields[] = {
        {"treatment", false, 20, &f->treatment, NULL},
        {"note", false, 4000, &f->note, NULL},
    };
    err_code rc = json_input_strings(body, fields, 2, e);
    return e->n_fields ? ERR_VALIDATION : rc;
}

static bool api_rk_faulted(const err *e, const char *field)
{
    for (size_t i = 0; i < e->n_fields; i++)
        if (!strcmp(e->fields[i].field, field)) return true;
    return false;
}

void api_risks_post(http_request *r)
{
    err e = ERR_INIT;
    long aid = 0, tid = 0, id = 0, *ids = NULL;
    risk_fields f;
    http_body_take_id(r, "asset_id", false, &aid, &e);
    http_body_take_id(r, "threat_id", false, &tid, &e);
    if (!aid && !api_rk_faulted(&e, "asset_id")) err_field_add(&e, "asset_id", "is required");
    if (!tid && !api_rk_faulted(&e, "threat_id")) err_field_add(&e, "threat_id", "is required");
    err_code rc = api_rk_fields(r, &f, &ids, false, &e);
    if (rc == OK || rc == ERR_VALIDATION) {
        /* The rules too, so a form learns every fault at once; a field faulted already
         * keeps its one message. */
        err rules = ERR_INIT;
        risk_check(&f, true, api_rk_size(r), &rules);
        for (size_t i = 0; i < rules.n_fields; i++)
            if (!api_rk_faulted(&e, rules.fields[i].field))
                err_field_add(&e, rules.fields[i].field, "%s", rules.fields[i].message);
        err_clear(&rules);
        rc = e.n_fields ? ERR_VALIDATION : OK;
    }
    if (rc == OK) {
        audit_actor actor = http_actor(r);
        db_conn *c = db_acquire(r->app->store);
        rc = db_begin_write(c, &e);
        if (rc == OK) rc = risk_create(c, &actor, api_rk_size(r), aid, tid, &f, &id, &e);
        if (rc == OK) rc = db_commit(c, &e);
        if (rc == OK) api_rk_reply(r, c, id, 201);
        if (rc != OK && db_in_transaction(c)) db_rollback(c);
        if (rc == ERR_NOT_FOUND) http_record_unseen(r, c, AUTHZ_ASSET, "asset", aid);
        db_release(c);
    }
    if (rc != OK) http_reply_error(r, &e);
    free(ids);
    err_clear(&e);
}

void api_risks_patch(http_request *r)
{
    long id = 0, version = 0, *ids = NULL;
    if (!http_param_id(r, 0, &id)) {
        http_reply_problem(r, 404, "not_found", "no such risk");
        return;
    }
    err e = ERR_INIT;
    db_conn *c = db_acquire(r->app->store);
    /* Need-to-know first: a risk of an asset the caller may not see does not exist. */
    risk_row x;
    bool hidden = false;
    err_code rc = risk_get(c, r->session.person_id, api_rk_size(r), id, &x, &hidden, &e);
    if (rc == OK) risk_row_clear(&x);
    else if (hidden) api_rk_unseen(r, c, id);
    if (rc == OK && !http_if_match(r, &version)) {
        db_release(c);
        err_clear(&e);
        return;
    }
    risk_fields f;
    if (rc == OK) rc = api_rk_fields(r, &f, &ids, true, &e);
    if (rc == OK) {
        audit_actor actor = http_actor(r);
        rc = db_begin_write(c, &e);
        if (rc == OK) rc = risk_update(c, &actor, api_rk_size(r), id, version, &f, &e);
        if (rc == OK) rc = db_commit(c, &e);
        if (rc == OK) api_rk_reply(r, c, id, 200);
        if (rc != OK && db_in_transaction(c)) db_rollback(c);
    }
    db_release(c);
    if (rc != OK) http_reply_error(r, &e);
    free(ids);
    err_clear(&e);
}
