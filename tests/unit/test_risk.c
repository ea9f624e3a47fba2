/* The risk register's rules (issue 6 point 5; src/domain/risk.h): the impact an asset's
 * class gives on matrices of every size, the level, the residual under each treatment,
 * which implementation statuses count as carried out, the checks of a change, and the
 * words of the matrix's steps (src/domain/risk_matrix.h). Then on a store: a risk of a
 * C3A asset whose linked requirements are in every status, so the register's SQL (what
 * it counts as carried out) is held to risk_status_reduces, and the history. */
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
#include "domain/asset.h"
#include "domain/implementation.h"
#include "domain/requirement.h"
#include "domain/risk.h"
#include "domain/risk_matrix.h"
#include "domain/store_init.h"

static void test_impact_of_rank(void **state)
{
    (void)state;
    /* 5 × 5: the rank itself (r6.10: C3A 5, 3B 4, 2 2, 1 1; I2 and A2 2). */
    for (int r = 1; r <= 5; r++) assert_int_equal(risk_impact_of_rank(r, 5), r);
    /* 3 × 3: ceil(rank × 3 / 5). */
    assert_int_equal(risk_impact_of_rank(1, 3), 1);
    assert_int_equal(risk_impact_of_rank(2, 3), 2);
    assert_int_equal(risk_impact_of_rank(3, 3), 2);
    assert_int_equal(risk_impact_of_rank(4, 3), 3);
    assert_int_equal(risk_impact_of_rank(5, 3), 3);
    /* 10 × 10: twice the rank. */
    assert_int_equal(risk_impact_of_rank(1, 10), 2);
    assert_int_equal(risk_impact_of_rank(5, 10), 10);
    /* Never outside the matrix: no class rank (0) is 1, a rank above 5 (a scheme with
     * more classes) is the top. */
    assert_int_equal(risk_impact_of_rank(0, 5), 1);
    assert_int_equal(risk_impact_of_rank(9, 5), 5);
    for (int n = RISK_MATRIX_MIN; n <= RISK_MATRIX_MAX; n++) {
        int last = 0;
        for (int r = 1; r <= 5; r++) {
            int v = risk_impact_of_rank(r, n);
            assert_true(v >= 1 && v <= n);
            assert_true(v >= last); /* a higher class never gives a lower impact */
            last = v;
        }
        assert_int_equal(last, n); /* the highest class is the highest impact */
    }
}

static void check_residual(int l, int i, const char *treatment, long n, int want_l, int want_i)
{
    risk_figures r = risk_residual(l, i, treatment, n);
    assert_int_equal(r.likelihood, want_l);
    assert_int_equal(r.impact, want_i);
    assert_int_equal(r.level, want_l * want_i);
}

static void test_residual(void **state)
{
    (void)state;
    /* reduce: one likelihood step down for each linked requirement carried out, never below 1. */
    check_residual(4, 5, "reduce", 0, 4, 5);
    check_residual(4, 5, "reduce", 1, 3, 5);
    check_residual(4, 5, "reduce", 2, 2, 5);
    check_residual(4, 5, "reduce", 3, 1, 5);
    check_residual(4, 5, "reduce", 9, 1, 5);
    check_residual(1, 1, "reduce", 1, 1, 1);
    /* accept: as it is (the exception records the acceptance). */
    check_residual(4, 5, "accept", 3, 4, 5);
    /* avoid: the activity is given up, nothing remains. */
    check_residual(5, 5, "avoid", 0, 0, 0);
    /* transfer: the impact halved, rounded up; the likelihood stays. */
    check_residual(2, 5, "transfer", 0, 2, 3);
    check_residual(2, 4, "transfer", 0, 2, 2);
    check_residual(3, 1, "transfer", 2, 3, 1);
    /* Only reduce counts the requirements. */
    check_residual(3, 4, "transfer", 2, 3, 2);
}

static void test_status_reduces(void **state)
{
    (void)state;
    assert_true(risk_status_reduces("implemented"));
    assert_true(risk_status_reduces("not_applicable"));
    assert_false(risk_status_reduces("partial"));
    assert_false(risk_status_reduces("not_started"));
    assert_false(risk_status_reduces("excepted")); /* accepted, not carried out */
    assert_false(risk_status_reduces(NULL));
}

static bool names(const err *e, const char *field)
{
    for (size_t i = 0; i < e->n_fields; i++)
        if (!strcmp(e->fields[i].field, field)) return true;
    return false;
}

static void test_check(void **state)
{
    (void)state;
    err e = ERR_INIT;
    risk_fields f = {0};
    risk_check(&f, true, 5, &e); /* a new risk needs a likelihood and a treatment */
    assert_true(names(&e, "likelihood"));
    assert_true(names(&e, "treatment"));
    err_clear(&e);
    risk_check(&f, false, 5, &e); /* a change may leave both */
    assert_int_equal(e.n_fields, 0);
    f.likelihood = 6;
    f.impact = 6;
    f.treatment = "mitigate";
    risk_check(&f, false, 5, &e);
    assert_int_equal(e.n_fields, 3);
    err_clear(&e);
    f.likelihood = 6; /* inside a larger matrix */
    f.impact = -1;    /* back to the class's */
    f.treatment = "transfer";
    risk_check(&f, false, 7, &e);
    assert_int_equal(e.n_fields, 0);
    char *note = xcalloc(4002, 1);
    memset(note, 'x', 4001);
    f.note = note;
    risk_check(&f, false, 7, &e);
    assert_true(names(&e, "note"));
    err_clear(&e);
    free(note);
}

static void test_matrix_defaults(void **state)
{
    (void)state;
    risk_matrix m;
    err e = ERR_INIT;
    assert_int_equal(risk_matrix_make(5, NULL, "", &m, &e), OK);
    assert_int_equal(m.size, 5);
    assert_string_equal(m.likelihood[0].ja, "まれ");
    assert_string_equal(m.likelihood[0].en, "Rare");
    assert_string_equal(m.likelihood[4].ja, "ほぼ確実");
    assert_string_equal(m.likelihood[4].en, "Almost certain");
    assert_string_equal(m.impact[4].en, "Severe");
    risk_matrix_free(&m);
    /* Every size has words: 3 and 4 their own, larger ones by the rule "Level n". */
    for (int n = RISK_MATRIX_MIN; n <= RISK_MATRIX_MAX; n++) {
        assert_int_equal(risk_matrix_make(n, NULL, NULL, &m, &e), OK);
        for (int i = 0; i < n; i++) {
            assert_true(m.likelihood[i].ja[0] && m.likelihood[i].en[0]);
            assert_true(m.impact[i].ja[0] && m.impact[i].en[0]);
        }
        risk_matrix_free(&m);
    }
    assert_int_equal(risk_matrix_make(7, NULL, NULL, &m, &e), OK);
    assert_string_equal(m.likelihood[6].ja, "レベル7");
    assert_string_equal(m.impact[0].en, "Level 1");
    risk_matrix_free(&m);
    assert_int_equal(risk_matrix_make(2, NULL, NULL, &m, &e), ERR_VALIDATION);
    err_clear(&e);
}

static void test_matrix_settings(void **state)
{
    (void)state;
    risk_matrix m;
    err e = ERR_INIT;
    /* Spaces (and the ideographic space) around the words go; a missing English is the Japanese. */
    assert_int_equal(risk_matrix_make(3, " 低 | Low ,\xe3\x80\x80中|Medium, 高 ", "小|S,中|M,大|L", &m, &e), OK);
    assert_string_equal(m.likelihood[0].ja, "低");
    assert_string_equal(m.likelihood[0].en, "Low");
    assert_string_equal(m.likelihood[1].ja, "中");
    assert_string_equal(m.likelihood[2].ja, "高");
    assert_string_equal(m.likelihood[2].en, "高");
    assert_string_equal(m.impact[2].en, "L");
    risk_matrix_free(&m);
    /* The count must be the size, and the error names the setting. */
    assert_int_equal(risk_matrix_make(5, "低|Low, 中|Medium, 高|High", NULL, &m, &e), ERR_VALIDATION);
    assert_non_null(strstr(e.message, "risk_likelihood_labels"));
    assert_non_null(strstr(e.message, "3 labels"));
    assert_non_null(strstr(e.message, "5"));
    assert_null(m.likelihood);
    err_clear(&e);
    assert_int_equal(risk_matrix_make(3, NULL, "a,b,c,d", &m, &e), ERR_VALIDATION);
    assert_non_null(strstr(e.message, "risk_impact_labels"));
    err_clear(&e);
    assert_int_equal(risk_matrix_make(3, "a,|B,c", NULL, &m, &e), ERR_VALIDATION);
    assert_non_null(strstr(e.message, "step 2"));
    err_clear(&e);
    assert_int_equal(risk_matrix_make(3, "a,b|B|C,c", NULL, &m, &e), ERR_VALIDATION);
    err_clear(&e);
    char *long_label = xcalloc(RISK_LABEL_MAX_BYTES + 8, 1);
    memset(long_label, 'x', RISK_LABEL_MAX_BYTES + 1);
    char *setting = xasprintf("a,b,%s", long_label);
    assert_int_equal(risk_matrix_make(3, setting, NULL, &m, &e), ERR_VALIDATION);
    err_clear(&e);
    free(setting);
    free(long_label);
}

/* ---- on a store ---- */

typedef struct fixture {
    char dir[64];
    db *store;
    long ciso;
} fixture;

static int setup_store(void **state)
{
    fixture *f = xcalloc(1, sizeof *f);
    *state = f;
    snprintf(f->dir, sizeof f->dir, "/tmp/mamori-unit-XXXXXX");
    if (!mkdtemp(f->dir)) return -1;
    char *url = xasprintf("sqlite:%s/m.db", f->dir);
    err e = ERR_INIT;
    int rc = password_init(2, &e) == OK && db_open(url, 2, DB_OPEN_CREATE, &f->store, &e) == OK ? 0 : -1;
    free(url);
    store_init_params p = {"テスト組合", NULL, "ciso", "テスト 太郎", "a-long-enough-password"};
    if (rc == 0 && store_init(f->store, &p, NULL, &f->ciso, &e) != OK) rc = -1;
    if (rc) fprintf(stderr, "setup: %s\n", e.message ? e.message : "?");
    err_clear(&e);
    return rc;
}

static int teardown_store(void **state)
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

static long one_id(db_conn *c, const char *sql)
{
    db_rows *rows = NULL;
    err e = ERR_INIT;
    assert_int_equal(db_query(c, sql, DB_NO_PARAMS, &rows, &e), OK);
    assert_true(rows->n_rows >= 1);
    long id = atol(db_cell(rows, 0, 0));
    db_rows_free(rows);
    return id;
}

static void test_store_residual_and_history(void **state)
{
    fixture *f = *state;
    audit_actor ciso = {f->ciso, "ciso", ""};
    err e = ERR_INIT;
    db_conn *c = db_acquire(f->store);
    const char *in_force = " AND scheme_code = (SELECT code FROM classification_scheme WHERE in_force = 1)";
    char *sql = xasprintf("SELECT id FROM classification_class WHERE axis = 'C' AND code = '3A'%s", in_force);
    long c3a = one_id(c, sql);
    free(sql);
    sql = xasprintf("SELECT id FROM classification_class WHERE axis = 'I' AND rank = 1%s", in_force);
    long i1 = one_id(c, sql);
    free(sql);
    sql = xasprintf("SELECT id FROM classification_class WHERE axis = 'A' AND rank = 1%s", in_force);
    long a1 = one_id(c, sql);
    free(sql);
    long root = one_id(c, "SELECT id FROM org_unit WHERE parent_id IS NULL");
    long threat = one_id(c, "SELECT id FROM threat WHERE active = 1 ORDER BY id");

    /* A C3A system on LGWAN holding personal data: many requirements apply. */
    asset_fields af = ASSET_FIELDS_INIT;
    af.kind = "system";
    af.name = "試験システム";
    af.segment = "lgwan";
    af.format = "electronic";
    af.class_reason = "試験";
    af.owner_unit_id = root;
    af.personal_data = 1;
    af.mynumber = 0;
    af.c_class_id = c3a;
    af.i_class_id = i1;
    af.a_class_id = a1;
    asset_warnings w = {0};
    long asset = 0, risk = 0;
    assert_int_equal(db_begin_write(c, &e), OK);
    assert_int_equal(asset_create(c, &ciso, &af, &asset, &w, &e), OK);
    assert_int_equal(db_commit(c, &e), OK);
    asset_warnings_free(&w);
    requirement_page applicable = {0};
    assert_int_equal(requirement_applicable(c, asset, &applicable, &e), OK);
    assert_true(applicable.n >= 4);
    long reqs[4];
    for (size_t i = 0; i < 4; i++) reqs[i] = applicable.items[i].id;
    requirement_page_free(&applicable);

    /* Likelihood 5, impact from the class (C3A: 5), four requirements linked. */
    risk_fields rf = {5, 0, "reduce", "試験", 0, reqs, 4, true, false};
    assert_int_equal(db_begin_write(c, &e), OK);
    assert_int_equal(risk_create(c, &ciso, 5, asset, threat, &rf, &risk, &e), OK);
    assert_int_equal(db_commit(c, &e), OK);

    /* The four in every status: implemented, partial, not applicable (with its reason), none. */
    const char *statuses[] = {"implemented", "partial", "not_applicable"};
    for (size_t i = 0; i < 3; i++) {
        implementation_fields imf = {statuses[i], i == 2 ? "この資産では機能を使わない" : NULL, NULL, NULL, 0};
        long im = 0;
        assert_int_equal(db_begin_write(c, &e), OK);
        assert_int_equal(implementation_create(c, &ciso, reqs[i], asset, 0, &imf, &im, &e), OK);
        assert_int_equal(db_commit(c, &e), OK);
    }

    risk_row r;
    bool hidden = false;
    assert_int_equal(risk_get(c, f->ciso, 5, risk, &r, &hidden, &e), OK);
    assert_int_equal(r.impact, 5);
    assert_true(r.impact_from_class);
    assert_int_equal(r.level, 25);
    assert_int_equal(r.n_links, 4);
    long counted = 0;
    for (size_t i = 0; i < r.n_links; i++) counted += r.links[i].reduces;
    /* What the SQL counts is what risk_status_reduces says of the statuses it reads. */
    assert_int_equal(counted, 2);
    assert_int_equal(r.n_reducing, counted);
    assert_int_equal(r.residual_likelihood, 3);
    assert_int_equal(r.residual_impact, 5);
    assert_int_equal(r.residual_level, 15);
    long version = r.version;
    risk_row_clear(&r);

    /* On a 3 × 3 matrix the same risk reads inside it: likelihood capped, the class's impact rescaled. */
    assert_int_equal(risk_get(c, f->ciso, 3, risk, &r, &hidden, &e), OK);
    assert_int_equal(r.likelihood, 3);
    assert_int_equal(r.impact, 3);
    risk_row_clear(&r);

    /* Avoided: nothing remains; the heat map counts it apart. */
    risk_fields avoid = {0};
    avoid.treatment = "avoid";
    assert_int_equal(db_begin_write(c, &e), OK);
    assert_int_equal(risk_update(c, &ciso, 5, risk, version, &avoid, &e), OK);
    assert_int_equal(db_commit(c, &e), OK);
    assert_int_equal(risk_get(c, f->ciso, 5, risk, &r, &hidden, &e), OK);
    assert_int_equal(r.residual_level, 0);
    risk_row_clear(&r);
    risk_heatmap h;
    risk_filter all = {0};
    assert_int_equal(risk_heatmap_of(c, f->ciso, 5, &all, &h, &e), OK);
    assert_int_equal(h.total, 1);
    assert_int_equal(h.avoided, 1);
    assert_int_equal(h.inherent[(5 - 1) * 5 + (5 - 1)], 1);
    risk_heatmap_free(&h);

    /* The history: newest first, with the requirements of each version by code. */
    risk_version_row *hist = NULL;
    size_t n = 0;
    assert_int_equal(risk_history(c, risk, &hist, &n, &e), OK);
    assert_int_equal(n, 2);
    assert_int_equal(hist[0].version, 2);
    assert_string_equal(hist[0].treatment, "avoid");
    assert_int_equal(hist[1].version, 1);
    assert_string_equal(hist[1].treatment, "reduce");
    assert_string_equal(hist[1].changed_by_name, "テスト 太郎");
    assert_int_equal(hist[0].n_requirement_codes, 4);
    assert_int_equal(hist[1].n_requirement_codes, 4);
    risk_history_free(hist, n);
    db_release(c);
    err_clear(&e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_impact_of_rank),
        cmocka_unit_test(test_residual),
        cmocka_unit_test(test_status_reduces),
        cmocka_unit_test(test_check),
        cmocka_unit_test(test_matrix_defaults),
        cmocka_unit_test(test_matrix_settings),
        cmocka_unit_test_setup_teardown(test_store_residual_and_history, setup_store, teardown_store),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
