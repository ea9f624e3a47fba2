/* account — accounts, login and logout (see account.h). */
#include "auth/account.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/mfa.h"
#include "auth/directory.h"
#include "auth/directory_link.h"
#include "auth/password.h"
#include "core/timeutil.h"
#include "core/xalloc.h"
#include "domain/membership.h"

err_code account_create(db_conn *c, const audit_actor *actor, long person_id, const char *login,
                        const char *password, err *e)
{
    if (!login || !*login) err_field_add(e, "login", "a login is required");
    const char *why = password ? password_policy_check(password, login) : "a password is required";
    if (why) err_field_add(e, "password", "%s", why);
    if (e && e->n_fields) return ERR_VALIDATION;

    char hash[PASSWORD_HASH_MAX], now[TIME_CANON_LEN], person[24];
    err_code rc = password_hash(password, hash, e);
    if (rc != OK) return rc;
    time_now_canon(now);
    snprintf(person, sizeof person, "%ld", person_id);
    db_rows *rows = NULL;
    rc = db_query(c,
                  "INSERT INTO account (person_id, login, password_hash, created_at) VALUES ($1, $2, $3, $4)"
                  " RETURNING id",
                  DB_PARAMS(person, login, hash, now), &rows, e);
    if (rc == ERR_CONFLICT) {
        err_clear(e);
        err_field_add(e, "login", "the login \"%s\" is already taken", login);
        rc = ERR_VALIDATION;
    }
    if (rc != OK) goto cleanup;
    json_t *detail = json_pack("{s:s, s:I}", "login", login, "person_id", (json_int_t)person_id);
    rc = audit_append(c, actor, "account.create", "account", db_cell(rows, 0, 0), detail, e);
    json_decref(detail);
cleanup:
    db_rows_free(rows);
    return rc;
}

/* Records a refused login in its own transaction: the address's count, the account's
 * count (locking it at the threshold), and the event. */
static err_code account_record_failure(db *d, const config *cfg, const char *login, long account_id,
                                       const char *reason, const char *via, const char *ip, err *e)
{
    time_t now = time(NULL);
    char now_text[TIME_CANON_LEN], window_cut[TIME_CANON_LEN], id[24];
    time_canon(now, now_text);
    time_canon(now - cfg->address_window_s, window_cut);
    snprintf(id, sizeof id, "%ld", account_id);
    db_conn *c = db_acquire(d);
    audit_actor anon = {0, "anonymous", ip};
    db_rows *rows = NULL;
    err_code rc = db_begin_write(c, e);
    /* A new window starts when the old one has passed. */
    if (rc == OK)
        rc = db_query(c,
                      "INSERT INTO login_address (ip, window_start, failures) VALUES ($1, $2, 1)"
                      " ON CONFLICT (ip) DO UPDATE SET"
                      " failures = CASE WHEN login_address.window_start <= $3 THEN 1 ELSE login_address.failures + 1 END,"
                      " window_start = CASE WHEN login_address.window_start <= $3 THEN $2 ELSE login_address.window_start END",
                      DB_PARAMS(ip, now_text, window_cut), NULL, e);
    bool lock = false;
    if (rc == OK && account_id > 0 && (strcmp(reason, "wrong_password") == 0 || strcmp(reason, "wrong_code") == 0)) {
        rc = db_query(c, "UPDATE account SET failed_logins = failed_logins + 1 WHERE id = $1 RETURNING failed_logins",
                      DB_PARAMS(id), &rows, e);
        lock = rc == OK && rows->n_rows == 1 && atol(db_cell(rows, 0, 0)) >= cfg->lockout_threshold;
    }
    json_t *detail = json_pack("{s:s, s:s, s:s}", "login", login, "reason", reason, "via", via);
    if (rc == OK) rc = audit_append(c, &anon, "login.failure", "account", account_id > 0 ? id : "-", detail, e);
    if (rc == OK && lock) {
        char until[TIME_CANON_LEN];
        time_canon(now + (time_t)cfg->lockout_minutes * 60, until);
        rc = db_query(c, "UPDATE account SET locked_until = $1, failed_logins = 0 WHERE id = $2",
                      DB_PARAMS(until, id), NULL, e);
        json_t *lock_detail = json_pack("{s:s, s:s, s:i}", "login", login, "until", until, "failures",
                                        cfg->lockout_threshold);
        if (rc == OK) rc = audit_append(c, &anon, "account.lock", "account", id, lock_detail, e);
        json_decref(lock_detail);
    }
    if (rc == OK) rc = db_commit(c, e);
    json_decref(detail);
    db_rows_free(rows);
    db_release(c);
    return rc;
}

err_code account_login(db *d, const config *cfg, const char *login, const char *password, const char *ip,
                       char token_out[SESSION_TOKEN_HEX], session_info *out, err *e)
{
    memset(out, 0, sizeof *out);
    long account_id = 0, person_id = 0;
    char *hash = NULL, *locked_until = NULL, *directory_name = NULL;
    const char *reason = "unknown_login";
    bool address_blocked = false;
    time_t now = time(NULL);
    char now_text[TIME_CANON_LEN], window_cut[TIME_CANON_LEN];
    time_canon(now, now_text);
    time_canon(now - cfg->address_window_s, window_cut);
    char limit[24];
    snprintf(limit, sizeof limit, "%d", cfg->address_limit);

    db_rows *rows = NULL;
    db_conn *c = db_acquire(d);
    err_code rc = db_query(c,
                           "SELECT 1 FROM login_address WHERE ip = $1 AND window_start > $2"
                           " AND failures >= CAST($3 AS INTEGER)",
                           DB_PARAMS(ip, window_cut, limit), &rows, e);
    if (rc == OK) address_blocked = rows->n_rows > 0;
    db_rows_free(rows);
    rows = NULL;
    if (rc == OK)
        rc = db_query(c,
                      "SELECT a.id, a.person_id, a.password_hash, p.active, a.locked_until, a.directory_name"
                      " FROM account a JOIN person p ON p.id = a.person_id WHERE a.login = $1",
                      DB_PARAMS(login), &rows, e);
    if (rc == OK && rows->n_rows == 1) {
        account_id = atol(db_cell(rows, 0, 0));
        hash = xstrdup(db_cell(rows, 0, 2));
        if (db_cell(rows, 0, 4)) locked_until = xstrdup(db_cell(rows, 0, 4));
        if (db_cell(rows, 0, 5)) directory_name = xstrdup(db_cell(rows, 0, 5));
        if (strcmp(db_cell(rows, 0, 3), "1") != 0) reason = "inactive";
        else if (locked_until && strcmp(locked_until, now_text) > 0) reason = "locked";
        else {
            reason = "wrong_password";
            person_id = atol(db_cell(rows, 0, 1));
        }
    }
    db_rows_free(rows);
    db_release(c);
    if (rc != OK) goto cleanup;
    if (address_blocked) {
        reason = "address_limited";
        person_id = 0;
    }

    /* Exactly one verification on every path: unknown, inactive and locked accounts and
     * limited addresses check the dummy hash, so neither the answer nor its timing says
     * which logins exist or why one was refused. A linked account's password is checked
     * by a bind; with a directory configured every refused attempt costs one bind and
     * answers 503 when the directory did not answer (directory.h says why). */
    const char *via = directory_name ? "directory" : "password";
    directory_result checked = directory_login_check(cfg, person_id > 0 ? hash : NULL,
                                                     person_id > 0 ? directory_name : NULL, password);
    if (checked != DIRECTORY_ACCEPTED) {
        if (checked == DIRECTORY_UNAVAILABLE && person_id > 0 && directory_name) reason = "directory_unavailable";
        rc = account_record_failure(d, cfg, login, account_id, reason, via, ip, e);
        if (rc == OK && checked == DIRECTORY_UNAVAILABLE)
            rc = err_set(e, ERR_UNAVAILABLE, "the directory server did not answer, so the login could not be checked;"
                                             " try again later");
        else if (rc == OK) rc = err_set(e, ERR_INVALID_CREDENTIALS, "the login or the password is not correct");
        goto cleanup;
    }

    c = db_acquire(d);
    char id[24];
    snprintf(id, sizeof id, "%ld", account_id);
    audit_actor actor = {person_id, login, ip};
    rc = db_begin_write(c, e);
    if (rc == OK && locked_until) {
        /* A lock that has run out ends with the first good login. */
        json_t *detail = json_pack("{s:s, s:s}", "login", login, "locked_until", locked_until);
        rc = audit_append(c, &actor, "account.unlock", "account", id, detail, e);
        json_decref(detail);
    }
    /* Who holds a role that requires it, or has set it up, owes a second factor: the
     * session opens "pending" and only finishes the login until a code is given. The
     * failure count is then kept until the code: a right password must not wipe out
     * wrong codes, or guessing codes between logins would never lock. */
    mfa_status mfa;
    if (rc == OK) rc = mfa_status_get(c, cfg, person_id, &mfa, e);
    const char *mfa_state = mfa.required || mfa.enrolled ? "pending" : "none";
    if (rc == OK)
        rc = db_query(c,
                      strcmp(mfa_state, "none") == 0
                          ? "UPDATE account SET failed_logins = 0, locked_until = NULL WHERE id = $1"
                          : "UPDATE account SET locked_until = NULL WHERE id = $1",
                      DB_PARAMS(id), NULL, e);
    if (rc == OK) rc = session_create(c, person_id, ip, cfg, mfa_state, token_out, out, e);
    if (rc == OK) {
        /* The session is named by a prefix of its token's hash: enough to tell sessions
         * apart in the trail, useless for taking one over. */
        char session_ref[17];
        snprintf(session_ref, sizeof session_ref, "%.16s", out->token_hash);
        json_t *detail = json_pack("{s:s, s:s, s:s}", "login", login, "via", via, "mfa", mfa_state);
        rc = audit_append(c, &actor, "login.success", "session", session_ref, detail, e);
        json_decref(detail);
    }
    if (rc == OK) rc = db_commit(c, e);
    db_release(c);
    if (rc != OK) session_info_free(out);
cleanup:
    free(hash);
    free(locked_until);
    free(directory_name);
    return rc;
}

err_code account_logout(db *d, const session_info *s, const char *ip, err *e)
{
    db_conn *c = db_acquire(d);
    audit_actor actor = {s->person_id, s->login, ip};
    char session_ref[17];
    snprintf(session_ref, sizeof session_ref, "%.16s", s->token_hash);
    err_code rc = db_begin_write(c, e);
    if (rc == OK) rc = session_end(c, s->token_hash, e);
    if (rc == OK) rc = audit_append(c, &actor, "logout", "session", session_ref, NULL, e);
    if (rc == OK) rc = db_commit(c, e);
    db_release(c);
    return rc;
}

/* The account id and person id of a login; ERR_NOT_FOUND when there is none. */
static err_code account_find(db_conn *c, const char *login, char id[24], char person[24], err *e)
{
    db_rows *rows = NULL;
    err_code rc = db_query(c, "SELECT id, person_id FROM account WHERE login = $1", DB_PARAMS(login), &rows, e);
    if (rc == OK && rows->n_rows != 1) rc = err_set(e, ERR_NOT_FOUND, "no account with the login \"%s\"", login);
    if (rc == OK) {
        snprintf(id, 24, "%s", db_cell(rows, 0, 0));
        snprintf(person, 24, "%s", db_cell(rows, 0, 1));
    }
    db_rows_free(rows);
    return rc;
}

err_code account_reset_password(db_conn *c, const audit_actor *actor, const char *login, const char *password,
                                err *e)
{
    char id[24], person[24];
    err_code rc = account_find(c, login, id, person, e);
    if (rc == OK) rc = directory_link_refuse_local_password(c, login, e);
    if (rc != OK) return rc;
    const char *why = password_policy_check(password, login);
    if (why) {
        err_field_add(e, "password", "%s", why);
        return ERR_VALIDATION;
    }
    char hash[PASSWORD_HASH_MAX];
    if ((rc = password_hash(password, hash, e)) != OK) return rc;
    rc = db_query(c, "UPDATE account SET password_hash = $1, failed_logins = 0, locked_until = NULL,"
                     " version = version + 1 WHERE id = $2",
                  DB_PARAMS(hash, id), NULL, e);
    if (rc == OK) rc = db_query(c, "DELETE FROM session WHERE person_id = $1", DB_PARAMS(person), NULL, e);
    json_t *detail = json_pack("{s:s}", "login", login);
    if (rc == OK) rc = audit_append(c, actor, "account.password_reset", "account", id, detail, e);
    json_decref(detail);
    return rc;
}

err_code account_unlock(db_conn *c, const audit_actor *actor, const char *login, err *e)
{
    char id[24], person[24];
    err_code rc = account_find(c, login, id, person, e);
    if (rc != OK) return rc;
    rc = db_query(c, "UPDATE account SET failed_logins = 0, locked_until = NULL WHERE id = $1", DB_PARAMS(id), NULL, e);
    json_t *detail = json_pack("{s:s, s:s}", "login", login, "by", "administrator");
    if (rc == OK) rc = audit_append(c, actor, "account.unlock", "account", id, detail, e);
    json_decref(detail);
    return rc;
}

err_code account_deactivate_person(db_conn *c, const audit_actor *actor, const char *login, err *e)
{
    char id[24], person[24], today[11];
    err_code rc = account_find(c, login, id, person, e);
    if (rc != OK) return rc;
    time_today_local(today);
    db_rows *rows = NULL;
    rc = db_query(c,
                  "UPDATE person SET active = 0, employed_to = COALESCE(employed_to, $1), version = version + 1"
                  " WHERE id = $2 AND active = 1 RETURNING id",
                  DB_PARAMS(today, person), &rows, e);
    if (rc == OK && rows->n_rows == 0) rc = err_set(e, ERR_CONFLICT, "\"%s\" is already deactivated", login);
    db_rows_free(rows);
    if (rc == OK) rc = membership_end(c, atol(person), today, e);
    if (rc == OK) rc = db_query(c, "DELETE FROM session WHERE person_id = $1", DB_PARAMS(person), NULL, e);
    json_t *detail = json_pack("{s:s, s:s}", "login", login, "employed_to", today);
    if (rc == OK) rc = audit_append(c, actor, "person.deactivate", "person", person, detail, e);
    json_decref(detail);
    return rc;
}

/* The account of a session's person, for the steps after the password. */
static err_code account_of_person(db *d, long person_id, long *account_id, bool *locked, char **hash,
                                  bool *linked, err *e)
{
    char person[24], now[TIME_CANON_LEN];
    snprintf(person, sizeof person, "%ld", person_id);
    time_now_canon(now);
    db_conn *c = db_acquire(d);
    db_rows *rows = NULL;
    err_code rc = db_query(c,
                           "SELECT a.id, a.locked_until IS NOT NULL AND a.locked_until > $2, a.password_hash,"
                           " a.directory_name FROM account a WHERE a.person_id = CAST($1 AS BIGINT)",
                           DB_PARAMS(person, now), &rows, e);
    if (rc == OK && rows->n_rows != 1) rc = err_set(e, ERR_UNAUTHENTICATED, "no account");
    if (rc == OK) {
        *account_id = atol(db_cell(rows, 0, 0));
        const char *l = db_cell(rows, 0, 1);
        *locked = l && (strcmp(l, "1") == 0 || strcmp(l, "t") == 0);
        if (hash) *hash = xstrdup(db_cell(rows, 0, 2));
        if (linked) *linked = db_cell(rows, 0, 3) != NULL;
    }
    db_rows_free(rows);
    db_release(c);
    return rc;
}

err_code account_second_factor(db *d, const config *cfg, const mfa_key *key, const session_info *pending,
                               const char *code, const char *recovery_code, const char *ip,
                               char token_out[SESSION_TOKEN_HEX], session_info *out, err *e)
{
    memset(out, 0, sizeof *out);
    if (!session_mfa_pending(pending)) return err_set(e, ERR_CONFLICT, "this session owes no second factor");
    long account_id = 0;
    bool locked = false;
    err_code rc = account_of_person(d, pending->person_id, &account_id, &locked, NULL, NULL, e);
    if (rc != OK) return rc;

    audit_actor actor = {pending->person_id, pending->login, ip};
    db_conn *c = db_acquire(d);
    bool good = false;
    rc = db_begin_write(c, e);
    if (rc == OK && !locked) {
        rc = recovery_code ? mfa_use_recovery_code(c, key, pending->person_id, recovery_code, e)
                           : mfa_check_code(c, key, pending->person_id, code, time(NULL), e);
        good = rc == OK;
        if (rc == ERR_INVALID_CREDENTIALS) {
            err_clear(e);
            rc = OK;
        }
    }
    /* The password-only session ends and a new one (a new token) begins: a token seen
     * before the second factor is worth nothing after it. */
    char account_text[24];
    snprintf(account_text, sizeof account_text, "%ld", account_id);
    if (rc == OK && good)
        rc = db_query(c, "UPDATE account SET failed_logins = 0 WHERE id = $1", DB_PARAMS(account_text), NULL, e);
    if (rc == OK && good) rc = session_end(c, pending->token_hash, e);
    if (rc == OK && good) rc = session_create(c, pending->person_id, ip, cfg, "passed", token_out, out, e);
    if (rc == OK && good) {
        char session_ref[17];
        snprintf(session_ref, sizeof session_ref, "%.16s", out->token_hash);
        json_t *detail = json_pack("{s:s, s:s}", "login", pending->login, "method", recovery_code ? "recovery_code" : "totp");
        rc = audit_append(c, &actor, "login.mfa", "session", session_ref, detail, e);
        json_decref(detail);
    }
    if (rc == OK && good) rc = db_commit(c, e);
    else db_rollback(c);
    db_release(c);
    if (rc != OK) {
        session_info_free(out);
        return rc;
    }
    if (!good) {
        /* Counted like a wrong password: five in a row lock the account. */
        rc = account_record_failure(d, cfg, pending->login, account_id, locked ? "locked" : "wrong_code",
                                    recovery_code ? "recovery_code" : "totp", ip, e);
        if (rc == OK) rc = err_set(e, ERR_INVALID_CREDENTIALS, "the code is not correct");
    }
    return rc;
}

err_code account_change_password(db *d, const config *cfg, const session_info *s, const char *current,
                                 const char *next, const char *ip, err *e)
{
    long account_id = 0;
    bool locked = false;
    char *hash = NULL;
    bool linked = false;
    err_code rc = account_of_person(d, s->person_id, &account_id, &locked, &hash, &linked, e);
    if (rc == OK && linked)
        rc = err_set(e, ERR_CONFLICT, "your password is the directory's: change it there (mamori keeps none for you)");
    if (rc != OK) {
        free(hash);
        return rc;
    }
    const char *why = password_policy_check(next, s->login);
    if (why) err_field_add(e, "new_password", "%s", why);
    /* The current password is checked even when the new one is refused, so the answer
     * does not depend on it; a wrong one counts towards the lock like a failed login. */
    bool ok = !locked && password_verify(hash, current);
    if (locked) password_verify_dummy(current);
    if (!ok) {
        err lock_err = ERR_INIT;
        if (account_record_failure(d, cfg, s->login, account_id, "wrong_password", "password", ip, &lock_err) != OK)
            rc = err_set(e, lock_err.code, "%s", lock_err.message ? lock_err.message : "store error");
        err_clear(&lock_err);
        if (rc == OK) err_field_add(e, "current_password", "the current password is not correct");
    }
    if (rc == OK && e->n_fields) rc = ERR_VALIDATION;
    char new_hash[PASSWORD_HASH_MAX];
    if (rc == OK) rc = password_hash(next, new_hash, e);
    if (rc != OK) goto cleanup;

    char id[24], person[24];
    snprintf(id, sizeof id, "%ld", account_id);
    snprintf(person, sizeof person, "%ld", s->person_id);
    audit_actor actor = {s->person_id, s->login, ip};
    db_conn *c = db_acquire(d);
    rc = db_begin_write(c, e);
    if (rc == OK)
        rc = db_query(c, "UPDATE account SET password_hash = $1, failed_logins = 0, version = version + 1 WHERE id = $2",
                      DB_PARAMS(new_hash, id), NULL, e);
    /* Every other session of the person ends: whoever knew the old password is out. */
    if (rc == OK)
        rc = db_query(c, "DELETE FROM session WHERE person_id = CAST($1 AS BIGINT) AND token_hash <> $2",
                      DB_PARAMS(person, s->token_hash), NULL, e);
    json_t *detail = json_pack("{s:s}", "login", s->login);
    if (rc == OK) rc = audit_append(c, &actor, "account.password_change", "account", id, detail, e);
    json_decref(detail);
    if (rc == OK) rc = db_commit(c, e);
    else db_rollback(c);
    db_release(c);
cleanup:
    free(hash);
    return rc;
}
