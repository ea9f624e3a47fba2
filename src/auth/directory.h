/* directory — login against an LDAP or Active Directory server (libldap).
 *
 * Optional per deployment: with no directory_url the feature is off and nothing here
 * runs. With one, a person whose account is linked to a directory account
 * (directory_link.h) proves their password by a simple bind as that account, always
 * over TLS (ldaps://, or ldap:// with StartTLS; a plain-text bind is refused when the
 * settings are read), with the server's certificate checked (directory_ca_file, else
 * the system's trust store) and its name matched against the URL's host.
 *
 * The bind identity comes from the directory_bind template and the linked name: a DN
 * template ("uid=%s,ou=people,dc=example,dc=jp", the name escaped per RFC 4514) or an
 * Active Directory UPN template ("%s@example.local") or down-level one ("EXAMPLE\%s").
 * Names are further limited to characters that cannot mean anything in a DN, a filter
 * or a UPN (A-Z a-z 0-9 . - _), so no name can reach another entry.
 *
 * Enumeration resistance (DESIGN §6, extended): every login attempt costs exactly one
 * argon2id verification, as before; with a directory configured, every refused attempt
 * also costs exactly one bind — the linked person's own, or for everyone else (unknown
 * login, local account with a wrong password, inactive, locked, address-limited) a
 * bind as a random name nobody has with a random password. The answer follows the
 * bind: 401 when the directory answered, 503 when it did not (unreachable, timed out,
 * certificate not trusted) — for every refused login alike, so neither the answer nor
 * its timing says which logins exist or which are linked, even during an outage.
 * A local account with the right password logs in without a bind, so the operator's
 * local CISO account keeps working while the directory is down. */
#ifndef MAMORI_DIRECTORY_H
#define MAMORI_DIRECTORY_H
#include <stdbool.h>

#include "core/config.h"
#include "core/err.h"

/* The longest directory name a person can be linked to. */
#define DIRECTORY_NAME_MAX 64

typedef enum directory_result {
    DIRECTORY_ACCEPTED,    /* the password is right (the bind succeeded, or the local hash matched) */
    DIRECTORY_REFUSED,     /* the password is wrong, or the attempt was refused before asking */
    DIRECTORY_UNAVAILABLE  /* the directory gave no trustworthy answer: the login cannot be checked */
} directory_result;

/* True when a directory is configured (directory_url is set). */
bool directory_enabled(const config *cfg);

/* Checks the directory settings together; OK when none is set (the feature is off).
 * ERR_VALIDATION names the setting and says what to change. */
err_code directory_check_config(const config *cfg, err *e);

/* For serve, once, before threads start: checks the settings (as above) and sets the
 * number of binds that may wait on the directory at once (hash_concurrency). */
err_code directory_init(const config *cfg, err *e);

/* NULL when name can be a directory account name, else a static reason. */
const char *directory_name_check(const char *name);

/* NULL when template is a usable directory_bind, else a static reason. */
const char *directory_template_check(const char *template_text);

/* value escaped as an RFC 4514 attribute value (specials, '=', a leading '#' or space, a
 * trailing space and control bytes). Caller frees. */
char *directory_dn_escape(const char *value);

/* The bind identity of name under template: the name in place of %s, escaped when the
 * template is a DN. NULL when the name or the template is refused. Caller frees. */
char *directory_bind_identity(const char *template_text, const char *name);

/* One simple bind as name with password, on a connection of its own, within
 * directory_timeout. An empty password is refused without contacting the directory
 * (an empty simple bind is an unauthenticated bind, which some servers accept).
 * *why (caller frees) says what went wrong, except for a plain wrong password (NULL). */
directory_result directory_bind(const config *cfg, const char *name, const char *password, char **why);

/* The secret check of one login attempt, for account_login. hash: the account's stored
 * hash, and directory_name: its link (or NULL), both only when the attempt may succeed
 * (an existing, active, unlocked account from an address under its limit); NULL for
 * every other attempt. Does the work described at the top of this file and logs what
 * an operator should see (an outage, a refusal other than a wrong password). */
directory_result directory_login_check(const config *cfg, const char *hash, const char *directory_name,
                                       const char *password);

#endif
