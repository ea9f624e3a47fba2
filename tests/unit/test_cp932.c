/* CP932 output: glibc's one-way mappings found by encoding and decoding each text
 * (verified by experiment: printf '〜' | iconv -f UTF-8 -t CP932 | xxd gives 8160,
 * which reads back as ～ U+FF5E), the replacements mamori writes, and the CSV formula
 * guard and its inverse. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "io/cp932.h"
#include "io/csv_write.h"

static cp932 *cv;

static int setup(void **state)
{
    (void)state;
    err e = ERR_INIT;
    return cp932_open(&cv, &e) == OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    cp932_close(cv);
    return 0;
}

/* Encodes text; checks the bytes written and the changes (from, to pairs). */
static void expect(const char *text, const char *bytes, size_t n_bytes, const uint32_t *changes, size_t n_changes)
{
    buf out;
    buf_init(&out, 0);
    cp932_changes ch = {0};
    err e = ERR_INIT;
    assert_int_equal(cp932_encode(cv, text, strlen(text), &out, &ch, &e), OK);
    assert_int_equal(out.len, n_bytes);
    assert_memory_equal(out.data ? out.data : "", bytes, n_bytes);
    assert_int_equal(ch.n, n_changes);
    for (size_t i = 0; i < n_changes; i++) {
        assert_int_equal(ch.items[i].from, changes[2 * i]);
        assert_int_equal(ch.items[i].to, changes[2 * i + 1]);
    }
    cp932_changes_free(&ch);
    buf_free(&out);
}

static void test_round_trips(void **state)
{
    (void)state;
    expect("", "", 0, NULL, 0);
    expect("abc\\~\"',\r\n", "abc\\~\"',\r\n", 10, NULL, 0);
    expect("～", "\x81\x60", 2, NULL, 0);     /* FULLWIDTH TILDE: Excel's own wave dash */
    expect("－", "\x81\x7c", 2, NULL, 0);
    expect("―", "\x81\x5c", 2, NULL, 0);
    expect("①㈱髙", "\x87\x40\x87\x8a\xfb\xfc", 6, NULL, 0); /* NEC and IBM extensions */
    expect("ｱｲｳ", "\xb1\xb2\xb3", 3, NULL, 0);  /* half-width katakana */
    expect("￥￣〓", "\x81\x8f\x81\x50\x81\xac", 6, NULL, 0);
}

static void test_one_way(void **state)
{
    (void)state;
    static const uint32_t wave[] = {0x301C, 0xFF5E};
    expect("〜", "\x81\x60", 2, wave, 1);
    static const uint32_t minus[] = {0x2212, 0xFF0D};
    expect("−", "\x81\x7c", 2, minus, 1);
    static const uint32_t dash[] = {0x2014, 0x2015};
    expect("—", "\x81\x5c", 2, dash, 1);
    static const uint32_t par[] = {0x2016, 0x2225};
    expect("‖", "\x81\x61", 2, par, 1);
    static const uint32_t cent[] = {0x00A2, 0xFFE0, 0x00AC, 0xFFE2};
    expect("¢¬", "\x81\x91\x81\xca", 4, cent, 2);
    /* glibc writes ¥ as 0x5C (read back as \): mamori writes the full-width yen. */
    static const uint32_t yen[] = {0x00A5, 0xFFE5};
    expect("¥100", "\x81\x8f" "100", 5, yen, 1);
    static const uint32_t over[] = {0x203E, 0xFFE3};
    expect("‾", "\x81\x50", 2, over, 1);
}

static void test_unrepresentable(void **state)
{
    (void)state;
    static const uint32_t yoshi[] = {0x20BB7, 0x3013};
    expect("𠮷", "\x81\xac", 2, yoshi, 1);
    static const uint32_t mixed[] = {0x301C, 0xFF5E, 0x20BB7, 0x3013};
    expect("a〜b𠮷c", "a\x81\x60" "b\x81\xac" "c", 7, mixed, 2);
    buf out;
    buf_init(&out, 0);
    cp932_changes ch = {0};
    err e = ERR_INIT;
    assert_int_equal(cp932_encode(cv, "\xff", 1, &out, &ch, &e), ERR_VALIDATION);
    err_clear(&e);
    assert_int_equal(cp932_encode(cv, "𠮷", 4, &out, &ch, &e), OK);
    assert_true(ch.items[0].unrepresentable);
    char *m = cp932_describe(&ch.items[0], false);
    assert_string_equal(m, "𠮷 (U+20BB7) cannot be written in CP932");
    free(m);
    assert_int_equal(cp932_encode(cv, "〜", 3, &out, &ch, &e), OK);
    assert_false(ch.items[0].unrepresentable);
    m = cp932_describe(&ch.items[0], false);
    assert_string_equal(m, "〜 (U+301C) would be written as ～ (U+FF5E)");
    free(m);
    m = cp932_describe(&ch.items[0], true);
    assert_string_equal(m, "〜 (U+301C) → ～ (U+FF5E)");
    free(m);
    cp932_changes_free(&ch);
    buf_free(&out);
}

static void test_formula_guard(void **state)
{
    (void)state;
    static const char *const guarded[] = {"=1+2", "+81", "-5", "@SUM(A1)", "'=x", "''-y"};
    static const char *const plain[] = {"", "001", "a=b", "'quoted'", "'", "資産", " =1"};
    for (size_t i = 0; i < sizeof guarded / sizeof *guarded; i++) {
        assert_true(csv_write_needs_guard(guarded[i]));
        char *g = malloc(strlen(guarded[i]) + 2);
        g[0] = '\'';
        strcpy(g + 1, guarded[i]);
        assert_string_equal(csv_write_unguard(g), guarded[i]); /* the import undoes it exactly */
        free(g);
    }
    for (size_t i = 0; i < sizeof plain / sizeof *plain; i++) {
        assert_false(csv_write_needs_guard(plain[i]));
        assert_string_equal(csv_write_unguard(plain[i]), plain[i]);
    }
    assert_false(csv_write_needs_guard(NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_round_trips), cmocka_unit_test(test_one_way),
                                       cmocka_unit_test(test_unrepresentable), cmocka_unit_test(test_formula_guard)};
    return cmocka_run_group_tests(tests, setup, teardown);
}
