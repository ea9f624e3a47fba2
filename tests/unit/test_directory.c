/* Unit tests for auth/directory: the bind identity (DN and Active Directory UPN
 * templates, RFC 4514 escaping, names that cannot be directory accounts), the
 * settings' check, and the binds refused before any network (an empty password, an
 * impossible name) against those that reach it (an address where nothing listens).
 * The real binds, over LDAPS and StartTLS, are in tests/api/directory.test.mjs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "auth/directory.h"
#include "auth/password.h"
#include "core/xalloc.h"

/* A loopback address where nothing listens: a bind that tries gets "can't contact". */
#define NOBODY_URL "ldaps://127.0.0.1:1"

static void assert_identity(const char *template_text, const char *name, const char *want)
{
    char *got = directory_bind_identity(template_text, name);
    if (want) {
        assert_non_null(got);
        assert_string_equal(got, want);
    } else {
        assert_null(got);
    }
    free(got);
}

static void test_bind_identity(void **state)
{
    (void)state;
    /* OpenLDAP-style DN templates. */
    assert_identity("uid=%s,ou=people,dc=example,dc=jp", "tanaka", "uid=tanaka,ou=people,dc=example,dc=jp");
    assert_identity("uid=%s,ou=people,dc=example,dc=jp", "t.tanaka-2_x", "uid=t.tanaka-2_x,ou=people,dc=example,dc=jp");
    assert_identity("cn=%s", "sato", "cn=sato");
    /* Active Directory: the UPN (user@domain) and the down-level logon name. */
    assert_identity("%s@example.local", "tanaka", "tanaka@example.local");
    assert_identity("%s@city.chichibu.lg.jp", "t.tanaka", "t.tanaka@city.chichibu.lg.jp");
    assert_identity("EXAMPLE\\%s", "tanaka", "EXAMPLE\\tanaka");
    /* Injection attempts: never an identity, whatever the template. */
    const char *bad[] = {"*", "tanaka,ou=admins", "uid=admin", "a=b", "tanaka)(uid=*", "admin@evil.example",
                         "EVIL\\admin", " tanaka", "tanaka ", "#tanaka", "-tanaka", ".tanaka", "",
                         "ta\nnaka", "tanaka+cn=x", "\"tanaka\"", "<tanaka>", "tanaka;x", "田中"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_identity("uid=%s,ou=people,dc=example,dc=jp", bad[i], NULL);
        assert_identity("%s@example.local", bad[i], NULL);
        assert_non_null(directory_name_check(bad[i]));
    }
    char long_name[DIRECTORY_NAME_MAX + 2];
    memset(long_name, 'a', sizeof long_name - 1);
    long_name[sizeof long_name - 1] = '\0';
    assert_non_null(directory_name_check(long_name));
    long_name[DIRECTORY_NAME_MAX] = '\0';
    assert_null(directory_name_check(long_name));
    assert_non_null(directory_name_check(NULL));
}

static void assert_escape(const char *in, const char *want)
{
    char *got = directory_dn_escape(in);
    assert_string_equal(got, want);
    free(got);
}

static void test_dn_escape(void **state)
{
    (void)state;
    assert_escape("tanaka", "tanaka");
    assert_escape("a,b", "a\\,b");
    assert_escape("a+b=c", "a\\+b\\=c");
    assert_escape("\"<;>\\", "\\\"\\<\\;\\>\\\\");
    assert_escape("#x#", "\\#x#");
    assert_escape(" x y ", "\\ x y\\ ");
    assert_escape("a\x01z\x7f", "a\\01z\\7F");
    assert_escape("田中", "田中"); /* UTF-8 needs no escaping in RFC 4514 */
    assert_escape("", "");
}

static void test_template_check(void **state)
{
    (void)state;
    assert_null(directory_template_check("uid=%s,ou=people,dc=example,dc=jp"));
    assert_null(directory_template_check("%s@example.local"));
    assert_null(directory_template_check("EXAMPLE\\%s"));
    assert_null(directory_template_check("cn=%s+uid=x,dc=example"));
    const char *bad[] = {NULL, "", "%s", "uid=%s,cn=%s", "uid=%d,dc=x", "uid=tanaka", "uid=x%s,dc=x",
                         "uid=%sx,dc=x", "%s,ou=people", "100%@%s"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        const char *why = directory_template_check(bad[i]);
        if (!why) fail_msg("template \"%s\" was accepted", bad[i] ? bad[i] : "(null)");
    }
}

/* Settings as `name = value` pairs on top of the defaults. */
static err_code check_settings(const char *const *pairs, size_t n, char **message)
{
    config c;
    config_defaults(&c);
    err e = ERR_INIT;
    for (size_t i = 0; i + 1 < n; i += 2) assert_int_equal(config_set(&c, pairs[i], pairs[i + 1], &e), OK);
    err_code rc = directory_check_config(&c, &e);
    *message = e.message ? xstrdup(e.message) : NULL;
    err_clear(&e);
    config_free(&c);
    return rc;
}

static void expect_accepted_by(const char *const *pairs, size_t n)
{
    char *message = NULL;
    err_code rc = check_settings(pairs, n, &message);
    if (rc != OK) fail_msg("refused: %s", message ? message : "(no message)");
    free(message);
}

static void expect_refused_by(const char *needle, const char *const *pairs, size_t n)
{
    char *message = NULL;
    err_code rc = check_settings(pairs, n, &message);
    assert_int_equal(rc, ERR_VALIDATION);
    assert_non_null(message);
    if (!strstr(message, needle)) fail_msg("\"%s\" does not say \"%s\"", message, needle);
    free(message);
}

#define PAIRS(...) (const char *const[]){__VA_ARGS__}, sizeof((const char *const[]){__VA_ARGS__}) / sizeof(char *)
#define ACCEPTED(...) expect_accepted_by(PAIRS(__VA_ARGS__))
#define REFUSED(needle, ...) expect_refused_by(needle, PAIRS(__VA_ARGS__))

static void test_settings_check(void **state)
{
    (void)state;
    /* Off: nothing set. */
    ACCEPTED("listen", "127.0.0.1:8080");
    /* On, well formed. */
    ACCEPTED("directory_url", "ldaps://dc1.example.local:636", "directory_bind", "%s@example.local");
    ACCEPTED("directory_url", "ldap://ldap.example.jp", "directory_starttls", "true", "directory_bind",
             "uid=%s,ou=people,dc=example,dc=jp");
    ACCEPTED("directory_url", "ldaps://dc1:636 ldaps://dc2:636", "directory_bind", "EXAMPLE\\%s");
    /* Plain-text binds are refused. */
    REFUSED("plain text", "directory_url", "ldap://ldap.example.jp", "directory_bind", "uid=%s,dc=x");
    /* StartTLS on top of TLS makes no sense. */
    REFUSED("directory_starttls", "directory_url", "ldaps://h", "directory_starttls", "yes", "directory_bind", "%s@x");
    REFUSED("mixes", "directory_url", "ldaps://a ldap://b", "directory_starttls", "true", "directory_bind", "%s@x");
    REFUSED("directory_url", "directory_url", "http://h", "directory_bind", "%s@x");
    REFUSED("directory_url", "directory_url", "ldapi:///", "directory_bind", "%s@x");
    REFUSED("address only", "directory_url", "ldaps://h/dc=example", "directory_bind", "%s@x");
    REFUSED("directory_bind", "directory_url", "ldaps://h");
    REFUSED("whole attribute value", "directory_url", "ldaps://h", "directory_bind", "uid=x%s,dc=x");
    REFUSED("directory_ca_file", "directory_url", "ldaps://h", "directory_bind", "%s@x", "directory_ca_file",
            "/nonexistent/ca.pem");
    char garbage[] = "/tmp/mamori-unit-ca-XXXXXX";
    int fd = mkstemp(garbage);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, "not a certificate\n", 18), 18);
    close(fd);
    REFUSED("no PEM certificate", "directory_url", "ldaps://h", "directory_bind", "%s@x", "directory_ca_file", garbage);
    unlink(garbage);
    /* A directory setting without the URL is a mistake, not silence. */
    REFUSED("directory_url", "directory_bind", "%s@x");
    REFUSED("directory_url", "directory_starttls", "true");
}

static void directory_config(config *c, const char *url)
{
    config_defaults(c);
    err e = ERR_INIT;
    assert_int_equal(config_set(c, "directory_url", url, &e), OK);
    assert_int_equal(config_set(c, "directory_bind", "uid=%s,ou=people,dc=example,dc=jp", &e), OK);
    assert_int_equal(config_set(c, "directory_timeout", "2", &e), OK);
}

static void test_refused_before_any_bind(void **state)
{
    (void)state;
    config c;
    directory_config(&c, NOBODY_URL);
    char *why = NULL;
    /* Tried, it would be UNAVAILABLE (nothing listens): REFUSED shows it was not. */
    assert_int_equal(directory_bind(&c, "tanaka", "", &why), DIRECTORY_REFUSED);
    assert_non_null(strstr(why, "empty password"));
    free(why);
    assert_int_equal(directory_bind(&c, "tanaka,ou=admins", "secret", &why), DIRECTORY_REFUSED);
    free(why);
    assert_int_equal(directory_bind(&c, "*", "secret", &why), DIRECTORY_REFUSED);
    free(why);
    /* And a well-formed one does reach for the network. */
    assert_int_equal(directory_bind(&c, "tanaka", "secret", &why), DIRECTORY_UNAVAILABLE);
    assert_non_null(why);
    free(why);
    config_free(&c);
}

/* A server that takes the connection (the kernel's backlog does) and never says a word:
 * the TLS handshake would wait forever; the bind gives up at directory_timeout. */
static void test_silent_directory_times_out(void **state)
{
    (void)state;
    int listener = socket(AF_INET, SOCK_STREAM, 0);
    assert_true(listener >= 0);
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    assert_int_equal(bind(listener, (struct sockaddr *)&addr, len), 0);
    assert_int_equal(listen(listener, 8), 0);
    assert_int_equal(getsockname(listener, (struct sockaddr *)&addr, &len), 0);
    char *url = xasprintf("ldaps://127.0.0.1:%d", ntohs(addr.sin_port));
    config c;
    directory_config(&c, url);
    assert_int_equal(config_set(&c, "directory_timeout", "1", NULL), OK);
    assert_int_equal(config_set(&c, "directory_starttls", "false", NULL), OK);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    char *why = NULL;
    assert_int_equal(directory_bind(&c, "tanaka", "secret", &why), DIRECTORY_UNAVAILABLE);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double took = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    assert_true(took >= 0.9 && took < 5.0);
    assert_non_null(why);
    assert_non_null(strstr(why, "directory_timeout"));
    free(why);
    /* The same with StartTLS: the extended operation's answer never comes. */
    free(url);
    url = xasprintf("ldap://127.0.0.1:%d", ntohs(addr.sin_port));
    assert_int_equal(config_set(&c, "directory_url", url, NULL), OK);
    assert_int_equal(config_set(&c, "directory_starttls", "true", NULL), OK);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    assert_int_equal(directory_bind(&c, "tanaka", "secret", &why), DIRECTORY_UNAVAILABLE);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    took = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    assert_true(took < 5.0);
    free(why);
    free(url);
    config_free(&c);
    close(listener);
}

static void test_login_check_work(void **state)
{
    (void)state;
    err e = ERR_INIT;
    assert_int_equal(password_init(2, &e), OK);
    char hash[PASSWORD_HASH_MAX];
    assert_int_equal(password_hash("a-long-enough-password", hash, &e), OK);

    /* No directory: one argon2id verification per attempt, as always. */
    config off;
    config_defaults(&off);
    unsigned long before = password_verify_count();
    assert_int_equal(directory_login_check(&off, hash, NULL, "a-long-enough-password"), DIRECTORY_ACCEPTED);
    assert_int_equal(directory_login_check(&off, hash, NULL, "wrong"), DIRECTORY_REFUSED);
    assert_int_equal(directory_login_check(&off, NULL, NULL, "wrong"), DIRECTORY_REFUSED);
    assert_int_equal(directory_login_check(&off, "!directory", NULL, "wrong"), DIRECTORY_REFUSED);
    assert_int_equal(directory_login_check(&off, NULL, "tanaka", "secret"), DIRECTORY_REFUSED);
    assert_int_equal(password_verify_count() - before, 5);

    /* A directory that does not answer: the right local password still logs in (no
     * bind); every refused attempt answers UNAVAILABLE, linked or not, known or not. */
    config down;
    directory_config(&down, NOBODY_URL);
    before = password_verify_count();
    assert_int_equal(directory_login_check(&down, hash, NULL, "a-long-enough-password"), DIRECTORY_ACCEPTED);
    assert_int_equal(directory_login_check(&down, hash, NULL, "wrong"), DIRECTORY_UNAVAILABLE);
    assert_int_equal(directory_login_check(&down, NULL, NULL, "wrong"), DIRECTORY_UNAVAILABLE);
    assert_int_equal(directory_login_check(&down, NULL, "tanaka", "secret"), DIRECTORY_UNAVAILABLE);
    assert_int_equal(directory_login_check(&down, NULL, "tanaka", ""), DIRECTORY_UNAVAILABLE);
    assert_int_equal(password_verify_count() - before, 5);
    config_free(&down);
    config_free(&off);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bind_identity),
        cmocka_unit_test(test_dn_escape),
        cmocka_unit_test(test_template_check),
        cmocka_unit_test(test_settings_check),
        cmocka_unit_test(test_refused_before_any_bind),
        cmocka_unit_test(test_silent_directory_times_out),
        cmocka_unit_test(test_login_check_work),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
