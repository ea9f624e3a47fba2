/* session — login sessions stored in the database (so several servers share them).
 * The token is 256 random bits, handed to the browser in an HttpOnly cookie and stored
 * only as its SHA-256. A session ends at an absolute expiry or after an idle period;
 * last_seen_at is written at most once a minute, not on every request. */
#ifndef MAMORI_SESSION_H
#define MAMORI_SESSION_H
#include <stdbool.h>

#include "core/config.h"
#include "core/err.h"
#include "core/timeutil.h"
#include "db/db.h"

#define SESSION_TOKEN_HEX 65

typedef struct session_info {
    long person_id;
    char *login;      /* owned */
    char *name;       /* owned */
    char csrf_token[SESSION_TOKEN_HEX];
    char token_hash[SESSION_TOKEN_HEX];
    char expires_at[TIME_CANON_LEN];
    char mfa_state[8];  /* "none" (not needed), "pending" (code owed) or "passed" */
} session_info;

/* True when the session still owes its second factor: every route but the few that
 * finish the login refuses it. */
bool session_mfa_pending(const session_info *s);

void session_info_free(session_info *s);
/* Creates a session for person_id inside the caller's write transaction, in mfa_state
 * ("none", "pending" or "passed"). The token for the cookie goes to token_out; out
 * describes the new session. */
err_code session_create(db_conn *c, long person_id, const char *ip, const config *cfg, const char *mfa_state,
                        char token_out[SESSION_TOKEN_HEX], session_info *out, err *e);
/* Finds the live session of a cookie token; ERR_UNAUTHENTICATED when there is none,
 * it has expired, or its person is no longer active. */
err_code session_lookup(db *d, const char *token, const config *cfg, session_info *out, err *e);
/* Ends a session inside the caller's write transaction. */
err_code session_end(db_conn *c, const char *token_hash, err *e);
/* Deletes sessions past their expiry; *removed counts them. */
err_code session_purge_expired(db *d, const config *cfg, long *removed, err *e);
/* A fresh random token in hex (for CSRF tokens and similar). */
void session_random_hex(char out[SESSION_TOKEN_HEX]);
/* Constant-time comparison of two tokens. */
bool session_token_equal(const char *a, const char *b);

#endif
