/* Unit tests for io/oscal_write: tokens from codes, version-4 uuids, and that a document
 * built with the writer is read back by mamori's reader (oscal_catalog_parse) with the
 * same tree, statements and props. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "io/oscal.h"
#include "io/oscal_write.h"

static void test_token(void **state)
{
    (void)state;
    const char *cases[][2] = {{"PHY-01", "phy-01"}, {"TEC-A", "tec-a"}, {"01", "m-01"}, {"a b/c", "a-b-c"},
                              {"_x.Y", "_x.y"}, {"業務", "m-------"}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *t = oscal_token(cases[i][0]);
        assert_string_equal(t, cases[i][1]);
        free(t);
    }
}

static void test_uuid(void **state)
{
    (void)state;
    char a[OSCAL_UUID_LEN], b[OSCAL_UUID_LEN];
    oscal_new_uuid(a);
    oscal_new_uuid(b);
    assert_int_equal(strlen(a), 36);
    assert_int_equal(a[14], '4');
    assert_true(strchr("89ab", a[19]) != NULL);
    assert_string_not_equal(a, b);
}

static void test_round_trip(void **state)
{
    (void)state;
    char uuid[OSCAL_UUID_LEN];
    oscal_new_uuid(uuid);
    json_t *doc = oscal_w_document(uuid, "対策基準", "2026-04-01T00:00:00Z", "7");
    json_t *g = oscal_w_node("physical", "measure-kind", "物理的セキュリティ");
    json_t *sub = oscal_w_node("phy-a", "mamori-requirement-group", "サーバ室");
    json_t *c = oscal_w_node("phy-01", "mamori-requirement", "入退室管理");
    oscal_w_prop(c, "label", "PHY-01", NULL, NULL);
    oscal_w_prop(c, "threat", "T-H15", "urn:mamori:oscal", "human");
    oscal_w_link(c, "#phy-02", "related", NULL);
    oscal_w_part(c, "phy-01_smt", "statement", "入室は許可された者に限る。\n記録を残す。");
    oscal_w_add(c, "controls", oscal_w_node("phy-01.1", "mamori-requirement", "記録の確認"));
    oscal_w_add(sub, "controls", c);
    oscal_w_add(sub, "controls", oscal_w_node("phy-02", "mamori-requirement", "電源"));
    oscal_w_add(g, "groups", sub);
    oscal_w_add(oscal_w_catalog(doc), "groups", g);
    char *text = oscal_w_dump(doc);
    json_decref(doc);
    assert_non_null(text);
    /* NIST's key order: uuid, then metadata; id, class, title, then props. */
    assert_true(strstr(text, "\"uuid\"") < strstr(text, "\"metadata\""));
    assert_true(strstr(text, "\"title\": \"入退室管理\"") < strstr(text, "\"label\""));

    oscal_catalog cat;
    err e = ERR_INIT;
    assert_int_equal(oscal_catalog_parse(text, strlen(text), &cat, &e), OK);
    assert_string_equal(cat.uuid, uuid);
    assert_string_equal(cat.oscal_version, OSCAL_VERSION_WRITTEN);
    assert_string_equal(cat.version, "7");
    assert_int_equal(cat.n_items, 5);
    assert_int_equal(cat.n_groups, 2);
    assert_int_equal(cat.n_controls, 2);
    assert_int_equal(cat.n_enhancements, 1);
    assert_string_equal(cat.items[2].item_id, "phy-01");
    assert_int_equal(cat.items[2].parent, 1);
    assert_string_equal(cat.items[2].statement, "入室は許可された者に限る。\n記録を残す。");
    assert_non_null(strstr(cat.items[2].props, "T-H15"));
    assert_string_equal(cat.items[3].item_id, "phy-01.1");
    assert_int_equal(cat.items[3].parent, 2);
    oscal_catalog_free(&cat);
    err_clear(&e);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_token),
        cmocka_unit_test(test_uuid),
        cmocka_unit_test(test_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
