/* Unit tests for audit/: the canonical form and chain hash against vectors computed
 * independently (Python's hashlib, see docs/audit-trail.md), and the verifier on a
 * real SQLite store after deletions and edits made behind the store's back. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audit/audit.h"
#include "auth/password.h"
#include "core/xalloc.h"
#include "domain/store_init.h"

static void test_canonical_form(void **state)
{
    (void)state;
    size_t len;
    char *c = audit_canonical("1", "2026-04-01T00:00:00Z", NULL, "system", "store.init", "store", "-", "", "{}", &len);
    assert_string_equal(c, "mamori-audit-v1\n1:1\n20:2026-04-01T00:00:00Z\n0:\n6:system\n10:store.init\n5:store\n"
                           "1:-\n0:\n2:{}\n");
    assert_int_equal(len, strlen(c));
    char hash[AUDIT_HASH_HEX];
    audit_chain_hash("0000000000000000000000000000000000000000000000000000000000000000", c, len, hash);
    assert_string_equal(hash, "e0242a050cb365947dbf2e93ad8211f34290877d7c39bc22ee8f9aa1b185ddeb");
    free(c);

    /* Lengths are in bytes, so multi-byte text cannot shift a field boundary. */
    c = audit_canonical("2", "2026-04-01T00:00:01Z", "7", "ciso", "login.success", "session", "abc", "127.0.0.1",
                        "{\"login\":\"情報\"}", &len);
    assert_non_null(strstr(c, "\n18:{\"login\":\"情報\"}\n"));
    char hash2[AUDIT_HASH_HEX];
    audit_chain_hash(hash, c, len, hash2);
    assert_string_equal(hash2, "a1384a81bd657502bc9a378feeffcfb6c589f9941a1f5736043c994aabbda2f8");
    free(c);

    /* A newline inside a field cannot forge a second field. */
    size_t l1, l2;
    char *a = audit_canonical("3", "t", "", "x\n1:y", "a", "b", "c", "d", "{}", &l1);
    char *b = audit_canonical("3", "t", "", "x", "1:y\na", "b", "c", "d", "{}", &l2);
    assert_true(l1 != l2 || memcmp(a, b, l1) != 0);
    free(a);
    free(b);
}

/* The digest of rows an import's event vouches for (docs/audit-trail.md, "Digests of
 * rows"), against vectors from Python's hashlib. */
static void test_rows_digest(void **state)
{
    (void)state;
    char hex[AUDIT_HASH_HEX];
    audit_digest *d = audit_digest_new("mamori-asset-versions-v1");
    const char *r1[] = {"1", "x"}, *r2[] = {NULL, "情報"};
    audit_digest_row(d, r1, 2);
    audit_digest_row(d, r2, 2);
    audit_digest_final(d, hex); /* "mamori-asset-versions-v1\n1:1\n1:x\n-\n6:情報\n" */
    assert_string_equal(hex, "4b3ecca940c6090bddfe3dc51b0656343029933fca14e801e862af54e817d432");

    d = audit_digest_new("mamori-asset-versions-v1"); /* no rows: the form's line alone */
    audit_digest_final(d, hex);
    assert_string_equal(hex, "4eff8ef27d76284047b4e20703ab44c2ea5c884aa656212aa741d93122c3493d");

    /* Past the 64 KB the digest gathers before hashing, the bytes are the same. */
    d = audit_digest_new("mamori-asset-versions-v1");
    const char *r3[] = {"12345"};
    for (int i = 0; i < 20000; i++) audit_digest_row(d, r3, 1);
    audit_digest_final(d, hex);
    assert_string_equal(hex, "40a716693dcecbca049b26569a25d680751c6c82766fd544e837bc4927014236");

    /* NULL and empty text differ. */
    char a[AUDIT_HASH_HEX], b[AUDIT_HASH_HEX];
    const char *null_cell[] = {NULL}, *empty_cell[] = {""};
    d = audit_digest_new("f");
    audit_digest_row(d, null_cell, 1);
    audit_digest_final(d, a);
    d = audit_digest_new("f");
    audit_digest_row(d, empty_cell, 1);
    audit_digest_final(d, b);
    assert_string_not_equal(a, b);
}

typedef struct fixture {
    char dir[64];
    char *url;
    db *store;
} fixture;

static int setup_store(void **state)
{
    fixture *f = xcalloc(1, sizeof *f);
    snprintf(f->dir, sizeof f->dir, "/tmp/mamori-unit-XXXXXX");
    if (!mkdtemp(f->dir)) return -1;
    f->url = xasprintf("sqlite:%s/m.db", f->dir);
    err e = ERR_INIT;
    if (password_init(1, &e) != OK) return -1;
    if (db_open(f->url, 2, DB_OPEN_CREATE, &f->store, &e) != OK) return -1;
    store_init_params p = {"テスト組合", "Test union", "ciso", "テスト 太郎", "a-long-enough-password"};
    if (store_init(f->store, &p, NULL, NULL, &e) != OK) {
        fprintf(stderr, "store_init: %s\n", e.message);
        return -1;
    }
    *state = f;
    return 0;
}

static int teardown_store(void **state)
{
    fixture *f = *state;
    db_close(f->store);
    char *cmd = xasprintf("rm -rf %s", f->dir);
    int rc = system(cmd);
    free(cmd);
    free(f->url);
    free(f);
    return rc == 0 ? 0 : -1;
}

static void exec_sql(db *d, const char *sql)
{
    db_conn *c = db_acquire(d);
    err e = ERR_INIT;
    err_code rc = db_query(c, sql, DB_NO_PARAMS, NULL, &e);
    if (rc != OK) fprintf(stderr, "%s: %s\n", sql, e.message);
    assert_int_equal(rc, OK);
    db_release(c);
}

static void test_verify_untouched_then_tampered(void **state)
{
    fixture *f = *state;
    audit_verify_result r;
    err e = ERR_INIT;
    assert_int_equal(audit_verify(f->store, &r, &e), OK);
    assert_true(r.ok);
    assert_int_equal(r.n_events, 5); /* store.init, org_unit, person, account, role */
    audit_verify_result_free(&r);

    /* The store itself refuses to change the trail. */
    db_conn *c = db_acquire(f->store);
    assert_int_equal(db_query(c, "UPDATE audit_event SET actor = 'x' WHERE seq = 2", DB_NO_PARAMS, NULL, &e),
                     ERR_CONFLICT);
    err_clear(&e);
    assert_int_equal(db_query(c, "DELETE FROM audit_event WHERE seq = 2", DB_NO_PARAMS, NULL, &e), ERR_CONFLICT);
    err_clear(&e);
    db_release(c);

    /* Behind its back, an edit of one event is found and named. */
    exec_sql(f->store, "DROP TRIGGER audit_event_no_update");
    exec_sql(f->store, "DROP TRIGGER audit_event_no_delete");
    exec_sql(f->store, "UPDATE audit_event SET object_id = '99' WHERE seq = 3");
    assert_int_equal(audit_verify(f->store, &r, &e), OK);
    assert_false(r.ok);
    assert_int_equal(r.broken_seq, 3);
    audit_verify_result_free(&r);
}

static void test_verify_deleted_and_truncated(void **state)
{
    fixture *f = *state;
    audit_verify_result r;
    err e = ERR_INIT;
    exec_sql(f->store, "DROP TRIGGER audit_event_no_delete");
    /* The newest event cut off: the head still counts it. */
    exec_sql(f->store, "DELETE FROM audit_event WHERE seq = 5");
    assert_int_equal(audit_verify(f->store, &r, &e), OK);
    assert_false(r.ok);
    assert_int_equal(r.broken_seq, 5);
    audit_verify_result_free(&r);
    /* A middle event removed: named by the gap. */
    exec_sql(f->store, "DELETE FROM audit_event WHERE seq = 2");
    assert_int_equal(audit_verify(f->store, &r, &e), OK);
    assert_false(r.ok);
    assert_int_equal(r.broken_seq, 2);
    assert_non_null(strstr(r.problem, "missing"));
    audit_verify_result_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_canonical_form),
        cmocka_unit_test(test_rows_digest),
        cmocka_unit_test_setup_teardown(test_verify_untouched_then_tampered, setup_store, teardown_store),
        cmocka_unit_test_setup_teardown(test_verify_deleted_and_truncated, setup_store, teardown_store),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
