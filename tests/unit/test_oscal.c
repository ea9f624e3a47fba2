/* Unit tests for the OSCAL catalog reader: a small catalog read into items (groups,
 * controls, enhancements, nesting, statement lines with their labels), problems reported
 * with their JSON path (not JSON, missing uuid, a control without id, a param that is a
 * number, groups not an array, an unknown key in a prop, a duplicate id), and the
 * placeholders rendered by values, choices or label, unknown ones by id, text that only
 * looks like one kept as it is; NIST's LOW baseline parsed in well under a second. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/fileutil.h"
#include "core/xalloc.h"
#include "io/oscal.h"

#define UUID "\"uuid\":\"0470d39a-3e02-4bff-82cf-676d522c1554\""
#define META "\"metadata\":{\"title\":\"T\",\"last-modified\":\"2024-02-13T17:43:40Z\",\"version\":\"1\",\"oscal-version\":\"1.1.2\"}"

static const char *good =
    "{\"catalog\":{" UUID "," META ",\"groups\":[{\"id\":\"ac\",\"class\":\"family\",\"title\":\"Access Control\","
    "\"controls\":[{\"id\":\"ac-2\",\"class\":\"SP800-53\",\"title\":\"Account Management\","
    "\"params\":[{\"id\":\"ac-02_odp.01\",\"label\":\"personnel or roles\"},"
    "{\"id\":\"ac-02_odp.02\",\"select\":{\"how-many\":\"one-or-more\",\"choice\":[\"daily\",\"every {{ insert: param, "
    "ac-02_odp.01 }} \"]}}],"
    "\"props\":[{\"name\":\"label\",\"value\":\"AC-2\"}],\"links\":[{\"href\":\"#x\",\"rel\":\"reference\"}],"
    "\"parts\":[{\"id\":\"ac-2_smt\",\"name\":\"statement\",\"parts\":[{\"name\":\"item\",\"props\":[{\"name\":"
    "\"label\",\"value\":\"a.\"}],\"prose\":\"Notify {{ insert: param, ac-02_odp.01 }};\",\"parts\":[{\"name\":"
    "\"item\",\"props\":[{\"name\":\"label\",\"value\":\"1.\"}],\"prose\":\"Review {{ insert: param, ac-02_odp.02 }}\"}]}]},"
    "{\"name\":\"guidance\",\"prose\":\"Why.\"}],"
    "\"controls\":[{\"id\":\"ac-2.1\",\"class\":\"SP800-53-enhancement\",\"title\":\"Automated\"}]}]},"
    "{\"id\":\"pt\",\"title\":\"PII\",\"groups\":[{\"id\":\"pt-x\",\"title\":\"Nested\",\"controls\":[{\"id\":\"pt-1\","
    "\"title\":\"Policy\"}]}]}],\"back-matter\":{\"resources\":[]}}}";

static void test_reads_items(void **state)
{
    (void)state;
    oscal_catalog cat;
    err e = ERR_INIT;
    assert_int_equal(oscal_catalog_parse(good, strlen(good), &cat, &e), OK);
    assert_string_equal(cat.uuid, "0470d39a-3e02-4bff-82cf-676d522c1554");
    assert_string_equal(cat.oscal_version, "1.1.2");
    assert_int_equal(cat.n_items, 6);
    assert_int_equal(cat.n_groups, 3);
    assert_int_equal(cat.n_controls, 2);
    assert_int_equal(cat.n_enhancements, 1);
    assert_string_equal(cat.items[0].item_id, "ac");
    assert_true(cat.items[0].is_group);
    assert_string_equal(cat.items[1].item_id, "ac-2");
    assert_int_equal(cat.items[1].parent, 0);
    assert_string_equal(cat.items[2].item_id, "ac-2.1");
    assert_int_equal(cat.items[2].parent, 1);
    assert_int_equal(cat.items[2].depth, 2);
    assert_string_equal(cat.items[5].item_id, "pt-1");
    assert_int_equal(cat.items[5].parent, 4);
    /* Kept as in the file; the statement with labels, one line a part, placeholders kept. */
    assert_string_equal(cat.items[1].links, "[{\"href\":\"#x\",\"rel\":\"reference\"}]");
    assert_string_equal(cat.items[1].statement,
                        "a. Notify {{ insert: param, ac-02_odp.01 }};\n  1. Review {{ insert: param, ac-02_odp.02 }}");
    assert_string_equal(cat.items[1].statement_display,
                        "a. Notify [Assignment: personnel or roles];\n  1. Review [Selection (one or more): daily; "
                        "every [Assignment: personnel or roles]]");
    assert_string_equal(cat.items[1].guidance, "Why.");
    assert_null(cat.items[2].statement);
    oscal_catalog_free(&cat);
    err_clear(&e);
}

/* Parses text, expects a refusal naming path with a message containing what. */
static void check_refused(const char *text, const char *path, const char *what)
{
    oscal_catalog cat;
    err e = ERR_INIT;
    assert_int_equal(oscal_catalog_parse(text, strlen(text), &cat, &e), ERR_VALIDATION);
    bool found = false;
    for (size_t i = 0; i < e.n_fields; i++)
        if (!strcmp(e.fields[i].field, path) && strstr(e.fields[i].message, what)) found = true;
    if (!found) {
        for (size_t i = 0; i < e.n_fields; i++) fprintf(stderr, "  %s: %s\n", e.fields[i].field, e.fields[i].message);
        fail_msg("no problem \"%s\" at %s", what, path);
    }
    oscal_catalog_free(&cat);
    err_clear(&e);
}

static void test_paths(void **state)
{
    (void)state;
    check_refused("{\"catalog\": [", "$", "not JSON");
    check_refused("[]", "$", "expected an object");
    check_refused("{\"profile\":{}}", "$.catalog", "is required");
    check_refused("{\"catalog\":{" META "}}", "$.catalog.uuid", "is required");
    check_refused("{\"catalog\":{\"uuid\":\"nope\"," META "}}", "$.catalog.uuid", "expected a UUID");
    check_refused("{\"catalog\":{" UUID ",\"metadata\":{\"title\":3}}}", "$.catalog.metadata.title", "expected a string");
    check_refused("{\"catalog\":{" UUID "," META ",\"groups\":{}}}", "$.catalog.groups", "expected an array");
    check_refused("{\"catalog\":{" UUID "," META ",\"groups\":[{\"id\":\"a\",\"title\":\"A\"},{\"id\":\"b\",\"title\":"
                  "\"B\",\"controls\":[{\"title\":\"no id\"}]}]}}",
                  "$.catalog.groups[1].controls[0].id", "is required");
    check_refused("{\"catalog\":{" UUID "," META ",\"groups\":[{\"id\":\"a\",\"title\":\"A\",\"controls\":[{\"id\":"
                  "\"a-1\",\"title\":\"T\",\"params\":[42]}]}]}}",
                  "$.catalog.groups[0].controls[0].params[0]", "expected an object");
    check_refused("{\"catalog\":{" UUID "," META ",\"groups\":[{\"id\":\"a\",\"title\":\"A\",\"props\":[{\"name\":"
                  "\"x\",\"value\":\"y\",\"colour\":\"red\"}]}]}}",
                  "$.catalog.groups[0].props[0]", "colour");
    check_refused("{\"catalog\":{" UUID "," META ",\"groups\":[{\"id\":\"a\",\"title\":\"A\"},{\"id\":\"a\",\"title\":"
                  "\"B\"}]}}",
                  "$.catalog.groups[1].id", "used by another");
    check_refused("{\"catalog\":{" UUID "," META ",\"controls\":[{\"id\":\"c\",\"title\":\"C\",\"parts\":[{\"prose\":"
                  "\"x\"}]}]}}",
                  "$.catalog.controls[0].parts[0].name", "is required");
}

static void check_render(const char *prose, const char *want)
{
    json_t *params = json_loads("[{\"id\":\"p1\",\"label\":\"frequency\"},{\"id\":\"p2\",\"values\":[\"daily\"]},"
                                "{\"id\":\"p3\",\"select\":{\"choice\":[\"a\",\"b {{ insert: param, p1 }}\"]}},"
                                "{\"id\":\"self\",\"select\":{\"choice\":[\"{{ insert: param, self }}\"]}}]",
                                0, NULL);
    json_t *map = oscal_param_map(NULL, params);
    char *got = oscal_render(prose, map);
    assert_string_equal(got, want);
    free(got);
    json_decref(map);
    json_decref(params);
}

static void test_render(void **state)
{
    (void)state;
    check_render("every {{ insert: param, p1 }}.", "every [Assignment: frequency].");
    check_render("{{insert:param,p1}}", "[Assignment: frequency]");
    check_render("run {{ insert: param, p2 }}", "run [daily]");
    check_render("{{ insert: param, p3 }}", "[Selection: a; b [Assignment: frequency]]");
    check_render("{{ insert: param, nope }}", "[nope]");
    check_render("{{ not a placeholder }} {{", "{{ not a placeholder }} {{");
    check_render("", "");
    /* A param that names itself stops at the depth limit. */
    char *got = NULL;
    json_t *params = json_loads("[{\"id\":\"self\",\"select\":{\"choice\":[\"{{ insert: param, self }}\"]}}]", 0, NULL);
    json_t *map = oscal_param_map(NULL, params);
    got = oscal_render("{{ insert: param, self }}", map);
    assert_non_null(strstr(got, "[self]"));
    free(got);
    json_decref(map);
    json_decref(params);
}

/* NIST's LOW baseline (2.6 MB, in tests/data/oscal): parsed, checked and
 * rendered in well under a second of CPU (even with the sanitizers). */
static void test_low_baseline_fast(void **state)
{
    (void)state;
    const char *dir = getenv("MAMORI_OSCAL_DATA");
    char *path = xasprintf("%s/NIST_SP-800-53_rev5_LOW-baseline-resolved-profile_catalog.json",
                           dir ? dir : "tests/data/oscal");
    char *data = NULL;
    size_t len = 0;
    err e = ERR_INIT;
    /* The baseline is in the repository (tests/data/oscal): missing is a failure. */
    if (file_read_all(path, OSCAL_MAX_BYTES, &data, &len, &e) != OK)
        fail_msg("cannot read %s: %s (run the unit tests from the repository's top folder)", path,
                 e.message ? e.message : "?");
    oscal_catalog cat;
    clock_t t0 = clock();
    assert_int_equal(oscal_catalog_parse(data, len, &cat, &e), OK);
    double cpu = (double)(clock() - t0) / CLOCKS_PER_SEC;
    fprintf(stderr, "  LOW baseline: %zu items parsed in %.3f s of CPU\n", cat.n_items, cpu);
    assert_int_equal(cat.n_groups, 18);
    assert_int_equal(cat.n_controls + cat.n_enhancements, 149);
    assert_true(cpu < 1.0);
    oscal_catalog_free(&cat);
    free(data);
    free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reads_items),
        cmocka_unit_test(test_paths),
        cmocka_unit_test(test_render),
        cmocka_unit_test(test_low_baseline_fast),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
