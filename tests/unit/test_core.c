/* Unit tests for core/: 和暦 and time text, the capped buffer, layered settings, errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/config.h"
#include "core/err.h"
#include "core/timeutil.h"

static void check_wareki(int y, int m, int d, const char *want)
{
    char *got = wareki_format(y, m, d);
    if (!want) {
        assert_null(got);
        return;
    }
    assert_non_null(got);
    assert_string_equal(got, want);
    free(got);
}

static void test_wareki_eras(void **state)
{
    (void)state;
    check_wareki(2025, 4, 1, "令和7年4月1日");
    check_wareki(2019, 5, 1, "令和元年5月1日");
    check_wareki(2019, 4, 30, "平成31年4月30日");
    check_wareki(1989, 1, 8, "平成元年1月8日");
    check_wareki(1989, 1, 7, "昭和64年1月7日");
    check_wareki(1926, 12, 25, "昭和元年12月25日");
    check_wareki(1926, 12, 24, "大正15年12月24日");
    check_wareki(1912, 7, 30, "大正元年7月30日");
    check_wareki(1912, 7, 29, "明治45年7月29日");
    check_wareki(2016, 4, 1, "平成28年4月1日"); /* the seed policy's date */
    check_wareki(2024, 2, 29, "令和6年2月29日");
    check_wareki(2025, 2, 29, NULL);
    check_wareki(2025, 13, 1, NULL);
    check_wareki(1800, 1, 1, NULL);
}

static void test_nendo(void **state)
{
    (void)state;
    assert_int_equal(nendo_of(2026, 3), 2025);
    assert_int_equal(nendo_of(2026, 4), 2026);
    assert_int_equal(nendo_of(2026, 12), 2026);
}

static void test_time_canon_roundtrip(void **state)
{
    (void)state;
    char out[TIME_CANON_LEN];
    time_canon(0, out);
    assert_string_equal(out, "1970-01-01T00:00:00Z");
    time_t t;
    assert_true(time_parse_canon("2026-04-01T09:30:15Z", &t));
    time_canon(t, out);
    assert_string_equal(out, "2026-04-01T09:30:15Z");
    assert_false(time_parse_canon("2026-04-01 09:30:15Z", &t));
    assert_false(time_parse_canon("2026-04-01T09:30:15", &t));
    assert_false(time_parse_canon("2026-02-30T00:00:00Z", &t));
    assert_false(time_parse_canon("2026-04-01T24:00:00Z", &t));
    assert_false(time_parse_canon("", &t));
    int y, m, d;
    assert_true(time_parse_date("2024-02-29", &y, &m, &d));
    assert_int_equal(y * 10000 + m * 100 + d, 20240229);
    assert_false(time_parse_date("2023-02-29", &y, &m, &d));
    assert_false(time_parse_date("2023-2-28", &y, &m, &d));
}

static void test_buf_cap(void **state)
{
    (void)state;
    buf b;
    buf_init(&b, 10);
    assert_int_equal(buf_append(&b, "12345", 5), BUF_OK);
    assert_int_equal(buf_append(&b, "67890", 5), BUF_OK);
    assert_int_equal(buf_append(&b, "x", 1), BUF_TOO_BIG);
    assert_int_equal(b.len, 10);
    assert_string_equal(buf_str(&b), "1234567890");
    buf_free(&b);
    buf_init(&b, 0);
    for (int i = 0; i < 1000; i++) assert_int_equal(buf_printf(&b, "%d,", i % 10), BUF_OK);
    assert_int_equal(b.len, 2000);
    char *s = buf_take(&b);
    assert_int_equal(strlen(s), 2000);
    free(s);
    assert_int_equal(b.len, 0);
}

static void test_config_layers(void **state)
{
    (void)state;
    char path[] = "/tmp/mamori-conf-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    const char *text = "# a comment\n listen = 127.0.0.1:9000 \nbody_limit=2048\n\nsession_idle = 600";
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    config c;
    config_defaults(&c);
    err e = ERR_INIT;
    assert_int_equal(config_load_file(&c, path, true, &e), OK);
    assert_string_equal(c.listen, "127.0.0.1:9000");
    assert_int_equal(c.body_limit, 2048);
    assert_int_equal(c.session_idle_s, 600);
    setenv("MAMORI_LISTEN", "127.0.0.1:9100", 1);
    assert_int_equal(config_load_env(&c, &e), OK);
    unsetenv("MAMORI_LISTEN");
    assert_string_equal(c.listen, "127.0.0.1:9100");
    assert_int_equal(config_set(&c, "listen", "127.0.0.1:9200", &e), OK);
    assert_string_equal(c.listen, "127.0.0.1:9200");
    /* Bad values are refused with the setting named, and leave the old value. */
    assert_int_equal(config_set(&c, "body_limit", "lots", &e), ERR_VALIDATION);
    assert_non_null(strstr(e.message, "body_limit"));
    assert_int_equal(c.body_limit, 2048);
    err_clear(&e);
    assert_int_equal(config_set(&c, "no_such", "1", &e), ERR_VALIDATION);
    err_clear(&e);
    config_free(&c);

    /* A bad line names the file and line. */
    fd = open(path, O_WRONLY | O_TRUNC);
    text = "listen = 127.0.0.1:1\nthis line has no equals sign\n";
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    config_defaults(&c);
    assert_int_equal(config_load_file(&c, path, true, &e), ERR_VALIDATION);
    assert_non_null(strstr(e.message, ":2:"));
    err_clear(&e);
    config_free(&c);
    unlink(path);
}

static void test_err_fields(void **state)
{
    (void)state;
    err e = ERR_INIT;
    err_field_add(&e, "login", "is required");
    err_field_add(&e, "password", "must be at most %d characters", 1024);
    assert_int_equal(e.code, ERR_VALIDATION);
    assert_int_equal(e.n_fields, 2);
    assert_string_equal(e.fields[1].message, "must be at most 1024 characters");
    assert_string_equal(err_code_name(e.code), "validation_failed");
    err_clear(&e);
    assert_int_equal(e.code, OK);
    assert_int_equal(e.n_fields, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wareki_eras),  cmocka_unit_test(test_nendo),
        cmocka_unit_test(test_time_canon_roundtrip), cmocka_unit_test(test_buf_cap),
        cmocka_unit_test(test_config_layers), cmocka_unit_test(test_err_fields),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
