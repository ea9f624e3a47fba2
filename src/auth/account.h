/* account — a person's login and the login procedure.
 * Unknown login, wrong password (and, with the people issue, a locked account) give the
 * same answer after the same work: one argon2id verification either way. */
#ifndef MAMORI_ACCOUNT_H
#define MAMORI_ACCOUNT_H
#include "audit/audit.h"
#include "auth/session.h"
#include "core/config.h"
#include "core/err.h"
#include "db/db.h"

/* Creates the account of person_id with an already-checked password, inside the
 * caller's write transaction; audited as account.create (never with the password). */
err_code account_create(db_conn *c, const audit_actor *actor, long person_id, const char *login,
                        const char *password, err *e);

/* Checks login and password and opens a session. ERR_INVALID_CREDENTIALS for every
 * refusal; success and failure are audit events. The argon2id work is done outside any
 * transaction so a slow hash never holds the store's write lock; so is the bind that
 * checks a linked account's password (directory.h), and ERR_UNAVAILABLE, for every
 * refusal alike, when a configured directory did not answer. */
err_code account_login(db *d, const config *cfg, const char *login, const char *password, const char *ip,
                       char token_out[SESSION_TOKEN_HEX], session_info *out, err *e);

struct mfa_key;
/* The login's second step: a TOTP code (or, instead, a recovery code) for a session that
 * owes one. On success the pending session ends and a new one, in state "passed",
 * replaces it (token_out, out); audited as login.mfa. A wrong code counts towards the
 * lock like a wrong password: ERR_INVALID_CREDENTIALS. ERR_CONFLICT when nothing is owed. */
err_code account_second_factor(db *d, const config *cfg, const struct mfa_key *key, const session_info *pending,
                               const char *code, const char *recovery_code, const char *ip,
                               char token_out[SESSION_TOKEN_HEX], session_info *out, err *e);
/* A person changes their own password: the current one must be right (a wrong one counts
 * towards the lock), the new one must meet the policy (ERR_VALIDATION naming
 * current_password / new_password); the person's other sessions end. Audited as
 * account.password_change. */
err_code account_change_password(db *d, const config *cfg, const session_info *s, const char *current,
                                 const char *next, const char *ip, err *e);

/* Ends the session of token_hash, audited as logout. */
err_code account_logout(db *d, const session_info *s, const char *ip, err *e);


/* Sets a new password (checked against the policy) and ends the person's sessions,
 * inside the caller's write transaction; audited as account.password_reset. */
err_code account_reset_password(db_conn *c, const audit_actor *actor, const char *login, const char *password,
                                err *e);
/* Lifts a lock; audited as account.unlock. ERR_NOT_FOUND for an unknown login. */
err_code account_unlock(db_conn *c, const audit_actor *actor, const char *login, err *e);
/* Deactivates the person of a login: the record, pledges and history stay (第4条2), the
 * login stops working at once (sessions end); audited as person.deactivate. */
err_code account_deactivate_person(db_conn *c, const audit_actor *actor, const char *login, err *e);

#endif
