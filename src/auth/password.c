/* password — argon2id with a concurrency cap and a dummy hash (see password.h). */
#include "auth/password.h"

#include <pthread.h>
#include <semaphore.h>
#include <stdatomic.h>
#include <string.h>

/* Process-wide by nature: libsodium's state and the cap on concurrent hashes are
 * shared by all threads. Set once by password_init before threads start; the semaphore
 * and the counter are themselves thread-safe. */
static sem_t password_slots;
static bool password_ready;
static char password_dummy[PASSWORD_HASH_MAX];
static atomic_ulong password_verifications;

err_code password_init(int concurrency, err *e)
{
    if (password_ready) return OK;
    if (sodium_init() < 0) return err_set(e, ERR_INTERNAL, "libsodium failed to initialise");
    if (sem_init(&password_slots, 0, (unsigned)(concurrency > 0 ? concurrency : 1)) != 0)
        return err_set(e, ERR_INTERNAL, "cannot create the hashing semaphore");
    char random_pw[33];
    unsigned char raw[16];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2hex(random_pw, sizeof random_pw, raw, sizeof raw);
    password_ready = true;
    return password_hash(random_pw, password_dummy, e);
}

err_code password_hash(const char *pw, char out[PASSWORD_HASH_MAX], err *e)
{
    sem_wait(&password_slots);
    int rc = crypto_pwhash_str(out, pw, strlen(pw), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                               crypto_pwhash_MEMLIMIT_INTERACTIVE);
    sem_post(&password_slots);
    if (rc != 0) return err_set(e, ERR_INTERNAL, "password hashing failed (out of memory?)");
    return OK;
}

bool password_verify(const char *encoded, const char *pw)
{
    sem_wait(&password_slots);
    int rc = crypto_pwhash_str_verify(encoded, pw, strlen(pw));
    sem_post(&password_slots);
    atomic_fetch_add(&password_verifications, 1);
    return rc == 0;
}

bool password_verify_dummy(const char *pw)
{
    password_verify(password_dummy, pw);
    return false;
}

unsigned long password_verify_count(void)
{
    return atomic_load(&password_verifications);
}

const char *password_policy_check(const char *pw, const char *login)
{
    /* Length in characters, not bytes: a Japanese passphrase counts what the user typed. */
    size_t chars = 0;
    for (const unsigned char *p = (const unsigned char *)pw; *p; p++)
        if ((*p & 0xC0) != 0x80) chars++;
    if (chars < 12) return "at least 12 characters are required";
    if (login && strcmp(pw, login) == 0) return "the password must not be the login";
    return NULL;
}
