/* Unit tests for reorganisations without a store: the operations' JSON form (read,
 * written back the same, every fault named by its path) and effective-date arithmetic. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/timeutil.h"
#include "domain/reorg_plan.h"

static void test_date_add(void **state)
{
    (void)state;
    char out[11];
    assert_true(time_date_add("2027-04-01", -1, out));
    assert_string_equal(out, "2027-03-31");
    assert_true(time_date_add("2028-03-01", -1, out));
    assert_string_equal(out, "2028-02-29");
    assert_true(time_date_add("2026-12-31", 1, out));
    assert_string_equal(out, "2027-01-01");
    assert_true(time_date_add("2027-04-01", 365, out));
    assert_string_equal(out, "2028-03-31");
    assert_false(time_date_add("2027-02-30", 1, out));
    assert_false(time_date_add("April 1", 1, out));
}

static const char plan_json[] =
    "[{\"op\":\"create\",\"code\":\"330\",\"name_ja\":\"業務課\",\"name_en\":\"Operations\",\"parent\":8},"
    "{\"op\":\"rename\",\"unit\":3,\"name_en\":\"\"},"
    "{\"op\":\"move\",\"unit\":7,\"parent\":\"new:330\"},"
    "{\"op\":\"merge\",\"units\":[9,10],\"into\":\"new:330\"},"
    "{\"op\":\"split\",\"unit\":6,\"into\":[{\"unit\":\"new:330\",\"persons\":[5]},{\"unit\":2,\"persons\":[]}]},"
    "{\"op\":\"close\",\"unit\":4},"
    "{\"op\":\"move_person\",\"person\":12,\"unit\":2}]";

static void test_plan_roundtrip(void **state)
{
    (void)state;
    json_error_t jerr;
    json_t *in = json_loads(plan_json, 0, &jerr);
    assert_non_null(in);
    reorg_plan p;
    err e = ERR_INIT;
    assert_int_equal(reorg_plan_from_json(in, &p, &e), OK);
    assert_int_equal(p.n_ops, 7);
    assert_int_equal(p.ops[0].kind, REORG_CREATE);
    assert_int_equal(p.ops[0].parent.id, 8);
    assert_string_equal(p.ops[2].parent.new_code, "330");
    assert_int_equal(p.ops[3].n_units, 2);
    assert_int_equal(p.ops[4].n_parts, 2);
    assert_int_equal(p.ops[4].parts[0].persons[0], 5);
    assert_string_equal(p.ops[1].name_en, "");
    json_t *out = reorg_plan_to_json(&p);
    assert_true(json_equal(in, out));
    json_decref(out);
    json_decref(in);
    reorg_plan_free(&p);
    err_clear(&e);
}

static bool has_field(const err *e, const char *field)
{
    for (size_t i = 0; i < e->n_fields; i++)
        if (strcmp(e->fields[i].field, field) == 0) return true;
    return false;
}

static void test_plan_faults(void **state)
{
    (void)state;
    json_error_t jerr;
    json_t *in = json_loads("[{\"op\":\"explode\"}, 3, {\"op\":\"rename\",\"unit\":0},"
                            " {\"op\":\"split\",\"unit\":1,\"into\":[{\"unit\":2,\"persons\":[\"x\"]}]},"
                            " {\"op\":\"create\",\"code\":\"a b\",\"name_ja\":\"x\",\"parent\":\"new:\",\"units\":[1]}]",
                            0, &jerr);
    assert_non_null(in);
    reorg_plan p;
    err e = ERR_INIT;
    assert_int_equal(reorg_plan_from_json(in, &p, &e), ERR_VALIDATION);
    assert_int_equal(p.n_ops, 0);
    assert_true(has_field(&e, "operations[0].op"));
    assert_true(has_field(&e, "operations[1]"));
    assert_true(has_field(&e, "operations[2].unit"));
    assert_true(has_field(&e, "operations[2].code")); /* a rename changes something */
    assert_true(has_field(&e, "operations[3].into")); /* one part is no split */
    assert_true(has_field(&e, "operations[4].code"));
    assert_true(has_field(&e, "operations[4].parent"));
    assert_true(has_field(&e, "operations[4].units"));
    json_decref(in);
    err_clear(&e);
    json_t *not_a_list = json_object();
    assert_int_equal(reorg_plan_from_json(not_a_list, &p, &e), ERR_VALIDATION);
    assert_true(has_field(&e, "operations"));
    json_decref(not_a_list);
    err_clear(&e);
    assert_true(reorg_code_ok("310"));
    assert_true(reorg_code_ok("A-1.b_2"));
    assert_false(reorg_code_ok(""));
    assert_false(reorg_code_ok("新"));
    assert_false(reorg_code_ok("123456789012345678901"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_date_add),
        cmocka_unit_test(test_plan_roundtrip),
        cmocka_unit_test(test_plan_faults),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
