/* token — API tokens for automation (a nightly script reading the ledger, a monitoring
 * probe). A person makes them for themselves, read-only or read-write, with an expiry;
 * the token ("mamori_" + 64 hex digits) is shown once and stored only as its SHA-256.
 * A request with "Authorization: Bearer <token>" acts as the person, audited as them;
 * a revoked or expired token, or one of a person who has left, is no token. */
#ifndef MAMORI_TOKEN_H
#define MAMORI_TOKEN_H
#include <stdbool.h>

#include "audit/audit.h"
#include "auth/session.h"
#include "core/err.h"
#include "db/db.h"

#define TOKEN_TEXT_MAX 72 /* "mamori_" + 64 + NUL */

/* Inside the caller's write transaction; the token text goes to token_out. */
err_code token_create(db_conn *c, const audit_actor *owner, const char *name, bool write, int days,
                      char token_out[TOKEN_TEXT_MAX], long *id_out, char expires_out[TIME_CANON_LEN], err *e);
/* Revokes one of owner's tokens; ERR_NOT_FOUND for anyone else's. */
err_code token_revoke(db_conn *c, const audit_actor *owner, long id, err *e);
/* The person a bearer token acts as (out->csrf_token is empty); *write says whether it
 * may change things. ERR_UNAUTHENTICATED for anything else. */
err_code token_lookup(db *d, const char *token, session_info *out, bool *write, err *e);

#endif
