/* account — accounts, login and logout (see account.h). */
#include "auth/account.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
                                       const char *reason, const char *ip, err *e)
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
    if (rc == OK && account_id > 0 && strcmp(reason, "wrong_password") == 0) {
        rc = db_query(c, "UPDATE account SET failed_logins = failed_logins + 1 WHERE id = $1 RETURNING failed_logins",
                      DB_PARAMS(id), &rows, e);
        lock = rc == OK && rows->n_rows == 1 && atol(db_cell(rows, 0, 0)) >= cfg->lockout_threshold;
    }
    json_t *detail = json_pack("{s:s, s:s}", "login", login, "reason", reason);
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
    char *hash = NULL, *locked_until = NULL;
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
                      "SELECT a.id, a.person_id, a.password_hash, p.active, a.locked_until FROM account a"
                      " JOIN person p ON p.id = a.person_id WHERE a.login = $1",
                      DB_PARAMS(login), &rows, e);
    if (rc == OK && rows->n_rows == 1) {
        account_id = atol(db_cell(rows, 0, 0));
        hash = xstrdup(db_cell(rows, 0, 2));
        if (db_cell(rows, 0, 4)) locked_until = xstrdup(db_cell(rows, 0, 4));
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
     * which logins exist or why one was refused. */
    bool ok = false;
    if (person_id > 0) ok = password_verify(hash, password);
    else password_verify_dummy(password);

    if (!ok) {
        rc = account_record_failure(d, cfg, login, account_id, reason, ip, e);
        if (rc == OK) rc = err_set(e, ERR_INVALID_CREDENTIALS, "the login or the password is not correct");
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
    if (rc == OK)
        rc = db_query(c, "UPDATE account SET failed_logins = 0, locked_until = NULL WHERE id = $1", DB_PARAMS(id),
                      NULL, e);
    if (rc == OK) rc = session_create(c, person_id, ip, cfg, token_out, out, e);
    if (rc == OK) {
        /* The session is named by a prefix of its token's hash: enough to tell sessions
         * apart in the trail, useless for taking one over. */
        char session_ref[17];
        snprintf(session_ref, sizeof session_ref, "%.16s", out->token_hash);
        json_t *detail = json_pack("{s:s}", "login", login);
        rc = audit_append(c, &actor, "login.success", "session", session_ref, detail, e);
        json_decref(detail);
    }
    if (rc == OK) rc = db_commit(c, e);
    db_release(c);
    if (rc != OK) session_info_free(out);
cleanup:
    free(hash);
    free(locked_until);
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
