/* Unit tests for auth/: the same work for unknown and known logins (the dummy hash),
 * sessions that expire, the password policy, the route matcher. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "auth/account.h"
#include "auth/password.h"
#include "core/xalloc.h"
#include "domain/store_init.h"
#include "http/router.h"

typedef struct fixture {
    char dir[64];
    db *store;
    config cfg;
} fixture;

static int setup_store(void **state)
{
    fixture *f = xcalloc(1, sizeof *f);
    snprintf(f->dir, sizeof f->dir, "/tmp/mamori-unit-XXXXXX");
    if (!mkdtemp(f->dir)) return -1;
    char *url = xasprintf("sqlite:%s/m.db", f->dir);
    err e = ERR_INIT;
    config_defaults(&f->cfg);
    int rc = password_init(2, &e) == OK && db_open(url, 2, DB_OPEN_CREATE, &f->store, &e) == OK ? 0 : -1;
    free(url);
    store_init_params p = {"テスト組合", NULL, "ciso", "テスト 太郎", "a-long-enough-password"};
    if (rc == 0 && store_init(f->store, &p, NULL, NULL, &e) != OK) rc = -1;
    *state = f;
    return rc;
}

static int teardown_store(void **state)
{
    fixture *f = *state;
    db_close(f->store);
    config_free(&f->cfg);
    char *cmd = xasprintf("rm -rf %s", f->dir);
    int rc = system(cmd);
    free(cmd);
    free(f);
    return rc == 0 ? 0 : -1;
}

static void test_unknown_login_does_the_same_work(void **state)
{
    fixture *f = *state;
    char token[SESSION_TOKEN_HEX];
    session_info s;
    err e = ERR_INIT;

    unsigned long before = password_verify_count();
    assert_int_equal(account_login(f->store, &f->cfg, "nobody", "whatever-password", "127.0.0.1", token, &s, &e),
                     ERR_INVALID_CREDENTIALS);
    char *unknown_msg = xstrdup(e.message);
    err_clear(&e);
    assert_int_equal(password_verify_count() - before, 1);

    before = password_verify_count();
    assert_int_equal(account_login(f->store, &f->cfg, "ciso", "the-wrong-password", "127.0.0.1", token, &s, &e),
                     ERR_INVALID_CREDENTIALS);
    assert_int_equal(password_verify_count() - before, 1);
    /* And the caller is told exactly the same thing. */
    assert_string_equal(e.message, unknown_msg);
    err_clear(&e);
    free(unknown_msg);

    assert_int_equal(account_login(f->store, &f->cfg, "ciso", "a-long-enough-password", "127.0.0.1", token, &s, &e),
                     OK);
    assert_string_equal(s.login, "ciso");
    session_info looked;
    assert_int_equal(session_lookup(f->store, token, &f->cfg, &looked, &e), OK);
    assert_int_equal(looked.person_id, s.person_id);
    assert_string_equal(looked.csrf_token, s.csrf_token);
    session_info_free(&looked);

    /* A token that differs in one character is no session. */
    token[0] = token[0] == 'a' ? 'b' : 'a';
    assert_int_equal(session_lookup(f->store, token, &f->cfg, &looked, &e), ERR_UNAUTHENTICATED);
    err_clear(&e);
    session_info_free(&s);
}

static void test_idle_session_expires(void **state)
{
    fixture *f = *state;
    char token[SESSION_TOKEN_HEX];
    session_info s, looked;
    err e = ERR_INIT;
    assert_int_equal(account_login(f->store, &f->cfg, "ciso", "a-long-enough-password", "", token, &s, &e), OK);
    f->cfg.session_idle_s = 0; /* every session is now idle too long */
    assert_int_equal(session_lookup(f->store, token, &f->cfg, &looked, &e), ERR_UNAUTHENTICATED);
    err_clear(&e);
    long removed = 0;
    assert_int_equal(session_purge_expired(f->store, &f->cfg, &removed, &e), OK);
    assert_true(removed >= 1);
    session_info_free(&s);
}

static void test_password_policy(void **state)
{
    (void)state;
    assert_non_null(password_policy_check("short", "ciso"));
    assert_non_null(password_policy_check("ciso-ciso-ciso", "ciso-ciso-ciso"));
    assert_null(password_policy_check("correct-horse-battery", "ciso"));
    /* Twelve Japanese characters are twelve characters, not 36 bytes. */
    assert_null(password_policy_check("あいうえおかきくけこさし", "ciso"));
    assert_non_null(password_policy_check("あいうえおかきくけこさ", "ciso"));
    /* Common passwords, padded or doubled, and near-constant strings are refused. */
    assert_non_null(password_policy_check("password1234", "ciso"));
    assert_non_null(password_policy_check("Password1234!", "ciso"));
    assert_non_null(password_policy_check("passwordpassword", "ciso"));
    assert_non_null(password_policy_check("2024qwerty2024!!", "ciso"));
    assert_non_null(password_policy_check("123456789012", "ciso"));
    assert_non_null(password_policy_check("aaaaaaaaaaaa", "ciso"));
    assert_non_null(password_policy_check("121212121212", "ciso"));
    assert_non_null(password_policy_check("yamada.taro-2026", "yamada.taro"));
    assert_null(password_policy_check("kiri-ame-tsuki-19", "ciso"));
}

static void test_lockout_and_address_limit(void **state)
{
    fixture *f = *state;
    char token[SESSION_TOKEN_HEX];
    session_info s;
    err e = ERR_INIT;
    f->cfg.lockout_threshold = 3;
    for (int i = 0; i < 3; i++) {
        assert_int_equal(account_login(f->store, &f->cfg, "ciso", "not-the-password", "10.0.0.1", token, &s, &e),
                         ERR_INVALID_CREDENTIALS);
        err_clear(&e);
    }
    /* Locked: even the right password is refused, with the same answer and the same work. */
    unsigned long before = password_verify_count();
    assert_int_equal(account_login(f->store, &f->cfg, "ciso", "a-long-enough-password", "10.0.0.2", token, &s, &e),
                     ERR_INVALID_CREDENTIALS);
    assert_string_equal(e.message, "the login or the password is not correct");
    err_clear(&e);
    assert_int_equal(password_verify_count() - before, 1);
    /* When the lock has run out (made to here by moving it into the past), the right
     * password works again and the unlock is recorded. */
    db_conn *c = db_acquire(f->store);
    assert_int_equal(db_query(c, "UPDATE account SET locked_until = '2000-01-01T00:00:00Z'", DB_NO_PARAMS, NULL, &e), OK);
    db_rows *rows = NULL;
    db_release(c);
    assert_int_equal(account_login(f->store, &f->cfg, "ciso", "a-long-enough-password", "10.0.0.2", token, &s, &e), OK);
    session_info_free(&s);
    c = db_acquire(f->store);
    assert_int_equal(db_query(c, "SELECT action FROM audit_event WHERE action IN ('account.lock', 'account.unlock')"
                                 " ORDER BY seq", DB_NO_PARAMS, &rows, &e), OK);
    assert_int_equal(rows->n_rows, 2);
    assert_string_equal(db_cell(rows, 0, 0), "account.lock");
    assert_string_equal(db_cell(rows, 1, 0), "account.unlock");
    db_rows_free(rows);
    db_release(c);

    /* One address failing often enough is refused even for a right password. */
    f->cfg.address_limit = 4;
    f->cfg.lockout_threshold = 100;
    for (int i = 0; i < 4; i++) {
        assert_int_equal(account_login(f->store, &f->cfg, "nobody", "whatever-it-is", "10.9.9.9", token, &s, &e),
                         ERR_INVALID_CREDENTIALS);
        err_clear(&e);
    }
    assert_int_equal(account_login(f->store, &f->cfg, "ciso", "a-long-enough-password", "10.9.9.9", token, &s, &e),
                     ERR_INVALID_CREDENTIALS);
    err_clear(&e);
    /* Another address is not affected. */
    assert_int_equal(account_login(f->store, &f->cfg, "ciso", "a-long-enough-password", "10.9.9.8", token, &s, &e), OK);
    session_info_free(&s);
}

static const http_route *match(const char *method, const char *path, int *status)
{
    http_request r;
    memset(&r, 0, sizeof r);
    r.method = method;
    r.path = (char *)path;
    char *allow = NULL;
    *status = 200;
    const http_route *route = router_match(&r, status, &allow);
    free(allow);
    for (size_t i = 0; i < r.n_params; i++) free(r.params[i]);
    return route;
}

static void test_router_match(void **state)
{
    (void)state;
    int status;
    const http_route *r = match("GET", "/api/v1/session", &status);
    assert_non_null(r);
    assert_string_equal(r->pattern, "/api/v1/session");
    assert_null(match("PUT", "/api/v1/session", &status));
    assert_int_equal(status, 405);
    assert_null(match("GET", "/api/v1/nope", &status));
    assert_int_equal(status, 404);
    /* The UI's catch-all never answers under /api/. */
    assert_null(match("GET", "/api/v1/", &status));
    assert_int_equal(status, 404);
    r = match("GET", "/app.js", &status);
    assert_non_null(r);
    assert_string_equal(r->pattern, "/*");
    assert_non_null(match("HEAD", "/healthz", &status));
    /* Every route that needs a permission names one. */
    for (size_t i = 0; i < http_routes_count; i++)
        if (http_routes[i].access == HTTP_PERMISSION) assert_non_null(http_routes[i].permission);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_unknown_login_does_the_same_work, setup_store, teardown_store),
        cmocka_unit_test_setup_teardown(test_idle_session_expires, setup_store, teardown_store),
        cmocka_unit_test(test_password_policy),
        cmocka_unit_test_setup_teardown(test_lockout_and_address_limit, setup_store, teardown_store),
        cmocka_unit_test(test_router_match),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
