/* The catalog's pure logic: when a rule of applicability holds for an asset (the same
 * rule requirement_applicable's SQL states), the checks of a rule, and catalog codes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "domain/catalog_common.h"
#include "domain/requirement.h"

static requirement_rule rule(const char *kind, const char *segment, const char *axis, int rank, int pd)
{
    requirement_rule r;
    memset(&r, 0, sizeof r);
    strcpy(r.asset_kind, kind);
    strcpy(r.segment, segment);
    strcpy(r.axis, axis);
    r.min_rank = rank;
    r.personal_data = pd;
    return r;
}

/* A 3A (rank 5), I2, A2 system on LGWAN holding personal data; a C1 standalone system. */
static const requirement_asset_facts high = {"system", "lgwan", 5, 2, 2, 1};
static const requirement_asset_facts low = {"system", "standalone", 1, 1, 1, 0};
static const requirement_asset_facts paper = {"document", "other", 2, 1, 1, 0};

static void test_rule_matches(void **state)
{
    (void)state;
    requirement_rule entry = rule("system", "", "C", 3, -1); /* server rooms: systems of C rank >= 3 */
    assert_true(requirement_rule_matches(&entry, &high));
    assert_false(requirement_rule_matches(&entry, &low));
    assert_false(requirement_rule_matches(&entry, &paper));
    requirement_rule mfa = rule("system", "lgwan", "", 0, -1);
    assert_true(requirement_rule_matches(&mfa, &high));
    assert_false(requirement_rule_matches(&mfa, &low));
    requirement_rule personal = rule("", "", "", 0, 1);
    assert_true(requirement_rule_matches(&personal, &high));
    assert_false(requirement_rule_matches(&personal, &low));
    requirement_rule no_personal = rule("", "", "", 0, 0);
    assert_true(requirement_rule_matches(&no_personal, &low));
    requirement_rule avail = rule("", "", "A", 2, -1);
    assert_true(requirement_rule_matches(&avail, &high));
    assert_false(requirement_rule_matches(&avail, &low));
    requirement_rule integ = rule("", "", "I", 2, -1);
    assert_false(requirement_rule_matches(&integ, &paper));
    /* ranks, not codes: the same rank under another preset gives the same answer */
    requirement_rule exact = rule("", "", "C", 5, -1);
    assert_true(requirement_rule_matches(&exact, &high));
}

static void test_rules_apply(void **state)
{
    (void)state;
    assert_true(requirement_rules_apply(NULL, 0, &low)); /* no rule: every asset */
    requirement_rule any[] = {rule("medium", "", "", 0, -1), rule("document", "", "C", 2, -1)};
    assert_true(requirement_rules_apply(any, 2, &paper));
    assert_false(requirement_rules_apply(any, 2, &high));
    assert_false(requirement_rules_apply(any, 1, &paper));
}

static size_t errors(const requirement_rule *r, const char *field)
{
    err e = ERR_INIT;
    requirement_rule_check(r, 0, &e);
    size_t n = e.n_fields;
    if (field) {
        bool named = false;
        for (size_t i = 0; i < e.n_fields; i++) named = named || !strcmp(e.fields[i].field, field);
        assert_true(named);
    }
    err_clear(&e);
    return n;
}

static void test_rule_check(void **state)
{
    (void)state;
    requirement_rule ok = rule("system", "mynumber", "C", 4, 1);
    assert_int_equal(errors(&ok, NULL), 0);
    requirement_rule empty = rule("", "", "", 0, -1);
    assert_int_equal(errors(&empty, "applies[0]"), 1);
    requirement_rule kind = rule("spaceship", "", "", 0, -1);
    assert_int_equal(errors(&kind, "applies[0].asset_kind"), 1);
    requirement_rule seg = rule("", "moon", "", 0, -1);
    assert_int_equal(errors(&seg, "applies[0].segment"), 1);
    requirement_rule axis = rule("", "", "X", 3, -1);
    assert_int_equal(errors(&axis, "applies[0].axis"), 1);
    requirement_rule rank = rule("", "", "C", 0, -1);
    assert_int_equal(errors(&rank, "applies[0].min_rank"), 1);
    requirement_rule orphan = rule("system", "", "", 3, -1);
    assert_int_equal(errors(&orphan, "applies[0].axis"), 1);
}

static void test_codes(void **state)
{
    (void)state;
    assert_true(catalog_code_ok("PHY-01"));
    assert_true(catalog_code_ok("local_public_service"));
    assert_true(catalog_code_ok("AC-2.1"));
    assert_false(catalog_code_ok(""));
    assert_false(catalog_code_ok("PHY 01"));
    assert_false(catalog_code_ok("物理-01"));
    assert_false(catalog_code_ok("A123456789012345678901234567890123456789X"));
    assert_int_equal(catalog_chars("入退室"), 3);
    assert_true(requirement_kind_ok("network"));
    assert_false(requirement_kind_ok("legal"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rule_matches),
        cmocka_unit_test(test_rules_apply),
        cmocka_unit_test(test_rule_check),
        cmocka_unit_test(test_codes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
