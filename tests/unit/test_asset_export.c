/* The ledger's file columns (shared by the export and the import) and the export's
 * format names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "domain/asset_columns.h"
#include "domain/asset_export.h"

static void test_columns(void **state)
{
    (void)state;
    /* The agreed order (/work/asset-columns.md): first, last and the export-only ones. */
    assert_string_equal(asset_columns[0].ja, "ID");
    assert_string_equal(asset_columns[ASSET_COL_NAME].ja, "資産名");
    assert_string_equal(asset_columns[ASSET_COL_CLASS_LABEL].ja, "分類");
    assert_string_equal(asset_columns[ASSET_COL_DISPOSED_ON_WAREKI].ja, "廃棄日(和暦)");
    assert_string_equal(asset_columns[ASSET_COL_COUNT - 1].en, "updated_at");
    assert_int_equal(ASSET_COL_COUNT, 26);
    size_t export_only = 0;
    for (size_t i = 0; i < ASSET_COL_COUNT; i++) {
        assert_non_null(asset_columns[i].ja);
        assert_non_null(asset_columns[i].en);
        assert_true(asset_columns[i].width > 0);
        export_only += asset_columns[i].export_only;
        for (size_t j = 0; j < i; j++) {
            assert_string_not_equal(asset_columns[i].ja, asset_columns[j].ja);
            assert_string_not_equal(asset_columns[i].en, asset_columns[j].en);
        }
    }
    assert_int_equal(export_only, 3);
}

static void test_labels(void **state)
{
    (void)state;
    static const char *const kinds[] = {"information", "system", "network", "medium", "document", "equipment"};
    for (size_t i = 0; i < 6; i++) {
        assert_string_equal(asset_kind_code(asset_kind_label(kinds[i])), kinds[i]);
        assert_string_equal(asset_kind_code(kinds[i]), kinds[i]);
    }
    assert_string_equal(asset_kind_label("system"), "情報システム");
    assert_string_equal(asset_segment_label("lgwan"), "LGWAN接続系");
    assert_string_equal(asset_segment_code("マイナンバー利用事務系"), "mynumber");
    assert_string_equal(asset_format_label("paper"), "紙");
    assert_string_equal(asset_status_label("disposed"), "廃棄済");
    assert_string_equal(asset_status_code("使用中"), "in_use");
    assert_null(asset_kind_code("城"));
    assert_string_equal(asset_yes_no_label(true), "あり");
}

static void test_formats(void **state)
{
    (void)state;
    asset_export_format f;
    assert_true(asset_export_format_parse("csv-cp932", &f));
    assert_int_equal(f, ASSET_EXPORT_CSV_CP932);
    assert_string_equal(asset_export_extension(f), "csv");
    assert_true(asset_export_format_parse("xlsx", &f));
    assert_string_equal(asset_export_format_name(f), "xlsx");
    assert_false(asset_export_format_parse("CSV", &f));
    assert_false(asset_export_format_parse(NULL, &f));
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_columns), cmocka_unit_test(test_labels),
                                       cmocka_unit_test(test_formats)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
