/* Unit tests for the second factor: TOTP codes against the test vectors of RFC 6238
 * (appendix B, SHA-1), the otpauth URI authenticator apps read, the role list of
 * mfa_required_roles, QR rendering, and the sealed secret on a real store: a code is
 * good once, recovery codes once each, and another key reads nothing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include <unistd.h>

#include "auth/mfa.h"
#include "auth/password.h"
#include "core/xalloc.h"
#include "domain/store_init.h"
#include "io/qr.h"

/* RFC 6238's SHA-1 seed, "12345678901234567890", in base32. */
#define RFC_SECRET "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"

static void test_totp_rfc6238_vectors(void **state)
{
    (void)state;
    /* The RFC lists 8 digits; a 6-digit code is the same number modulo 10^6. */
    const struct {
        time_t t;
        const char *code;
    } vectors[] = {
        {59, "287082"}, {1111111109, "081804"}, {1111111111, "050471"},
        {1234567890, "005924"}, {2000000000, "279037"}, {20000000000LL, "353130"},
    };
    for (size_t i = 0; i < sizeof vectors / sizeof vectors[0]; i++) {
        char code[7];
        err e = ERR_INIT;
        assert_int_equal(mfa_totp_now(RFC_SECRET, vectors[i].t, code, &e), OK);
        assert_string_equal(code, vectors[i].code);
    }
    char code[7];
    err e = ERR_INIT;
    assert_int_equal(mfa_totp_now("not base32!", 59, code, &e), ERR_VALIDATION);
    err_clear(&e);
}

static void test_otpauth_uri(void **state)
{
    (void)state;
    char *uri = mfa_otpauth_uri("mamori 組合", "sato.h", "ABCDEF");
    assert_string_equal(uri, "otpauth://totp/mamori%20%E7%B5%84%E5%90%88:sato.h?secret=ABCDEF&issuer=mamori%20%E7%B5%84"
                             "%E5%90%88&algorithm=SHA1&digits=6&period=30");
    free(uri);
}

static void test_required_roles_list(void **state)
{
    (void)state;
    config c;
    config_defaults(&c);
    assert_true(config_mfa_required_role(&c, "ciso"));
    assert_true(config_mfa_required_role(&c, "security_director"));
    assert_false(config_mfa_required_role(&c, "security"));
    assert_false(config_mfa_required_role(&c, "staff"));
    assert_false(config_mfa_required_role(&c, ""));
    err e = ERR_INIT;
    assert_int_equal(config_set(&c, "mfa_required_roles", " auditor , csirt", &e), OK);
    assert_true(config_mfa_required_role(&c, "csirt"));
    assert_true(config_mfa_required_role(&c, "auditor"));
    assert_false(config_mfa_required_role(&c, "ciso"));
    assert_int_equal(config_set(&c, "mfa_required_roles", "none", &e), OK);
    assert_false(config_mfa_required_role(&c, "ciso"));
    config_free(&c);
}

static void test_qr_svg(void **state)
{
    (void)state;
    char *svg = NULL;
    err e = ERR_INIT;
    assert_int_equal(qr_svg("otpauth://totp/mamori:x?secret=ABCDEF", &svg, &e), OK);
    assert_non_null(strstr(svg, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 "));
    assert_non_null(strstr(svg, "h1v1h-1z"));
    assert_non_null(strstr(svg, "</svg>"));
    free(svg);
}

typedef struct fixture {
    char dir[64];
    db *store;
    config cfg;
    mfa_key key;
    long person;
} fixture;

static int setup_store(void **state)
{
    fixture *f = xcalloc(1, sizeof *f);
    snprintf(f->dir, sizeof f->dir, "/tmp/mamori-unit-XXXXXX");
    if (!mkdtemp(f->dir)) return -1;
    char *url = xasprintf("sqlite:%s/m.db", f->dir);
    err e = ERR_INIT;
    config_defaults(&f->cfg);
    f->cfg.config_dir = xstrdup(f->dir);
    bool created = false;
    int rc = password_init(2, &e) == OK && db_open(url, 2, DB_OPEN_CREATE, &f->store, &e) == OK ? 0 : -1;
    free(url);
    store_init_params p = {"テスト組合", NULL, "ciso", "テスト 太郎", "a-long-enough-password"};
    if (rc == 0 && store_init(f->store, &p, NULL, &f->person, &e) != OK) rc = -1;
    if (rc == 0 && mfa_key_open(&f->cfg, f->store, &f->key, &created, &e) != OK) rc = -1;
    if (rc == 0 && !created) rc = -1;
    *state = f;
    return rc;
}

static int teardown_store(void **state)
{
    fixture *f = *state;
    db_close(f->store);
    config_free(&f->cfg);
    char *cmd = xasprintf("rm -rf '%s'", f->dir);
    int ignored = system(cmd);
    (void)ignored;
    free(cmd);
    free(f);
    return 0;
}

/* One write step in its own transaction: tx() opens it, done() commits (or, on an
 * error, rolls back) and returns the step's code. */
static db_conn *tx(fixture *f)
{
    db_conn *c = db_acquire(f->store);
    err e = ERR_INIT;
    assert_int_equal(db_begin_write(c, &e), OK);
    return c;
}

static err_code done(db_conn *c, err_code rc, err *e)
{
    err commit_err = ERR_INIT;
    if (rc == OK) rc = db_commit(c, &commit_err);
    else db_rollback(c);
    err_clear(&commit_err);
    err_clear(e);
    db_release(c);
    return rc;
}

static void test_sealed_secret_once_only_codes(void **state)
{
    fixture *f = *state;
    audit_actor who = {f->person, "ciso", "127.0.0.1"};
    db_conn *c = NULL;
    char *secret = NULL, *codes[MFA_RECOVERY_CODES] = {0};
    time_t now = time(NULL);
    char code[7];
    err e = ERR_INIT;

    c = tx(f);

    assert_int_equal(done(c, mfa_enrol_start(c, &f->key, &who, &secret, &e), &e), OK);
    assert_int_equal(strlen(secret), 32);
    /* Not yet confirmed: a code does not log in. */
    assert_int_equal(mfa_totp_now(secret, now, code, &e), OK);
    c = tx(f);
    assert_int_equal(done(c, mfa_check_code(c, &f->key, f->person, code, now, &e), &e), ERR_INVALID_CREDENTIALS);
    c = tx(f);
    assert_int_equal(done(c, mfa_enrol_confirm(c, &f->key, &who, "000000", now, codes, &e), &e),
                     strcmp(code, "000000") ? ERR_VALIDATION : OK);
    c = tx(f);
    assert_int_equal(done(c, mfa_enrol_confirm(c, &f->key, &who, code, now, codes, &e), &e), OK);
    for (int i = 0; i < MFA_RECOVERY_CODES; i++) assert_int_equal(strlen(codes[i]), 11);

    /* The code that confirmed is spent; the next step's is good once. */
    c = tx(f);
    assert_int_equal(done(c, mfa_check_code(c, &f->key, f->person, code, now, &e), &e), ERR_INVALID_CREDENTIALS);
    assert_int_equal(mfa_totp_now(secret, now + 30, code, &e), OK);
    c = tx(f);
    assert_int_equal(done(c, mfa_check_code(c, &f->key, f->person, code, now, &e), &e), OK);
    c = tx(f);
    assert_int_equal(done(c, mfa_check_code(c, &f->key, f->person, code, now, &e), &e), ERR_INVALID_CREDENTIALS);
    /* Two steps away is outside the window. */
    assert_int_equal(mfa_totp_now(secret, now + 90, code, &e), OK);
    c = tx(f);
    assert_int_equal(done(c, mfa_check_code(c, &f->key, f->person, code, now, &e), &e), ERR_INVALID_CREDENTIALS);

    /* Recovery codes: once each, in any case, with or without the dash. */
    char upper[16];
    snprintf(upper, sizeof upper, "%.5s%s", codes[2], codes[2] + 6);
    for (char *p = upper; *p; p++) *p = (char)toupper((unsigned char)*p);
    c = tx(f);
    assert_int_equal(done(c, mfa_use_recovery_code(c, &f->key, f->person, upper, &e), &e), OK);
    c = tx(f);
    assert_int_equal(done(c, mfa_use_recovery_code(c, &f->key, f->person, codes[2], &e), &e), ERR_INVALID_CREDENTIALS);
    c = tx(f);
    assert_int_equal(done(c, mfa_use_recovery_code(c, &f->key, f->person, "", &e), &e), ERR_INVALID_CREDENTIALS);

    /* Another key reads nothing: neither the secret nor the recovery codes. */
    mfa_key other;
    memset(other.bytes, 0x42, sizeof other.bytes);
    assert_int_equal(mfa_totp_now(secret, now + 60, code, &e), OK);
    c = tx(f);
    assert_int_equal(done(c, mfa_check_code(c, &other, f->person, code, now + 60, &e), &e), ERR_INTERNAL);
    c = tx(f);
    assert_int_equal(done(c, mfa_use_recovery_code(c, &other, f->person, codes[3], &e), &e), ERR_INVALID_CREDENTIALS);
    /* A confirmed factor is not replaced by a new enrolment. */
    char *again = NULL;
    c = tx(f);
    assert_int_equal(done(c, mfa_enrol_start(c, &f->key, &who, &again, &e), &e), ERR_CONFLICT);
    assert_null(again);

    mfa_codes_free(codes);
    free(secret);
    err_clear(&e);
}

static void test_missing_key_with_secrets_refuses(void **state)
{
    fixture *f = *state;
    audit_actor who = {f->person, "ciso", "127.0.0.1"};
    db_conn *c = NULL;
    err e = ERR_INIT;
    char *secret = NULL;
    c = tx(f);
    assert_int_equal(done(c, mfa_enrol_direct(c, &f->key, &who, f->person, &secret, &e), &e), OK);
    free(secret);
    char *path = config_mfa_key_file(&f->cfg);
    assert_int_equal(unlink(path), 0);
    mfa_key k;
    bool created = true;
    assert_int_equal(mfa_key_open(&f->cfg, f->store, &k, &created, &e), ERR_VALIDATION);
    assert_false(created);
    assert_non_null(strstr(e.message, "mfa.key is missing"));
    err_clear(&e);
    free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_totp_rfc6238_vectors),
        cmocka_unit_test(test_otpauth_uri),
        cmocka_unit_test(test_required_roles_list),
        cmocka_unit_test(test_qr_svg),
        cmocka_unit_test_setup_teardown(test_sealed_secret_once_only_codes, setup_store, teardown_store),
        cmocka_unit_test_setup_teardown(test_missing_key_with_secrets_refuses, setup_store, teardown_store),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
