/* cli_user — `mamori user add | list | deactivate | reset-password | reset-mfa | unlock |
 * link-directory | unlink-directory`: the operator's way to manage accounts from the
 * server's shell (the first accounts of a new store, a locked-out CISO, a lost phone, the
 * people who log in with the body's directory). Every change is an audit event whose actor is the
 * command line, with the operating-system user who ran it. */
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "auth/account.h"
#include "auth/mfa.h"
#include "auth/directory.h"
#include "auth/directory_link.h"
#include "auth/password.h"
#include "cli/cli.h"
#include "core/timeutil.h"
#include "core/xalloc.h"
#include "domain/person.h"

/* "cli:<os user>": who typed the command, as far as the machine knows. */
static char *user_actor_label(void)
{
    struct passwd *pw = getpwuid(geteuid());
    return xasprintf("cli:%s", pw && pw->pw_name ? pw->pw_name : "unknown");
}

static err_code user_list(db *d, err *e)
{
    db_conn *c = db_acquire(d);
    db_rows *rows = NULL;
    char today[11];
    time_today_local(today);
    err_code rc = db_query(c,
                           "SELECT a.login, p.name, p.category, u.code, p.active, a.locked_until, a.directory_name"
                           " FROM account a JOIN person p ON p.id = a.person_id JOIN org_unit u ON u.id = p.org_unit_id"
                           " ORDER BY p.sort_key, a.login",
                           DB_NO_PARAMS, &rows, e);
    if (rc != OK) goto cleanup;
    printf("%-14s %-20s %-13s %-6s %-8s %s\n", "login", "name", "category", "unit", "state", "roles");
    for (size_t i = 0; i < rows->n_rows; i++) {
        db_rows *roles = NULL;
        rc = db_query(c,
                      "SELECT ra.role_code, u.code FROM role_assignment ra JOIN account a ON a.person_id = ra.person_id"
                      " JOIN org_unit u ON u.id = ra.org_unit_id WHERE a.login = $1 AND ra.valid_from <= $2"
                      " AND (ra.valid_to IS NULL OR ra.valid_to >= $2) ORDER BY ra.id",
                      DB_PARAMS(db_cell(rows, i, 0), today), &roles, e);
        if (rc != OK) goto cleanup;
        const char *locked = db_cell(rows, i, 5);
        char now[TIME_CANON_LEN];
        time_now_canon(now);
        const char *state = strcmp(db_cell(rows, i, 4), "1") != 0 ? "left"
                            : locked && strcmp(locked, now) > 0 ? "locked"
                                                                : "active";
        printf("%-14s %-20s %-13s %-6s %-8s", db_cell(rows, i, 0), db_cell(rows, i, 1), db_cell(rows, i, 2),
               db_cell(rows, i, 3), state);
        for (size_t r = 0; r < roles->n_rows; r++)
            printf("%s%s@%s", r ? ", " : " ", db_cell(roles, r, 0), db_cell(roles, r, 1));
        if (db_cell(rows, i, 6)) printf("  (directory: %s)", db_cell(rows, i, 6));
        printf("\n");
        db_rows_free(roles);
    }
cleanup:
    db_rows_free(rows);
    db_release(c);
    return rc;
}

/* Runs fn in one write transaction as the command line's actor. */
static err_code user_write(db *d, err_code (*fn)(db_conn *, const audit_actor *, void *, err *), void *arg, err *e)
{
    char *label = user_actor_label();
    audit_actor actor = {0, label, ""};
    db_conn *c = db_acquire(d);
    err_code rc = db_begin_write(c, e);
    if (rc == OK) rc = fn(c, &actor, arg, e);
    if (rc == OK) rc = db_commit(c, e);
    db_release(c);
    free(label);
    return rc;
}

typedef struct user_args {
    const char *login, *name, *kana, *category, *unit, *role, *password, *directory;
} user_args;

static err_code user_add_tx(db_conn *c, const audit_actor *actor, void *arg, err *e)
{
    user_args *a = arg;
    db_rows *rows = NULL;
    err_code rc = db_query(c, "SELECT id FROM org_unit WHERE code = $1 AND valid_to IS NULL", DB_PARAMS(a->unit), &rows, e);
    if (rc == OK && rows->n_rows != 1)
        rc = err_set(e, ERR_VALIDATION, "--unit: no unit with the code \"%s\" (or it is closed)", a->unit);
    long unit = rc == OK ? atol(db_cell(rows, 0, 0)) : 0;
    db_rows_free(rows);
    if (rc != OK) return rc;
    if (a->role) {
        rc = db_query(c, "SELECT 1 FROM role WHERE code = $1", DB_PARAMS(a->role), &rows, e);
        if (rc == OK && rows->n_rows != 1) rc = err_set(e, ERR_VALIDATION, "--role: no role \"%s\"", a->role);
        db_rows_free(rows);
        if (rc != OK) return rc;
    }
    person_new p = {a->name, a->kana, a->category, unit, 0, 0};
    long person = 0;
    char today[11];
    time_today_local(today);
    if ((rc = person_create(c, actor, &p, &person, e)) != OK) return rc;
    if (a->directory) rc = directory_link_create_account(c, actor, person, a->login, a->directory, e);
    else rc = account_create(c, actor, person, a->login, a->password, e);
    if (rc != OK) return rc;
    if (a->role) rc = person_grant_role(c, actor, person, a->role, unit, today, e);
    return rc;
}

static err_code user_reset_tx(db_conn *c, const audit_actor *actor, void *arg, err *e)
{
    user_args *a = arg;
    return account_reset_password(c, actor, a->login, a->password, e);
}

static err_code user_unlock_tx(db_conn *c, const audit_actor *actor, void *arg, err *e)
{
    return account_unlock(c, actor, ((user_args *)arg)->login, e);
}

/* Lost phone: the second factor goes, and the person sets up a new one at the next
 * login (where a role requires it) — after the security office has checked who asks. */
static err_code user_reset_mfa_tx(db_conn *c, const audit_actor *actor, void *arg, err *e)
{
    db_rows *rows = NULL;
    err_code rc = db_query(c, "SELECT person_id FROM account WHERE login = $1", DB_PARAMS(((user_args *)arg)->login),
                           &rows, e);
    if (rc == OK && rows->n_rows != 1)
        rc = err_set(e, ERR_NOT_FOUND, "no account with the login \"%s\"", ((user_args *)arg)->login);
    long person = rc == OK ? atol(db_cell(rows, 0, 0)) : 0;
    db_rows_free(rows);
    if (rc == OK) rc = mfa_remove(c, actor, person, e);
    /* Sessions that passed with the old factor end with it. */
    char person_text[24];
    snprintf(person_text, sizeof person_text, "%ld", person);
    if (rc == OK) rc = db_query(c, "DELETE FROM session WHERE person_id = CAST($1 AS BIGINT)", DB_PARAMS(person_text),
                                NULL, e);
    return rc;
}

static err_code user_deactivate_tx(db_conn *c, const audit_actor *actor, void *arg, err *e)
{
    return account_deactivate_person(c, actor, ((user_args *)arg)->login, e);
}

static err_code user_link_tx(db_conn *c, const audit_actor *actor, void *arg, err *e)
{
    user_args *a = arg;
    return directory_link_set(c, actor, a->login, a->directory, e);
}

static err_code user_unlink_tx(db_conn *c, const audit_actor *actor, void *arg, err *e)
{
    return directory_link_clear(c, actor, ((user_args *)arg)->login, e);
}

/* Linking works without a directory here (the servers may be configured elsewhere),
 * but a link that no server can use is worth a word. */
static void user_warn_no_directory(const config *cfg, const char *login)
{
    if (!directory_enabled(cfg))
        fprintf(stderr, "mamori: note: no directory_url is configured here; %s can log in only through a server"
                        " that has one\n", login);
}

int cmd_user(int argc, char **argv)
{
    config cfg;
    err e = ERR_INIT;
    db *d = NULL;
    int status = 1;
    user_args a = {0};
    a.category = "regular";
    a.unit = "0";
    char *password = NULL;
    cli_option opts[] = {
        {"login", &a.login, NULL, "add: the login"},
        {"name", &a.name, NULL, "add: the person's name"},
        {"kana", &a.kana, NULL, "add: the name's reading (the sort key)"},
        {"category", &a.category, NULL, "add: regular, temporary, part_timer, non_regular, related_body, contractor"},
        {"unit", &a.unit, NULL, "add: the code of the person's unit (default 0, the union)"},
        {"role", &a.role, NULL, "add: a role to grant in that unit from today"},
        {"directory", &a.directory, NULL, "add: log in with this directory account instead of a local password"},
    };
    char *pos[3];
    size_t n_pos = 0;
    if (cli_settings(argc, argv, &cfg, opts, sizeof opts / sizeof opts[0], pos, 3, &n_pos, &e) != OK) goto cleanup;
    const char *sub = n_pos ? pos[0] : "";
    if (n_pos >= 2) a.login = pos[1];
    if (n_pos == 3 && strcmp(sub, "link-directory") == 0) a.directory = pos[2];
    else if (n_pos == 3) {
        err_set(&e, ERR_VALIDATION, "user %s takes one login, not two", sub);
        goto cleanup;
    }
    if (password_init(cfg.hash_concurrency, &e) != OK) goto cleanup;
    if (strcmp(sub, "list") == 0) {
        if (cli_open_store(&cfg, 1, false, &d, &e) != OK) goto cleanup;
        if (user_list(d, &e) == OK) status = 0;
        goto cleanup;
    }
    if (!a.login) {
        err_set(&e, ERR_VALIDATION, "usage: mamori user add|list|deactivate|reset-password|reset-mfa|unlock|"
                                    "link-directory|unlink-directory LOGIN (see mamori help user)");
        goto cleanup;
    }
    if (cli_open_store(&cfg, 1, false, &d, &e) != OK) goto cleanup;
    err_code rc;
    const char *done = NULL;
    if (strcmp(sub, "add") == 0) {
        if (!a.name) {
            err_set(&e, ERR_VALIDATION, "user add needs --name");
            goto cleanup;
        }
        /* A linked person has no local password: none is asked for. */
        if (a.directory) user_warn_no_directory(&cfg, a.login);
        else if (cli_new_password("MAMORI_USER_PASSWORD", a.login, &password, &e) != OK) goto cleanup;
        a.password = password;
        rc = user_write(d, user_add_tx, &a, &e);
        done = a.directory ? "added; they log in with their directory password" : "added";
    } else if (strcmp(sub, "reset-password") == 0) {
        if (cli_new_password("MAMORI_USER_PASSWORD", a.login, &password, &e) != OK) goto cleanup;
        a.password = password;
        rc = user_write(d, user_reset_tx, &a, &e);
        done = "has a new password; their sessions have ended";
    } else if (strcmp(sub, "unlock") == 0) {
        rc = user_write(d, user_unlock_tx, &a, &e);
        done = "unlocked";
    } else if (strcmp(sub, "reset-mfa") == 0) {
        rc = user_write(d, user_reset_mfa_tx, &a, &e);
        done = "has no second factor now; their sessions have ended (a role that requires one asks them to set "
               "it up at the next login)";
    } else if (strcmp(sub, "deactivate") == 0) {
        rc = user_write(d, user_deactivate_tx, &a, &e);
        done = "deactivated; the login no longer works and the record is kept";
    } else if (strcmp(sub, "link-directory") == 0) {
        if (!a.directory) {
            err_set(&e, ERR_VALIDATION, "usage: mamori user link-directory LOGIN DIRECTORY-NAME");
            goto cleanup;
        }
        user_warn_no_directory(&cfg, a.login);
        rc = user_write(d, user_link_tx, &a, &e);
        done = "is linked; they log in with their directory password, the local one is gone and their sessions"
               " have ended";
    } else if (strcmp(sub, "unlink-directory") == 0) {
        rc = user_write(d, user_unlink_tx, &a, &e);
        done = "is no longer linked and has no password until mamori user reset-password; their sessions have ended";
    } else {
        err_set(&e, ERR_VALIDATION, "no user command \"%s\" (add, list, deactivate, reset-password, reset-mfa,"
                                    " unlock, link-directory, unlink-directory)", sub);
        goto cleanup;
    }
    if (rc == OK) {
        printf("mamori: %s %s\n", a.login, done);
        status = 0;
    }
cleanup:
    if (status) cli_fail(&e);
    if (password) {
        memset(password, 0, strlen(password));
        free(password);
    }
    db_close(d);
    config_free(&cfg);
    err_clear(&e);
    return status;
}
