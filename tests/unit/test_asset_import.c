/* Unit tests for the ledger import's pure parts: dates in the three forms (西暦 with - or
 * /, 和暦 with 元年 and the eras' bounds), yes/no cells, header mapping (Japanese, English
 * in any case, blanks), and the CSV reader it relies on (BOM, CP932, quotes, commas and
 * line breaks in cells, codes keeping their leading zeros). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "domain/asset_columns.h"
#include "domain/asset_import.h"
#include "core/buf.h"
#include "io/csv_table.h"

static void check_date(const char *in, const char *want)
{
    char out[11] = "";
    bool ok = asset_import_date(in, out);
    if (!want) {
        if (ok) fail_msg("%s should not be a date (got %s)", in, out);
        return;
    }
    if (!ok) fail_msg("%s should be %s", in, want);
    assert_string_equal(out, want);
}

static void test_dates(void **state)
{
    (void)state;
    check_date("2025-04-01", "2025-04-01");
    check_date("2025/4/1", "2025-04-01");
    check_date("2025/04/01", "2025-04-01");
    check_date("2025-4-1", "2025-04-01");
    check_date("令和7年4月1日", "2025-04-01");
    check_date("令和元年5月1日", "2019-05-01");
    check_date("令和1年5月1日", "2019-05-01");
    check_date("平成31年4月30日", "2019-04-30");
    check_date("平成元年1月8日", "1989-01-08");
    check_date("昭和64年1月7日", "1989-01-07");
    check_date("2024/2/29", "2024-02-29");
    /* Not dates. */
    check_date("", NULL);
    check_date("2025/2/29", NULL);
    check_date("2025-13-01", NULL);
    check_date("2025/4-1", NULL);
    check_date("25/4/1", NULL);
    check_date("令和元年4月30日", NULL); /* before 令和 began */
    check_date("平成32年1月1日", NULL);   /* 平成 had ended */
    check_date("令和7年4月1", NULL);
    check_date("令和7年4月1日 ", NULL);
    check_date("2025-04-01x", NULL);
}

static void test_flags(void **state)
{
    (void)state;
    const char *yes[] = {"あり", "○", "〇", "はい", "1", "true", "TRUE", "yes", "Yes"};
    const char *no[] = {"なし", "×", "いいえ", "0", "false", "no", "NO", ""};
    for (size_t i = 0; i < sizeof yes / sizeof *yes; i++) assert_int_equal(asset_import_flag(yes[i]), 1);
    for (size_t i = 0; i < sizeof no / sizeof *no; i++) assert_int_equal(asset_import_flag(no[i]), 0);
    assert_int_equal(asset_import_flag("たぶん"), -1);
    assert_int_equal(asset_import_flag("2"), -1);
}

static void test_headers(void **state)
{
    (void)state;
    assert_int_equal(asset_import_column("資産名"), AI_NAME);
    assert_int_equal(asset_import_column("name"), AI_NAME);
    assert_int_equal(asset_import_column("Name"), AI_NAME);
    assert_int_equal(asset_import_column(" 所有部署コード "), AI_UNIT_CODE);
    assert_int_equal(asset_import_column("owner_unit"), AI_UNIT);
    assert_int_equal(asset_import_column("電子/紙"), AI_FORMAT);
    assert_int_equal(asset_import_column("廃棄日(和暦)"), AI_DISPOSED_WAREKI);
    assert_int_equal(asset_import_column("ID"), AI_ID);
    assert_int_equal(asset_import_column("版"), AI_VERSION);
    assert_int_equal(asset_import_column("機密"), -1);
    assert_int_equal(asset_import_column(""), -1);
    /* Every header of the table maps back to its column, both languages. */
    for (int c = 0; c < AI_COUNT; c++) {
        assert_int_equal(asset_import_column(asset_columns[c].ja), c);
        assert_int_equal(asset_import_column(asset_columns[c].en), c);
    }
}

/* Row i's three cells: with quotes, commas and line breaks in some, so the two halves
 * of a large file meet anywhere. */
static void big_row(size_t i, char cells[3][64])
{
    snprintf(cells[0], 64, "台帳 %zu", i);
    snprintf(cells[1], 64, i % 3 == 0 ? "一行目\n\"二\", 行目 %zu" : i % 3 == 1 ? "a,b %zu" : "%zu", i);
    snprintf(cells[2], 64, "%s", i % 5 == 0 ? "" : "0010");
}

/* A file large enough to be parsed in two halves at once gives every row as the file has
 * it, in order; one at fault reports the row as a file parsed whole does. */
static void test_csv_halves(void **state)
{
    (void)state;
    enum { N = 150000 };
    buf b;
    buf_init(&b, 0);
    buf_puts(&b, "資産名,説明,所有部署コード\r\n");
    for (size_t i = 0; i < N; i++) {
        char cells[3][64];
        big_row(i, cells);
        for (int k = 0; k < 3; k++) {
            if (k) buf_puts(&b, ",");
            bool quote = strpbrk(cells[k], ",\"\n") != NULL;
            if (quote) buf_puts(&b, "\"");
            for (const char *p = cells[k]; *p; p++) buf_append(&b, *p == '"' ? "\"\"" : p, *p == '"' ? 2 : 1);
            if (quote) buf_puts(&b, "\"");
        }
        buf_puts(&b, "\r\n");
    }
    assert_true(b.len > (4u << 20)); /* split in two */
    csv_table t;
    err e = ERR_INIT;
    assert_int_equal(csv_table_parse(b.data, b.len, NULL, &t, &e), OK);
    assert_int_equal(t.n_rows, N + 1);
    assert_non_null(t.text_more);
    for (size_t i = 0; i < N; i++) {
        char cells[3][64];
        big_row(i, cells);
        assert_int_equal(t.rows[i + 1].n_fields, 3);
        for (int k = 0; k < 3; k++) assert_string_equal(t.rows[i + 1].fields[k], cells[k]);
    }
    csv_table_free(&t);
    /* A stray quote in the second half: the whole file's report. */
    char *at = strstr(b.data + b.len / 2 + 1000, "台帳");
    at[-1] = '"';
    assert_int_equal(csv_table_parse(b.data, b.len, NULL, &t, &e), ERR_VALIDATION);
    assert_non_null(strstr(e.message, "the file is not valid CSV after row"));
    err_clear(&e);
    buf_free(&b);
}

static void test_csv(void **state)
{
    (void)state;
    const char utf8[] = "\xEF\xBB\xBF資産名,所有部署コード\r\n\"㈱台帳, \"\"写し\"\"\",001\r\n\"複数\n行\",010\r\n";
    csv_table t;
    err e = ERR_INIT;
    assert_int_equal(csv_table_parse(utf8, sizeof utf8 - 1, NULL, &t, &e), OK);
    assert_string_equal(t.encoding, "UTF-8");
    assert_int_equal(t.n_rows, 3);
    assert_string_equal(t.rows[0].fields[0], "資産名");
    assert_string_equal(t.rows[1].fields[0], "㈱台帳, \"写し\"");
    assert_string_equal(t.rows[1].fields[1], "001");
    assert_string_equal(t.rows[2].fields[0], "複数\n行");
    assert_string_equal(t.rows[2].fields[1], "010");
    csv_table_free(&t);
    /* CP932: 髙 (FB FC), ① (87 40), ～ (81 60), ｼ (BC). */
    const char sjis[] = "a,b\r\n\xFB\xFC\x87\x40,\x81\x60\xBC\r\n";
    assert_int_equal(csv_table_parse(sjis, sizeof sjis - 1, NULL, &t, &e), OK);
    assert_string_equal(t.encoding, "CP932");
    assert_string_equal(t.rows[1].fields[0], "髙①");
    assert_string_equal(t.rows[1].fields[1], "～ｼ");
    csv_table_free(&t);
    /* Stated UTF-8 that is not: refused. */
    assert_int_equal(csv_table_parse(sjis, sizeof sjis - 1, "utf-8", &t, &e), ERR_VALIDATION);
    err_clear(&e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_flags),
        cmocka_unit_test(test_headers),
        cmocka_unit_test(test_csv),
        cmocka_unit_test(test_csv_halves),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
