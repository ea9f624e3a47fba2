/* token — API tokens (see token.h). */
#include "auth/token.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

static void token_hash(const char *token, char out[SESSION_TOKEN_HEX])
{
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, (const unsigned char *)token, strlen(token));
    sodium_bin2hex(out, SESSION_TOKEN_HEX, digest, sizeof digest);
}

err_code token_create(db_conn *c, const audit_actor *owner, const char *name, bool write, int days,
                      char token_out[TOKEN_TEXT_MAX], long *id_out, char expires_out[TIME_CANON_LEN], err *e)
{
    char random_hex[SESSION_TOKEN_HEX], hash[SESSION_TOKEN_HEX], now[TIME_CANON_LEN], person[24];
    session_random_hex(random_hex);
    snprintf(token_out, TOKEN_TEXT_MAX, "mamori_%s", random_hex);
    token_hash(token_out, hash);
    time_t t = time(NULL);
    time_canon(t, now);
    time_canon(t + (time_t)days * 86400, expires_out);
    snprintf(person, sizeof person, "%ld", owner->id);
    db_rows *rows = NULL;
    err_code rc = db_query(c,
                           "INSERT INTO api_token (person_id, name, token_hash, scope, created_at, expires_at)"
                           " VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                           DB_PARAMS(person, name, hash, write ? "write" : "read", now, expires_out), &rows, e);
    if (rc == OK) {
        *id_out = atol(db_cell(rows, 0, 0));
        json_t *detail = json_pack("{s:s, s:s, s:s}", "name", name, "scope", write ? "write" : "read", "expires_at",
                                   expires_out);
        rc = audit_append(c, owner, "token.create", "api_token", db_cell(rows, 0, 0), detail, e);
        json_decref(detail);
    }
    db_rows_free(rows);
    return rc;
}

err_code token_revoke(db_conn *c, const audit_actor *owner, long id, err *e)
{
    char idt[24], person[24], now[TIME_CANON_LEN];
    snprintf(idt, sizeof idt, "%ld", id);
    snprintf(person, sizeof person, "%ld", owner->id);
    time_now_canon(now);
    db_rows *rows = NULL;
    err_code rc = db_query(c,
                           "UPDATE api_token SET revoked_at = $1 WHERE id = CAST($2 AS BIGINT)"
                           " AND person_id = CAST($3 AS BIGINT) AND revoked_at IS NULL RETURNING name",
                           DB_PARAMS(now, idt, person), &rows, e);
    if (rc == OK && rows->n_rows != 1) rc = err_set(e, ERR_NOT_FOUND, "no such token of yours (or already revoked)");
    if (rc == OK) {
        json_t *detail = json_pack("{s:s}", "name", db_cell(rows, 0, 0));
        rc = audit_append(c, owner, "token.revoke", "api_token", idt, detail, e);
        json_decref(detail);
    }
    db_rows_free(rows);
    return rc;
}

err_code token_lookup(db *d, const char *token, session_info *out, bool *write, err *e)
{
    memset(out, 0, sizeof *out);
    if (strlen(token) != 7 + SESSION_TOKEN_HEX - 1 || strncmp(token, "mamori_", 7) != 0)
        return err_set(e, ERR_UNAUTHENTICATED, "not a valid API token");
    char hash[SESSION_TOKEN_HEX], now[TIME_CANON_LEN];
    token_hash(token, hash);
    time_now_canon(now);
    db_conn *c = db_acquire(d);
    db_rows *rows = NULL;
    err_code rc = db_query(c,
                           "SELECT t.id, t.person_id, t.scope, t.last_used_at, a.login, p.name FROM api_token t"
                           " JOIN person p ON p.id = t.person_id JOIN account a ON a.person_id = t.person_id"
                           " WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND t.expires_at > $2 AND p.active = 1",
                           DB_PARAMS(hash, now), &rows, e);
    if (rc == OK && rows->n_rows != 1) rc = err_set(e, ERR_UNAUTHENTICATED, "not a valid API token");
    if (rc == OK) {
        out->person_id = atol(db_cell(rows, 0, 1));
        out->login = xstrdup(db_cell(rows, 0, 4));
        out->name = xstrdup(db_cell(rows, 0, 5));
        *write = strcmp(db_cell(rows, 0, 2), "write") == 0;
        /* last_used_at at most once a minute, like a session's last_seen_at. */
        const char *last = db_cell(rows, 0, 3);
        time_t then = 0;
        if (!last || !time_parse_canon(last, &then) || time(NULL) - then >= 60) {
            err ignored = ERR_INIT;
            db_query(c, "UPDATE api_token SET last_used_at = $1 WHERE id = $2", DB_PARAMS(now, db_cell(rows, 0, 0)),
                     NULL, &ignored);
            err_clear(&ignored);
        }
    }
    db_rows_free(rows);
    db_release(c);
    return rc;
}
