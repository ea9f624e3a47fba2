/* session — database-backed sessions (see session.h). */
#include "auth/session.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

void session_info_free(session_info *s)
{
    if (!s) return;
    free(s->login);
    free(s->name);
    s->login = s->name = NULL;
}

void session_random_hex(char out[SESSION_TOKEN_HEX])
{
    unsigned char raw[32];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2hex(out, SESSION_TOKEN_HEX, raw, sizeof raw);
}

static void session_hash_token(const char *token, char out[SESSION_TOKEN_HEX])
{
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, (const unsigned char *)token, strlen(token));
    sodium_bin2hex(out, SESSION_TOKEN_HEX, digest, sizeof digest);
}

bool session_token_equal(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la != lb || la == 0) return false;
    return sodium_memcmp(a, b, la) == 0;
}

bool session_mfa_pending(const session_info *s)
{
    return strcmp(s->mfa_state, "pending") == 0;
}

err_code session_create(db_conn *c, long person_id, const char *ip, const config *cfg, const char *mfa_state,
                        char token_out[SESSION_TOKEN_HEX], session_info *out, err *e)
{
    memset(out, 0, sizeof *out);
    time_t now = time(NULL);
    char created[TIME_CANON_LEN], person[24];
    time_canon(now, created);
    time_canon(now + cfg->session_absolute_s, out->expires_at);
    session_random_hex(token_out);
    session_hash_token(token_out, out->token_hash);
    session_random_hex(out->csrf_token);
    snprintf(out->mfa_state, sizeof out->mfa_state, "%s", mfa_state);
    snprintf(person, sizeof person, "%ld", person_id);
    err_code rc = db_query(c,
                           "INSERT INTO session (token_hash, person_id, csrf_token, created_at, last_seen_at,"
                           " expires_at, ip, mfa_state) VALUES ($1, $2, $3, $4, $4, $5, $6, $7)",
                           DB_PARAMS(out->token_hash, person, out->csrf_token, created, out->expires_at, ip,
                                     mfa_state),
                           NULL, e);
    if (rc != OK) return rc;
    db_rows *rows = NULL;
    rc = db_query(c, "SELECT a.login, p.name FROM person p JOIN account a ON a.person_id = p.id WHERE p.id = $1",
                  DB_PARAMS(person), &rows, e);
    if (rc == OK && rows->n_rows == 1) {
        out->login = xstrdup(db_cell(rows, 0, 0));
        out->name = xstrdup(db_cell(rows, 0, 1));
        out->person_id = person_id;
    } else if (rc == OK) {
        rc = err_set(e, ERR_INTERNAL, "session for a person without an account");
    }
    db_rows_free(rows);
    return rc;
}

err_code session_lookup(db *d, const char *token, const config *cfg, session_info *out, err *e)
{
    memset(out, 0, sizeof *out);
    if (strlen(token) != SESSION_TOKEN_HEX - 1) return err_set(e, ERR_UNAUTHENTICATED, "no valid session");
    char hash[SESSION_TOKEN_HEX];
    session_hash_token(token, hash);

    db_conn *c = db_acquire(d);
    db_rows *rows = NULL;
    err_code rc = db_query(c,
                           "SELECT s.person_id, s.csrf_token, s.last_seen_at, s.expires_at, a.login, p.name, p.active,"
                           " s.mfa_state"
                           " FROM session s JOIN person p ON p.id = s.person_id"
                           " JOIN account a ON a.person_id = s.person_id WHERE s.token_hash = $1",
                           DB_PARAMS(hash), &rows, e);
    if (rc != OK) goto cleanup;
    if (rows->n_rows != 1 || strcmp(db_cell(rows, 0, 6), "1") != 0) {
        rc = err_set(e, ERR_UNAUTHENTICATED, "no valid session");
        goto cleanup;
    }
    time_t now = time(NULL), last_seen, expires;
    if (!time_parse_canon(db_cell(rows, 0, 2), &last_seen) || !time_parse_canon(db_cell(rows, 0, 3), &expires) ||
        now >= expires || now - last_seen >= cfg->session_idle_s) {
        rc = err_set(e, ERR_UNAUTHENTICATED, "the session has expired");
        goto cleanup;
    }
    if (now - last_seen >= 60) {
        char now_text[TIME_CANON_LEN];
        time_canon(now, now_text);
        /* Best effort: a failure here must not turn a valid request away. */
        err ignored = ERR_INIT;
        db_query(c, "UPDATE session SET last_seen_at = $1 WHERE token_hash = $2", DB_PARAMS(now_text, hash), NULL,
                 &ignored);
        err_clear(&ignored);
    }
    out->person_id = atol(db_cell(rows, 0, 0));
    snprintf(out->csrf_token, sizeof out->csrf_token, "%s", db_cell(rows, 0, 1));
    snprintf(out->expires_at, sizeof out->expires_at, "%s", db_cell(rows, 0, 3));
    memcpy(out->token_hash, hash, sizeof hash);
    out->login = xstrdup(db_cell(rows, 0, 4));
    out->name = xstrdup(db_cell(rows, 0, 5));
    snprintf(out->mfa_state, sizeof out->mfa_state, "%s", db_cell(rows, 0, 7));
cleanup:
    db_rows_free(rows);
    db_release(c);
    return rc;
}

err_code session_end(db_conn *c, const char *token_hash, err *e)
{
    return db_query(c, "DELETE FROM session WHERE token_hash = $1", DB_PARAMS(token_hash), NULL, e);
}

err_code session_purge_expired(db *d, const config *cfg, long *removed, err *e)
{
    time_t now = time(NULL);
    char now_text[TIME_CANON_LEN], idle_cut[TIME_CANON_LEN];
    time_canon(now, now_text);
    time_canon(now - cfg->session_idle_s, idle_cut);
    db_conn *c = db_acquire(d);
    db_rows *rows = NULL;
    err_code rc = db_query(c,
                           "DELETE FROM session WHERE expires_at <= $1 OR last_seen_at <= $2 RETURNING token_hash",
                           DB_PARAMS(now_text, idle_cut), &rows, e);
    if (rc == OK) *removed = (long)rows->n_rows;
    db_rows_free(rows);
    db_release(c);
    return rc;
}
