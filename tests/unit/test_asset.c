/* The ledger's sort key (the search module's normalisation: full-width ASCII and
 * half-width katakana folded, case folded, spaces dropped) and the class label. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "domain/asset.h"
#include "domain/classification.h"

static void expect_key(const char *name, const char *want)
{
    char *got = asset_sort_key(name);
    assert_string_equal(got, want);
    free(got);
}

static void test_sort_key(void **state)
{
    (void)state;
    expect_key("ＬＧＷＡＮ端末", "lgwan端末");
    expect_key("LGWAN端末", "lgwan端末");
    expect_key("ｼｽﾃﾑ", "システム");
    expect_key("ｶﾞｽ ﾊﾟﾈﾙ ﾊﾞｽ ｳﾞｨ", "ガスパネルバスヴィ");
    expect_key("ﾎﾟﾝﾌﾟ", "ポンプ");
    expect_key("料金　システム", "料金システム"); /* ideographic space */
    expect_key("料金 システム", "料金システム"); /* so both sort together */
    expect_key("㈱水道①", "(株)水道1");
    expect_key("", "");
    expect_key("髙橋𠮷", "髙橋𠮷");    /* beyond the BMP, unchanged */
}

static void test_label(void **state)
{
    (void)state;
    char *l = classification_label("3A", "2", "1");
    assert_string_equal(l, "C3A-I2-A1");
    free(l);
    l = classification_label(NULL, "2", "2");
    assert_string_equal(l, "C?-I2-A2");
    free(l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_sort_key), cmocka_unit_test(test_label)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
