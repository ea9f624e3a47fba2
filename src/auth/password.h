/* password — argon2id hashing through libsodium, with bounded concurrency.
 * Hashing costs tens of milliseconds and 64 MiB; at most `concurrency` run at once so a
 * burst of logins cannot exhaust memory, while the server's other threads keep answering.
 * A login for an unknown account verifies against a dummy hash, so it costs the same
 * as a wrong password and the two cannot be told apart by timing. */
#ifndef MAMORI_PASSWORD_H
#define MAMORI_PASSWORD_H
#include <stdbool.h>
#include <sodium.h>

#include "core/err.h"

#define PASSWORD_HASH_MAX crypto_pwhash_STRBYTES

/* Once per process, before threads start. */
err_code password_init(int concurrency, err *e);
/* Hashes pw into out (an argon2id encoded string). */
err_code password_hash(const char *pw, char out[PASSWORD_HASH_MAX], err *e);
/* True when pw matches the encoded hash. */
bool password_verify(const char *encoded, const char *pw);
/* Does the work of a verification against a hash nobody knows the password of;
 * always false. */
bool password_verify_dummy(const char *pw);
/* How many argon2id verifications this process has run (tests use it to prove the
 * unknown-login path does the same work). */
unsigned long password_verify_count(void);
/* The password policy: NULL when acceptable, else a static reason. */
const char *password_policy_check(const char *pw, const char *login);

#endif
