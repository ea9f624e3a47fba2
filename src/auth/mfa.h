/* mfa — the second factor: TOTP codes (RFC 6238, via liboath) and one-time recovery
 * codes.
 *
 * The TOTP secret is encrypted (XChaCha20-Poly1305, bound to the person's id) with a key
 * kept in a file of the configuration folder, never in the store, so a copy of the
 * database alone yields no second factor. Recovery codes are stored as a keyed BLAKE2b
 * of the code under the same key, for the same reason. A TOTP code is accepted once:
 * the credential remembers the last time step used, and an older or equal step is
 * refused (RFC 6238 §5.2). Every function that writes runs inside the caller's write
 * transaction and appends its audit event there. */
#ifndef MAMORI_MFA_H
#define MAMORI_MFA_H
#include <stdbool.h>
#include <time.h>

#include "audit/audit.h"
#include "core/config.h"
#include "core/err.h"
#include "db/db.h"

#define MFA_KEY_BYTES 32
#define MFA_RECOVERY_CODES 10

typedef struct mfa_key {
    unsigned char bytes[MFA_KEY_BYTES];
} mfa_key;

/* Loads the key of config_mfa_key_file(cfg). When the file does not exist it is made
 * (mode 0600) — unless the store already holds TOTP secrets, which a new key could not
 * read: that is an error naming the file. *created says whether it was made. */
err_code mfa_key_open(const config *cfg, db *d, mfa_key *out, bool *created, err *e);
void mfa_key_wipe(mfa_key *k);
/* Checks that every role named in mfa_required_roles exists (a typo would quietly
 * require nothing). */
err_code mfa_check_settings(db *d, const config *cfg, err *e);

/* What a person owes and has: required by a role named in mfa_required_roles (held now
 * or from a later date), enrolled (a confirmed credential), an enrolment started but not
 * confirmed, and how many recovery codes are left. */
typedef struct mfa_status {
    bool required;
    bool enrolled;
    bool enrolling;
    int recovery_left;
} mfa_status;
err_code mfa_status_get(db_conn *c, const config *cfg, long person_id, mfa_status *out, err *e);

/* Starts (or restarts) an enrolment for who->id: a new random secret, stored encrypted
 * and unconfirmed. ERR_CONFLICT when a confirmed credential exists. *secret_out (base32,
 * caller frees) is for the person's authenticator app. Audited as mfa.enrol_start. */
err_code mfa_enrol_start(db_conn *c, const mfa_key *k, const audit_actor *who, char **secret_out, err *e);
/* The base32 secret of person_id's unconfirmed enrolment (for its QR code); ERR_NOT_FOUND
 * when there is none. Caller frees. */
err_code mfa_enrolling_secret(db_conn *c, const mfa_key *k, long person_id, char **secret_out, err *e);
/* Confirms the enrolment with a current code and issues MFA_RECOVERY_CODES recovery
 * codes into codes_out (each caller-freed, shown once). ERR_VALIDATION (field "code")
 * for a wrong code, ERR_NOT_FOUND without an enrolment. Audited as mfa.enrol. */
err_code mfa_enrol_confirm(db_conn *c, const mfa_key *k, const audit_actor *who, const char *code, time_t now,
                           char *codes_out[MFA_RECOVERY_CODES], err *e);
/* Enrols person_id at once with a fresh secret, confirmed (for the demo and for the
 * first CISO made by init, whose secret is printed on the terminal). No recovery codes. */
err_code mfa_enrol_direct(db_conn *c, const mfa_key *k, const audit_actor *who, long person_id, char **secret_out,
                          err *e);

/* Checks a TOTP code of person_id's confirmed credential (one step of clock drift either
 * way) and spends its time step. ERR_INVALID_CREDENTIALS for a wrong, malformed or
 * already used code, or no credential. */
err_code mfa_check_code(db_conn *c, const mfa_key *k, long person_id, const char *code, time_t now, err *e);
/* Spends one of person_id's recovery codes (spaces and dashes ignored, any case).
 * ERR_INVALID_CREDENTIALS when it is not an unused code of theirs. */
err_code mfa_use_recovery_code(db_conn *c, const mfa_key *k, long person_id, const char *code, err *e);
/* Replaces who->id's recovery codes with MFA_RECOVERY_CODES new ones (caller frees each).
 * Audited as mfa.recovery_codes. */
err_code mfa_recovery_regenerate(db_conn *c, const mfa_key *k, const audit_actor *who,
                                 char *codes_out[MFA_RECOVERY_CODES], err *e);
/* Removes person_id's credential and recovery codes; ERR_NOT_FOUND when there is none.
 * Audited as mfa.disable (by the person) or mfa.reset (by someone else). */
err_code mfa_remove(db_conn *c, const audit_actor *who, long person_id, err *e);

/* Marks person_id's sessions that owe nothing ("none") as owing a second factor
 * ("pending"): for a role that requires one, granted while they are logged in. */
err_code mfa_require_now(db_conn *c, long person_id, err *e);
/* The issuer an authenticator app shows beside the code: "mamori" and the union's
 * name (someone may have a demo and a real mamori). Caller frees. */
char *mfa_issuer(db_conn *c);
/* The otpauth:// URI authenticator apps read from a QR code. Caller frees. */
char *mfa_otpauth_uri(const char *issuer, const char *login, const char *secret);
/* The current 6-digit code of a base32 secret at time now (demo and tests). */
err_code mfa_totp_now(const char *secret, time_t now, char out[7], err *e);
/* Frees the codes of mfa_enrol_confirm / mfa_recovery_regenerate. */
void mfa_codes_free(char *codes[MFA_RECOVERY_CODES]);

#endif
