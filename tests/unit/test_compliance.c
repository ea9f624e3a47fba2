/* Compliance per requirement and against a reference catalog, on a real (temporary
 * SQLite) store made by store_init, so with mamori's default catalog: assets and
 * implementation records written through the domain (asset_create, implementation_create:
 * the maintenance path), then
 *   - the per-requirement figures maintained equal a recompute from nothing, and add up
 *     to the dashboard's figures; summed over some units they are those units' cells;
 *   - compref_build on a small OSCAL catalog: a control's figures are its requirements',
 *     a family counts a requirement mapped to two of its controls once, a group mapped
 *     stands for its items, a control without a mapping is not covered;
 *   - the catalog reference (id or uuid) accepted and refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "auth/password.h"
#include "core/xalloc.h"
#include "db/db.h"
#include "domain/asset.h"
#include "domain/compliance.h"
#include "domain/compliance_reference.h"
#include "domain/implementation.h"
#include "domain/org_unit.h"
#include "domain/reference_catalog.h"
#include "domain/requirement.h"
#include "domain/requirement_mapping.h"
#include "domain/store_init.h"

typedef struct fixture {
    char dir[64];
    db *store;
    long root, unit_a, unit_b;
} fixture;

static const audit_actor SYSTEM = {0, "system", ""};

static long number(db_conn *c, const char *sql, const char *param)
{
    err e = ERR_INIT;
    db_rows *rows = NULL;
    const char *params[1] = {param};
    assert_int_equal(db_query(c, sql, params, param ? 1 : 0, &rows, &e), OK);
    long v = rows->n_rows && db_cell(rows, 0, 0) ? atol(db_cell(rows, 0, 0)) : 0;
    db_rows_free(rows);
    return v;
}

static long class_id(db_conn *c, const char *label)
{
    char axis[2] = {label[0], 0};
    char *sql = xasprintf("SELECT k.id FROM classification_class k JOIN classification_scheme s ON s.code = k.scheme_code"
                          " WHERE s.in_force = 1 AND k.axis = '%s' AND k.code = $1",
                          axis);
    long id = number(c, sql, label + 1);
    free(sql);
    return id;
}

static long new_asset(db_conn *c, const char *kind, long unit, const char *segment, const char *cls, int personal)
{
    err e = ERR_INIT;
    asset_fields f = ASSET_FIELDS_INIT;
    f.kind = kind;
    f.name = kind;
    f.segment = segment;
    f.format = "electronic";
    f.class_reason = "unit test";
    f.owner_unit_id = unit;
    f.personal_data = personal;
    f.mynumber = 0;
    f.c_class_id = class_id(c, cls);
    f.i_class_id = class_id(c, "I2");
    f.a_class_id = class_id(c, "A2");
    asset_warnings w = {0};
    long id = 0;
    err_code rc = asset_create(c, &SYSTEM, &f, &id, &w, &e);
    if (rc != OK) fail_msg("asset_create: %s", e.message ? e.message : "?");
    for (size_t i = 0; i < w.n; i++) free(w.items[i]);
    free(w.items);
    return id;
}

/* Records for the first few requirements applying to asset, in the given statuses. */
static void record(db_conn *c, long asset, const char *const *statuses, size_t n)
{
    err e = ERR_INIT;
    requirement_page page;
    assert_int_equal(requirement_applicable(c, asset, &page, &e), OK);
    assert_true(page.n >= n);
    for (size_t i = 0; i < n; i++) {
        implementation_fields f = {statuses[i], !strcmp(statuses[i], "not_applicable") ? "unit test" : NULL, NULL,
                                   NULL, 0};
        long id = 0;
        assert_int_equal(implementation_create(c, &SYSTEM, page.items[i].id, asset, 0, &f, &id, &e), OK);
    }
    requirement_page_free(&page);
}

static int setup(void **state)
{
    fixture *f = xcalloc(1, sizeof *f);
    snprintf(f->dir, sizeof f->dir, "/tmp/mamori-unit-XXXXXX");
    if (!mkdtemp(f->dir)) return -1;
    char *url = xasprintf("sqlite:%s/m.db", f->dir);
    err e = ERR_INIT;
    int rc = password_init(2, &e) == OK && db_open(url, 2, DB_OPEN_CREATE, &f->store, &e) == OK ? 0 : -1;
    free(url);
    store_init_params p = {"テスト組合", NULL, "ciso", "ＣＩＳＯ 太郎", "a-long-enough-password"};
    long ciso = 0;
    if (rc == 0 && store_init(f->store, &p, &f->root, &ciso, &e) != OK) rc = -1;
    if (rc != 0) return rc;
    db_conn *c = db_acquire(f->store);
    assert_int_equal(db_begin_write(c, &e), OK);
    assert_int_equal(org_unit_create(c, &SYSTEM, "310", "料金課", NULL, f->root, &f->unit_a, &e), OK);
    assert_int_equal(org_unit_create(c, &SYSTEM, "320", "工務課", NULL, f->root, &f->unit_b, &e), OK);
    long a1 = new_asset(c, "system", f->unit_a, "lgwan", "C3A", 1);
    long a2 = new_asset(c, "system", f->unit_a, "internet", "C2", 0);
    long b1 = new_asset(c, "document", f->unit_b, "other", "C2", 1);
    new_asset(c, "system", f->unit_b, "standalone", "C1", 0);
    record(c, a1, (const char *const[]){"implemented", "partial", "not_applicable", "implemented"}, 4);
    record(c, a2, (const char *const[]){"implemented", "not_started"}, 2);
    record(c, b1, (const char *const[]){"partial"}, 1);
    /* A unit-level item, implemented in 料金課. */
    char ut[24];
    snprintf(ut, sizeof ut, "%ld", f->unit_a);
    long unit_item = number(c,
                            "SELECT min(r.id) FROM requirement r WHERE r.scope = 'unit' AND r.active = 1 AND NOT EXISTS"
                            " (SELECT 1 FROM requirement ch WHERE ch.parent_id = r.id) AND CAST($1 AS BIGINT) > 0",
                            ut);
    implementation_fields done = {"implemented", NULL, NULL, NULL, 0};
    long id = 0;
    assert_int_equal(implementation_create(c, &SYSTEM, unit_item, 0, f->unit_a, &done, &id, &e), OK);
    assert_int_equal(db_commit(c, &e), OK);
    db_release(c);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    db_close(f->store);
    char *cmd = xasprintf("rm -rf '%s'", f->dir);
    int ignored = system(cmd);
    (void)ignored;
    free(cmd);
    free(f);
    return 0;
}

static void test_maintained_equals_recompute(void **state)
{
    fixture *f = *state;
    err e = ERR_INIT;
    db_conn *c = db_acquire(f->store);
    compliance_req_cell *kept = NULL, *computed = NULL;
    size_t n_kept = 0, n_computed = 0;
    assert_int_equal(compliance_req_cells(c, false, &kept, &n_kept, &e), OK);
    assert_int_equal(compliance_req_cells(c, true, &computed, &n_computed, &e), OK);
    assert_true(n_kept > 10);
    assert_int_equal(n_kept, n_computed);
    assert_memory_equal(kept, computed, n_kept * sizeof *kept);
    /* The cells add up to the dashboard's figures, status by status. */
    compliance_grid g;
    assert_int_equal(compliance_load(c, false, &g, &e), OK);
    long by_cells[COMPLIANCE_N_STATUS] = {0}, by_grid[COMPLIANCE_N_STATUS] = {0};
    for (size_t i = 0; i < n_kept; i++)
        for (int s = 0; s < COMPLIANCE_N_STATUS; s++) by_cells[s] += kept[i].n[s];
    for (size_t u = 0; u < g.n; u++)
        for (int k = 0; k < COMPLIANCE_N_KINDS; k++)
            for (int q = 0; q < COMPLIANCE_N_RANKS; q++)
                for (int s = 0; s < COMPLIANCE_N_STATUS; s++) by_grid[s] += g.units[u].n[k][q][s];
    assert_memory_equal(by_cells, by_grid, sizeof by_cells);
    assert_int_equal(by_cells[2], 4); /* implemented: two of a1, one of a2, the unit item */
    assert_int_equal(by_cells[1], 2);
    assert_int_equal(by_cells[3], 1);
    /* Summed over 料金課 only: its cells, maintained and recomputed alike. */
    compliance_req_cell *mine = NULL, *mine_again = NULL;
    size_t n_mine = 0, n_again = 0;
    assert_int_equal(compliance_by_requirement(c, false, &f->unit_a, 1, &mine, &n_mine, &e), OK);
    assert_int_equal(compliance_by_requirement(c, true, &f->unit_a, 1, &mine_again, &n_again, &e), OK);
    assert_int_equal(n_mine, n_again);
    assert_memory_equal(mine, mine_again, n_mine * sizeof *mine);
    size_t k = 0;
    for (size_t i = 0; i < n_kept; i++) {
        if (kept[i].unit_id != f->unit_a) continue;
        while (k < n_mine && mine[k].requirement_id < kept[i].requirement_id) k++;
        assert_true(k < n_mine);
        assert_int_equal(mine[k].requirement_id, kept[i].requirement_id);
        assert_int_equal(mine[k].unit_id, 0);
        assert_memory_equal(mine[k].n, kept[i].n, sizeof mine[k].n);
    }
    long none_n = 0;
    compliance_req_cell *none = NULL;
    size_t n_none = 0;
    assert_int_equal(compliance_by_requirement(c, false, &none_n, 0, &none, &n_none, &e), OK);
    assert_int_equal(n_none, 0);
    free(none);
    free(mine);
    free(mine_again);
    compliance_grid_free(&g);
    free(kept);
    free(computed);
    db_release(c);
}

static const char TINY[] =
    "{\"catalog\":{\"uuid\":\"ABCDEF01-2345-4678-89ab-cdef01234567\",\"metadata\":{\"title\":\"Tiny\","
    "\"last-modified\":\"2026-01-01T00:00:00Z\",\"version\":\"1\",\"oscal-version\":\"1.1.2\"},\"groups\":["
    "{\"id\":\"g1\",\"title\":\"One\",\"controls\":[{\"id\":\"c1\",\"title\":\"First\",\"props\":[{\"name\":\"label\","
    "\"value\":\"C-01\",\"class\":\"zero-padded\"},{\"name\":\"label\",\"value\":\"C-1\"}],"
    "\"controls\":[{\"id\":\"c1.1\",\"title\":\"More\"}]},{\"id\":\"c2\",\"title\":\"Second\"}]},"
    "{\"id\":\"g2\",\"title\":\"Two\",\"controls\":[{\"id\":\"c3\",\"title\":\"Third\"}]}]}}";

static long item(db_conn *c, const char *item_id)
{
    return number(c, "SELECT id FROM reference_catalog_item WHERE item_id = $1", item_id);
}

/* The figures of the given requirements' leaves over every unit, each leaf once. */
static void expected(db_conn *c, const long *reqs, size_t n, long out[COMPLIANCE_N_STATUS])
{
    err e = ERR_INIT;
    memset(out, 0, COMPLIANCE_N_STATUS * sizeof *out);
    db_rows *units = NULL;
    assert_int_equal(db_query(c, "SELECT id FROM org_unit", DB_NO_PARAMS, &units, &e), OK);
    long *ids = xcalloc(units->n_rows + 1, sizeof *ids);
    for (size_t i = 0; i < units->n_rows; i++) ids[i] = atol(db_cell(units, i, 0));
    compliance_req_cell *cells = NULL;
    size_t n_cells = 0;
    assert_int_equal(compliance_by_requirement(c, false, ids, units->n_rows, &cells, &n_cells, &e), OK);
    for (size_t i = 0; i < n_cells; i++) {
        char rt[24];
        snprintf(rt, sizeof rt, "%ld", cells[i].requirement_id);
        long parent = number(c, "SELECT COALESCE(parent_id, 0) FROM requirement WHERE id = CAST($1 AS BIGINT)", rt);
        bool in = false;
        for (size_t k = 0; k < n; k++) in = in || reqs[k] == cells[i].requirement_id || reqs[k] == parent;
        for (int s = 0; in && s < COMPLIANCE_N_STATUS; s++) out[s] += cells[i].n[s];
    }
    free(cells);
    free(ids);
    db_rows_free(units);
}

static void test_reference(void **state)
{
    fixture *f = *state;
    err e = ERR_INIT;
    refcat_import_result imported;
    assert_int_equal(refcat_import_bytes(f->store, &SYSTEM, TINY, strlen(TINY), "tiny.json", false, &imported, &e), OK);
    db_conn *c = db_acquire(f->store);
    /* A leaf applying to assets with figures, and a group whose items are others. */
    long leaf = number(c,
                       "SELECT r.id FROM requirement r JOIN compliance_requirement_figure f ON f.requirement_id = r.id"
                       " WHERE r.scope = 'asset' AND f.implemented > 0 ORDER BY r.id LIMIT 1",
                       NULL);
    char lt[24];
    snprintf(lt, sizeof lt, "%ld", leaf);
    long group = number(c,
                        "SELECT min(g.id) FROM requirement g WHERE EXISTS (SELECT 1 FROM requirement ch WHERE"
                        " ch.parent_id = g.id) AND g.id <> (SELECT parent_id FROM requirement WHERE id ="
                        " CAST($1 AS BIGINT))",
                        lt);
    assert_true(leaf > 0 && group > 0);
    long m = 0;
    assert_int_equal(db_begin_write(c, &e), OK);
    assert_int_equal(reqmap_add(c, &SYSTEM, leaf, item(c, "c1"), "equivalent", NULL, &m, &e), OK);
    assert_int_equal(reqmap_add(c, &SYSTEM, leaf, item(c, "c2"), "partial", NULL, &m, &e), OK);
    assert_int_equal(reqmap_add(c, &SYSTEM, group, item(c, "c1.1"), "related", NULL, &m, &e), OK);
    assert_int_equal(db_commit(c, &e), OK);

    db_rows *units = NULL;
    assert_int_equal(db_query(c, "SELECT id FROM org_unit", DB_NO_PARAMS, &units, &e), OK);
    long *ids = xcalloc(units->n_rows + 1, sizeof *ids);
    for (size_t i = 0; i < units->n_rows; i++) ids[i] = atol(db_cell(units, i, 0));
    long found = 0;
    assert_int_equal(compref_catalog_find(c, "abcdef01-2345-4678-89AB-CDEF01234567", &found, &e), OK);
    assert_int_equal(found, imported.catalog_id);
    compref_report rep, again;
    assert_int_equal(compref_build(c, found, false, ids, units->n_rows, &rep, &e), OK);
    assert_int_equal(compref_build(c, found, true, ids, units->n_rows, &again, &e), OK);
    assert_int_equal(rep.n_controls, 4);
    assert_int_equal(rep.n_families, 2);
    assert_int_equal(rep.covered, 3);
    assert_int_equal(rep.requirements, 2);
    assert_int_equal(rep.missing, 0);
    const compref_control *c1 = &rep.controls[0], *c11 = &rep.controls[1], *c2 = &rep.controls[2],
                          *c3 = &rep.controls[3];
    assert_string_equal(c1->item_id, "c1");
    assert_string_equal(c1->label, "C-1");
    assert_string_equal(c11->item_id, "c1.1");
    assert_true(c11->enhancement);
    assert_int_equal(c11->parent_id, c1->id);
    assert_null(c11->label);
    long want_leaf[COMPLIANCE_N_STATUS], want_group[COMPLIANCE_N_STATUS], want_both[COMPLIANCE_N_STATUS];
    expected(c, &leaf, 1, want_leaf);
    expected(c, &group, 1, want_group);
    expected(c, (const long[]){leaf, group}, 2, want_both);
    assert_true(want_leaf[2] > 0);
    assert_memory_equal(c1->n, want_leaf, sizeof want_leaf);
    assert_memory_equal(c2->n, want_leaf, sizeof want_leaf);
    assert_memory_equal(c1->reqs[0].n, want_leaf, sizeof want_leaf);
    assert_string_equal(c1->reqs[0].relation, "equivalent");
    assert_memory_equal(c11->n, want_group, sizeof want_group);
    /* The family: the leaf once (not twice for c1 and c2), and the group's items. */
    assert_int_equal(rep.families[0].controls, 3);
    assert_int_equal(rep.families[0].covered, 3);
    assert_int_equal(rep.families[0].requirements, 2);
    assert_memory_equal(rep.families[0].n, want_both, sizeof want_both);
    assert_memory_equal(rep.n, want_both, sizeof want_both);
    /* Not covered: no requirement, no figures. */
    assert_int_equal(c3->n_reqs, 0);
    assert_int_equal(rep.families[1].covered, 0);
    json_t *o = compref_report_json(&rep, 0);
    json_t *third = json_array_get(json_object_get(o, "controls"), 3);
    assert_true(json_is_null(json_object_get(third, "counts")));
    assert_false(json_is_true(json_object_get(third, "covered")));
    assert_true(json_is_null(json_object_get(json_array_get(json_object_get(o, "families"), 1), "counts")));
    json_decref(o);
    /* Maintained and recomputed agree. */
    assert_memory_equal(rep.n, again.n, sizeof rep.n);
    for (size_t i = 0; i < rep.n_controls; i++) assert_memory_equal(rep.controls[i].n, again.controls[i].n, sizeof rep.n);
    compref_report_free(&rep);
    compref_report_free(&again);
    assert_int_equal(compref_build(c, 999999, false, ids, units->n_rows, &rep, &e), ERR_NOT_FOUND);
    err_clear(&e);
    free(ids);
    db_rows_free(units);
    db_release(c);
}

static void test_ref_ok(void **state)
{
    (void)state;
    assert_true(compref_ref_ok("1"));
    assert_true(compref_ref_ok("123456789012345678"));
    assert_true(compref_ref_ok("0470d39a-3e02-4bff-82cf-676d522c1554"));
    assert_true(compref_ref_ok("0470D39A-3E02-4BFF-82CF-676D522C1554"));
    assert_false(compref_ref_ok(NULL));
    assert_false(compref_ref_ok(""));
    assert_false(compref_ref_ok("0"));
    assert_false(compref_ref_ok("01"));
    assert_false(compref_ref_ok("-1"));
    assert_false(compref_ref_ok("1234567890123456789"));
    assert_false(compref_ref_ok("NIST"));
    assert_false(compref_ref_ok("0470d39a-3e02-4bff-82cf-676d522c155"));
    assert_false(compref_ref_ok("0470d39a_3e02-4bff-82cf-676d522c1554"));
    assert_false(compref_ref_ok("g470d39a-3e02-4bff-82cf-676d522c1554"));
    double rate;
    assert_false(compref_rate((const long[]){0, 0, 0, 2, 1}, &rate)); /* nothing to carry out */
    assert_true(compref_rate((const long[]){1, 1, 2, 3, 1}, &rate));
    assert_true(rate == 0.5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_maintained_equals_recompute, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reference, setup, teardown),
        cmocka_unit_test(test_ref_ok),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
