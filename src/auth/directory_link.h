/* directory_link — which mamori account logs in with which directory account.
 *
 * An account holds at most one directory name (account.directory_name, lower case,
 * unique: one directory account opens one mamori account). A linked account has no
 * local password: its password_hash is DIRECTORY_NO_LOCAL_PASSWORD, which no password
 * matches, and its password is checked by a bind (directory.h). So mamori neither
 * resets nor changes a linked person's password: that is the directory's, changed
 * there. Linking and unlinking end the person's sessions and are audit events. */
#ifndef MAMORI_DIRECTORY_LINK_H
#define MAMORI_DIRECTORY_LINK_H
#include "audit/audit.h"
#include "core/err.h"
#include "db/db.h"

/* No argon2id string begins with '!': an account without a local password. */
#define DIRECTORY_NO_LOCAL_PASSWORD "!directory"

/* Creates person_id's account, linked to the directory account name and with no local
 * password, inside the caller's write transaction; audited as account.create. */
err_code directory_link_create_account(db_conn *c, const audit_actor *actor, long person_id, const char *login,
                                       const char *name, err *e);

/* Links login's account to the directory account name (replacing any local password
 * and any earlier link); audited as account.directory_link. */
err_code directory_link_set(db_conn *c, const audit_actor *actor, const char *login, const char *name, err *e);

/* Ends the link of login's account; the account then has no password at all until
 * an operator sets one (mamori user reset-password). Audited as account.directory_unlink. */
err_code directory_link_clear(db_conn *c, const audit_actor *actor, const char *login, err *e);

/* ERR_CONFLICT when login's account is linked: its password is not mamori's to set. */
err_code directory_link_refuse_local_password(db_conn *c, const char *login, err *e);

#endif
